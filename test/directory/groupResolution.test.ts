import { PeopleResolver } from '../../src/directory/peopleResolver';
import { PersonQuery } from '../../src/directory/personQuery';
import { GroupTooLargeError, PermissionMissingError } from '../../src/errors';
import { GraphSubRequest } from '../../src/graph/graphTypes';
import { FakeGraph, graphUser, ok, status } from '../support/fakeGraph';

const ME = graphUser('me', 'Alex Wilber');
const MEGAN = graphUser('m1', 'Megan Bowen');
const ADELE = graphUser('a1', 'Adele Vance');
const DIEGO = graphUser('d1', 'Diego Siciliani', { accountEnabled: false });
const GUEST = graphUser('g1', 'Pat Kim', { userType: 'Guest' });
const LAUNCH = { id: 'grp-launch', displayName: 'Launch Team', mail: 'launch@contoso.com', proxyAddresses: ['SMTP:launch@contoso.com'], groupTypes: [], mailEnabled: true, securityEnabled: false, visibility: null };
const DESIGN = { id: 'grp-design', displayName: 'Design', mail: 'design@contoso.com', proxyAddresses: [], groupTypes: ['Unified'], mailEnabled: true, securityEnabled: false, visibility: 'Private' };
const HIDDEN = { id: 'grp-hidden', displayName: 'Leadership', mail: 'leaders@contoso.com', proxyAddresses: [], groupTypes: ['Unified'], mailEnabled: true, securityEnabled: false, visibility: 'HiddenMembership' };
const EMPTY = { id: 'grp-empty', displayName: 'Retired', mail: 'retired@contoso.com', proxyAddresses: [], groupTypes: ['Unified'], mailEnabled: true, securityEnabled: false, visibility: 'Private' };
const GROUPS = [LAUNCH, DESIGN, HIDDEN, EMPTY];

const decoded = (request: GraphSubRequest): string => decodeURIComponent(request.url);
const address = (text: string): PersonQuery => ({ kind: 'address', address: text, text });
const name = (text: string): PersonQuery => ({ kind: 'name', name: text, text });

/** A small directory: users by id, address and name; groups by the combined filter; members by group. */
function tenant(members: Record<string, (request: GraphSubRequest) => ReturnType<typeof ok>> = {}) {
  return (request: GraphSubRequest) => {
    const url = decoded(request);
    if (url.startsWith('/users/me?')) return ok(ME);
    if (url.startsWith('/groups?')) {
      // Entra compares strings without regard to case.
      const lower = url.toLowerCase();
      return ok({ value: GROUPS.filter((group) => lower.includes(`'${group.mail}'`) || lower.includes(`'${group.displayName.toLowerCase()}'`)) });
    }
    const listing = /^\/groups\/([^/]+)\/transitiveMembers\/microsoft\.graph\.user\?/.exec(url);
    if (listing) return (members[listing[1]!] ?? (() => ok({ '@odata.count': 0, value: [] })))(request);
    if (url.startsWith('/users?') && url.includes("'Design'")) return ok({ value: [graphUser('room', 'Design Studio')] });
    if (url.startsWith('/users?') && url.includes('meganb')) return ok({ value: [MEGAN] });
    if (url.startsWith('/users?')) return ok({ value: [] });
    return status(404);
  };
}

const launchMembers = () => ok({ '@odata.count': 5, value: [MEGAN, ADELE, DIEGO, GUEST, ME] });
const resolverFor = (graph: FakeGraph) => new PeopleResolver({ graph, homeTenantId: 'home', sleep: async () => undefined, retryPolicy: { maxRetries: 1, budgetMs: 1000, baseDelayMs: 1 } });
const resolve = (graph: FakeGraph, queries: PersonQuery[], maxPeople?: number) =>
  resolverFor(graph).resolve({ requesterId: 'me', queries, lookupMember: async () => undefined, ...(maxPeople ? { maxPeople } : {}) });

describe('groups as people queries', () => {
  it('takes a group by its address: its users, disabled ones left out, the requester and duplicates merged', async () => {
    const graph = new FakeGraph(tenant({ 'grp-launch': launchMembers }));
    const result = await resolve(graph, [address('launch@contoso.com'), address('meganb@example.com')]);
    expect(result.problems).toEqual([]);
    expect(result.participants.map((participant) => (participant.kind === 'directory' ? participant.user.displayName : '?'))).toEqual(['Megan Bowen', 'Adele Vance', 'Pat Kim']);
    expect(result.groups).toEqual([{ group: expect.objectContaining({ id: 'grp-launch', kind: 'distribution' }), query: 'launch@contoso.com', memberCount: 4, leftOut: ['Diego Siciliani'] }]);
    // Being in the group is not naming oneself.
    expect(result.namedSelf).toBe(false);
    // People and groups in one batch, then the members with the advanced-query header.
    expect(graph.batches).toHaveLength(2);
    expect(graph.batches[0]!.map((request) => request.id)).toEqual(['requester', 'q0', 'q1', 'g0']);
    expect(graph.batches[1]).toEqual([
      expect.objectContaining({ url: expect.stringMatching(/^\/groups\/grp-launch\/transitiveMembers\/microsoft\.graph\.user\?\$count=true&/), headers: { ConsistencyLevel: 'eventual' } }),
    ]);
  });

  it('takes a group by its display name, with or without "the … team"', async () => {
    for (const typed of ['the Launch team', 'Launch Team', 'launch team']) {
      const graph = new FakeGraph(tenant({ 'grp-launch': launchMembers }));
      const result = await resolve(graph, [name(typed)]);
      expect(result.groups.map((use) => use.group.id)).toEqual(['grp-launch']);
      expect(result.participants).toHaveLength(3);
    }
  });

  it('asks when a name is both a group and a person', async () => {
    const graph = new FakeGraph(tenant());
    const result = await resolve(graph, [name('Design')]);
    expect(result.problems).toEqual([
      {
        reason: 'ambiguous',
        query: 'Design',
        candidates: [
          expect.objectContaining({ id: 'room', displayName: 'Design Studio' }),
          { id: 'grp-design', displayName: 'Design', address: 'design@contoso.com', jobTitle: 'Microsoft 365 group', kind: 'group' },
        ],
      },
    ]);
    // Nothing is read until the person has chosen.
    expect(graph.batches).toHaveLength(1);
  });

  it('reads a group picked on a card by its id', async () => {
    const graph = new FakeGraph((request) => (decoded(request).startsWith('/groups/grp-launch?') ? ok(LAUNCH) : tenant({ 'grp-launch': launchMembers })(request)));
    const result = await resolve(graph, [{ kind: 'group', id: 'grp-launch', text: 'Launch' }]);
    expect(result.groups.map((use) => use.group.displayName)).toEqual(['Launch Team']);
  });

  it('follows @odata.nextLink, as a relative batch step, until the last page', async () => {
    const graph = new FakeGraph(tenant({
      'grp-launch': (request) =>
        request.url.includes('skiptoken')
          ? ok({ '@odata.count': 3, value: [ADELE] })
          : ok({ '@odata.count': 3, value: [MEGAN, GUEST], '@odata.nextLink': 'https://graph.microsoft.com/v1.0/groups/grp-launch/transitiveMembers/microsoft.graph.user?$count=true&$skiptoken=abc' }),
    }));
    const result = await resolve(graph, [address('launch@contoso.com')]);
    expect(result.groups[0]!.memberCount).toBe(3);
    expect(graph.batches[2]!.map((request) => request.url)).toEqual(['/groups/grp-launch/transitiveMembers/microsoft.graph.user?$count=true&$skiptoken=abc']);
  });

  it('reads several groups side by side, in one batch', async () => {
    const graph = new FakeGraph(tenant({ 'grp-launch': launchMembers, 'grp-design': () => ok({ '@odata.count': 1, value: [ADELE] }) }));
    const result = await resolve(graph, [address('launch@contoso.com'), address('design@contoso.com')]);
    expect(graph.batches).toHaveLength(2);
    expect(graph.batches[1]!).toHaveLength(2);
    expect(result.participants).toHaveLength(3);
  });

  it('refuses a group larger than a chat from its count, without reading further pages', async () => {
    const graph = new FakeGraph(tenant({ 'grp-launch': () => ok({ '@odata.count': 300, value: [MEGAN], '@odata.nextLink': 'https://graph.microsoft.com/v1.0/groups/x?$skiptoken=1' }) }));
    const refusal = resolve(graph, [address('launch@contoso.com')], 200);
    await expect(refusal).rejects.toEqual(expect.objectContaining({ groupName: 'Launch Team', count: 300, limit: 200 }));
    await expect(refusal).rejects.toBeInstanceOf(GroupTooLargeError);
    expect(graph.batches).toHaveLength(2);
  });

  it('says a hidden membership is hidden, and an empty group is empty', async () => {
    const graph = new FakeGraph(tenant({ 'grp-hidden': () => status(403), 'grp-empty': () => ok({ '@odata.count': 1, value: [DIEGO] }) }));
    const result = await resolve(graph, [address('leaders@contoso.com'), address('retired@contoso.com')]);
    expect(result.problems).toEqual([
      { reason: 'hiddenMembership', query: 'leaders@contoso.com', displayName: 'Leadership' },
      { reason: 'emptyGroup', query: 'retired@contoso.com', displayName: 'Retired' },
    ]);
  });

  it('without GroupMember.Read.All, still finds people, and names the permission for what may be a group', async () => {
    const denied = (request: GraphSubRequest) => (decoded(request).startsWith('/groups') ? status(403) : tenant()(request));
    const people = await resolve(new FakeGraph(denied), [address('meganb@example.com')]);
    expect(people.participants).toHaveLength(1);
    const group = await resolve(new FakeGraph(denied), [address('launch@contoso.com')]);
    expect(group.problems).toEqual([{ reason: 'groupsUnreadable', query: 'launch@contoso.com', permission: 'GroupMember.Read.All' }]);
    // A group found but whose members may not be read: the permission is named as a fault.
    const members = resolve(new FakeGraph(tenant({ 'grp-launch': () => status(403) })), [address('launch@contoso.com')]);
    await expect(members).rejects.toBeInstanceOf(PermissionMissingError);
    await expect(members).rejects.toEqual(expect.objectContaining({ permission: 'GroupMember.Read.All' }));
  });
});
