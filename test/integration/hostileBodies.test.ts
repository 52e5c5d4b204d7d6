import { request } from 'node:http';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { BotOnSandbox, startBotOnSandbox } from '../support/botOnSandbox';
import { PEOPLE } from '../support/people';
import { messageActivity } from '../support/teamsActivity';

/**
 * The edge of the compiled bot (anonymous mode): whatever arrives as a body, the bot answers
 * 4xx with a fixed body, logs one line, and keeps serving. Nothing here reaches the bot's logic.
 */
describe('hostile request bodies on /api/messages', () => {
  let env: BotOnSandbox;

  beforeAll(async () => {
    env = await startBotOnSandbox({ BODY_READ_TIMEOUT_MS: '1000' });
  });
  afterAll(async () => {
    await env?.stop();
  });
  beforeEach(() => {
    env.connector.clear();
    env.sandbox.requests.clear();
  });

  const help = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
    ...messageActivity({ serviceUrl: env.connector.serviceUrl, tenantId: env.sandbox.tenantId, fromAadObjectId: PEOPLE.alex.id, text: 'help' }),
    ...overrides,
  });

  interface Raw {
    readonly status: number;
    readonly text: string;
  }
  const send = async (body: Buffer | string, headers: Record<string, string> = {}): Promise<Raw> => {
    const res = await fetch(`${env.bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : new Uint8Array(body) });
    return { status: res.status, text: await res.text() };
  };
  const json = (value: unknown): Buffer => Buffer.from(JSON.stringify(value));
  const rejectionLines = (): string[] => env.bot.logs.filter((line) => line.includes('"request rejected"'));

  const logCountAt = (pattern: RegExp): number => env.bot.logs.filter((line) => pattern.test(line)).length;
  /** Resolves once more than `seen` lines match (the canary's turn has been logged). */
  const waitForLog = async (pattern: RegExp, seen: number): Promise<void> => {
    for (let attempt = 0; attempt < 200 && logCountAt(pattern) <= seen; attempt += 1) await new Promise((resolve) => setTimeout(resolve, 25));
  };

  /** The bot still serves: healthy, and a real activity still gets its one reply. */
  const expectStillServing = async (): Promise<void> => {
    const health = await fetch(`${env.bot.url}/healthz`);
    expect(health.status).toBe(200);
    const res = await send(json(help()));
    expect(res.status).toBe(200);
    expect(await env.connector.waitForSent(1)).toHaveLength(1);
  };

  const cases: Array<[string, number, () => { body: Buffer | string; headers?: Record<string, string> }]> = [
    ['gzip declared, body not gzip', 400, () => ({ body: json(help()), headers: { 'content-encoding': 'gzip' } })],
    ['deflate declared, body not deflate', 400, () => ({ body: json(help()), headers: { 'content-encoding': 'deflate' } })],
    ['br declared, body not brotli', 400, () => ({ body: Buffer.from('\u00ff\u00fe not brotli'), headers: { 'content-encoding': 'br' } })],
    ['gzip that stops half-way', 400, () => ({ body: gzipSync(json(help())).subarray(0, 30), headers: { 'content-encoding': 'gzip' } })],
    ['an encoding the bot does not speak', 415, () => ({ body: json(help()), headers: { 'content-encoding': 'compress' } })],
    ['two encodings stacked', 415, () => ({ body: gzipSync(gzipSync(json(help()))), headers: { 'content-encoding': 'gzip, gzip' } })],
    ['not JSON', 400, () => ({ body: '{"type": "message", ' })],
    ['JSON that is not UTF-8', 400, () => ({ body: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]) })],
    ['an empty body', 400, () => ({ body: '' })],
    ['a valid activity sent as application/xml', 415, () => ({ body: json(help()), headers: { 'content-type': 'application/xml' } })],
    ['a valid activity sent as text/plain', 415, () => ({ body: json(help()), headers: { 'content-type': 'text/plain' } })],
    ['JSON in another charset', 415, () => ({ body: json(help()), headers: { 'content-type': 'application/json; charset=utf-16' } })],
    ['an oversized body', 413, () => ({ body: json(help({ text: 'x'.repeat(300 * 1024) })) })],
    ['a gzip bomb (10 MB of zeros)', 413, () => ({ body: gzipSync(Buffer.alloc(10 * 1024 * 1024)), headers: { 'content-encoding': 'gzip' } })],
    ['a small body that inflates far beyond the ratio cap', 413, () => ({ body: gzipSync(json(help({ text: ' '.repeat(200 * 1024) }))), headers: { 'content-encoding': 'gzip' } })],
    ['{}', 400, () => ({ body: '{}' })],
    ['an array', 400, () => ({ body: '[{"type":"message"}]' })],
    ['null', 400, () => ({ body: 'null' })],
    ['a number type', 400, () => ({ body: json(help({ type: 7 })) })],
    ['a non-string serviceUrl', 400, () => ({ body: json(help({ serviceUrl: { toString: 1 } })) })],
    ['a serviceUrl that is not http(s)', 400, () => ({ body: json(help({ serviceUrl: 'file:///etc/passwd' })) })],
    ['no conversation', 400, () => ({ body: json(help({ conversation: undefined })) })],
    ['a conversation id that is not a string', 400, () => ({ body: json(help({ conversation: { id: 42 } })) })],
    ['channelData.tenant that is a string', 400, () => ({ body: json(help({ channelData: { tenant: 'contoso' } })) })],
    ['from.aadObjectId that is an object', 400, () => ({ body: json(help({ from: { id: '29:x', aadObjectId: { $ne: '' } } })) })],
    ['entities that are not a list', 400, () => ({ body: json(help({ entities: 'mention' })) })],
    ['text that is a number', 400, () => ({ body: json(help({ text: 12 })) })],
  ];

  it.each(cases)('%s: answers %d with a fixed body, logs one line, creates nothing, keeps serving', async (_name, status, build) => {
    const { body, headers } = build();
    const before = rejectionLines().length;
    const res = await send(body, headers);
    expect(res.status).toBe(status);
    expect(JSON.parse(res.text)).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
    expect(res.text).not.toMatch(/toLowerCase|at \w+ \(|Error:/);
    expect(env.connector.sent()).toHaveLength(0);
    expect(env.sandbox.requests.all().filter((entry) => entry.method !== 'GET')).toHaveLength(0);
    const turnsLogged = logCountAt(/"message received"/);
    await expectStillServing();
    // The bot's output arrives through a pipe: by the time the canary's turn is logged, the
    // rejection's line (written before it) is here too.
    await waitForLog(/"message received"/, turnsLogged);
    expect(rejectionLines().length - before).toBe(1);
  });

  it.each([
    ['gzip', gzipSync],
    ['deflate', deflateSync],
    ['br', brotliCompressSync],
  ] as const)('accepts a real %s-compressed activity', async (encoding, compress) => {
    const res = await send(compress(json(help())), { 'content-encoding': encoding });
    expect(res.status).toBe(200);
    expect(await env.connector.waitForSent(1)).toHaveLength(1);
  });

  it('answers 408 to a body that stops arriving, and keeps serving', async () => {
    const url = new URL(`${env.bot.url}/api/messages`);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': '5000' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      // Part of the body, then nothing: the bot must not wait for the rest forever.
      req.write('{"type":"message",');
    });
    expect(status).toBe(408);
    await expectStillServing();
  });

  it('answers 413 at once to a Content-Length above the limit', async () => {
    const url = new URL(`${env.bot.url}/api/messages`);
    const status = await new Promise<number>((resolve) => {
      const req = request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(50 * 1024 * 1024) } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on('error', () => undefined);
      req.write('{');
    });
    expect(status).toBe(413);
    await expectStillServing();
  });
});
