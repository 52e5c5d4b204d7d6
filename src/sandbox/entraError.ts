import { randomUUID } from 'node:crypto';

/**
 * An Entra ID (AADSTS) failure in the token service's own shape:
 * `{error, error_description: "AADSTSnnnn: ...\r\nTrace ID: ...", error_codes, timestamp, trace_id, correlation_id, error_uri}`.
 */
export class EntraError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly aadsts: number,
    message: string,
  ) {
    super(message);
    this.name = 'EntraError';
  }

  toBody(correlationId: string | undefined): Record<string, unknown> {
    const traceId = randomUUID();
    const correlation = correlationId ?? randomUUID();
    const timestamp = new Date().toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, 'Z');
    return {
      error: this.error,
      error_description:
        `AADSTS${this.aadsts}: ${this.message}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlation}\r\nTimestamp: ${timestamp}`,
      error_codes: [this.aadsts],
      timestamp,
      trace_id: traceId,
      correlation_id: correlation,
      error_uri: `https://login.microsoftonline.com/error?code=${this.aadsts}`,
    };
  }
}

export function isEntraError(value: unknown): value is EntraError {
  return value instanceof EntraError;
}

/** The AADSTS failures the sandbox reproduces, named after what went wrong. */
export const entraErrors = {
  tenantNotFound: (tenant: string) =>
    new EntraError(400, 'invalid_request', 90002,
      `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`),
  applicationNotFound: (clientId: string, tenant: string) =>
    new EntraError(400, 'unauthorized_client', 700016,
      `Application with identifier '${clientId}' was not found in the directory '${tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`),
  invalidClientSecret: (clientId: string) =>
    new EntraError(401, 'invalid_client', 7000215,
      `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`),
  missingClientCredential: () =>
    new EntraError(401, 'invalid_client', 7000218,
      "The request body must contain the following parameter: 'client_assertion' or 'client_secret'."),
  missingParameter: (name: string) =>
    new EntraError(400, 'invalid_request', 900144, `The request body must contain the following parameter: '${name}'.`),
  scopeWithoutDefault: (scope: string) =>
    new EntraError(400, 'invalid_scope', 1002012,
      `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`),
  resourceNotFound: (resource: string, tenant: string) =>
    new EntraError(400, 'invalid_resource', 500011,
      `The resource principal named ${resource} was not found in the tenant named ${tenant}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`),
  unsupportedGrantType: (grantType: string) =>
    new EntraError(400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grantType}'.`),
  unsupportedAssertionType: () =>
    new EntraError(400, 'invalid_request', 700025,
      "Client assertion type is not supported. Expected 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'."),
  malformedAssertion: () => new EntraError(400, 'invalid_request', 50027, 'JWT token is invalid or malformed.'),
  assertionKeyNotRegistered: (thumbprint: string) =>
    new EntraError(401, 'invalid_client', 700027,
      `Client assertion failed signature validation. [Reason - The key was not found., Thumbprint of key used by client: '${thumbprint}']`),
  assertionInvalidSignature: () =>
    new EntraError(401, 'invalid_client', 700027, 'Client assertion contains an invalid signature.'),
  assertionBadClaims: (detail: string) =>
    new EntraError(401, 'invalid_client', 700027, `Client assertion failed validation: ${detail}.`),
  assertionExpired: () =>
    new EntraError(400, 'invalid_client', 700024, 'Client assertion is not within its valid time range.'),
  methodNotAllowed: () => new EntraError(405, 'invalid_request', 900561, 'The endpoint only accepts POST requests.'),
  unknownEndpoint: () => new EntraError(404, 'invalid_request', 90027, 'The endpoint is not supported by this sandbox tenant.'),
} as const;
