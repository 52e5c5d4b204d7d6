import { ClientSecretCredential, type TokenCredential } from '@azure/identity';
import { Client } from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials';
import type { SandboxTenant } from '../../src/sandbox';

export const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';

/** The real @azure/identity credential, pointed at the sandbox the way the bot points it. */
export function secretCredential(sandbox: SandboxTenant, secret = sandbox.clientSecret, tenantId = sandbox.tenantId, clientId = sandbox.clientId): ClientSecretCredential {
  return new ClientSecretCredential(tenantId, clientId, secret, {
    authorityHost: sandbox.origin,
    disableInstanceDiscovery: true,
  });
}

/** The real Graph client; `customHosts` makes it attach the token to a non-Microsoft host. */
export function graphClient(sandbox: SandboxTenant, credential: TokenCredential = secretCredential(sandbox)): Client {
  return Client.initWithMiddleware({
    authProvider: new TokenCredentialAuthenticationProvider(credential, { scopes: [GRAPH_SCOPE] }),
    baseUrl: sandbox.origin,
    customHosts: new Set(['localhost']),
  });
}

export async function appToken(sandbox: SandboxTenant): Promise<string> {
  const token = await secretCredential(sandbox).getToken(GRAPH_SCOPE);
  return token.token;
}

export interface RawResponse {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** A plain HTTPS call (Node's fetch) when a test needs to see exactly what goes over the wire. */
export async function raw(
  sandbox: SandboxTenant,
  method: string,
  path: string,
  options: { token?: string; headers?: Record<string, string>; body?: unknown; form?: Record<string, string> } = {},
): Promise<RawResponse> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) headers['Authorization'] = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.form !== undefined) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(options.form).toString();
  } else if (options.body !== undefined) {
    headers['Content-Type'] ??= 'application/json';
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  }
  const response = await fetch(`${sandbox.origin}${path}`, { method, headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text.length > 0 ? JSON.parse(text) : undefined;
  } catch {
    parsed = text; // not JSON: keep the text for the assertion message
  }
  return { status: response.status, headers: response.headers, body: parsed };
}

/** The Graph error shape every failing Graph call must have. */
export function expectGraphError(body: any, code: string): void { // eslint-disable-line @typescript-eslint/no-explicit-any
  expect(body).toEqual({
    error: {
      code,
      message: expect.any(String),
      innerError: { date: expect.any(String), 'request-id': expect.any(String), 'client-request-id': expect.any(String) },
    },
  });
}
