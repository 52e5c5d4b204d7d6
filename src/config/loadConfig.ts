import { AppConfig, BotAppType, GraphCredentialConfig } from './appConfig';
import { cloudForGraphHost } from './clouds';
import { ConfigError } from '../errors/configError';

export type Environment = Readonly<Record<string, string | undefined>>;

const APP_TYPES: Record<string, BotAppType> = {
  multitenant: 'MultiTenant',
  singletenant: 'SingleTenant',
  userassignedmsi: 'UserAssignedMsi',
};

const GUIDISH = /^[0-9a-fA-F-]{36,37}$/;

/**
 * Environment → typed, validated, frozen configuration. The only place that knows variable names.
 * Throws `ConfigError` naming the first bad variable, so the process stops at start-up.
 */
export function loadConfig(env: Environment): AppConfig {
  const read = (name: string): string => (env[name] ?? '').trim();
  const production = read('NODE_ENV') === 'production';

  const port = parsePort(read('PORT') || '3978');

  const appId = read('BOT_ID');
  if (appId === '' && production) {
    throw new ConfigError('BOT_ID', 'is required when NODE_ENV=production (anonymous mode is for local try-outs only)');
  }
  const appTypeRaw = read('BOT_TYPE') || 'MultiTenant';
  const appType = APP_TYPES[appTypeRaw.toLowerCase()];
  if (!appType) throw new ConfigError('BOT_TYPE', `must be MultiTenant, SingleTenant or UserAssignedMsi, not "${appTypeRaw}"`);
  const botTenantId = read('BOT_TENANT_ID');
  if (appId !== '' && appType !== 'MultiTenant' && botTenantId === '') {
    throw new ConfigError('BOT_TENANT_ID', `is required when BOT_TYPE=${appType}`);
  }
  const appPassword = read('BOT_PASSWORD');
  if (appId !== '' && appType !== 'UserAssignedMsi' && appPassword === '') {
    throw new ConfigError('BOT_PASSWORD', `is required when BOT_ID is set and BOT_TYPE=${appType}`);
  }
  const openIdMetadataUrl = read('BOT_OPENID_METADATA_URL');
  const tokenIssuer = read('BOT_TOKEN_ISSUER');
  if ((openIdMetadataUrl === '') !== (tokenIssuer === '')) {
    throw new ConfigError(openIdMetadataUrl === '' ? 'BOT_OPENID_METADATA_URL' : 'BOT_TOKEN_ISSUER', 'must be given together with its pair');
  }
  if (openIdMetadataUrl !== '') requireHttpsUrl('BOT_OPENID_METADATA_URL', openIdMetadataUrl);

  const tenantId = read('AZURE_TENANT_ID') || botTenantId;
  if (tenantId === '') throw new ConfigError('AZURE_TENANT_ID', 'is required (the tenant whose directory and chats the bot uses)');
  if (!GUIDISH.test(tenantId)) throw new ConfigError('AZURE_TENANT_ID', `is not a tenant id: "${tenantId}"`);
  const clientId = read('AZURE_CLIENT_ID') || appId;
  if (clientId === '') throw new ConfigError('AZURE_CLIENT_ID', 'is required (or set BOT_ID, which it defaults to)');
  const credential = readCredential(read, appType, appPassword);

  const authorityHost = trimSlash(read('AZURE_AUTHORITY_HOST') || 'https://login.microsoftonline.com');
  requireHttpsUrl('AZURE_AUTHORITY_HOST', authorityHost);
  const endpoint = trimSlash(read('GRAPH_ENDPOINT') || 'https://graph.microsoft.com');
  requireHttpsUrl('GRAPH_ENDPOINT', endpoint);
  if (/\/v1\.0$|\/beta$/.test(endpoint)) throw new ConfigError('GRAPH_ENDPOINT', 'must not include the API version (use https://graph.microsoft.com)');
  const teamsHost = cloudForGraphHost(new URL(endpoint).hostname)?.teamsHost ?? 'teams.microsoft.com';

  const allowedRaw = read('ALLOWED_TENANT_IDS');
  const allowedTenantIds = allowedRaw === '' ? [tenantId] : allowedRaw.split(',').map((id) => id.trim()).filter((id) => id !== '');
  for (const id of allowedTenantIds) {
    if (!GUIDISH.test(id)) throw new ConfigError('ALLOWED_TENANT_IDS', `"${id}" is not a tenant id`);
  }

  const logLevel = read('LOG_LEVEL') || 'info';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL', `must be one of fatal, error, warn, info, debug, trace, silent`);
  }

  const config: AppConfig = {
    port,
    production,
    logLevel,
    bot: {
      appId,
      appPassword,
      appType,
      tenantId: botTenantId,
      ...(openIdMetadataUrl !== '' ? { channelAuth: { openIdMetadataUrl, tokenIssuer } } : {}),
    },
    graph: { tenantId, clientId, credential, authorityHost, endpoint, teamsHost },
    allowedTenantIds: allowedTenantIds.map((id) => id.toLowerCase()),
  };
  return deepFreeze(config);
}

function readCredential(read: (name: string) => string, appType: BotAppType, botPassword: string): GraphCredentialConfig {
  const secret = read('AZURE_CLIENT_SECRET');
  const certificatePath = read('AZURE_CLIENT_CERTIFICATE_PATH');
  if (secret !== '' && certificatePath !== '') {
    throw new ConfigError('AZURE_CLIENT_CERTIFICATE_PATH', 'give either AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH, not both');
  }
  if (certificatePath !== '') return { kind: 'certificate', certificatePath };
  if (secret !== '') return { kind: 'secret', clientSecret: secret };
  if (appType === 'UserAssignedMsi') return { kind: 'managedIdentity' };
  if (botPassword !== '') return { kind: 'secret', clientSecret: botPassword };
  throw new ConfigError('AZURE_CLIENT_SECRET', 'is required (or AZURE_CLIENT_CERTIFICATE_PATH, or BOT_PASSWORD which it defaults to)');
}

function parsePort(raw: string): number {
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError('PORT', `must be a port number, not "${raw}"`);
  return port;
}

function requireHttpsUrl(variable: string, value: string): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(variable, `is not a URL: "${value}"`);
  }
  if (url.protocol !== 'https:') throw new ConfigError(variable, `must be an https:// URL, not "${value}"`);
}

function trimSlash(value: string): string {
  return value.replace(/\/+$/, '');
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
