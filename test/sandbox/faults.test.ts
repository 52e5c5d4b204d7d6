import { RetryHandlerOptions, type Client } from '@microsoft/microsoft-graph-client';
import { startSandbox, type SandboxTenant } from '../../src/sandbox';
import { appToken, expectGraphError, graphClient, raw } from './sandboxClients';

const groupChat = {
  chatType: 'group',
  topic: 'Ambiguous',
  members: ['alexw@example.com', 'meganb@example.com'].map((upn) => ({
    '@odata.type': '#microsoft.graph.aadUserConversationMember', roles: ['owner'], 'user@odata.bind': `https://graph.microsoft.com/v1.0/users('${upn}')`,
  })),
};

describe('sandbox faults, latency and the request log', () => {
  let sandbox: SandboxTenant;
  let client: Client;
  let token: string;
  beforeAll(async () => {
    sandbox = await startSandbox();
    client = graphClient(sandbox);
    token = await appToken(sandbox);
  });
  afterAll(async () => {
    await sandbox.close();
  });
  beforeEach(() => {
    sandbox.faults.clear();
    sandbox.requests.clear();
  });

  it.each([[429, 'TooManyRequests'], [500, 'InternalServerError'], [503, 'ServiceUnavailable'], [504, 'GatewayTimeout']])(
    '%i has a Graph-shaped body and request ids', async (status, code) => {
      sandbox.faults.add({ method: 'GET', path: '/v1.0/users/alexw@example.com', status, count: 1 });
      const failed = await raw(sandbox, 'GET', '/v1.0/users/alexw@example.com', { token, headers: { 'client-request-id': 'abc-123' } });
      expect(failed.status).toBe(status);
      expectGraphError(failed.body, code);
      expect(failed.headers.get('client-request-id')).toBe('abc-123');
      expect(failed.headers.get('request-id')).toBe(failed.body.error.innerError['request-id']);
      expect(failed.headers.get('retry-after')).toBeNull();
      expect((await raw(sandbox, 'GET', '/v1.0/users/alexw@example.com', { token })).status).toBe(200);
    },
  );

  it('429 with Retry-After is retried by the real Graph client', async () => {
    sandbox.faults.add({ path: /^\/v1\.0\/users\//, status: 429, retryAfterSeconds: 1, count: 1 });
    const user = await client.api('/users/alexw@example.com').get();
    expect(user.displayName).toBe('Alex Wilber');
    expect(sandbox.requests.all().filter((r) => r.path === '/v1.0/users/alexw@example.com').map((r) => r.status)).toEqual([429, 200]);
  });

  it('afterHandling: the chat is created, then the caller sees 504', async () => {
    sandbox.faults.add({ method: 'POST', path: '/v1.0/chats', status: 504, count: 1, afterHandling: true });
    const before = sandbox.chats.list().length;
    const failure = await client.api('/chats').middlewareOptions([new RetryHandlerOptions(0, 0)]).post(groupChat).catch((e: unknown) => e);
    expect((failure as { statusCode: number }).statusCode).toBe(504);
    expect(sandbox.chats.list()).toHaveLength(before + 1);
  });

  it('drop destroys the socket without an answer (before or after handling) and logs status 0', async () => {
    sandbox.faults.add({ method: 'POST', path: '/v1.0/chats', drop: true, count: 1 });
    await expect(raw(sandbox, 'POST', '/v1.0/chats', { token, body: groupChat })).rejects.toThrow();
    const before = sandbox.chats.list().length;
    sandbox.faults.add({ method: 'POST', path: '/v1.0/chats', drop: true, afterHandling: true, count: 1 });
    await expect(raw(sandbox, 'POST', '/v1.0/chats', { token, body: groupChat })).rejects.toThrow();
    expect(sandbox.chats.list()).toHaveLength(before + 1);
    expect(sandbox.requests.all().map((r) => r.status)).toEqual([0, 0]);
  });

  it('count limits a rule; probability 0 never fires; rules also apply to the token endpoint', async () => {
    sandbox.faults.add({ path: '/v1.0/users/alexw@example.com', status: 503, count: 2 });
    sandbox.faults.add({ path: '/v1.0/users/meganb@example.com', status: 503, probability: 0 });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await raw(sandbox, 'GET', '/v1.0/users/alexw@example.com', { token })).status);
    expect(statuses).toEqual([503, 503, 200]);
    expect((await raw(sandbox, 'GET', '/v1.0/users/meganb@example.com', { token })).status).toBe(200);
    sandbox.faults.add({ path: `/${sandbox.tenantId}/oauth2/v2.0/token`, status: 500, count: 1 });
    const tokenResponse = await raw(sandbox, 'POST', `/${sandbox.tenantId}/oauth2/v2.0/token`, { form: { grant_type: 'client_credentials' } });
    expect(tokenResponse.status).toBe(500);
  });

  it('delayMs adds latency without changing the answer (the delay is printed, not asserted)', async () => {
    sandbox.faults.add({ path: '/v1.0/users/adelev@example.com', delayMs: 200, count: 1 });
    const started = Date.now();
    const response = await raw(sandbox, 'GET', '/v1.0/users/adelev@example.com', { token });
    console.log(`request with delayMs 200 took ${Date.now() - started} ms`);
    expect(response.status).toBe(200);
    expect(sandbox.requests.all()[0]?.status).toBe(200);
  });

  it('logs method, path, query, headers (token redacted), body, status and response', async () => {
    await raw(sandbox, 'GET', `/v1.0/users?$filter=${encodeURIComponent("givenName eq 'Lee'")}&$select=displayName`, { token });
    const [entry] = sandbox.requests.all();
    expect(entry).toMatchObject({
      method: 'GET',
      path: '/v1.0/users',
      query: { $filter: "givenName eq 'Lee'", $select: 'displayName' },
      status: 200,
      inBatch: false,
      response: { value: [{ displayName: 'Lee Gu' }] },
    });
    expect(entry?.headers['authorization']).toBe('Bearer [redacted]');
    expect(JSON.stringify(entry)).not.toContain(token);
  });
});
