/**
 * What can be told about a Bot Framework token without its signing key: the checks
 * botframework-connector makes after it has found the key (signature algorithm, lifetime,
 * audience, service URL) or before (shape, issuer), made here from the token's own header and
 * claims. While the key set cannot be fetched the SDK cannot say whether a token is good, but a
 * token that fails one of these would be refused whatever the key set holds: the sender's
 * mistake (401), never a reason to ask Teams to deliver it again (503).
 */
export interface TokenExpectations {
  /** The bot's app id: the `aud` claim. */
  readonly audience: string;
  /** `ToBotFromChannelTokenIssuer`: the `iss` claim. */
  readonly issuer: string;
}

/** The algorithms botframework-connector verifies channel tokens with (`ChannelValidation`). */
const SIGNING_ALGORITHMS = new Set(['RS256', 'RS384', 'RS512']);
/** botframework-connector's clock tolerance for `exp` and `nbf`. */
const CLOCK_TOLERANCE_SECONDS = 5 * 60;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * Why the bearer token in `authorization` cannot be valid, or `undefined` when it could be (it is
 * well formed, and only its signature, which needs the key, is left to check).
 */
export function tokenProblemOnItsFace(authorization: string, activityServiceUrl: unknown, expected: TokenExpectations, nowSeconds: number): string | undefined {
  const match = /^Bearer ([^\s]+)$/.exec(authorization);
  if (!match) return 'no bearer token';
  const parts = match[1]!.split('.');
  if (parts.length !== 3) return 'not a JWT (three dot-separated parts)';
  const header = jsonObject(parts[0]!);
  const claims = jsonObject(parts[1]!);
  if (!header || !claims) return 'not a JWT (header and claims must be base64url JSON objects)';
  if (typeof header.alg !== 'string' || !SIGNING_ALGORITHMS.has(header.alg)) return `signing algorithm ${JSON.stringify(header.alg)} is not RS256, RS384 or RS512`;
  if (typeof header.kid !== 'string' || header.kid === '') return 'no key id (kid)';
  if (parts[2] === '' || !BASE64URL.test(parts[2]!)) return 'no signature';
  if (claims.iss !== expected.issuer) return 'wrong issuer';
  if (claims.aud !== expected.audience) return 'wrong audience';
  if (claims.serviceurl !== activityServiceUrl) return 'serviceurl claim does not match the activity';
  return lifetimeProblem(claims, nowSeconds);
}

function lifetimeProblem(claims: Record<string, unknown>, nowSeconds: number): string | undefined {
  // As jsonwebtoken reads them: each claim optional, a number when present.
  if (claims.exp !== undefined && typeof claims.exp !== 'number') return 'exp is not a number';
  if (claims.nbf !== undefined && typeof claims.nbf !== 'number') return 'nbf is not a number';
  if (typeof claims.exp === 'number' && nowSeconds >= claims.exp + CLOCK_TOLERANCE_SECONDS) return 'expired';
  if (typeof claims.nbf === 'number' && claims.nbf > nowSeconds + CLOCK_TOLERANCE_SECONDS) return 'not valid yet (nbf)';
  return undefined;
}

function jsonObject(part: string): Record<string, unknown> | undefined {
  if (!BASE64URL.test(part)) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
