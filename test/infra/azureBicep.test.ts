import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../src/config/loadConfig';
import { appSettings, BicepFile, property, readBicep } from '../support/bicepReader';

const REPO = path.resolve(__dirname, '..', '..');
const INFRA = path.join(REPO, 'infra');
const main = readBicep(path.join(INFRA, 'azure.bicep'));
const bot = readBicep(path.join(INFRA, 'botRegistration', 'azurebot.bicep'));
const grants = readBicep(path.join(INFRA, 'graphPermissions', 'graphPermissions.bicep'));
const parametersFile = JSON.parse(readFileSync(path.join(INFRA, 'azure.parameters.json'), 'utf8')) as { parameters: Record<string, { value: unknown }> };

// Sample values for what Azure fills in at deployment time.
const IDENTITY_CLIENT_ID = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const TENANT_ID = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const BLOB_ENDPOINT = 'https://chatstarterdev001state.blob.core.windows.net/';
const AZURE_VALUES: Record<string, string> = {
  'identity.properties.clientId': IDENTITY_CLIENT_ID,
  'identity.properties.tenantId': TENANT_ID,
  'storage.properties.primaryEndpoints.blob': BLOB_ENDPOINT,
  'appInsights.properties.ConnectionString': 'InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/',
};

/** An app setting's value as the deployment would write it: a literal, a parameter's value, or an Azure-filled property. */
function settingValue(expression: string): string {
  const literal = /^'([^']*)'$/.exec(expression);
  if (literal) return literal[1]!;
  const param = main.params.find((entry) => entry.name === expression);
  if (param) {
    const fromFile = parametersFile.parameters[param.name]?.value;
    if (typeof fromFile === 'string' && !fromFile.includes('${{')) return fromFile;
    if (param.name === 'teamsAppId') return '0b1c2d3e-4f50-4617-8a9b-0c1d2e3f4a5b';
    if (param.defaultValue !== undefined) return /^'([^']*)'$/.exec(param.defaultValue)?.[1] ?? param.defaultValue;
  }
  const value = AZURE_VALUES[expression];
  if (value === undefined) throw new Error(`no sample value for the app setting expression "${expression}": add one`);
  return value;
}

/** The environment App Service gives the bot, and which of its names the bot's configuration read. */
async function configFromAppSettings(): Promise<{ names: string[]; read: Set<string>; config: ReturnType<typeof loadConfig> }> {
  const settings = appSettings(main.resource('webApp').body);
  const env: Record<string, string> = {};
  for (const [name, expression] of settings) env[name] = settingValue(expression);
  const read = new Set<string>();
  const watched = new Proxy(env, {
    get(target, name) {
      if (typeof name === 'string') read.add(name);
      return target[name as string];
    },
  });
  const config = loadConfig(watched);
  // Other readers of the environment in src/config (load…Config(env)) count as the bot's too.
  const configDir = path.join(REPO, 'src', 'config');
  for (const file of readdirSync(configDir).filter((name) => name.endsWith('.ts'))) {
    const exported = (await import(path.join(configDir, file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(exported)) {
      if (name !== 'loadConfig' && /^load\w*Config$/.test(name) && typeof value === 'function' && value.length === 1) (value as (env: unknown) => unknown)(watched);
    }
  }
  return { names: [...settings.keys()], read, config };
}

describe('infra/azure.bicep', () => {
  it('declares the resources of Microsoft\'s Teams bot templates, at their API versions', () => {
    const types = (file: BicepFile) => file.resources.map((entry) => `${entry.type}@${entry.apiVersion}`);
    expect(types(main)).toEqual([
      'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31',
      'Microsoft.OperationalInsights/workspaces@2023-09-01',
      'Microsoft.Insights/components@2020-02-02',
      'Microsoft.Storage/storageAccounts@2023-05-01',
      'Microsoft.Storage/storageAccounts/blobServices@2023-05-01',
      'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01',
      'Microsoft.Authorization/roleAssignments@2022-04-01',
      'Microsoft.Web/serverfarms@2022-09-01',
      'Microsoft.Web/sites@2022-09-01',
    ]);
    expect(types(bot)).toEqual(['Microsoft.BotService/botServices@2021-03-01', 'Microsoft.BotService/botServices/channels@2021-03-01']);
  });

  it('the app settings are variables the bot reads, and with them it starts as UserAssignedMsi on Blob state, with no secret', async () => {
    const { names, read, config } = await configFromAppSettings();
    expect(names.length).toBeGreaterThan(5);
    expect(names.filter((name) => !read.has(name))).toEqual([]);
    expect(config.production).toBe(true);
    expect(config.bot).toMatchObject({ appId: IDENTITY_CLIENT_ID, appType: 'UserAssignedMsi', appPassword: '', tenantId: TENANT_ID });
    expect(config.graph.credential).toEqual({ kind: 'managedIdentity' });
    expect(config.graph.clientId).toBe(IDENTITY_CLIENT_ID);
    expect(config.state).toEqual({ kind: 'blob', container: 'chat-starter-state', connection: { kind: 'managedIdentity', accountUrl: BLOB_ENDPOINT.replace(/\/$/, ''), clientId: IDENTITY_CLIENT_ID } });
    expect(config.kickoff.enabled).toBe(true);
    expect(config.kickoff.manifestAppId).toBeDefined();
    expect(names.filter((name) => /SECRET|PASSWORD|CERTIFICATE|AZURE_STORAGE_CONNECTION_STRING/.test(name))).toEqual([]);
  });

  it('holds no key or secret anywhere: no listKeys, no shared key, no connection string with a key', () => {
    const files = ['azure.bicep', 'botRegistration/azurebot.bicep', 'graphPermissions/graphPermissions.bicep', 'azure.parameters.json'];
    for (const file of files) {
      const text = readFileSync(path.join(INFRA, file), 'utf8');
      expect(text).not.toMatch(/listKeys|AccountKey|clientSecret|password/i);
    }
  });

  it('the web app: Linux, Node 24, HTTPS only, TLS 1.2, FTP off, always on, /healthz, the identity, N instances (default 2)', () => {
    const site = main.resource('webApp').body;
    expect(property(site, 'kind')).toBe("'app,linux'");
    expect(property(site, 'httpsOnly')).toBe('true');
    expect(property(site, 'linuxFxVersion')).toBe("'NODE|24-lts'");
    expect(property(site, 'minTlsVersion')).toBe("'1.2'");
    expect(property(site, 'ftpsState')).toBe("'Disabled'");
    expect(property(site, 'alwaysOn')).toBe('true');
    expect(property(site, 'healthCheckPath')).toBe("'/healthz'");
    expect(property(site, 'appCommandLine')).toBe("'npm start'");
    expect(property(site, 'type')).toBe("'UserAssigned'");
    expect(site).toContain("'${identity.id}': {}");
    const plan = main.resource('serverfarm').body;
    expect(property(plan, 'reserved')).toBe('true');
    expect(property(plan, 'capacity')).toBe('instanceCount');
    expect(main.params.find((param) => param.name === 'instanceCount')).toMatchObject({ type: 'int', defaultValue: '2', min: 1 });
  });

  it('state: shared key off, TLS 1.2, no anonymous blobs, the data role for the identity on the one container', () => {
    const storage = main.resource('storage').body;
    expect(property(storage, 'allowSharedKeyAccess')).toBe('false');
    expect(property(storage, 'allowBlobPublicAccess')).toBe('false');
    expect(property(storage, 'minimumTlsVersion')).toBe("'TLS1_2'");
    expect(property(main.resource('stateContainer').body, 'publicAccess')).toBe("'None'");
    const role = main.resource('stateContainerRole').body;
    expect(property(role, 'scope')).toBe('stateContainer');
    expect(property(role, 'principalId')).toBe('identity.properties.principalId');
    expect(role).toContain('storageBlobDataContributorRoleId');
    // Storage Blob Data Contributor's built-in id.
    expect(readFileSync(path.join(INFRA, 'azure.bicep'), 'utf8')).toContain("var storageBlobDataContributorRoleId = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'");
  });

  it('the Azure Bot signs in as the identity and has the Teams channel, at https://<web app>/api/messages', () => {
    const service = bot.resource('botService').body;
    expect(property(service, 'msaAppType')).toBe("'UserAssignedMSI'");
    expect(property(service, 'msaAppMSIResourceId')).toBe('identityResourceId');
    expect(property(service, 'msaAppId')).toBe('identityClientId');
    expect(property(service, 'msaAppTenantId')).toBe('identityTenantId');
    expect(property(service, 'endpoint')).toBe("'https://${botAppDomain}/api/messages'");
    expect(property(service, 'kind')).toBe("'azurebot'");
    expect(property(bot.resource('botServiceMsTeamsChannel').body, 'name')).toBe("'MsTeamsChannel'");
    const registration = main.modules.find((module) => module.type === './botRegistration/azurebot.bicep')!;
    expect(property(registration.body, 'botAppDomain')).toBe('webApp.properties.defaultHostName');
    expect(property(registration.body, 'identityResourceId')).toBe('identity.id');
  });

  it('each module gets every parameter it requires and none it does not declare', () => {
    for (const module of main.modules) {
      const target = readBicep(path.join(INFRA, module.type));
      const params = /params: \{\n([\s\S]*?)\n {2}\}/.exec(module.body)?.[1] ?? '';
      const given = [...params.matchAll(/^\s{4}(\w+):/gm)].map((match) => match[1]!);
      const required = target.params.filter((param) => param.defaultValue === undefined).map((param) => param.name);
      expect({ module: module.type, missing: required.filter((name) => !given.includes(name)) }).toEqual({ module: module.type, missing: [] });
      expect({ module: module.type, unknown: given.filter((name) => !target.params.some((param) => param.name === name)) }).toEqual({ module: module.type, unknown: [] });
    }
  });

  it('azure.parameters.json and the bicep parameters agree: names, types, allowed values, required ones given', () => {
    const declared = new Map(main.params.map((param) => [param.name, param]));
    for (const [name, { value }] of Object.entries(parametersFile.parameters)) {
      const param = declared.get(name);
      expect({ name, declared: param !== undefined }).toEqual({ name, declared: true });
      const expectedType = param!.type === 'int' ? 'number' : param!.type === 'bool' ? 'boolean' : 'string';
      expect({ name, type: typeof value }).toEqual({ name, type: expectedType });
      if (param!.allowed) expect(param!.allowed).toContain(value);
      if (param!.min !== undefined) expect(value).toBeGreaterThanOrEqual(param!.min);
      if (param!.max !== undefined) expect(value).toBeLessThanOrEqual(param!.max);
    }
    const required = main.params.filter((param) => param.defaultValue === undefined).map((param) => param.name);
    expect(required.filter((name) => !(name in parametersFile.parameters))).toEqual([]);
    expect(parametersFile.parameters.grantGraphPermissions?.value).toBe(false);
  });

  it('grants, behind grantGraphPermissions, exactly the Graph permissions the code asks for', () => {
    const asked = new Set<string>();
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory() && entry.name !== 'sandbox') walk(full);
        else if (entry.name.endsWith('.ts')) for (const match of readFileSync(full, 'utf8').matchAll(/(?:permission: |_PERMISSION = )'([\w.]+)'/g)) asked.add(match[1]!);
      }
    };
    walk(path.join(REPO, 'src'));
    const text = readFileSync(path.join(INFRA, 'azure.bicep'), 'utf8');
    const withKickoff = /kickoff == 'on'\s*\? \[([\s\S]*?)\]/.exec(text)?.[1] ?? '';
    const granted = [...withKickoff.matchAll(/'([\w.]+)'/g)].map((match) => match[1]!);
    expect(asked.size).toBeGreaterThanOrEqual(2);
    expect(granted.sort()).toEqual([...asked].sort());
    const module = main.modules.find((entry) => entry.type === './graphPermissions/graphPermissions.bicep')!;
    expect(module.body).toMatch(/= if \(grantGraphPermissions\)/);
    expect(main.params.find((param) => param.name === 'grantGraphPermissions')).toMatchObject({ type: 'bool', defaultValue: 'false' });
    expect(readFileSync(path.join(INFRA, 'graphPermissions', 'graphPermissions.bicep'), 'utf8')).toMatch(/^extension microsoftGraphV1$/m);
    expect(grants.resources.map((entry) => `${entry.type}@${entry.apiVersion}${entry.existing ? ' existing' : ''}`)).toEqual([
      'Microsoft.Graph/servicePrincipals@v1.0 existing',
      'Microsoft.Graph/appRoleAssignedTo@v1.0',
    ]);
    const config = JSON.parse(readFileSync(path.join(INFRA, 'bicepconfig.json'), 'utf8')) as { extensions: Record<string, string> };
    expect(config.extensions.microsoftGraphV1).toMatch(/^br:mcr\.microsoft\.com\/bicep\/extensions\/microsoftgraph\/v1\.0:/);
  });

  it('docs/deploy.md gives the admin one command per permission for when the grant is off', () => {
    const docs = readFileSync(path.join(REPO, 'docs', 'deploy.md'), 'utf8');
    const text = readFileSync(path.join(INFRA, 'azure.bicep'), 'utf8');
    const granted = [...(/kickoff == 'on'\s*\? \[([\s\S]*?)\]/.exec(text)?.[1] ?? '').matchAll(/'([\w.]+)'/g)].map((match) => match[1]!);
    expect(granted.length).toBeGreaterThanOrEqual(2);
    for (const permission of granted) expect(docs).toMatch(new RegExp(`^az rest --method POST [^\\n]*\\$\\(role ${permission.replace(/\./g, '\\.')}\\)`, 'm'));
  });
});
