import pino from 'pino';
import { StartChatService } from '../../src/chats/startChatService';
import { PeopleResolver } from '../../src/directory/peopleResolver';
import { ChatRateLimitedError, PeopleNotResolvedError, TooManyPeopleError } from '../../src/errors';
import { ChatCreationQuota } from '../../src/limits/chatCreationQuota';
import { MemoryStateStore } from '../../src/state/memoryStateStore';
import { FakeGraph, graphUser, ok, status } from '../support/fakeGraph';

const users: Record<string, Record<string, unknown>> = {
  me: graphUser('me', 'Alex Wilber'),
  m1: graphUser('m1', 'Megan Bowen'),
  a1: graphUser('a1', 'Adele Vance'),
  l1: graphUser('l1', 'Lee Gu'),
};

function answer(request: { url: string }) {
  const byId = /^\/users\/([^?]+)\?/.exec(request.url);
  if (byId) return users[byId[1]!] ? ok(users[byId[1]!]) : status(404);
  return ok({ value: [] });
}

/** The service as the app builds it: a quota in the same store, and a people limit. */
function setup(limits: { chatsPerMinute: number; chatsPerDay: number; peoplePerChat?: number }) {
  let now = Date.UTC(2026, 10, 27, 12, 0, 0);
  const store = new MemoryStateStore({ now: () => now });
  const graph = new FakeGraph(answer);
  const service = new StartChatService({
    graph,
    resolver: new PeopleResolver({ graph, homeTenantId: 'home', sleep: async () => undefined }),
    store,
    logger: pino({ level: 'silent' }),
    graphEndpoint: 'https://graph.microsoft.com',
    homeTenantId: 'home',
    teamsHost: 'teams.microsoft.com',
    now: () => now,
    ...(limits.peoplePerChat !== undefined ? { peoplePerChat: limits.peoplePerChat } : {}),
    quota: new ChatCreationQuota({ store, limits, now: () => now }),
  });
  return { graph, service, advance: (ms: number) => (now += ms) };
}

const lookupMember = async () => undefined;
const ids = (...list: string[]) => list.map((id) => ({ kind: 'objectId' as const, id, text: id }));
const request = (key: string, ...people: string[]) => ({ key, requesterId: 'me', queries: ids(...people), topic: 'T', lookupMember });

describe('StartChatService with abuse limits', () => {
  it('refuses a chat beyond the quota, creates nothing, and lets the same request through once the minute has passed', async () => {
    const { graph, service, advance } = setup({ chatsPerMinute: 1, chatsPerDay: 10 });
    expect((await service.start(request('first', 'm1', 'a1'))).kind).toBe('created');
    await expect(service.start(request('second', 'm1', 'l1'))).rejects.toBeInstanceOf(ChatRateLimitedError);
    expect(graph.created).toHaveLength(1);
    // The refusal released its claim: the same request is new again later, not "already done".
    advance(61_000);
    expect((await service.start(request('second', 'm1', 'l1'))).kind).toBe('created');
    expect(graph.created).toHaveLength(2);
  });

  it('does not count a request that never reaches POST /chats', async () => {
    const { graph, service } = setup({ chatsPerMinute: 1, chatsPerDay: 10 });
    await expect(service.start(request('nobody', 'zz-unknown'))).rejects.toBeInstanceOf(PeopleNotResolvedError);
    expect((await service.start(request('real', 'm1', 'a1'))).kind).toBe('created');
    expect(graph.created).toHaveLength(1);
  });

  it('replays a finished request without counting it again', async () => {
    const { graph, service } = setup({ chatsPerMinute: 1, chatsPerDay: 10 });
    await service.start(request('same', 'm1', 'a1'));
    expect((await service.start(request('same', 'm1', 'a1'))).kind).toBe('replayed');
    expect(graph.created).toHaveLength(1);
  });

  it('refuses more people than the configured limit before any look-up', async () => {
    const { graph, service } = setup({ chatsPerMinute: 10, chatsPerDay: 10, peoplePerChat: 3 });
    const error = await service.start(request('big', 'm1', 'a1', 'l1')).catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(TooManyPeopleError);
    expect(error).toMatchObject({ count: 4, limit: 3 });
    expect(graph.batches).toHaveLength(0);
    expect((await service.start(request('fits', 'm1', 'a1'))).kind).toBe('created');
  });

  it('never plans more than the 200 people Graph adds at a time, whatever the setting', async () => {
    const { service } = setup({ chatsPerMinute: 10, chatsPerDay: 10, peoplePerChat: 500 });
    const many = Array.from({ length: 200 }, (_, index) => `u${index}`);
    await expect(service.start(request('many', ...many))).rejects.toMatchObject({ count: 201, limit: 200 });
  });
});
