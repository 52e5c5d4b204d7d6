import pino from 'pino';
import { StartChatService } from '../../src/chats/startChatService';
import { waitForOutcome } from '../../src/chats/waitForOutcome';
import { PeopleResolver } from '../../src/directory/peopleResolver';
import { AmbiguousCreateError, GraphFaultError, InvalidSubmissionError, NobodyElseError, PeopleNotResolvedError, RequestExpiredError, StorageFaultError, TooManyPeopleError, TopicTooLongError } from '../../src/errors';
import { MemoryStateStore } from '../../src/state/memoryStateStore';
import { StateStore } from '../../src/state/stateStore';
import { FakeGraph, graphUser, ok, status } from '../support/fakeGraph';

const users: Record<string, Record<string, unknown>> = {
  me: graphUser('me', 'Alex Wilber'),
  m1: graphUser('m1', 'Megan Bowen'),
  m2: graphUser('m2', 'Megan Brooks'),
  a1: graphUser('a1', 'Adele Vance'),
  g1: graphUser('g1', 'Pat Guest', { userType: 'Guest', mail: 'pat@fabrikam.com' }),
};

function answer(request: { url: string }) {
  const byId = /^\/users\/([^?]+)\?/.exec(request.url);
  if (byId) return users[byId[1]!] ? ok(users[byId[1]!]) : status(404);
  if (request.url.includes('Megan')) return ok({ value: [users.m1, users.m2] });
  return ok({ value: [] });
}

function setup(store: StateStore = new MemoryStateStore()) {
  const graph = new FakeGraph(answer);
  const resolver = new PeopleResolver({ graph, homeTenantId: 'home', sleep: async () => undefined });
  const service = new StartChatService({
    graph,
    resolver,
    store,
    logger: pino({ level: 'silent' }),
    graphEndpoint: 'https://graph.microsoft.com',
    homeTenantId: 'home',
    teamsHost: 'teams.microsoft.com',
  });
  return { graph, service, store };
}

const lookupMember = async () => undefined;
const ids = (...list: string[]) => list.map((id) => ({ kind: 'objectId' as const, id, text: id }));

describe('StartChatService', () => {
  it('creates a group chat and describes it, with a built deep link when Graph gives no webUrl', async () => {
    const { graph, service } = setup();
    const outcome = await service.start({ key: 'k1', requesterId: 'me', queries: ids('m1', 'g1'), topic: 'Plan', lookupMember });
    expect(outcome.kind).toBe('created');
    if (outcome.kind !== 'created') return;
    expect(outcome.result.members.map((member) => [member.displayName, member.note])).toEqual([
      ['Alex Wilber', 'You'],
      ['Megan Bowen', undefined],
      ['Pat Guest', 'Guest'],
    ]);
    expect(outcome.result.openUrl).toBe('https://teams.microsoft.com/l/chat/19%3A1%40thread.v2/0?tenantId=home');
    expect(graph.created[0]!.members.map((member) => member.roles[0])).toEqual(['owner', 'owner', 'guest']);
  });

  it('replays the result for the same key without calling Graph again', async () => {
    const { graph, service } = setup();
    const first = await service.start({ key: 'same', requesterId: 'me', queries: ids('m1', 'a1'), topic: 'T', lookupMember });
    const second = await service.start({ key: 'same', requesterId: 'me', queries: ids('m1', 'a1'), topic: 'T', lookupMember });
    expect(second).toEqual({ kind: 'replayed', result: (first as { result: unknown }).result });
    expect(graph.created).toHaveLength(1);
    expect(graph.batches).toHaveLength(1);
  });

  it('treats the same key as a new request once the repeat window has passed', async () => {
    let now = 1_000_000;
    const graph = new FakeGraph(answer);
    const service = new StartChatService({
      graph,
      resolver: new PeopleResolver({ graph, homeTenantId: 'home', sleep: async () => undefined }),
      store: new MemoryStateStore({ now: () => now }),
      logger: pino({ level: 'silent' }),
      graphEndpoint: 'https://graph.microsoft.com',
      homeTenantId: 'home',
      teamsHost: 'teams.microsoft.com',
      now: () => now,
    });
    const request = { key: 'typed', reuseAfterMs: 120_000, requesterId: 'me', queries: ids('m1', 'a1'), topic: 'T', lookupMember };
    expect((await service.start(request)).kind).toBe('created');
    now += 60_000;
    expect((await service.start(request)).kind).toBe('replayed');
    now += 61_000;
    expect((await service.start(request)).kind).toBe('created');
    expect(graph.created).toHaveLength(2);
  });

  it('creates one chat when the same request runs twice at once', async () => {
    const { graph, service } = setup();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    graph.createChatImpl = async (body) => {
      await gate;
      return { id: '19:x@thread.v2', chatType: body.chatType, topic: body.topic ?? null, webUrl: 'https://teams.microsoft.com/l/chat/x' };
    };
    const first = service.start({ key: 'race', requesterId: 'me', queries: ids('m1', 'a1'), topic: 'T', lookupMember });
    await new Promise((resolve) => setImmediate(resolve));
    const second = await service.start({ key: 'race', requesterId: 'me', queries: ids('m1', 'a1'), topic: 'T', lookupMember });
    expect(second).toEqual({ kind: 'inProgress', heartbeat: expect.any(Number) });
    release();
    expect((await first).kind).toBe('created');
    expect(graph.created).toHaveLength(1);
  });

  it('waits for a twin request to finish, and reports when it never does', async () => {
    const { graph, service } = setup();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    graph.createChatImpl = async (body) => {
      await gate;
      return { id: '19:w@thread.v2', chatType: body.chatType, topic: body.topic ?? null, webUrl: 'https://teams.microsoft.com/l/chat/w' };
    };
    const first = service.start({ key: 'twin', requesterId: 'me', queries: ids('m1', 'a1'), topic: 'T', lookupMember });
    await new Promise((resolve) => setImmediate(resolve));
    let sleeps = 0;
    const stillRunning = await waitForOutcome(() => service.outcome('twin'), { timeoutMs: 3, intervalMs: 1, sleep: async () => void (sleeps += 1) });
    expect(stillRunning).toEqual({ kind: 'inProgress' });
    expect(sleeps).toBe(4);
    const waiting = waitForOutcome(() => service.outcome('twin'), { timeoutMs: 5_000, intervalMs: 5 });
    release();
    await first;
    expect(await waiting).toMatchObject({ kind: 'replayed', result: { openUrl: 'https://teams.microsoft.com/l/chat/w' } });
    expect(await waitForOutcome(() => service.outcome('never-claimed'), { timeoutMs: 1_000 })).toEqual({ kind: 'inProgress' });
  });

  it('releases the claim when nothing was created, so the person can try again', async () => {
    const { graph, service } = setup();
    await expect(service.start({ key: 'k', requesterId: 'me', queries: ids('nobody'), topic: undefined, lookupMember })).rejects.toBeInstanceOf(PeopleNotResolvedError);
    users.nobody = graphUser('nobody', 'Now Exists');
    try {
      expect((await service.start({ key: 'k', requesterId: 'me', queries: ids('nobody'), topic: undefined, lookupMember })).kind).toBe('created');
    } finally {
      delete users.nobody;
    }
    expect(graph.created).toHaveLength(1);
  });

  it('remembers an ambiguous create and never retries it', async () => {
    const { graph, service } = setup();
    graph.createChatImpl = async () => {
      throw new AmbiguousCreateError('req-1');
    };
    await expect(service.start({ key: 'amb', requesterId: 'me', queries: ids('m1', 'a1'), topic: 'T', lookupMember })).rejects.toBeInstanceOf(AmbiguousCreateError);
    expect(await service.start({ key: 'amb', requesterId: 'me', queries: ids('m1', 'a1'), topic: 'T', lookupMember })).toEqual({ kind: 'uncertain', requestId: 'req-1', toldByOwner: true });
    expect(graph.created).toHaveLength(1);
  });

  it('never posts a group chat again after a failure that may hide it (a 500 after posting)', async () => {
    const { graph, service } = setup();
    graph.createChatImpl = async () => {
      throw new GraphFaultError('boom', 500, 'InternalServerError', 'req-500');
    };
    const request = { key: 'maybe', requesterId: 'me', queries: ids('m1', 'a1'), topic: 'T', lookupMember };
    await expect(service.start(request)).rejects.toBeInstanceOf(AmbiguousCreateError);
    expect(await service.start(request)).toEqual({ kind: 'uncertain', requestId: 'req-500', toldByOwner: true });
    expect(graph.created).toHaveLength(1);
  });

  it('releases a one-on-one after any failure, since Graph returns the existing chat', async () => {
    const { graph, service } = setup();
    graph.createChatImpl = async () => {
      throw new GraphFaultError('boom', 500, 'InternalServerError', 'r');
    };
    const request = { key: 'one', requesterId: 'me', queries: ids('m1'), topic: undefined, lookupMember };
    await expect(service.start(request)).rejects.toBeInstanceOf(GraphFaultError);
    graph.createChatImpl = async (body) => ({ id: '19:a_b@unq.gbl.spaces', chatType: body.chatType, topic: null, webUrl: null });
    expect((await service.start(request)).kind).toBe('created');
  });

  it('releases the claim after a definite Graph failure', async () => {
    const { graph, service } = setup();
    graph.createChatImpl = async () => {
      throw new GraphFaultError('no', 400, 'BadRequest', 'r');
    };
    await expect(service.start({ key: 'bad', requesterId: 'me', queries: ids('m1', 'a1'), topic: 'T', lookupMember })).rejects.toBeInstanceOf(GraphFaultError);
    graph.createChatImpl = async (body) => ({ id: '19:y@thread.v2', chatType: body.chatType, topic: null, webUrl: null });
    expect((await service.start({ key: 'bad', requesterId: 'me', queries: ids('m1', 'a1'), topic: 'T', lookupMember })).kind).toBe('created');
  });

  it('rejects empty and oversized requests before any look-up', async () => {
    const { graph, service } = setup();
    await expect(service.start({ key: 'e', requesterId: 'me', queries: [], topic: undefined, lookupMember })).rejects.toBeInstanceOf(NobodyElseError);
    const many = ids(...Array.from({ length: 250 }, (_, i) => `u${i}`));
    await expect(service.start({ key: 'm', requesterId: 'me', queries: many, topic: undefined, lookupMember })).rejects.toBeInstanceOf(TooManyPeopleError);
    expect(graph.batches).toHaveLength(0);
  });

  it('refuses a topic over 250 characters before any look-up', async () => {
    const { graph, service } = setup();
    await expect(service.start({ key: 'long', requesterId: 'me', queries: ids('m1', 'a1'), topic: 'x'.repeat(251), lookupMember })).rejects.toBeInstanceOf(TopicTooLongError);
    expect(graph.batches).toHaveLength(0);
  });

  it('refuses a request naming only the requester', async () => {
    const { graph, service } = setup();
    await expect(service.start({ key: 'self', requesterId: 'me', queries: ids('me'), topic: undefined, lookupMember })).rejects.toBeInstanceOf(NobodyElseError);
    expect(graph.created).toHaveLength(0);
  });

  it('goes on from a choice card after the asking turn has ended, with the @mentions it resolved then', async () => {
    const { graph, service } = setup();
    const mention = { kind: 'mention' as const, memberId: '29:adele', name: 'Adele Vance', text: 'Adele Vance' };
    const liveLookup = async (memberId: string) => (memberId === '29:adele' ? { aadObjectId: 'A1', tenantId: 'home' } : undefined);
    const asked = await service.start({ key: 'ask', requesterId: 'me', queries: [mention, { kind: 'name', name: 'Megan', text: 'Megan' }], topic: 'Later', lookupMember: liveLookup });
    expect(asked.kind).toBe('needsChoice');
    if (asked.kind !== 'needsChoice') return;

    // The answer's work runs after its own turn answered early ("Creating…"): botbuilder has revoked
    // that turn's context, so a member look-up now finds nobody, as the real one does then.
    const lookedUpLate: string[] = [];
    const deadLookup = async (memberId: string) => {
      lookedUpLate.push(memberId);
      return undefined;
    };
    const done = await service.continueWithChoices({ key: 'answer', requesterId: 'me', requestId: asked.choice.requestId, choices: { choice_0: 'm1' }, lookupMember: deadLookup });
    expect(done.kind).toBe('created');
    expect(lookedUpLate).toEqual([]);
    expect(graph.created[0]!.members.map((member) => member['user@odata.bind'])).toEqual([
      "https://graph.microsoft.com/v1.0/users('me')",
      "https://graph.microsoft.com/v1.0/users('a1')",
      "https://graph.microsoft.com/v1.0/users('m1')",
    ]);
  });

  it('offers a choice for an ambiguous name and continues the same request', async () => {
    const { graph, service } = setup();
    const outcome = await service.start({ key: 'c', requesterId: 'me', queries: [{ kind: 'name', name: 'Megan', text: 'Megan' }, ...ids('a1')], topic: 'Pick', lookupMember });
    expect(outcome.kind).toBe('needsChoice');
    if (outcome.kind !== 'needsChoice') return;
    expect(outcome.choice.questions).toEqual([{ query: 'Megan', inputId: 'choice_0', candidates: expect.any(Array) }]);
    expect(graph.created).toHaveLength(0);

    await expect(service.continueWithChoices({ key: 'choice', requesterId: 'someone-else', requestId: outcome.choice.requestId, choices: { choice_0: 'm2' }, lookupMember })).rejects.toBeInstanceOf(
      RequestExpiredError,
    );
    await expect(service.continueWithChoices({ key: 'choice', requesterId: 'me', requestId: outcome.choice.requestId, choices: {}, lookupMember })).rejects.toBeInstanceOf(
      InvalidSubmissionError,
    );
    const done = await service.continueWithChoices({ key: 'choice', requesterId: 'me', requestId: outcome.choice.requestId, choices: { choice_0: 'm2' }, lookupMember });
    expect(done.kind).toBe('created');
    expect(graph.created[0]!.topic).toBe('Pick');
    expect(graph.created[0]!.members.map((member) => member['user@odata.bind'])).toEqual([
      "https://graph.microsoft.com/v1.0/users('me')",
      "https://graph.microsoft.com/v1.0/users('m2')",
      "https://graph.microsoft.com/v1.0/users('a1')",
    ]);
    // Clicked again after success: the same result, no second chat.
    const again = await service.continueWithChoices({ key: 'choice', requesterId: 'me', requestId: outcome.choice.requestId, choices: { choice_0: 'm2' }, lookupMember });
    expect(again.kind).toBe('replayed');
    expect(graph.created).toHaveLength(1);
  });

  it('tells the person the chat exists even when the ledger cannot record it, and never posts it twice', async () => {
    const inner = new MemoryStateStore();
    let failDone = true;
    const flaky: StateStore = {
      create: (key, value) => inner.create(key, value),
      get: (key) => inner.get(key),
      replace: async (key, value, etag) => {
        if (failDone && (value as { state?: string }).state === 'done') throw new Error('storage timeout');
        return inner.replace(key, value, etag);
      },
      delete: (key) => inner.delete(key),
    };
    const { graph, service } = setup(flaky);
    const request = { key: 'lost-done', requesterId: 'me', queries: ids('m1', 'a1'), topic: 'T', lookupMember };
    expect((await service.start(request)).kind).toBe('created');
    failDone = false;
    // Redelivered: the POST is recorded as under way, so nothing is posted again.
    expect(await service.start(request)).toEqual({ kind: 'inProgress', heartbeat: expect.any(Number) });
    expect(graph.created).toHaveLength(1);
  });

  it('replays the same choice card for a redelivered request, so two cards cannot make two chats', async () => {
    const { graph, service } = setup();
    const request = { key: 'choose-once', requesterId: 'me', queries: [{ kind: 'name' as const, name: 'Megan', text: 'Megan' }, ...ids('a1')], topic: 'Once', lookupMember };
    const first = await service.start(request);
    const second = await service.start(request);
    expect(first.kind).toBe('needsChoice');
    expect(second).toEqual(first);
    const requestId = (first as { choice: { requestId: string } }).choice.requestId;
    const pick = { key: `choice:${requestId}`, requesterId: 'me', requestId, choices: { choice_0: 'm1' }, lookupMember };
    await service.continueWithChoices(pick);
    await service.continueWithChoices(pick);
    expect(graph.created).toHaveLength(1);
  });

  it('turns a failing store into a StorageFaultError and calls no Graph', async () => {
    const broken: StateStore = {
      create: async () => {
        throw new Error('connection refused');
      },
      get: async () => undefined,
      replace: async () => false,
      delete: async () => undefined,
    };
    const { graph, service } = setup(broken);
    await expect(service.start({ key: 'x', requesterId: 'me', queries: ids('m1'), topic: undefined, lookupMember })).rejects.toBeInstanceOf(StorageFaultError);
    expect(graph.batches).toHaveLength(0);
  });
});
