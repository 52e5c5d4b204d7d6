import { startSandbox, type SandboxTenant } from '../../src/sandbox';
import { appToken, expectGraphError, raw } from './sandboxClients';

describe('sandbox Graph $batch', () => {
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
    sandbox.requests.clear();
    sandbox.faults.clear();
  });

  const batch = (requests: unknown[]) => raw(sandbox, 'POST', '/v1.0/$batch', { token, body: { requests } });

  it('answers each step on its own, in an order different from the request order, and logs each', async () => {
    const response = await batch([
      { id: '1', method: 'GET', url: '/users/alexw@example.com' },
      { id: '2', method: 'GET', url: 'users/nobody@contoso.com' },
      { id: '3', method: 'GET', url: `/users?$filter=${encodeURIComponent("givenName eq 'Megan'")}&$select=displayName` },
    ]);
    expect(response.status).toBe(200);
    const responses = response.body.responses as Array<{ id: string; status: number; headers: Record<string, string>; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(responses.map((r) => r.id)).toEqual(['3', '2', '1']);
    const byId = new Map(responses.map((r) => [r.id, r]));
    expect(byId.get('1')).toMatchObject({ status: 200, body: { displayName: 'Alex Wilber' } });
    expect(byId.get('2')?.status).toBe(404);
    expectGraphError(byId.get('2')?.body, 'Request_ResourceNotFound');
    expect(byId.get('3')?.body.value).toHaveLength(2);
    const logged = sandbox.requests.all();
    expect(logged.filter((r) => r.inBatch).map((r) => `${r.path} ${r.status}`)).toEqual([
      '/v1.0/users/alexw@example.com 200',
      '/v1.0/users/nobody@contoso.com 404',
      '/v1.0/users 200',
    ]);
    expect(logged.filter((r) => !r.inBatch).map((r) => r.path)).toEqual(['/v1.0/$batch']);
  });

  it('creates chats in a batch when the step has a Content-Type header', async () => {
    const member = (upn: string) => ({ '@odata.type': '#microsoft.graph.aadUserConversationMember', roles: ['owner'], 'user@odata.bind': `https://graph.microsoft.com/v1.0/users('${upn}')` });
    const response = await batch([
      { id: 'a', method: 'POST', url: '/chats', headers: { 'Content-Type': 'application/json' }, body: { chatType: 'group', topic: 'Batch', members: [member('alexw@example.com'), member('leeg@contoso.com')] } },
    ]);
    expect(response.body.responses[0]).toMatchObject({ id: 'a', status: 201, body: { chatType: 'group', topic: 'Batch' } });
  });

  it('rejects a whole batch: more than 20 steps, duplicate ids, a body without Content-Type, an absolute url', async () => {
    const step = (id: string) => ({ id, method: 'GET', url: '/users/alexw@example.com' });
    const cases = [
      Array.from({ length: 21 }, (_, i) => step(String(i + 1))),
      [step('1'), step('1')],
      [{ id: '1', method: 'POST', url: '/chats', body: { chatType: 'group' } }],
      [{ id: '1', method: 'GET', url: `${sandbox.origin}/v1.0/users` }],
    ];
    for (const requests of cases) {
      const response = await batch(requests);
      expect(response.status).toBe(400);
      expectGraphError(response.body, 'BadRequest');
    }
    expect(sandbox.requests.all().filter((r) => r.inBatch)).toHaveLength(0);
    expect((await batch(Array.from({ length: 20 }, (_, i) => step(String(i + 1))))).status).toBe(200);
  });

  it('applies fault rules to single steps, matched with the /v1.0 prefix', async () => {
    sandbox.faults.add({ path: '/v1.0/users/meganb@example.com', status: 429, retryAfterSeconds: 7 });
    const response = await batch([
      { id: '1', method: 'GET', url: '/users/alexw@example.com' },
      { id: '2', method: 'GET', url: '/users/meganb@example.com' },
    ]);
    const throttled = response.body.responses.find((r: { id: string }) => r.id === '2');
    expect(throttled.status).toBe(429);
    expect(throttled.headers['Retry-After']).toBe('7');
    expectGraphError(throttled.body, 'TooManyRequests');
    expect(response.body.responses.find((r: { id: string }) => r.id === '1').status).toBe(200);
  });

  it('answers 424 for a step whose dependency failed', async () => {
    const response = await batch([
      { id: '1', method: 'GET', url: '/users/nobody@contoso.com' },
      { id: '2', method: 'GET', url: '/users/alexw@example.com', dependsOn: ['1'] },
    ]);
    expect(response.body.responses.find((r: { id: string }) => r.id === '2').status).toBe(424);
  });
});
