import { BOT_FRAMEWORK_AUDIENCE, GRAPH_AUDIENCE } from './accessTokens';
import { entraErrors } from './entraError';
import type { TenantState } from './graphTypes';

export interface EntraRequest {
  method: string;
  /** Decoded path segments, the first being the tenant (id or verified domain). */
  segments: string[];
  headers: Record<string, string>;
  form: Record<string, string>;
}

export interface EntraResponse {
  status: number;
  body: unknown;
}

const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const GRAPH_RESOURCES = ['https://graph.microsoft.com', 'https://graph.microsoft.com/', '00000003-0000-0000-c000-000000000000'];

/** True for the paths of the token service: `/{tenant}/v2.0/...`, `/{tenant}/oauth2/...`, `/{tenant}/discovery/...`. */
export function isEntraPath(segments: string[]): boolean {
  const second = segments[1]?.toLowerCase();
  return segments.length >= 2 && (second === 'v2.0' || second === 'oauth2' || second === 'discovery' || second === '.well-known');
}

function resolveTenant(tenant: TenantState, requested: string): void {
  const name = requested.toLowerCase();
  if (name === tenant.tenantId.toLowerCase() || tenant.domains.some((d) => d.toLowerCase() === name)) return;
  throw entraErrors.tenantNotFound(requested);
}

export async function handleEntraRequest(tenant: TenantState, request: EntraRequest): Promise<EntraResponse> {
  const [requestedTenant, ...rest] = request.segments;
  resolveTenant(tenant, requestedTenant!);
  const route = rest.join('/').toLowerCase();
  if (route === 'v2.0/.well-known/openid-configuration') {
    if (request.method !== 'GET') throw entraErrors.unknownEndpoint();
    return { status: 200, body: openIdConfiguration(tenant) };
  }
  if (route === 'discovery/v2.0/keys' || route === 'discovery/keys') {
    if (request.method !== 'GET') throw entraErrors.unknownEndpoint();
    return { status: 200, body: tenant.tokens.jwks() };
  }
  if (route === 'oauth2/v2.0/token') {
    if (request.method !== 'POST') throw entraErrors.methodNotAllowed();
    return { status: 200, body: await issueToken(tenant, requestedTenant!, request) };
  }
  throw entraErrors.unknownEndpoint();
}

function openIdConfiguration(tenant: TenantState): Record<string, unknown> {
  const base = `${tenant.origin}/${tenant.tenantId}`;
  return {
    token_endpoint: `${base}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: `${base}/discovery/v2.0/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    issuer: `${base}/v2.0`,
    request_uri_parameter_supported: false,
    userinfo_endpoint: `${tenant.origin}/oidc/userinfo`,
    authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${base}/oauth2/v2.0/logout`,
    claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'nbf', 'tid', 'oid', 'roles'],
    tenant_region_scope: null,
    cloud_instance_name: 'microsoftonline.com',
    cloud_graph_host_name: 'graph.windows.net',
    msgraph_host: 'graph.microsoft.com',
  };
}

/** `client_secret_basic`: the id and secret in an `Authorization: Basic` header. */
function basicCredentials(headers: Record<string, string>): { clientId: string; secret: string } | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(headers['authorization'] ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { clientId: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
}

async function issueToken(tenant: TenantState, requestedTenant: string, request: EntraRequest): Promise<Record<string, unknown>> {
  const { form } = request;
  const grantType = form['grant_type'];
  if (!grantType) throw entraErrors.missingParameter('grant_type');
  if (grantType !== 'client_credentials') throw entraErrors.unsupportedGrantType(grantType);
  const basic = basicCredentials(request.headers);
  const clientId = form['client_id'] ?? basic?.clientId;
  if (!clientId) throw entraErrors.missingParameter('client_id');
  if (clientId.toLowerCase() !== tenant.app.clientId.toLowerCase()) {
    throw entraErrors.applicationNotFound(clientId, tenant.tenantId);
  }
  const authMethod = await authenticateClient(tenant, requestedTenant, form, basic?.secret);
  const scope = form['scope'];
  if (!scope) throw entraErrors.missingParameter('scope');
  const audience = checkScope(tenant, scope);
  const issued = await tenant.tokens.issue({
    tenantId: tenant.tenantId,
    clientId: tenant.app.clientId,
    appDisplayName: tenant.app.displayName,
    servicePrincipalId: tenant.app.servicePrincipalId,
    roles: [...tenant.app.permissions],
    authMethod,
    audience,
  });
  return {
    token_type: 'Bearer',
    expires_in: issued.expiresIn,
    ext_expires_in: issued.expiresIn,
    access_token: issued.accessToken,
  };
}

async function authenticateClient(
  tenant: TenantState, requestedTenant: string, form: Record<string, string>, basicSecret: string | undefined,
): Promise<'1' | '2'> {
  const secret = form['client_secret'] ?? basicSecret;
  if (secret !== undefined) {
    if (secret !== tenant.app.clientSecret) throw entraErrors.invalidClientSecret(tenant.app.clientId);
    return '1';
  }
  const assertion = form['client_assertion'];
  if (assertion === undefined) throw entraErrors.missingClientCredential();
  if (form['client_assertion_type'] !== CLIENT_ASSERTION_TYPE) throw entraErrors.unsupportedAssertionType();
  const audiences = [...new Set([requestedTenant, tenant.tenantId])].flatMap((t) => [
    `${tenant.origin}/${t}/oauth2/v2.0/token`,
    `${tenant.origin}/${t}/v2.0`,
  ]);
  await tenant.certificates.verifyAssertion(assertion, { clientId: tenant.app.clientId, audiences });
  return '2';
}

/**
 * Client credentials take exactly one `<resource>/.default` scope; returns the token's audience.
 * Besides Graph, the app may ask for the Bot Framework: as in Entra, a bot's own registration gets
 * tokens for `https://api.botframework.com` (what the Bot Connector expects on a bot's replies).
 */
function checkScope(tenant: TenantState, scope: string): string {
  const scopes = scope.split(' ').filter((s) => s.length > 0);
  for (const s of scopes) {
    if (!s.endsWith('/.default')) throw entraErrors.scopeWithoutDefault(s);
  }
  for (const s of scopes) {
    const resource = s.slice(0, -'/.default'.length);
    const known = GRAPH_RESOURCES.includes(resource) || resource === tenant.origin || resource === `${tenant.origin}/` || isBotFramework(resource);
    if (!known) throw entraErrors.resourceNotFound(resource, tenant.tenantId);
  }
  const first = scopes[0];
  if (first === undefined) throw entraErrors.missingParameter('scope');
  return isBotFramework(first.slice(0, -'/.default'.length)) ? BOT_FRAMEWORK_AUDIENCE : GRAPH_AUDIENCE;
}

function isBotFramework(resource: string): boolean {
  return resource === BOT_FRAMEWORK_AUDIENCE || resource === `${BOT_FRAMEWORK_AUDIENCE}/`;
}
