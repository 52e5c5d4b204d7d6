import { isIP } from 'node:net';
import { AppConfig, BotAppType, GraphCredentialConfig, StateConfig } from './appConfig';
import { readApiConfig } from './apiConfig';
import { cloudForGraphHost } from './clouds';
import { readKickoffConfig } from './kickoffConfig';
import { loadLimits } from './loadLimits';
import { readPacingConfig } from './pacingConfig';
import { ConfigError } from '../errors/configError';
import { readTurnTiming } from './turnTiming';
import { ObjectIdFormat, isObjectId } from '../entra/objectId';
import { isLoopbackHost, readUrl } from './urlVariable';

export type Environment = Readonly<Record<string, string | undefined>>;

const APP_TYPES: Record<string, BotAppType> = {
  multitenant: 'MultiTenant',
  singletenant: 'SingleTenant',
  userassignedmsi: 'UserAssignedMsi',
};


/**
 * Environment → typed, validated, frozen configuration. The only place that knows variable names.
 * Throws `ConfigError` naming the first bad variable, so the process stops at start-up.
 */
export function loadConfig(env: Environment): AppConfig {
  const read = (name: string): string => (env[name] ?? '').trim();
  const production = read('NODE_ENV') === 'production';
  // Entra issues GUIDs; the Playground's and the sandbox's non-GUID sample ids are for the try-out.
  const objectIds: ObjectIdFormat = production ? 'guid' : 'sample';

  const port = parsePort(read('PORT') || '3978');

  const appId = read('BOT_ID');
  const host = read('HOST') || (appId === '' ? '127.0.0.1' : '0.0.0.0');
  if (host !== 'localhost' && isIP(host) === 0) throw new ConfigError('HOST', `must be an IP address to listen on (e.g. 0.0.0.0 or 127.0.0.1), not "${host}"`);
  // Anonymous mode accepts unauthenticated activities while holding real Graph permissions:
  // it never listens beyond this machine.
  if (appId === '' && !isLoopbackHost(host)) throw new ConfigError('HOST', `must be a loopback address while BOT_ID is empty (anonymous mode), not "${host}"`);
  if (appId === '' && production) {
    throw new ConfigError('BOT_ID', 'is required when NODE_ENV=production (anonymous mode is for local try-outs only)');
  }
  // Microsoft deprecated MultiTenant for new bots.
  const appTypeRaw = read('BOT_TYPE') || 'SingleTenant';
  const appType = APP_TYPES[appTypeRaw.toLowerCase()];
  if (!appType) throw new ConfigError('BOT_TYPE', `must be MultiTenant, SingleTenant or UserAssignedMsi, not "${appTypeRaw}"`);
  const botTenantId = read('BOT_TENANT_ID');
  if (appId !== '' && appType !== 'MultiTenant' && botTenantId === '') {
    throw new ConfigError('BOT_TENANT_ID', `is required when BOT_TYPE=${appType}${read('BOT_TYPE') === '' ? ' (the default BOT_TYPE)' : ''}`);
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
  const loginUrl = trimSlash(read('BOT_LOGIN_URL'));
  if (loginUrl !== '') requireLoginUrl(loginUrl, appType);

  const tenantId = read('AZURE_TENANT_ID') || botTenantId;
  if (tenantId === '') throw new ConfigError('AZURE_TENANT_ID', 'is required (the tenant whose directory and chats the bot uses)');
  if (!isObjectId(tenantId, objectIds)) throw new ConfigError('AZURE_TENANT_ID', `is not a tenant id (a GUID): "${tenantId}"`);
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
    if (!isObjectId(id, objectIds)) throw new ConfigError('ALLOWED_TENANT_IDS', `"${id}" is not a tenant id (a GUID)`);
  }

  const logLevel = read('LOG_LEVEL') || 'info';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL', `must be one of fatal, error, warn, info, debug, trace, silent`);
  }

  const shutdownRaw = read('SHUTDOWN_GRACE_SECONDS') || '10';
  const shutdownGraceSeconds = Number(shutdownRaw);
  if (!/^\d+$/.test(shutdownRaw) || shutdownGraceSeconds > 600) throw new ConfigError('SHUTDOWN_GRACE_SECONDS', `must be a whole number of seconds from 0 to 600, not "${shutdownRaw}"`);

  const api = readApiConfig(read, objectIds);
  const config: AppConfig = {
    port,
    host,
    production,
    objectIds,
    logLevel,
    shutdownGraceMs: shutdownGraceSeconds * 1000,
    timing: readTurnTiming(read),
    bot: {
      appId,
      appPassword,
      appType,
      tenantId: botTenantId,
      ...(openIdMetadataUrl !== '' ? { channelAuth: { openIdMetadataUrl, tokenIssuer } } : {}),
      ...(loginUrl !== '' ? { loginUrl } : {}),
    },
    graph: { tenantId, clientId, credential, authorityHost, endpoint, teamsHost },
    allowedTenantIds: allowedTenantIds.map((id) => id.toLowerCase()),
    state: readStateConfig(read, credential.kind === 'managedIdentity' ? clientId : undefined),
    ...loadLimits(read),
    pacing: readPacingConfig(read),
    kickoff: readKickoffConfig(read),
    ...(api ? { api } : {}),
  };
  return deepFreeze(config);
}

/** Azure's container naming rules: 3–63 of a-z, 0-9 and single inner hyphens. */
const CONTAINER_NAME = /^(?=.{3,63}$)[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Shared state: a storage account when one is named (connection string, or account URL with a
 * managed identity), else this process's memory. `botIdentityClientId` is the bot's own
 * user-assigned identity, used for storage too unless STATE_BLOB_CLIENT_ID names another.
 */
function readStateConfig(read: (name: string) => string, botIdentityClientId: string | undefined): StateConfig {
  const connectionString = read('AZURE_STORAGE_CONNECTION_STRING');
  const accountUrl = trimSlash(read('STATE_BLOB_ACCOUNT_URL'));
  const containerRaw = read('STATE_BLOB_CONTAINER');
  if (connectionString !== '' && accountUrl !== '') {
    throw new ConfigError('STATE_BLOB_ACCOUNT_URL', 'give either AZURE_STORAGE_CONNECTION_STRING or STATE_BLOB_ACCOUNT_URL, not both');
  }
  if (connectionString === '' && accountUrl === '') {
    if (containerRaw !== '') throw new ConfigError('STATE_BLOB_CONTAINER', 'is set, but neither AZURE_STORAGE_CONNECTION_STRING nor STATE_BLOB_ACCOUNT_URL is');
    return { kind: 'memory' };
  }
  const container = containerRaw || 'chat-starter-state';
  if (!CONTAINER_NAME.test(container)) {
    throw new ConfigError('STATE_BLOB_CONTAINER', `"${container}" is not a valid container name (3-63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit)`);
  }
  if (connectionString !== '') {
    // The value is a secret: the message never repeats it.
    if (!/(^|;)\s*(BlobEndpoint|AccountName)=/i.test(connectionString)) {
      throw new ConfigError('AZURE_STORAGE_CONNECTION_STRING', 'is not a storage connection string (it needs AccountName= or BlobEndpoint=)');
    }
    return { kind: 'blob', container, connection: { kind: 'connectionString', connectionString } };
  }
  requireHttpsUrl('STATE_BLOB_ACCOUNT_URL', accountUrl);
  const clientId = read('STATE_BLOB_CLIENT_ID') || botIdentityClientId;
  return { kind: 'blob', container, connection: { kind: 'managedIdentity', accountUrl, ...(clientId ? { clientId } : {}) } };
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
  const url = readUrl(variable, value);
  if (url.protocol !== 'https:') throw new ConfigError(variable, `must be an https:// URL, not "${value}"`);
}

/** `<https authority>/<tenant>`: the bot's reply token comes from that tenant's token endpoint. */
function requireLoginUrl(value: string, appType: BotAppType): void {
  requireHttpsUrl('BOT_LOGIN_URL', value);
  const url = new URL(value);
  if (url.pathname.split('/').filter((segment) => segment !== '').length !== 1 || url.search !== '' || url.hash !== '') {
    throw new ConfigError('BOT_LOGIN_URL', `must be <authority>/<tenant>, e.g. https://login.microsoftonline.com/<tenant id>, not "${value}"`);
  }
  if (appType === 'UserAssignedMsi') throw new ConfigError('BOT_LOGIN_URL', 'does not apply to BOT_TYPE=UserAssignedMsi (a managed identity has no login URL)');
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
