import { createPublicKey, KeyObject } from 'node:crypto';
import { SignJWT, base64url } from 'jose';
import { BOT_FRAMEWORK_ISSUER, ChannelSigningKey } from './channelIssuer';

/** The claims a Teams activity token carries, for tokens built by hand. */
export interface TokenClaims {
  readonly audience: string;
  readonly serviceUrl: string;
}

const nowSeconds = (): number => Math.floor(Date.now() / 1000);

function payload(claims: TokenClaims, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = nowSeconds();
  return { serviceurl: claims.serviceUrl, iss: BOT_FRAMEWORK_ISSUER, aud: claims.audience, nbf: now - 60, iat: now - 60, exp: now + 3600, ...overrides };
}

/** Signed by the real key, but not valid for another hour. */
export function notYetValidToken(key: ChannelSigningKey, claims: TokenClaims): Promise<string> {
  const now = nowSeconds();
  return new SignJWT(payload(claims, { nbf: now + 3600, iat: now, exp: now + 7200 }))
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: key.kid })
    .sign(key.privateKey);
}

/** `alg: none`, no signature, naming a published key. */
export function unsignedToken(kid: string, claims: TokenClaims): string {
  const header = base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT', kid }));
  return `${header}.${base64url.encode(JSON.stringify(payload(claims)))}.`;
}

/** The algorithm-confusion attack: HS256, keyed with the published RSA public key (PEM). */
export function publicKeyHmacToken(key: ChannelSigningKey, claims: TokenClaims): Promise<string> {
  const publicPem = createPublicKey(key.privateKey as KeyObject).export({ format: 'pem', type: 'spki' }).toString();
  return new SignJWT(payload(claims))
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: key.kid })
    .sign(new TextEncoder().encode(publicPem));
}

/** Header and payload of a real token with garbage where the signature goes. */
export function garbledSignature(token: string): string {
  const [header, body] = token.split('.');
  return `${header}.${body}.${base64url.encode('not a signature at all')}`;
}

/** Not a JWT at all. */
export const NOT_A_JWT = 'Bearer abc.def';
