import { randomUUID } from 'node:crypto';
import { createServer, Server } from 'node:https';
import { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair, type JWK, type KeyLike } from 'jose';
import { issueLeafCertificate, loadOrCreateCa } from '../../src/sandbox/certificateAuthority';
import { defaultStateDir } from '../../src/sandbox/sandboxTenant';

/** The issuer Teams (the Bot Framework channel service) puts on the tokens it sends a bot. */
export const BOT_FRAMEWORK_ISSUER = 'https://api.botframework.com';
export const METADATA_PATH = '/v1/.well-known/openidconfiguration';
const JWKS_PATH = '/v1/.well-known/keys';
const ALGORITHM = 'RS256';

/**
 * How the issuer fails, as login.botframework.com might: the connection dropped, an error status,
 * a body that is not JSON, metadata without `jwks_uri`, a key set with no keys, or no answer at all.
 */
export type IssuerFault =
  | { readonly kind: 'dropConnection'; readonly on: 'metadata' | 'keys' }
  | { readonly kind: 'status'; readonly status: number; readonly on: 'metadata' | 'keys' }
  | { readonly kind: 'notJson'; readonly on: 'metadata' | 'keys' }
  | { readonly kind: 'noJwksUri' }
  | { readonly kind: 'noKeys' }
  /** Takes the request and never answers (the connection stays open until the issuer closes). */
  | { readonly kind: 'hang'; readonly on: 'metadata' | 'keys' };

/** A token-signing key; `endorsements` undefined publishes the key without that field. */
export interface ChannelSigningKey {
  readonly kid: string;
  readonly privateKey: KeyLike;
  readonly endorsements: readonly string[] | undefined;
}

export interface ActivityTokenOptions {
  /** The bot's app id. */
  readonly audience: string;
  /** Goes into the `serviceurl` claim; Teams sets it to the activity's `serviceUrl`. */
  readonly serviceUrl: string;
  /** Default `https://api.botframework.com`. */
  readonly issuer?: string;
  /** Seconds from now; negative for an already expired token. Default 3600. */
  readonly expiresIn?: number;
  /** Default: the issuer's published key endorsed for `msteams`. */
  readonly key?: ChannelSigningKey;
}

/**
 * A local stand-in for the Bot Framework's token authority (login.botframework.com): OpenID
 * metadata and a JWKS over HTTPS, trusted by the bot through the sandbox CA
 * (`NODE_EXTRA_CA_CERTS`), plus a signer for the tokens Teams attaches to activities.
 *
 * botframework-connector caches the key set per metadata URL for 24 hours and refetches for an
 * unknown `kid` only after an hour, so publish every key before the bot sees its first token.
 */
export interface ChannelIssuer {
  readonly metadataUrl: string;
  /** Published, endorsed for `msteams` (as Teams' keys are). */
  readonly teamsKey: ChannelSigningKey;
  /** Paths the bot (or anyone) fetched, in order. */
  readonly requests: readonly string[];
  /** Adds a key to the JWKS with the given endorsements (`undefined`: no `endorsements` field). */
  publishKey(endorsements: readonly string[] | undefined): Promise<ChannelSigningKey>;
  /** A key the JWKS never lists. */
  createUnpublishedKey(): Promise<ChannelSigningKey>;
  signActivityToken(options: ActivityTokenOptions): Promise<string>;
  /** Makes the metadata or key set fail from now on; `undefined` serves them again. */
  setFault(fault: IssuerFault | undefined): void;
  close(): Promise<void>;
}

interface PublishedKey {
  readonly signing: ChannelSigningKey;
  readonly jwk: JWK;
}

export async function startChannelIssuer(): Promise<ChannelIssuer> {
  const [tls, teamsKey] = await Promise.all([localhostCertificate(), newSigningKey(['msteams'])]);
  const published: PublishedKey[] = [teamsKey];
  const requests: string[] = [];
  let origin = '';
  let fault: IssuerFault | undefined;

  const server: Server = createServer({ cert: tls.certPem, key: tls.keyPem }, (req, res) => {
    const pathname = new URL(req.url ?? '/', 'https://localhost').pathname;
    requests.push(pathname);
    const json = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method !== 'GET') return json(405, { error: 'method not allowed' });
    const on = pathname === METADATA_PATH ? 'metadata' : pathname === JWKS_PATH ? 'keys' : undefined;
    if (fault && on && (!('on' in fault) || fault.on === on)) {
      if (fault.kind === 'dropConnection') return void req.socket.destroy();
      if (fault.kind === 'hang') return;
      if (fault.kind === 'status') return json(fault.status, { error: 'unavailable' });
      if (fault.kind === 'notJson') {
        res.writeHead(200, { 'content-type': 'text/html' });
        return void res.end('<html><body>Service unavailable</body></html>');
      }
      if (fault.kind === 'noJwksUri' && on === 'metadata') return json(200, { issuer: BOT_FRAMEWORK_ISSUER });
      if (fault.kind === 'noKeys' && on === 'keys') return json(200, { keys: [] });
    }
    if (pathname === METADATA_PATH) {
      // The fields login.botframework.com publishes; the SDK reads `jwks_uri`.
      return json(200, {
        issuer: BOT_FRAMEWORK_ISSUER,
        authorization_endpoint: 'https://invalid.botframework.com',
        jwks_uri: `${origin}${JWKS_PATH}`,
        id_token_signing_alg_values_supported: [ALGORITHM],
        token_endpoint_auth_methods_supported: ['private_key_jwt'],
      });
    }
    if (pathname === JWKS_PATH) return json(200, { keys: published.map((key) => key.jwk) });
    return json(404, { error: 'not found' });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    metadataUrl: `${origin}${METADATA_PATH}`,
    teamsKey: teamsKey.signing,
    requests,
    async publishKey(endorsements) {
      const key = await newSigningKey(endorsements);
      published.push(key);
      return key.signing;
    },
    async createUnpublishedKey() {
      return (await newSigningKey(['msteams'])).signing;
    },
    signActivityToken: (options) => signActivityToken(options, teamsKey.signing),
    setFault(next) {
      fault = next;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** Claims shaped as the Bot Framework's: `serviceurl`, `aud` = bot app id, `iss`, `nbf`, `exp`. */
async function signActivityToken(options: ActivityTokenOptions, defaultKey: ChannelSigningKey): Promise<string> {
  const key = options.key ?? defaultKey;
  const now = Math.floor(Date.now() / 1000);
  const expires = now + (options.expiresIn ?? 3600);
  const notBefore = Math.min(now, expires - 3600);
  return new SignJWT({ serviceurl: options.serviceUrl })
    .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT', kid: key.kid })
    .setIssuer(options.issuer ?? BOT_FRAMEWORK_ISSUER)
    .setAudience(options.audience)
    .setNotBefore(notBefore)
    .setIssuedAt(notBefore)
    .setExpirationTime(expires)
    .sign(key.privateKey);
}

async function newSigningKey(endorsements: readonly string[] | undefined): Promise<PublishedKey> {
  const { privateKey, publicKey } = await generateKeyPair(ALGORITHM, { modulusLength: 2048 });
  const kid = randomUUID().replace(/-/g, '');
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, use: 'sig', alg: ALGORITHM };
  const withEndorsements = endorsements === undefined ? jwk : { ...jwk, endorsements: [...endorsements] };
  return { signing: { kid, privateKey, endorsements }, jwk: withEndorsements };
}

/** A leaf for `localhost` / `127.0.0.1` signed by the sandbox CA, which the bot process trusts. */
async function localhostCertificate(): Promise<{ certPem: string; keyPem: string }> {
  return issueLeafCertificate(await loadOrCreateCa(defaultStateDir()));
}

/** The bot's environment for authenticated mode on a sandbox tenant, trusting this issuer's tokens. */
export function authenticatedBotEnv(sandbox: { clientId: string; clientSecret: string; tenantId: string; origin: string }, issuer: Pick<ChannelIssuer, 'metadataUrl'>): Record<string, string> {
  return {
    BOT_ID: sandbox.clientId,
    BOT_PASSWORD: sandbox.clientSecret,
    BOT_TYPE: 'SingleTenant',
    BOT_TENANT_ID: sandbox.tenantId,
    BOT_OPENID_METADATA_URL: issuer.metadataUrl,
    BOT_TOKEN_ISSUER: BOT_FRAMEWORK_ISSUER,
    BOT_LOGIN_URL: `${sandbox.origin}/${sandbox.tenantId}`,
  };
}
