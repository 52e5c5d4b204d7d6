import { PersonQuery } from '../../src/directory/personQuery';
import { PeopleResolver } from '../../src/directory/peopleResolver';
import { GraphFaultError, PermissionMissingError, ThrottledError, UnknownRequesterError } from '../../src/errors';
import { FakeGraph, graphUser, ok, status } from '../support/fakeGraph';

const HOME = 'home-tenant';
const ME = graphUser('me', 'Alex Wilber');
const MEGAN = graphUser('m1', 'Megan Bowen');
const MEGAN_B = graphUser('m2', 'Megan Brooks');
const noSleep = async (): Promise<void> => undefined;
const policy = { maxRetries: 2, budgetMs: 10_000, baseDelayMs: 1 };

function directory(request: { url: string }) {
  if (request.url.startsWith('/groups')) return ok({ value: [] });
  if (request.url.startsWith('/users/me?')) return ok(ME);
  if (request.url.startsWith('/users/m1?')) return ok(MEGAN);
  if (request.url.startsWith('/users/')) return status(404);
  if (request.url.includes('Megan')) return ok({ value: [MEGAN_B, MEGAN] });
  if (request.url.includes('meganb')) return ok({ value: [MEGAN] });
  return ok({ value: [] });
}

const resolverFor = (graph: FakeGraph) => new PeopleResolver({ graph, homeTenantId: HOME, retryPolicy: policy, sleep: noSleep });
const noMembers = async () => undefined;

describe('PeopleResolver', () => {
  it('looks everyone up in a single batch, the requester included', async () => {
    const graph = new FakeGraph(directory);
    const queries: PersonQuery[] = [
      { kind: 'name', name: 'Megan Bowen', text: 'Megan Bowen' },
      { kind: 'address', address: 'meganb@example.com', text: 'meganb@example.com' },
      { kind: 'objectId', id: 'm1', text: 'm1' },
      { kind: 'federated', id: 'f1', tenantId: 'other', text: 'f1@other' },
    ];
    const result = await resolverFor(graph).resolve({ requesterId: 'ME', queries, lookupMember: noMembers });
    expect(graph.batches).toHaveLength(1);
    // The name and the address may also be groups: one more step asks for both.
    expect(graph.batches[0]!.map((request) => request.id)).toEqual(['requester', 'q0', 'q1', 'q2', 'g0']);
    expect(result.requester.id).toBe('me');
    expect(result.problems).toEqual([]);
    // Megan named three ways is one participant; the federated person is never looked up.
    expect(result.participants).toEqual([
      { kind: 'directory', user: expect.objectContaining({ id: 'm1', displayName: 'Megan Bowen' }) },
      { kind: 'federated', id: 'f1', tenantId: 'other', label: 'f1@other' },
    ]);
  });

  it('uses more batches of at most 20 when many people are named', async () => {
    const queries: PersonQuery[] = Array.from({ length: 45 }, (_, i) => ({ kind: 'name', name: `Person ${i}`, text: `Person ${i}` }));
    const graph = new FakeGraph((request) => (request.id === 'requester' ? ok(ME) : ok({ value: [] })));
    const result = await resolverFor(graph).resolve({ requesterId: 'me', queries, lookupMember: noMembers });
    // 45 people, the requester, and a group look-up for every 5 names: 55 steps.
    expect(graph.batches.map((batch) => batch.length)).toEqual([20, 20, 15]);
    expect(result.problems).toHaveLength(45);
  });

  it('reports not found, ambiguous with candidates, and disabled', async () => {
    const disabled = graphUser('d1', 'Diego Siciliani', { accountEnabled: false });
    const graph = new FakeGraph((request) =>
      request.url.includes('diego') ? ok({ value: [disabled] }) : directory(request),
    );
    const result = await resolverFor(graph).resolve({
      requesterId: 'me',
      lookupMember: noMembers,
      queries: [
        { kind: 'name', name: 'Megan', text: 'Megan' },
        { kind: 'objectId', id: 'gone', text: 'gone' },
        { kind: 'address', address: 'diego@contoso.com', text: 'diego@contoso.com' },
      ],
    });
    expect(result.participants).toEqual([]);
    expect(result.problems).toEqual([
      {
        reason: 'ambiguous',
        query: 'Megan',
        candidates: [
          { id: 'm1', displayName: 'Megan Bowen', address: 'meganbowen@contoso.com' },
          { id: 'm2', displayName: 'Megan Brooks', address: 'meganbrooks@contoso.com' },
        ],
      },
      { reason: 'notFound', query: 'gone' },
      { reason: 'disabled', query: 'diego@contoso.com', displayName: 'Diego Siciliani' },
    ]);
  });

  it('resolves mentions through the member look-up, federated when from another tenant', async () => {
    const graph = new FakeGraph(directory);
    const members: Record<string, { aadObjectId?: string; tenantId?: string }> = {
      '29:megan': { aadObjectId: 'M1', tenantId: HOME },
      '29:fed': { aadObjectId: 'f9', tenantId: 'elsewhere' },
    };
    const result = await resolverFor(graph).resolve({
      requesterId: 'me',
      lookupMember: async (id) => members[id],
      queries: [
        { kind: 'mention', memberId: '29:megan', name: 'Megan Bowen', text: 'Megan Bowen' },
        { kind: 'mention', memberId: '29:fed', name: 'Fed', text: 'Fed' },
        { kind: 'mention', memberId: '29:tag', name: 'Sales', text: 'Sales' },
      ],
    });
    expect(result.participants.map((participant) => (participant.kind === 'directory' ? participant.user.id : `${participant.id}@${participant.tenantId}`))).toEqual([
      'm1',
      'f9@elsewhere',
    ]);
    expect(result.problems).toEqual([{ reason: 'notAUser', query: 'Sales' }]);
  });

  it('notices the requester naming themself', async () => {
    const result = await resolverFor(new FakeGraph(directory)).resolve({ requesterId: 'me', lookupMember: noMembers, queries: [{ kind: 'objectId', id: 'me', text: 'me' }] });
    expect(result.namedSelf).toBe(true);
    expect(result.participants).toEqual([]);
  });

  it('retries throttled look-ups alone and then succeeds', async () => {
    const graph = new FakeGraph((request, attempt) => (request.id === 'q0' && attempt === 1 ? status(429, { 'retry-after': '1' }) : directory(request)));
    const result = await resolverFor(graph).resolve({ requesterId: 'me', lookupMember: noMembers, queries: [{ kind: 'objectId', id: 'm1', text: 'm1' }] });
    expect(graph.batches.map((batch) => batch.map((request) => request.id))).toEqual([['requester', 'q0'], ['q0']]);
    expect(result.participants).toHaveLength(1);
  });

  it('gives up on endless throttling with a ThrottledError', async () => {
    const graph = new FakeGraph((request) => (request.id === 'q0' ? status(429) : directory(request)));
    await expect(resolverFor(graph).resolve({ requesterId: 'me', lookupMember: noMembers, queries: [{ kind: 'objectId', id: 'm1', text: 'm1' }] })).rejects.toBeInstanceOf(
      ThrottledError,
    );
    expect(graph.batches).toHaveLength(3);
  });

  it('maps a 403 to the missing permission and other failures to faults', async () => {
    const forbidden = new FakeGraph((request) => (request.id === 'q0' ? status(403) : directory(request)));
    const error: unknown = await resolverFor(forbidden)
      .resolve({ requesterId: 'me', lookupMember: noMembers, queries: [{ kind: 'name', name: 'x', text: 'x' }] })
      .catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(PermissionMissingError);
    expect((error as PermissionMissingError).permission).toBe('User.Read.All');
    await expect(
      resolverFor(new FakeGraph((request) => (request.id === 'q0' ? status(500) : directory(request)))).resolve({
        requesterId: 'me',
        lookupMember: noMembers,
        queries: [{ kind: 'name', name: 'x', text: 'x' }],
      }),
    ).rejects.toBeInstanceOf(GraphFaultError);
  });

  it('refuses a requester who is not in the directory', async () => {
    const graph = new FakeGraph((request) => (request.id === 'requester' ? status(404) : directory(request)));
    await expect(resolverFor(graph).resolve({ requesterId: 'stranger', lookupMember: noMembers, queries: [{ kind: 'objectId', id: 'm1', text: 'm1' }] })).rejects.toBeInstanceOf(
      UnknownRequesterError,
    );
  });
});
