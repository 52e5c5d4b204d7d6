import pino from 'pino';
import { Client, GraphError } from '@microsoft/microsoft-graph-client';
import { GraphService } from '../../src/graph/graphService';
import { AmbiguousCreateError, GraphFaultError, ThrottledError } from '../../src/errors';
import { RequestPacer } from '../../src/pacing/requestPacer';
import { FakeClock, settle } from '../support/fakeClock';

/** A stand-in for the SDK client: each POST is answered by the test's function. */
function fakeClient(answer: (path: string, call: number) => unknown): { client: Client; calls: string[] } {
  const calls: string[] = [];
  const client = {
    api: (path: string) => {
      const request = {
        option: () => request,
        post: async () => {
          calls.push(path);
          const result = answer(path, calls.length);
          if (result instanceof Error) throw result;
          return result;
        },
      };
      return request;
    },
  } as unknown as Client;
  return { client, calls };
}

function graphError(status: number, headers: Record<string, string> = {}): GraphError {
  const error = new GraphError(status, 'failed');
  error.code = 'x';
  error.headers = new Headers({ 'request-id': 'req-1', ...headers });
  return error;
}

const GROUP = { chatType: 'group' as const, topic: 'T', members: [] };
const CHAT = { id: '19:x@thread.v2', chatType: 'group', topic: 'T' };

function paced(client: Client, clock: FakeClock, maxWaitMs = 60_000): { graph: GraphService; chats: RequestPacer; lookups: RequestPacer; installs: RequestPacer } {
  const options = { sustainedFraction: 1, maxWaitMs, resumeJitterMs: 0, clock, random: () => 0 };
  const chats = new RequestPacer({ limitPerSecond: 2, burst: 1, ...options });
  const lookups = new RequestPacer({ limitPerSecond: 20, ...options });
  const installs = new RequestPacer({ limitPerSecond: 4, burst: 1, ...options });
  // The retry policy would give up after one retry: with pacing, a 429 is bounded by the queue's deadline instead.
  const graph = new GraphService({ client, logger: pino({ level: 'silent' }), retryPolicy: { maxRetries: 1, budgetMs: 1, baseDelayMs: 1 }, sleep: async () => undefined, pacing: { chatCreation: chats, lookups, installs } });
  return { graph, chats, lookups, installs };
}

describe('GraphService with pacing', () => {
  it('queues chat creations behind each other at the budget, telling the waiting ones where they stand', async () => {
    const clock = new FakeClock();
    const { client, calls } = fakeClient(() => CHAT);
    const { graph } = paced(client, clock);
    const positions: number[] = [];
    const results = [0, 1, 2].map(() => graph.createChat(GROUP, { onQueued: (position) => positions.push(position.ahead) }));
    await settle();
    expect(calls).toHaveLength(1);
    expect(positions).toEqual([0, 1]);
    await clock.advance(500);
    expect(calls).toHaveLength(2);
    await clock.advance(500);
    expect(calls).toHaveLength(3);
    expect((await Promise.all(results)).map((chat) => chat.id)).toEqual([CHAT.id, CHAT.id, CHAT.id]);
  });

  it('sends a group chat again after 429s (nothing was created), pausing the whole queue for Retry-After', async () => {
    const clock = new FakeClock();
    const { client, calls } = fakeClient((_path, call) => (call <= 3 ? graphError(429, { 'retry-after': '2' }) : CHAT));
    const { graph } = paced(client, clock);
    const first = graph.createChat(GROUP);
    await settle();
    expect(calls).toHaveLength(1);
    const second = graph.createChat(GROUP);
    // Paused for 2 s after each 429: nothing goes in between, not even the newcomer.
    await clock.advance(1999);
    expect(calls).toHaveLength(1);
    await clock.advance(1 + 1000);
    expect(calls).toHaveLength(2);
    await clock.advance(10_000);
    expect((await first).id).toBe(CHAT.id);
    expect((await second).id).toBe(CHAT.id);
    // 3 throttled + the retried one + the newcomer, in that order.
    expect(calls).toHaveLength(5);
  });

  it('gives up past the bound with ThrottledError (the "Teams is busy" message)', async () => {
    const clock = new FakeClock();
    const { client, calls } = fakeClient(() => graphError(429, { 'retry-after': '5' }));
    const { graph } = paced(client, clock, 12_000);
    const outcome = graph.createChat(GROUP).catch((error: unknown) => error);
    await clock.advance(12_000);
    expect(await outcome).toBeInstanceOf(ThrottledError);
    // Sent at 0, 5 and 10 s; the deadline fell inside the third pause.
    expect(calls).toHaveLength(3);
  });

  it('reports a creation stopped while still queued as definite: nothing was sent', async () => {
    const clock = new FakeClock();
    const { client, calls } = fakeClient(() => CHAT);
    const { graph } = paced(client, clock);
    await graph.createChat(GROUP);
    const controller = new AbortController();
    const queued = graph.createChat(GROUP, { abortSignal: controller.signal }).catch((error: unknown) => error);
    controller.abort(new Error('shutting down'));
    const error = await queued;
    expect(error).toBeInstanceOf(GraphFaultError);
    expect((error as GraphFaultError).definite).toBe(true);
    await clock.advance(5_000);
    expect(calls).toHaveLength(1);
  });

  it('still never repeats a group chat POST after a 503', async () => {
    const clock = new FakeClock();
    const { client, calls } = fakeClient(() => graphError(503));
    const { graph } = paced(client, clock);
    await expect(graph.createChat(GROUP)).rejects.toBeInstanceOf(AmbiguousCreateError);
    await clock.advance(5_000);
    expect(calls).toHaveLength(1);
  });

  it('spends the look-up budget by batch steps, apart from chat creation, and pauses it for throttled steps', async () => {
    const clock = new FakeClock();
    const { client } = fakeClient((path) =>
      path === '/$batch'
        ? { responses: [{ id: 'a', status: 200, headers: {}, body: {} }, { id: 'b', status: 429, headers: { 'Retry-After': '3' }, body: {} }] }
        : CHAT,
    );
    const { graph, chats, lookups } = paced(client, clock);
    await graph.batch([
      { id: 'a', method: 'GET', url: '/users/a' },
      { id: 'b', method: 'GET', url: '/users/b' },
    ]);
    // The look-ups are paused; chat creation is not.
    expect(lookups.currentRate).toBeCloseTo(10);
    expect(chats.currentRate).toBeCloseTo(2);
    let lookedUp = false;
    void graph.batch([{ id: 'a', method: 'GET', url: '/users/a' }]).then(() => (lookedUp = true));
    expect((await graph.createChat(GROUP)).id).toBe(CHAT.id);
    await clock.advance(2_900);
    expect(lookedUp).toBe(false);
    await clock.advance(200);
    expect(lookedUp).toBe(true);
  });

  it('paces installs into chats on their own budget, and a 429 on an install pauses only that queue for Retry-After', async () => {
    const clock = new FakeClock();
    const installPath = (chat: string) => `/chats/${encodeURIComponent(chat)}/installedApps`;
    const { client, calls } = fakeClient((path, call) => (path === installPath('19:a') && call === 1 ? graphError(429, { 'retry-after': '3' }) : path.endsWith('/installedApps') ? {} : CHAT));
    const { graph, installs } = paced(client, clock);
    const first = graph.installAppInChat('19:a', 'app');
    await settle();
    expect(calls).toEqual([installPath('19:a')]);
    const second = graph.installAppInChat('19:b', 'app');
    // Chat creation has its own budget: it goes while the installs wait out the 429.
    expect((await graph.createChat(GROUP)).id).toBe(CHAT.id);
    await clock.advance(2_999);
    expect(calls).toEqual([installPath('19:a'), '/chats']);
    expect(installs.currentRate).toBeLessThan(4);
    // After Retry-After the throttled install goes first, then the next at the install budget (4/s, halved to 2/s).
    await clock.advance(1);
    expect(calls).toEqual([installPath('19:a'), '/chats', installPath('19:a')]);
    await clock.advance(1_000);
    expect(calls).toEqual([installPath('19:a'), '/chats', installPath('19:a'), installPath('19:b')]);
    expect(await first).toBe('installed');
    expect(await second).toBe('installed');
  });
});
