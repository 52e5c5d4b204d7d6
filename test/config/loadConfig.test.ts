import { loadConfig } from '../../src/config/loadConfig';
import { MINIMAL_ENV, TEST_TENANT, configFailure } from '../support/configFailure';

const TENANT = TEST_TENANT;
const minimal = MINIMAL_ENV;


describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig(minimal);
    expect(config.port).toBe(3978);
    expect(config.host).toBe('127.0.0.1');
    expect(config.bot.appId).toBe('');
    // MultiTenant is deprecated for new bots.
    expect(config.bot.appType).toBe('SingleTenant');
    expect(config.objectIds).toBe('sample');
    expect(config.shutdownGraceMs).toBe(10_000);
    expect(loadConfig({ ...minimal, SHUTDOWN_GRACE_SECONDS: '0' }).shutdownGraceMs).toBe(0);
    expect(config.timing).toEqual({ requestLeaseMs: 30_000, invokeBudgetMs: 4_000 });
    expect(loadConfig({ ...minimal, REQUEST_LEASE_MS: '4000', INVOKE_BUDGET_MS: '1000' }).timing).toEqual({ requestLeaseMs: 4_000, invokeBudgetMs: 1_000 });
    expect(config.graph).toEqual({
      tenantId: TENANT,
      clientId: 'client',
      credential: { kind: 'secret', clientSecret: 's' },
      authorityHost: 'https://login.microsoftonline.com',
      endpoint: 'https://graph.microsoft.com',
      teamsHost: 'teams.microsoft.com',
    });
    expect(config.allowedTenantIds).toEqual([TENANT]);
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.graph)).toBe(true);
  });

  it("defaults Graph's identity to the bot's, and listens on every interface once authenticated", () => {
    const config = loadConfig({ BOT_ID: 'bot-app', BOT_PASSWORD: 'pw', BOT_TYPE: 'SingleTenant', BOT_TENANT_ID: TENANT });
    expect(config.host).toBe('0.0.0.0');
    expect(loadConfig({ BOT_ID: 'bot-app', BOT_PASSWORD: 'pw', BOT_TYPE: 'SingleTenant', BOT_TENANT_ID: TENANT, HOST: '::' }).host).toBe('::');
    expect(loadConfig({ ...minimal, HOST: '::1' }).host).toBe('::1');
    expect(config.graph.clientId).toBe('bot-app');
    expect(config.graph.tenantId).toBe(TENANT);
    expect(config.graph.credential).toEqual({ kind: 'secret', clientSecret: 'pw' });
  });

  it('uses a managed identity for UserAssignedMsi and a certificate when its path is given', () => {
    expect(loadConfig({ BOT_ID: 'msi', BOT_TYPE: 'UserAssignedMsi', BOT_TENANT_ID: TENANT }).graph.credential).toEqual({ kind: 'managedIdentity' });
    expect(loadConfig({ ...minimal, AZURE_CLIENT_SECRET: '', AZURE_CLIENT_CERTIFICATE_PATH: '/c.pem' }).graph.credential).toEqual({
      kind: 'certificate',
      certificatePath: '/c.pem',
    });
  });

  it('selects a national cloud from GRAPH_ENDPOINT and AZURE_AUTHORITY_HOST', () => {
    const config = loadConfig({ ...minimal, GRAPH_ENDPOINT: 'https://graph.microsoft.us/', AZURE_AUTHORITY_HOST: 'https://login.microsoftonline.us' });
    expect(config.graph.endpoint).toBe('https://graph.microsoft.us');
    expect(config.graph.teamsHost).toBe('gov.teams.microsoft.us');
    expect(loadConfig({ ...minimal, GRAPH_ENDPOINT: 'https://microsoftgraph.chinacloudapi.cn' }).graph.teamsHost).toBe('teams.microsoftonline.cn');
  });

  it('reads a private login URL for the bot, trimming a trailing slash', () => {
    expect(loadConfig({ ...minimal, BOT_LOGIN_URL: 'https://login.example/tenant/' }).bot.loginUrl).toBe('https://login.example/tenant');
  });

  it('takes only GUIDs as tenant ids in production; the try-out also takes the Playground\'s sample ids', () => {
    const sample = '00000000-0000-0000-0000-0000000000001';
    const bot = { BOT_ID: 'bot-app', BOT_PASSWORD: 'pw', BOT_TENANT_ID: TENANT };
    expect(loadConfig({ ...minimal, AZURE_TENANT_ID: sample }).graph.tenantId).toBe(sample);
    expect(loadConfig({ ...minimal, ...bot, NODE_ENV: 'production' }).objectIds).toBe('guid');
    expect(configFailure({ ...minimal, ...bot, NODE_ENV: 'production', AZURE_TENANT_ID: sample }).variable).toBe('AZURE_TENANT_ID');
    expect(configFailure({ ...minimal, ...bot, NODE_ENV: 'production', ALLOWED_TENANT_IDS: `${TENANT},${sample}` }).variable).toBe('ALLOWED_TENANT_IDS');
    expect(configFailure({ ...minimal, ...bot, NODE_ENV: 'production', AZURE_TENANT_ID: 'g2f988bf-86f1-41af-91ab-2d7cd011db47' }).variable).toBe('AZURE_TENANT_ID');
  });

  it('needs the bot\'s tenant with the default BOT_TYPE, and says the type is the default', () => {
    const error = configFailure({ ...minimal, BOT_ID: 'bot-app', BOT_PASSWORD: 'pw' });
    expect(error.variable).toBe('BOT_TENANT_ID');
    expect(error.message).toMatch(/SingleTenant \(the default BOT_TYPE\)/);
    expect(loadConfig({ ...minimal, BOT_ID: 'bot-app', BOT_PASSWORD: 'pw', BOT_TYPE: 'MultiTenant' }).bot.appType).toBe('MultiTenant');
  });

  it('reads several allowed tenants', () => {
    const other = '11111111-2222-3333-4444-555555555555';
    expect(loadConfig({ ...minimal, ALLOWED_TENANT_IDS: ` ${TENANT.toUpperCase()}, ${other} ` }).allowedTenantIds).toEqual([TENANT, other]);
  });

  it.each([
    [{ ...minimal, NODE_ENV: 'production' }, 'BOT_ID'],
    [{ ...minimal, PORT: 'eighty' }, 'PORT'],
    [{ ...minimal, HOST: 'example.com' }, 'HOST'],
    [{ ...minimal, HOST: 'cafe' }, 'HOST'],
    [{ ...minimal, HOST: '0.0.0.0' }, 'HOST'],
    [{ ...minimal, HOST: '::' }, 'HOST'],
    [{ ...minimal, BOT_TYPE: 'Sometimes' }, 'BOT_TYPE'],
    [{ ...minimal, BOT_ID: 'x', BOT_PASSWORD: 'y', BOT_TYPE: 'SingleTenant' }, 'BOT_TENANT_ID'],
    [{ ...minimal, BOT_ID: 'x', BOT_TENANT_ID: TENANT }, 'BOT_PASSWORD'],
    [{ AZURE_CLIENT_ID: 'c', AZURE_CLIENT_SECRET: 's' }, 'AZURE_TENANT_ID'],
    [{ ...minimal, AZURE_TENANT_ID: 'contoso' }, 'AZURE_TENANT_ID'],
    [{ AZURE_TENANT_ID: TENANT, AZURE_CLIENT_SECRET: 's' }, 'AZURE_CLIENT_ID'],
    [{ AZURE_TENANT_ID: TENANT, AZURE_CLIENT_ID: 'c' }, 'AZURE_CLIENT_SECRET'],
    [{ ...minimal, AZURE_CLIENT_CERTIFICATE_PATH: '/c.pem' }, 'AZURE_CLIENT_CERTIFICATE_PATH'],
    [{ ...minimal, AZURE_AUTHORITY_HOST: 'http://login.example' }, 'AZURE_AUTHORITY_HOST'],
    [{ ...minimal, GRAPH_ENDPOINT: 'not a url' }, 'GRAPH_ENDPOINT'],
    [{ ...minimal, GRAPH_ENDPOINT: 'https://graph.microsoft.com/v1.0' }, 'GRAPH_ENDPOINT'],
    [{ ...minimal, ALLOWED_TENANT_IDS: 'contoso.com' }, 'ALLOWED_TENANT_IDS'],
    [{ ...minimal, LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ ...minimal, SHUTDOWN_GRACE_SECONDS: 'soon' }, 'SHUTDOWN_GRACE_SECONDS'],
    [{ ...minimal, SHUTDOWN_GRACE_SECONDS: '-1' }, 'SHUTDOWN_GRACE_SECONDS'],
    [{ ...minimal, SHUTDOWN_GRACE_SECONDS: '601' }, 'SHUTDOWN_GRACE_SECONDS'],
    [{ ...minimal, REQUEST_LEASE_MS: '999' }, 'REQUEST_LEASE_MS'],
    [{ ...minimal, REQUEST_LEASE_MS: '600001' }, 'REQUEST_LEASE_MS'],
    [{ ...minimal, REQUEST_LEASE_MS: '5s' }, 'REQUEST_LEASE_MS'],
    [{ ...minimal, INVOKE_BUDGET_MS: '99' }, 'INVOKE_BUDGET_MS'],
    [{ ...minimal, INVOKE_BUDGET_MS: '10001' }, 'INVOKE_BUDGET_MS'],
    [{ ...minimal, BOT_OPENID_METADATA_URL: 'https://x/.well-known' }, 'BOT_TOKEN_ISSUER'],
    [{ ...minimal, BOT_LOGIN_URL: 'http://login.example/tenant' }, 'BOT_LOGIN_URL'],
    [{ ...minimal, BOT_LOGIN_URL: 'https://login.example' }, 'BOT_LOGIN_URL'],
    [{ ...minimal, BOT_LOGIN_URL: 'https://login.example/tenant/extra' }, 'BOT_LOGIN_URL'],
    [{ ...minimal, BOT_LOGIN_URL: 'https://login.example/tenant?x=1' }, 'BOT_LOGIN_URL'],
    [{ BOT_ID: 'msi', BOT_TYPE: 'UserAssignedMsi', BOT_TENANT_ID: TENANT, BOT_LOGIN_URL: 'https://login.example/tenant' }, 'BOT_LOGIN_URL'],
  ])('stops with a message naming the variable (%#: %s)', (env, variable) => {
    const error = configFailure(env as Record<string, string>);
    expect(error.variable).toBe(variable);
    expect(error.message.startsWith(`${variable}:`)).toBe(true);
  });
});
