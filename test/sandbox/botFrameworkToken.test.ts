import { decodeJwt } from 'jose';
import { startSandbox, type SandboxTenant } from '../../src/sandbox';
import { raw, secretCredential } from './sandboxClients';

const BOT_FRAMEWORK_SCOPE = 'https://api.botframework.com/.default';

describe('sandbox Entra ID: tokens for the Bot Framework (a bot sending replies)', () => {
  let sandbox: SandboxTenant;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(async () => {
    await sandbox.close();
  });

  it('issues the app a token whose audience is the Bot Framework, without Graph roles', async () => {
    const token = await secretCredential(sandbox).getToken(BOT_FRAMEWORK_SCOPE);
    const claims = decodeJwt(token.token);
    expect(claims).toMatchObject({
      aud: 'https://api.botframework.com',
      appid: sandbox.clientId,
      tid: sandbox.tenantId,
      iss: `https://sts.windows.net/${sandbox.tenantId}/`,
    });
    expect(claims).not.toHaveProperty('roles');
  });

  it('accepts the resource with a trailing slash, as Entra does', async () => {
    const response = await raw(sandbox, 'POST', `/${sandbox.tenantId}/oauth2/v2.0/token`, {
      form: { grant_type: 'client_credentials', client_id: sandbox.clientId, client_secret: sandbox.clientSecret, scope: 'https://api.botframework.com//.default' },
    });
    expect(response.status).toBe(200);
    expect(decodeJwt(response.body.access_token).aud).toBe('https://api.botframework.com');
  });

  it('Graph refuses a Bot Framework token (wrong audience)', async () => {
    const token = await secretCredential(sandbox).getToken(BOT_FRAMEWORK_SCOPE);
    const response = await raw(sandbox, 'GET', '/v1.0/users', { token: token.token });
    expect(response.status).toBe(401);
    expect(response.body.error).toMatchObject({ code: 'InvalidAuthenticationToken', message: 'Access token validation failure. Invalid audience.' });
  });

  it('still refuses a resource the tenant does not know', async () => {
    const response = await raw(sandbox, 'POST', `/${sandbox.tenantId}/oauth2/v2.0/token`, {
      form: { grant_type: 'client_credentials', client_id: sandbox.clientId, client_secret: sandbox.clientSecret, scope: 'https://api.botframework.net/.default' },
    });
    expect(response.status).toBe(400);
    expect(response.body.error).toBe('invalid_resource');
  });
});
