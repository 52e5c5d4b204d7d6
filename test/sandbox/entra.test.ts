import { ClientCertificateCredential } from '@azure/identity';
import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { startSandbox, type SandboxTenant } from '../../src/sandbox';
import { GRAPH_SCOPE, appToken, graphClient, raw, secretCredential } from './sandboxClients';

describe('sandbox Entra ID', () => {
  let sandbox: SandboxTenant;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(async () => {
    await sandbox.close();
  });
  beforeEach(() => sandbox.requests.clear());

  it('issues an app-only token to the real ClientSecretCredential (tenant id from the Playground)', async () => {
    expect(sandbox.tenantId).toBe('00000000-0000-0000-0000-0000000000001');
    const token = await secretCredential(sandbox).getToken(GRAPH_SCOPE);
    const claims = decodeJwt(token.token);
    expect(decodeProtectedHeader(token.token).kid).toEqual(expect.any(String));
    expect(claims).toMatchObject({
      aud: 'https://graph.microsoft.com',
      tid: sandbox.tenantId,
      appid: sandbox.clientId,
      roles: ['Chat.Create', 'User.Read.All', 'TeamsAppInstallation.ReadWriteSelfForChat.All', 'AppCatalog.Read.All', 'GroupMember.Read.All'],
      idtyp: 'app',
    });
    expect(token.expiresOnTimestamp).toBeGreaterThan(Date.now() + 3000 * 1000);
    const paths = sandbox.requests.all().map((r) => `${r.method} ${r.path}`);
    expect(paths).toContain(`GET /${sandbox.tenantId}/v2.0/.well-known/openid-configuration`);
    expect(paths).toContain(`POST /${sandbox.tenantId}/oauth2/v2.0/token`);
  });

  it('redacts the client secret in the logged token request', async () => {
    await appToken(sandbox);
    const tokenRequest = sandbox.requests.all().find((r) => r.path.endsWith('/oauth2/v2.0/token'));
    expect(tokenRequest?.body).toMatchObject({ grant_type: 'client_credentials', client_secret: '[redacted]', scope: GRAPH_SCOPE });
    expect(JSON.stringify(sandbox.requests.all())).not.toContain(sandbox.clientSecret);
  });

  it('accepts a verified domain as the tenant and <origin>/.default as the scope', async () => {
    const response = await raw(sandbox, 'POST', '/contoso.com/oauth2/v2.0/token', {
      form: { grant_type: 'client_credentials', client_id: sandbox.clientId, client_secret: sandbox.clientSecret, scope: `${sandbox.origin}/.default` },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600, access_token: expect.any(String) });
    expect(decodeJwt(response.body.access_token).aud).toBe('https://graph.microsoft.com');
  });

  it('serves the signing keys named by the token kid', async () => {
    const token = await appToken(sandbox);
    const keys = await raw(sandbox, 'GET', `/${sandbox.tenantId}/discovery/v2.0/keys`);
    expect(keys.body.keys.map((k: { kid: string }) => k.kid)).toContain(decodeProtectedHeader(token).kid);
  });

  describe('errors in Entra shape', () => {
    const form = (overrides: Record<string, string>): Record<string, string> => ({
      grant_type: 'client_credentials', client_id: sandbox.clientId, client_secret: sandbox.clientSecret, scope: GRAPH_SCOPE, ...overrides,
    });
    const cases: Array<[string, string, Record<string, string>, number, string, number]> = [
      ['unknown tenant', '/11111111-2222-3333-4444-555555555555', {}, 400, 'invalid_request', 90002],
      ['unknown client', '', { client_id: 'aaaaaaaa-0000-0000-0000-000000000000' }, 400, 'unauthorized_client', 700016],
      ['bad secret', '', { client_secret: 'wrong' }, 401, 'invalid_client', 7000215],
      ['scope without /.default', '', { scope: 'https://graph.microsoft.com/User.Read.All' }, 400, 'invalid_scope', 1002012],
      ['unknown resource', '', { scope: 'https://vault.azure.net/.default' }, 400, 'invalid_resource', 500011],
      ['unsupported grant', '', { grant_type: 'password' }, 400, 'unsupported_grant_type', 70003],
      ['bad client assertion', '', { client_secret: '', client_assertion: 'not.a.jwt', client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer' }, 400, 'invalid_request', 50027],
    ];
    it.each(cases)('%s', async (_name, tenantPath, overrides, status, error, aadsts) => {
      const body = form(overrides);
      if (body['client_secret'] === '') delete body['client_secret'];
      const path = `${tenantPath || `/${sandbox.tenantId}`}/oauth2/v2.0/token`;
      const response = await raw(sandbox, 'POST', path, { form: body });
      expect(response.status).toBe(status);
      expect(response.body).toEqual({
        error,
        error_description: expect.stringMatching(new RegExp(`^AADSTS${aadsts}: .*\\r\\nTrace ID: .*\\r\\nCorrelation ID: .*\\r\\nTimestamp: `, 's')),
        error_codes: [aadsts],
        timestamp: expect.any(String),
        trace_id: expect.any(String),
        correlation_id: expect.any(String),
        error_uri: expect.any(String),
      });
    });

    it('names the unknown tenant in AADSTS90002, also on the discovery document', async () => {
      const response = await raw(sandbox, 'GET', '/nowhere.example/v2.0/.well-known/openid-configuration');
      expect(response.status).toBe(400);
      expect(response.body.error_description).toContain("AADSTS90002: Tenant 'nowhere.example' not found.");
    });

    it('surfaces AADSTS7000215 through the real credential', async () => {
      await expect(secretCredential(sandbox, 'wrong-secret').getToken(GRAPH_SCOPE)).rejects.toThrow(/AADSTS7000215/);
    });

    it('surfaces AADSTS700016 through the real credential', async () => {
      const credential = secretCredential(sandbox, sandbox.clientSecret, sandbox.tenantId, 'bbbbbbbb-0000-0000-0000-000000000000');
      await expect(credential.getToken(GRAPH_SCOPE)).rejects.toThrow(/AADSTS700016/);
    });
  });

  describe('client certificate (client_assertion)', () => {
    function selfSignedCertificate(): { certificatePem: string; privateKeyPem: string } {
      const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      const cert = forge.pki.createCertificate();
      cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString());
      cert.serialNumber = '01';
      cert.validity.notBefore = new Date(Date.now() - 60_000);
      cert.validity.notAfter = new Date(Date.now() + 24 * 3600_000);
      cert.setSubject([{ name: 'commonName', value: 'chat-starter-test' }]);
      cert.setIssuer([{ name: 'commonName', value: 'chat-starter-test' }]);
      cert.sign(forge.pki.privateKeyFromPem(privateKeyPem), forge.md.sha256.create());
      return { certificatePem: forge.pki.certificateToPem(cert), privateKeyPem };
    }

    it('accepts the real ClientCertificateCredential once the certificate is registered', async () => {
      const { certificatePem, privateKeyPem } = selfSignedCertificate();
      expect(new X509Certificate(certificatePem).subject).toContain('chat-starter-test');
      const options = { authorityHost: sandbox.origin, disableInstanceDiscovery: true };
      const pem = `${privateKeyPem}\n${certificatePem}`;

      const unregistered = new ClientCertificateCredential(sandbox.tenantId, sandbox.clientId, { certificate: pem }, options);
      await expect(unregistered.getToken(GRAPH_SCOPE)).rejects.toThrow(/AADSTS700027/);

      sandbox.addClientCertificate(certificatePem);
      const registered = new ClientCertificateCredential(sandbox.tenantId, sandbox.clientId, { certificate: pem }, options);
      const token = await registered.getToken(GRAPH_SCOPE);
      expect(decodeJwt(token.token)).toMatchObject({ appid: sandbox.clientId, appidacr: '2' });
      const tokenRequest = sandbox.requests.all().filter((r) => r.path.endsWith('/token')).pop();
      expect(tokenRequest?.body).toMatchObject({ client_assertion: '[redacted]' });

      const me = await graphClient(sandbox, registered).api('/users/alexw@example.com').get();
      expect(me.displayName).toBe('Alex Wilber');
    });
  });
});
