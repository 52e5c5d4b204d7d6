import { AccessTokenService, BOT_FRAMEWORK_AUDIENCE, GRAPH_AUDIENCE } from './accessTokens';
import { entraErrors } from './entraError';
import type { ApiRegistration, TenantState } from './graphTypes';

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
  if (route === '.well-known/openid-configuration') {
    if (request.method !== 'GET') throw entraErrors.unknownEndpoint();
    return { status: 200, body: v1OpenIdConfiguration(tenant) };
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

/** The v1.0 endpoint's metadata: its issuer is the one v1.0 access tokens carry. */
function v1OpenIdConfiguration(tenant: TenantState): Record<string, unknown> {
  const base = `${tenant.origin}/${tenant.tenantId}`;
  return {
    token_endpoint: `${base}/oauth2/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: `${base}/discovery/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    issuer: AccessTokenService.issuerFor(tenant.tenantId),
    authorization_endpoint: `${base}/oauth2/authorize`,
    cloud_instance_name: 'microsoftonline.com',
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
  const caller = tenant.callerApps.find((app) => app.clientId.toLowerCase() === clientId.toLowerCase());
  if (caller) return issueCallerToken(tenant, caller, form, basic?.secret);
  if (clientId.toLowerCase() !== tenant.app.clientId.toLowerCase()) {
    throw entraErrors.applicationNotFound(clientId, tenant.tenantId);
  }
  const authMethod = await authenticateClient(tenant, requestedTenant, form, basic?.secret);
  const scope = form['scope'];
  if (!scope) throw entraErrors.missingParameter('scope');
  const apiAudience = apiAudienceOf(tenant.api, scope);
  const issued = apiAudience !== undefined && tenant.api
    ? await tenant.tokens.issueForApi({
        tenantId: tenant.tenantId, clientId: tenant.app.clientId, servicePrincipalId: tenant.app.servicePrincipalId,
        roles: [], audience: apiAudience, version: tenant.api.accessTokenVersion, v2Issuer: `${tenant.origin}/${tenant.tenantId}/v2.0`,
      })
    : await tenant.tokens.issue({
        tenantId: tenant.tenantId,
        clientId: tenant.app.clientId,
        appDisplayName: tenant.app.displayName,
        servicePrincipalId: tenant.app.servicePrincipalId,
        roles: [...tenant.app.permissions],
        authMethod,
        audience: checkScope(tenant, scope),
      });
  return tokenResponse(issued);
}

function tokenResponse(issued: { accessToken: string; expiresIn: number }): Record<string, unknown> {
  return {
    token_type: 'Bearer',
    expires_in: issued.expiresIn,
    ext_expires_in: issued.expiresIn,
    access_token: issued.accessToken,
  };
}

/** An app registered to call the tenant's API (client secret only): tokens for that API alone. */
async function issueCallerToken(
  tenant: TenantState, caller: TenantState['callerApps'][number], form: Record<string, string>, basicSecret: string | undefined,
): Promise<Record<string, unknown>> {
  const secret = form['client_secret'] ?? basicSecret;
  if (secret === undefined) throw entraErrors.missingClientCredential();
  if (secret !== caller.clientSecret) throw entraErrors.invalidClientSecret(caller.clientId);
  const scope = form['scope'];
  if (!scope) throw entraErrors.missingParameter('scope');
  const audience = apiAudienceOf(tenant.api, scope);
  if (audience === undefined || !tenant.api) {
    const resource = scope.split(' ')[0] ?? scope;
    if (!resource.endsWith('/.default')) throw entraErrors.scopeWithoutDefault(resource);
    throw entraErrors.resourceNotFound(resource.slice(0, -'/.default'.length), tenant.tenantId);
  }
  const issued = await tenant.tokens.issueForApi({
    tenantId: tenant.tenantId,
    clientId: caller.clientId,
    servicePrincipalId: caller.servicePrincipalId,
    // Only roles the API defines count; Entra issues none it does not know.
    roles: caller.apiRoles.filter((role) => tenant.api!.appRoles.includes(role)),
    audience,
    version: tenant.api.accessTokenVersion,
    v2Issuer: `${tenant.origin}/${tenant.tenantId}/v2.0`,
    ...(tenant.api.tokenLifetimeSeconds !== undefined ? { lifetimeSeconds: tenant.api.tokenLifetimeSeconds } : {}),
  });
  return tokenResponse(issued);
}

/**
 * The audience of a token for the tenant's API when `scope` asks for it (`<client id>/.default` or
 * `<Application ID URI>/.default`), else undefined. v2.0 tokens always name the client id; v1.0
 * tokens name what was asked for.
 */
function apiAudienceOf(api: ApiRegistration | undefined, scope: string): string | undefined {
  if (!api) return undefined;
  const scopes = scope.split(' ').filter((s) => s.length > 0);
  if (scopes.length !== 1 || !scopes[0]!.endsWith('/.default')) return undefined;
  const resource = scopes[0]!.slice(0, -'/.default'.length).replace(/\/$/, '');
  if (resource.toLowerCase() !== api.clientId.toLowerCase() && resource !== api.applicationIdUri) return undefined;
  return api.accessTokenVersion === 2 ? api.clientId : resource;
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
