import pino from 'pino';
import { Client, GraphError } from '@microsoft/microsoft-graph-client';
import { GraphService } from '../../src/graph/graphService';
import { AmbiguousCreateError, GraphFaultError, PermissionMissingError, ThrottledError } from '../../src/errors';
import { heldBySignal } from '../support/signalHolds';

/** A stand-in for the SDK client: each POST is answered by the test's function. */
function fakeClient(answer: (path: string, body: unknown, call: number, signal: AbortSignal) => unknown): { client: Client; calls: string[] } {
  const calls: string[] = [];
  const client = {
    api: (path: string) => {
      let signal: AbortSignal | undefined;
      const request = {
        option: (key: string, value: unknown) => {
          if (key === 'signal') signal = value as AbortSignal;
          return request;
        },
        post: async (body: unknown) => {
          calls.push(path);
          const result = await answer(path, body, calls.length, signal!);
          if (result instanceof Error) throw result;
          return result;
        },
      };
      return request;
    },
  } as unknown as Client;
  return { client, calls };
}

/** What the SDK throws when fetch is aborted by its signal. */
function aborted(signal: AbortSignal): Promise<GraphError> {
  return new Promise((resolve) =>
    signal.addEventListener('abort', () => {
      const error = new GraphError(-1, 'The operation was aborted due to timeout');
      error.code = 'TimeoutError';
      resolve(error);
    }),
  );
}

function graphError(status: number, headers: Record<string, string> = {}, code = 'x'): GraphError {
  const error = new GraphError(status, 'failed');
  error.code = code;
  error.headers = new Headers({ 'request-id': 'req-1', ...headers });
  return error;
}

const networkError = (): GraphError => {
  const error = new GraphError(-1, 'fetch failed');
  error.code = 'TypeError';
  return error;
};

const service = (client: Client, requestTimeoutMs = 30_000) =>
  new GraphService({ client, logger: pino({ level: 'silent' }), retryPolicy: { maxRetries: 2, budgetMs: 10_000, baseDelayMs: 1 }, sleep: async () => undefined, requestTimeoutMs });

const GROUP = { chatType: 'group' as const, topic: 'T', members: [] };
const ONE_ON_ONE = { chatType: 'oneOnOne' as const, members: [] };
const CHAT = { id: '19:x@thread.v2', chatType: 'group', topic: 'T', webUrl: 'https://teams.microsoft.com/l/chat/x' };

describe('GraphService', () => {
  it('answers batches in request order whatever order Graph used', async () => {
    const { client } = fakeClient(() => ({ responses: [{ id: 'b', status: 404, headers: {}, body: {} }, { id: 'a', status: 200, headers: { 'Retry-After': '1' }, body: { ok: 1 } }] }));
    const answers = await service(client).batch([
      { id: 'a', method: 'GET', url: '/users/a' },
      { id: 'b', method: 'GET', url: '/users/b' },
    ]);
    expect(answers.map((answer) => [answer.id, answer.status])).toEqual([
      ['a', 200],
      ['b', 404],
    ]);
    expect(answers[0]!.headers['retry-after']).toBe('1');
  });

  it('rejects malformed batch answers as faults', async () => {
    await expect(service(fakeClient(() => ({})).client).batch([{ id: 'a', method: 'GET', url: '/x' }])).rejects.toBeInstanceOf(GraphFaultError);
    await expect(service(fakeClient(() => ({ responses: [{ id: 'z', status: 200 }] })).client).batch([{ id: 'a', method: 'GET', url: '/x' }])).rejects.toBeInstanceOf(
      GraphFaultError,
    );
  });

  it('names the missing permission on 403', async () => {
    const error = await service(fakeClient(() => graphError(403, {}, 'Forbidden')).client)
      .createChat(GROUP)
      .catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(PermissionMissingError);
    expect((error as PermissionMissingError).permission).toBe('Chat.Create');
    expect((error as PermissionMissingError).requestId).toBe('req-1');
  });

  it('retries 429 after Retry-After and gives up with ThrottledError', async () => {
    const once = fakeClient((_path, _body, call) => (call === 1 ? graphError(429, { 'retry-after': '2' }) : CHAT));
    expect((await service(once.client).createChat(GROUP)).id).toBe(CHAT.id);
    expect(once.calls).toHaveLength(2);
    const always = fakeClient(() => graphError(429));
    await expect(service(always.client).createChat(GROUP)).rejects.toBeInstanceOf(ThrottledError);
    expect(always.calls).toHaveLength(3);
  });

  it('never repeats a group chat POST after 503, 504 or a dropped connection', async () => {
    for (const failure of [graphError(503), graphError(504), networkError()]) {
      const { client, calls } = fakeClient(() => failure);
      await expect(service(client).createChat(GROUP)).rejects.toBeInstanceOf(AmbiguousCreateError);
      expect(calls).toHaveLength(1);
    }
  });

  it('repeats a one-on-one POST after a dropped connection', async () => {
    const { client, calls } = fakeClient((_path, _body, call) => (call === 1 ? networkError() : { ...CHAT, chatType: 'oneOnOne' }));
    expect((await service(client).createChat(ONE_ON_ONE)).chatType).toBe('oneOnOne');
    expect(calls).toHaveLength(2);
  });

  it('does not retry when the app cannot sign in, and says so', async () => {
    const signIn = new GraphError(-1, 'AADSTS7000215: Invalid client secret provided.');
    signIn.code = 'AuthenticationError';
    const { client, calls } = fakeClient(() => signIn);
    const error = await service(client).createChat(GROUP).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(GraphFaultError);
    expect((error as GraphFaultError).message).toMatch(/could not sign in/);
    expect(calls).toHaveLength(1);
  });

  it('leaves nothing on the shutdown signal once its calls are over, however many there were', async () => {
    // The shutdown signal lives as long as the process; every Graph call listens to it.
    const shutdown = new AbortController();
    const { client } = fakeClient((path) => (path === '/chats' ? CHAT : { responses: [{ id: 'a', status: 200, headers: {}, body: {} }] }));
    const graph = service(client);
    for (let call = 0; call < 500; call += 1) {
      await graph.createChat(GROUP, { abortSignal: shutdown.signal });
      await graph.batch([{ id: 'a', method: 'GET', url: '/users/a' }], { abortSignal: shutdown.signal });
    }
    expect(heldBySignal(shutdown.signal)).toBe(0);
  });

  it('gives up on a silent Graph after the request timeout: ambiguous for a group chat, retried for a look-up', async () => {
    const silent = fakeClient((_path, _body, _call, signal) => aborted(signal));
    await expect(service(silent.client, 20).createChat(GROUP)).rejects.toBeInstanceOf(AmbiguousCreateError);
    expect(silent.calls).toHaveLength(1);
    const slowThenFine = fakeClient((_path, _body, call, signal) => (call === 1 ? aborted(signal) : { responses: [{ id: 'a', status: 200, headers: {}, body: {} }] }));
    expect(await service(slowThenFine.client, 20).batch([{ id: 'a', method: 'GET', url: '/users/a' }])).toHaveLength(1);
    expect(slowThenFine.calls).toHaveLength(2);
  });

  it('treats a 201 without a chat id as ambiguous for a group chat (it exists) and a fault for a one-on-one', async () => {
    await expect(service(fakeClient(() => ({ chatType: 'group' })).client).createChat(GROUP)).rejects.toBeInstanceOf(AmbiguousCreateError);
    await expect(service(fakeClient(() => ({ chatType: 'oneOnOne' })).client).createChat(ONE_ON_ONE)).rejects.toBeInstanceOf(GraphFaultError);
  });

  it('treats an answer that broke after a 2xx status as a dropped connection', async () => {
    const brokenBody = new GraphError(201, 'The operation was aborted due to timeout');
    brokenBody.code = 'TimeoutError';
    const { client, calls } = fakeClient(() => brokenBody);
    await expect(service(client).createChat(GROUP)).rejects.toBeInstanceOf(AmbiguousCreateError);
    expect(calls).toHaveLength(1);
  });

  it('knows which faults are definite: 4xx and sign-in failures, not 5xx', () => {
    expect(new GraphFaultError('x', 400, 'BadRequest', undefined).definite).toBe(true);
    expect(new GraphFaultError('x', 500, 'InternalServerError', undefined).definite).toBe(false);
    expect(new GraphFaultError('x', undefined, 'AuthenticationError', undefined).definite).toBe(true);
    expect(new GraphFaultError('x', undefined, 'TypeError', undefined).definite).toBe(false);
  });
});
