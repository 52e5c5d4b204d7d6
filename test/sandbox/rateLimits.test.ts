import { startSandbox, type SandboxTenant } from '../../src/sandbox';
import { TokenBucketRateLimits } from '../../src/sandbox/rateLimiter';
import { GraphError } from '../../src/sandbox/graphError';
import { appToken, expectGraphError, raw } from './sandboxClients';

const groupChat = (topic: string): Record<string, unknown> => ({
  chatType: 'group',
  topic,
  members: ['alexw@example.com', 'meganb@example.com'].map((upn) => ({
    '@odata.type': '#microsoft.graph.aadUserConversationMember', roles: ['owner'], 'user@odata.bind': `https://graph.microsoft.com/v1.0/users('${upn}')`,
  })),
});

describe('sandbox rate limits (Graph throttling)', () => {
  let sandbox: SandboxTenant;
  let token: string;
  beforeAll(async () => {
    sandbox = await startSandbox();
    token = await appToken(sandbox);
  });
  afterAll(async () => {
    await sandbox.close();
  });
  beforeEach(() => {
    sandbox.rateLimits.clear();
    sandbox.requests.clear();
  });

  it('answers POST /chats over the limit with 429 + Retry-After and creates nothing for it', async () => {
    // 3 at once, then one every 10 s: the two extra requests are certainly over.
    sandbox.rateLimits.set({ method: 'POST', path: '/v1.0/chats', perSecond: 0.1, burst: 3 });
    const before = sandbox.chats.list().length;
    const answers = await Promise.all([1, 2, 3, 4, 5].map((n) => raw(sandbox, 'POST', '/v1.0/chats', { token, body: groupChat(`Throttled ${n}`) })));
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([201, 201, 201, 429, 429]);
    for (const throttled of answers.filter((answer) => answer.status === 429)) {
      expectGraphError(throttled.body, 'TooManyRequests');
      expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThanOrEqual(9);
    }
    expect(sandbox.chats.list().length - before).toBe(3);
    // Other requests are not limited, and clearing lifts the limit.
    expect((await raw(sandbox, 'GET', '/v1.0/users/alexw@example.com', { token })).status).toBe(200);
    sandbox.rateLimits.clear();
    expect((await raw(sandbox, 'POST', '/v1.0/chats', { token, body: groupChat('After') })).status).toBe(201);
  });

  it('throttles steps of a batch on their own', async () => {
    sandbox.rateLimits.set({ method: 'GET', path: /^\/v1\.0\/users\//, perSecond: 0.1, burst: 1 });
    const batch = await raw(sandbox, 'POST', '/v1.0/$batch', {
      token,
      body: { requests: [{ id: '1', method: 'GET', url: '/users/alexw@example.com' }, { id: '2', method: 'GET', url: '/users/meganb@example.com' }] },
    });
    expect(batch.status).toBe(200);
    const statuses = (batch.body.responses as { id: string; status: number }[]).map((response) => response.status).sort();
    expect(statuses).toEqual([200, 429]);
  });
});

describe('TokenBucketRateLimits', () => {
  it('refills at the rate, one bucket per app', () => {
    let now = 0;
    const limits = new TokenBucketRateLimits(() => now);
    limits.set({ method: 'POST', path: '/v1.0/chats', perSecond: 20 });
    for (let i = 0; i < 20; i += 1) limits.check('POST', '/v1.0/chats', 'app-a');
    const error = (() => {
      try {
        limits.check('POST', '/v1.0/chats', 'app-a');
        return undefined;
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toBeInstanceOf(GraphError);
    expect((error as GraphError).status).toBe(429);
    expect((error as GraphError).headers['Retry-After']).toBe('1');
    // Another app has its own budget; other paths are not limited.
    expect(() => limits.check('POST', '/v1.0/chats', 'app-b')).not.toThrow();
    expect(() => limits.check('GET', '/v1.0/chats', 'app-a')).not.toThrow();
    now = 50;
    expect(() => limits.check('POST', '/v1.0/chats', 'app-a')).not.toThrow();
    expect(() => limits.check('POST', '/v1.0/chats', 'app-a')).toThrow(GraphError);
  });

  it('refuses a rate that is not positive', () => {
    expect(() => new TokenBucketRateLimits().set({ path: '/v1.0/chats', perSecond: 0 })).toThrow(RangeError);
  });
});
