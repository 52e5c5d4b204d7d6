import { KeySetCheck } from './channelKeySet';

/**
 * Why a request was not authenticated: the sender's token (401), or the bot could not check any
 * token because the Bot Framework's key set could not be fetched (a fault of ours: Teams should
 * deliver the activity again).
 */
export type AuthenticationFailure =
  | { readonly kind: 'unauthorized'; readonly reason: string }
  | { readonly kind: 'keySetUnavailable'; readonly reason: string; readonly cause: string };

/** jsonwebtoken's error classes (its documented `name`s): the key was found, the token failed. */
const TOKEN_ERRORS = new Set(['JsonWebTokenError', 'NotBeforeError', 'TokenExpiredError']);

/**
 * Sorts what botframework-connector threw while checking a token. Its `OpenIdMetadata` reports a
 * metadata or key-set response that is not OK as an `AuthenticationError` with `statusCode` 500,
 * and lets node-fetch's `FetchError` through for a network failure or a body that is not JSON:
 * both are faults of ours. Anything else that is not a failed token check (a malformed document
 * surfaces as a TypeError, an empty key set as "no signing key") is decided by our own look at
 * the key set, asked only when the request did carry a bearer token.
 */
export async function classifyAuthenticationFailure(error: unknown, authorization: string, keySet: KeySetCheck | undefined): Promise<AuthenticationFailure> {
  const reason = reasonOf(error);
  if (isKeySetFetchFault(error)) return { kind: 'keySetUnavailable', reason, cause: reason };
  if (isTokenCheckFailure(error) || !keySet || !/^Bearer \S/.test(authorization)) return { kind: 'unauthorized', reason };
  const health = await keySet.check();
  return health.ok ? { kind: 'unauthorized', reason } : { kind: 'keySetUnavailable', reason, cause: health.cause };
}

function isKeySetFetchFault(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  // botframework-schema's IStatusCodeError, as the SDK's own `AuthenticationError.isStatusCodeError` reads it.
  const statusCode = (error as { statusCode?: unknown }).statusCode;
  if (typeof statusCode === 'number' && statusCode >= 500) return true;
  return error.name === 'FetchError';
}

function isTokenCheckFailure(error: unknown): boolean {
  return error instanceof Error && TOKEN_ERRORS.has(error.name);
}

/** The SDK's messages name the failed check, never the token; long ones are cut anyway. */
function reasonOf(error: unknown): string {
  const name = error instanceof Error ? error.name : typeof error;
  const message = error instanceof Error ? error.message : String(error);
  return `${name}: ${message}`.slice(0, 300);
}
