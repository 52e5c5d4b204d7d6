import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BlobServiceClient } from '@azure/storage-blob';
import { SandboxTenant, startSandbox } from '../../src/sandbox';
import { issueLeafCertificate, loadOrCreateCa } from '../../src/sandbox/certificateAuthority';
import { defaultStateDir } from '../../src/sandbox/sandboxTenant';
import { AppServiceIdentity } from '../support/appServiceIdentity';
import { Azurite, startAzurite } from '../support/azurite';
import { cardOf, openUrls, sandboxEnv } from '../support/botOnSandbox';
import { BotProcess, startBotProcess } from '../support/botProcess';
import { BOT_FRAMEWORK_ISSUER, ChannelIssuer, startChannelIssuer } from '../support/channelIssuer';
import { ConnectorStub } from '../support/connectorStub';
import { PEOPLE } from '../support/people';
import { messageActivity } from '../support/teamsActivity';

const REPO = path.resolve(__dirname, '..', '..');
const LOOPBACK_ONLY = path.resolve(__dirname, '..', 'support', 'loopbackOnly.cjs');
const STORAGE = 'https://storage.azure.com';

const refusedConnections = (lines: readonly string[]): string[] => lines.filter((line) => line.includes('"connection beyond loopback refused"'));
const claims = (jwt: string): Record<string, unknown> => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;

/**
 * The bot as infra/azure.bicep runs it on App Service: BOT_TYPE=UserAssignedMsi, no secret
 * anywhere, every token (Graph, the Bot Connector, Blob storage) from App Service's identity
 * endpoint (a stand-in on loopback), shared state in Blob storage by account URL (Azurite over
 * HTTPS in its OAuth mode). A preload refuses any connection beyond loopback and the test fails on
 * one: without IDENTITY_ENDPOINT the credential would call the instance metadata address.
 */
describe('start with a user-assigned managed identity', () => {
  it('the loopback guard refuses and reports a connection to the instance metadata address', () => {
    const run = spawnSync(process.execPath, ['-r', LOOPBACK_ONLY, '-e', "require('node:net').connect(80, '169.254.169.254').on('error', () => {})"], { encoding: 'utf8', timeout: 10_000 });
    expect(refusedConnections(run.stdout.split('\n')).map((line) => JSON.parse(line) as { host: string })).toEqual([expect.objectContaining({ host: '169.254.169.254' })]);
  });

  it('without IDENTITY_ENDPOINT the credential goes for 169.254.169.254, which the guard stops (so the test below would see it)', async () => {
    const sandbox = await startSandbox({ port: 0 });
    const child = spawn(process.execPath, [path.join(REPO, 'dist', 'index.js')], {
      env: {
        PATH: process.env.PATH ?? '',
        ...sandboxEnv(sandbox),
        BOT_ID: sandbox.clientId,
        BOT_TYPE: 'UserAssignedMsi',
        BOT_TENANT_ID: sandbox.tenantId,
        AZURE_CLIENT_SECRET: '',
        PORT: '0',
        HOST: '127.0.0.1',
        NODE_OPTIONS: `-r ${LOOPBACK_ONLY}`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      const deadline = Date.now() + 20_000;
      while (refusedConnections(output.split('\n')).length === 0 && child.exitCode === null && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      const hosts = refusedConnections(output.split('\n')).map((line) => (JSON.parse(line) as { host: string }).host);
      expect(hosts).toContain('169.254.169.254');
    } finally {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGKILL');
        await exited;
      }
      await sandbox.close();
    }
  });

  describe('on App Service, with Blob state', () => {
    let sandbox: SandboxTenant;
    let issuer: ChannelIssuer;
    let connector: ConnectorStub;
    let identity: AppServiceIdentity;
    let azurite: Azurite;
    let bot: BotProcess;
    const certs = mkdtempSync(path.join(tmpdir(), 'chat-starter-azurite-tls-'));

    beforeAll(async () => {
      const leaf = issueLeafCertificate(await loadOrCreateCa(defaultStateDir()));
      writeFileSync(path.join(certs, 'cert.pem'), leaf.certPem);
      writeFileSync(path.join(certs, 'key.pem'), leaf.keyPem);
      [sandbox, issuer, azurite] = await Promise.all([
        startSandbox({ port: 0 }),
        startChannelIssuer(),
        startAzurite(20_000, { oauth: { certPath: path.join(certs, 'cert.pem'), keyPath: path.join(certs, 'key.pem') } }),
      ]);
      connector = new ConnectorStub();
      await connector.start();
      // Azure's identity service gets the identity's tokens from Entra; here, from the sandbox's.
      identity = new AppServiceIdentity({
        clientId: sandbox.clientId,
        tenantId: sandbox.tenantId,
        selfIssued: [STORAGE],
        tokenFromEntra: async (resource) => {
          const res = await fetch(`${sandbox.origin}/${sandbox.tenantId}/oauth2/v2.0/token`, {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams({ grant_type: 'client_credentials', client_id: sandbox.clientId, client_secret: sandbox.clientSecret, scope: `${resource.replace(/\/$/, '')}/.default` }),
          });
          const body = (await res.json()) as { access_token?: string; expires_in?: number };
          if (!res.ok || !body.access_token) throw new Error(`the sandbox refused a token for ${resource}: ${res.status}`);
          return { accessToken: body.access_token, expiresIn: body.expires_in ?? 3600 };
        },
      });
      await identity.start();
      const env = sandboxEnv(sandbox);
      bot = await startBotProcess({
        TEAMS_APP_ID: env.TEAMS_APP_ID ?? '',
        LIMIT_CHATS_PER_MINUTE: env.LIMIT_CHATS_PER_MINUTE!,
        KICKOFF: 'off',
        NODE_EXTRA_CA_CERTS: sandbox.caCertPath,
        NODE_OPTIONS: `-r ${LOOPBACK_ONLY}`,
        // What infra/azure.bicep sets, with the sandbox's hosts: no secret, no certificate.
        BOT_ID: sandbox.clientId,
        BOT_TYPE: 'UserAssignedMsi',
        BOT_TENANT_ID: sandbox.tenantId,
        AZURE_TENANT_ID: sandbox.tenantId,
        AZURE_CLIENT_ID: sandbox.clientId,
        AZURE_AUTHORITY_HOST: sandbox.origin,
        GRAPH_ENDPOINT: sandbox.origin,
        STATE_BLOB_ACCOUNT_URL: azurite.accountUrl,
        STATE_BLOB_CONTAINER: 'chat-starter-state',
        BOT_OPENID_METADATA_URL: issuer.metadataUrl,
        BOT_TOKEN_ISSUER: BOT_FRAMEWORK_ISSUER,
        // What App Service puts in the environment of an app with a managed identity.
        ...identity.environment(),
      });
    }, 60_000);
    afterAll(async () => {
      await bot?.stop();
      await identity?.stop();
      await connector?.stop();
      await azurite?.stop();
      await issuer?.close();
      await sandbox?.close();
      rmSync(certs, { recursive: true, force: true });
    });

    it('starts healthy with a Graph token from the identity endpoint and no secret', () => {
      expect(bot.logs.some((line) => line.includes('"loopback only"'))).toBe(true);
      const graph = identity.requests.filter((request) => request.resource.startsWith(sandbox.origin));
      expect(graph.length).toBeGreaterThan(0);
      expect(graph.every((request) => request.headerMatched && request.clientId === sandbox.clientId && request.apiVersion === '2019-08-01')).toBe(true);
      expect(bot.logs.some((line) => line.includes('"shared state in Azure Blob storage"') && line.includes('"auth":"managedIdentity"'))).toBe(true);
    });

    it('a typed request creates one chat, claimed in Blob storage, and the reply goes out with a Bot Connector token of the identity', async () => {
      const activity = messageActivity({ serviceUrl: connector.serviceUrl, tenantId: sandbox.tenantId, fromAadObjectId: PEOPLE.alex.id, fromName: PEOPLE.alex.name, text: 'start chat with Megan Bowen and Adele Vance about Identity' });
      const token = await issuer.signActivityToken({ audience: sandbox.clientId, serviceUrl: connector.serviceUrl });
      const res = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(activity) });
      expect(res.status).toBeLessThan(300);
      const [reply] = await connector.waitForSent(1);
      const posts = sandbox.requests.all().filter((entry) => entry.method === 'POST' && entry.path === '/v1.0/chats');
      expect(posts).toHaveLength(1);
      expect(openUrls(cardOf(reply!.activity))).toEqual([(posts[0]!.response as { webUrl: string }).webUrl]);

      // The reply's token: the identity's, for the Bot Framework, obtained from the identity endpoint.
      expect(reply!.authorization).toMatch(/^Bearer /);
      expect(claims(reply!.authorization!.slice('Bearer '.length))).toMatchObject({ aud: 'https://api.botframework.com', appid: sandbox.clientId });
      expect(identity.requests.some((request) => request.resource.replace(/\/$/, '') === 'https://api.botframework.com' && request.clientId === sandbox.clientId && request.headerMatched)).toBe(true);

      // The request was claimed in the storage account, reached with the identity's storage token.
      expect(identity.requests.some((request) => request.resource.replace(/\/$/, '') === STORAGE && request.clientId === sandbox.clientId)).toBe(true);
      const storage = new BlobServiceClient(azurite.accountUrl, {
        getToken: async () => {
          const res = await fetch(`${identity.endpoint}?api-version=2019-08-01&resource=${encodeURIComponent(STORAGE)}`, { headers: { 'x-identity-header': identity.header } });
          const body = (await res.json()) as { access_token: string; expires_on: string };
          return { token: body.access_token, expiresOnTimestamp: Number(body.expires_on) * 1000 };
        },
      });
      const names: string[] = [];
      for await (const blob of storage.getContainerClient('chat-starter-state').listBlobsFlat()) names.push(blob.name);
      expect(names.length).toBeGreaterThan(0);

      expect(refusedConnections(bot.logs)).toEqual([]);
    });
  });
});
