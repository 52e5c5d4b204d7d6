import { SignJWT, generateKeyPair } from 'jose';
import { startSandbox, type SandboxTenant } from '../../src/sandbox';
import { appToken, expectGraphError, graphClient, raw, secretCredential, GRAPH_SCOPE } from './sandboxClients';

describe('sandbox Graph token checks', () => {
  let sandbox: SandboxTenant;
  beforeAll(async () => {
    sandbox = await startSandbox({ tokenLifetimeSeconds: 2 });
  });
  afterAll(async () => {
    await sandbox.close();
  });

  const getUser = (authorization?: string) =>
    raw(sandbox, 'GET', '/v1.0/users/alexw@example.com', { headers: authorization ? { Authorization: authorization } : {} });

  it('401 InvalidAuthenticationToken for a missing, malformed or foreign-signed token', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const foreign = await new SignJWT({ tid: sandbox.tenantId, roles: ['User.Read.All'] })
      .setProtectedHeader({ alg: 'ES256', kid: 'foreign' })
      .setAudience('https://graph.microsoft.com').setIssuer(`https://sts.windows.net/${sandbox.tenantId}/`)
      .setExpirationTime('1h').sign(privateKey);
    for (const authorization of [undefined, 'Bearer', 'Bearer not-a-jwt', `Bearer ${foreign}`]) {
      const response = await getUser(authorization);
      expect(response.status).toBe(401);
      expectGraphError(response.body, 'InvalidAuthenticationToken');
    }
  });

  it('an expired token is refused; the real client then gets a fresh one', async () => {
    const token = await appToken(sandbox);
    expect((await getUser(`Bearer ${token}`)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 3100));
    const expired = await getUser(`Bearer ${token}`);
    expect(expired.status).toBe(401);
    expect(expired.body.error.message).toMatch(/expired/);
    const user = await graphClient(sandbox, secretCredential(sandbox)).api('/users/alexw@example.com').get();
    expect(user.displayName).toBe('Alex Wilber');
    expect((await secretCredential(sandbox).getToken(GRAPH_SCOPE)).token).not.toBe(token);
  });
});
