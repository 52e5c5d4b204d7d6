import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { ApiCaller } from '../config/apiConfig';
import { MetadataUnavailableError, OpenIdMetadata } from './openIdMetadata';

/** The app role a caller's service principal must be granted on the API's app registration. */
export const CHATS_CREATE_ROLE = 'Chats.Create';

/**
 * Entra signs access tokens with RS256. ES256 is the other asymmetric algorithm a tenant's key set
 * may publish (the sandbox tenant signs with it). Never a symmetric one: `HS256` keyed with a
 * published public key is the classic forgery, and `none` is no signature at all.
 */
const ALGORITHMS = ['RS256', 'ES256'];
/** As Microsoft's own token handlers allow for clocks that disagree. */
const CLOCK_SKEW_SECONDS = 300;

export type TokenVersion = '1.0' | '2.0';

export type ApiAuthentication =
  | { readonly ok: true; readonly caller: ApiCaller; readonly version: TokenVersion }
  /** `error` absent: no token at all (RFC 6750 asks for no error code then). */
  | { readonly ok: false; readonly status: 401; readonly error?: 'invalid_token'; readonly reason: string }
  | { readonly ok: false; readonly status: 403; readonly error: 'insufficient_scope'; readonly reason: string }
  /** Our fault: the tenant's metadata or key set cannot be fetched now. */
  | { readonly ok: false; readonly status: 503; readonly retryAfterSeconds: number; readonly reason: string };

export interface ApiTokenValidatorOptions {
  /** e.g. https://login.microsoftonline.com (no trailing slash). */
  readonly authorityHost: string;
  readonly tenantId: string;
  readonly audiences: readonly string[];
  readonly callers: readonly ApiCaller[];
  readonly now?: () => number;
  /** The key set at `jwksUri`; default jose's remote key set (cached, fetched again for a new `kid`). */
  readonly keySet?: (jwksUri: string) => JWTVerifyGetKey;
  /** The two metadata documents; default fetched from the authority and cached (OpenIdMetadata). */
  readonly metadata?: { readonly v2: Pick<OpenIdMetadata, 'get'>; readonly v1: Pick<OpenIdMetadata, 'get'> };
}

const unauthorized = (reason: string): ApiAuthentication => ({ ok: false, status: 401, error: 'invalid_token', reason });
const forbidden = (reason: string): ApiAuthentication => ({ ok: false, status: 403, error: 'insufficient_scope', reason });

/**
 * Checks the bearer token of an API request: an Entra access token issued by the one tenant
 * (`AZURE_TENANT_ID`) for this API (`API_AUDIENCE`), to an app listed in `API_CALLERS` that holds
 * the `Chats.Create` app role. v2.0 tokens (issuer from the tenant's v2.0 metadata, caller in `azp`)
 * and v1.0 tokens (issuer from its v1.0 metadata, caller in `appid`) are both accepted, each
 * checked as Entra issues it. What a token says on its face (shape, algorithm, expiry, tenant,
 * audience) is checked before any key is fetched, so a bad token is a 401 even while the key set
 * is unreachable; only a token that needs the keys gets 503 then. Never throws.
 */
export class ApiTokenValidator {
  private readonly metadata: { readonly v2: Pick<OpenIdMetadata, 'get'>; readonly v1: Pick<OpenIdMetadata, 'get'> };
  private readonly keySets = new Map<string, JWTVerifyGetKey>();
  private readonly callers: ReadonlyMap<string, ApiCaller>;
  private readonly now: () => number;

  constructor(private readonly options: ApiTokenValidatorOptions) {
    const base = `${options.authorityHost}/${encodeURIComponent(options.tenantId)}`;
    this.metadata = options.metadata ?? {
      v2: new OpenIdMetadata({ url: `${base}/v2.0/.well-known/openid-configuration` }),
      v1: new OpenIdMetadata({ url: `${base}/.well-known/openid-configuration` }),
    };
    this.callers = new Map(options.callers.map((caller) => [caller.clientId, caller]));
    this.now = options.now ?? Date.now;
  }

  async check(authorization: string | undefined): Promise<ApiAuthentication> {
    const match = /^Bearer +([A-Za-z0-9._~+/=-]+)$/i.exec((authorization ?? '').trim());
    if (!authorization?.trim()) return { ok: false, status: 401, reason: 'no token' };
    if (!match) return unauthorized('not a bearer token');
    const token = match[1]!;

    const face = this.checkFace(token);
    if ('ok' in face) return face;
    const { version } = face;

    let issuer: string;
    let keys: JWTVerifyGetKey;
    try {
      const [v2, own] = await Promise.all([this.metadata.v2.get(), version === '2.0' ? undefined : this.metadata.v1.get()]);
      issuer = (own ?? v2).issuer;
      keys = this.keySetFor(v2.jwksUri);
    } catch (error) {
      const retryAfterSeconds = error instanceof MetadataUnavailableError ? error.retryAfterSeconds : 10;
      return { ok: false, status: 503, retryAfterSeconds, reason: 'tenant metadata unavailable' };
    }

    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer,
        audience: [...this.options.audiences],
        algorithms: ALGORITHMS,
        clockTolerance: CLOCK_SKEW_SECONDS,
        currentDate: new Date(this.now()),
        requiredClaims: ['exp', 'iat', 'tid'],
      }));
    } catch (error) {
      if (isKeySetOutage(error)) return { ok: false, status: 503, retryAfterSeconds: 10, reason: 'tenant key set unavailable' };
      return unauthorized(reasonOf(error));
    }
    return this.authorize(payload, version);
  }

  /** What can be told without a key: a token failing here is refused even during a key-set outage. */
  private checkFace(token: string): ApiAuthentication | { readonly version: TokenVersion } {
    let claims: JWTPayload;
    let algorithm: unknown;
    try {
      algorithm = decodeProtectedHeader(token).alg;
      claims = decodeJwt(token);
    } catch {
      return unauthorized('malformed token');
    }
    if (typeof algorithm !== 'string' || !ALGORITHMS.includes(algorithm)) return unauthorized('algorithm not accepted');
    const nowSeconds = Math.floor(this.now() / 1000);
    if (typeof claims.exp !== 'number' || claims.exp + CLOCK_SKEW_SECONDS <= nowSeconds) return unauthorized('token expired');
    if (typeof claims.nbf === 'number' && claims.nbf - CLOCK_SKEW_SECONDS > nowSeconds) return unauthorized('token not yet valid');
    if (typeof claims['tid'] !== 'string' || claims['tid'].toLowerCase() !== this.options.tenantId.toLowerCase()) return unauthorized('another tenant');
    const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (!audiences.some((audience) => typeof audience === 'string' && this.options.audiences.includes(audience))) return unauthorized('another audience');
    const version = claims['ver'];
    if (version !== '1.0' && version !== '2.0') return unauthorized('not an Entra access token version');
    return { version };
  }

  /** The signature and claims are good: is this app allowed, and does it hold the role? */
  private authorize(payload: JWTPayload, version: TokenVersion): ApiAuthentication {
    // An app's own token (client credentials, managed identity). A token with `scp` acts for a
    // signed-in user, which this API does not serve.
    if (payload['scp'] !== undefined || (payload['idtyp'] !== undefined && payload['idtyp'] !== 'app')) return forbidden('not an app-only token');
    const clientId = version === '2.0' ? payload['azp'] : payload['appid'];
    const caller = typeof clientId === 'string' ? this.callers.get(clientId.toLowerCase()) : undefined;
    if (!caller) return forbidden('caller not in API_CALLERS');
    const roles = payload['roles'];
    if (!Array.isArray(roles) || !roles.includes(CHATS_CREATE_ROLE)) return forbidden(`no ${CHATS_CREATE_ROLE} role`);
    return { ok: true, caller, version };
  }

  private keySetFor(jwksUri: string): JWTVerifyGetKey {
    let keys = this.keySets.get(jwksUri);
    if (!keys) {
      keys = this.options.keySet?.(jwksUri) ?? createRemoteJWKSet(new URL(jwksUri), { timeoutDuration: 5_000, cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000 });
      this.keySets.set(jwksUri, keys);
    }
    return keys;
  }
}

/**
 * The key set could not be fetched or read (network, timeout, a non-200 answer, bad JSON): not
 * the caller's fault. jose raises its generic `JOSEError` for a bad answer and passes network
 * errors through as they are.
 */
function isKeySetOutage(error: unknown): boolean {
  if (!(error instanceof errors.JOSEError)) return true;
  return error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid || error.code === 'ERR_JOSE_GENERIC';
}

/** For the log and `error_description`: which check failed, never the token's content. */
function reasonOf(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'token expired';
  if (error instanceof errors.JWTClaimValidationFailed) return `claim ${error.claim} not accepted`;
  if (error instanceof errors.JWKSNoMatchingKey) return 'signed with an unknown key';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'signature verification failed';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'algorithm not accepted';
  return 'invalid token';
}
