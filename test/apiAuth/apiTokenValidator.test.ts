import { createPublicKey, type KeyObject } from 'node:crypto';
import { SignJWT, base64url, createLocalJWKSet, exportJWK, generateKeyPair, type JWK, type KeyLike } from 'jose';
import { ApiTokenValidator } from '../../src/apiAuth/apiTokenValidator';
import { MetadataUnavailableError } from '../../src/apiAuth/openIdMetadata';

const TENANT = '11111111-2222-3333-4444-555555555555';
const API_ID = '7d3c1b2a-5e4f-4a6b-8c9d-0e1f2a3b4c5d';
const API_URI = `api://${API_ID}`;
const CALLER = '1b2c3d4e-5f60-4718-9a2b-3c4d5e6f7081';
const V2_ISSUER = `https://login.microsoftonline.com/${TENANT}/v2.0`;
const V1_ISSUER = `https://sts.windows.net/${TENANT}/`;
const JWKS_URI = `https://login.microsoftonline.com/${TENANT}/discovery/v2.0/keys`;

interface Keys {
  readonly privateKey: KeyLike;
  readonly jwk: JWK;
}

async function rsaKey(kid: string): Promise<Keys> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  return { privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
}

const nowSeconds = (): number => Math.floor(Date.now() / 1000);

function v2Claims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = nowSeconds();
  return { iss: V2_ISSUER, aud: API_ID, azp: CALLER, azpacr: '1', idtyp: 'app', roles: ['Chats.Create'], tid: TENANT, ver: '2.0', iat: now - 10, nbf: now - 10, exp: now + 3600, ...overrides };
}

function sign(keys: Keys, claims: Record<string, unknown>, alg = 'RS256'): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg, typ: 'JWT', kid: keys.jwk.kid! }).sign(keys.privateKey);
}

describe('ApiTokenValidator', () => {
  let keys: Keys;
  let otherKeys: Keys;
  let keySetCalls: number;
  let metadataDown: boolean;
  let validator: ApiTokenValidator;

  beforeAll(async () => {
    keys = await rsaKey('tenant-key');
    otherKeys = await rsaKey('attacker-key');
  });

  beforeEach(() => {
    keySetCalls = 0;
    metadataDown = false;
    const document = (issuer: string) => ({
      get: async () => {
        if (metadataDown) throw new MetadataUnavailableError('https://login.example/metadata', 7);
        return { issuer, jwksUri: JWKS_URI };
      },
    });
    const local = createLocalJWKSet({ keys: [keys.jwk] });
    validator = new ApiTokenValidator({
      authorityHost: 'https://login.microsoftonline.com',
      tenantId: TENANT,
      audiences: [API_ID, API_URI],
      callers: [{ clientId: CALLER, name: 'Incident Desk' }],
      metadata: { v2: document(V2_ISSUER), v1: document(V1_ISSUER) },
      keySet: (uri) => {
        expect(uri).toBe(JWKS_URI);
        return (header, token) => {
          keySetCalls += 1;
          return local(header, token);
        };
      },
    });
  });

  it('accepts a v2.0 app token from an allowed caller holding the role, and names the caller', async () => {
    const outcome = await validator.check(`Bearer ${await sign(keys, v2Claims())}`);
    expect(outcome).toEqual({ ok: true, caller: { clientId: CALLER, name: 'Incident Desk' }, version: '2.0' });
  });

  it('accepts a v1.0 token with its own issuer, the caller in appid and the Application ID URI as audience', async () => {
    const now = nowSeconds();
    const claims = { iss: V1_ISSUER, aud: API_URI, appid: CALLER.toUpperCase(), appidacr: '1', roles: ['Chats.Create'], tid: TENANT, ver: '1.0', iat: now, exp: now + 600 };
    expect(await validator.check(`Bearer ${await sign(keys, claims)}`)).toMatchObject({ ok: true, version: '1.0' });
    // A v1.0 token claiming the v2.0 issuer is not what Entra issues.
    expect(await validator.check(`Bearer ${await sign(keys, { ...claims, iss: V2_ISSUER })}`)).toMatchObject({ ok: false, status: 401, reason: 'claim iss not accepted' });
  });

  it('answers 401 without an error code when there is no token, and 401 invalid_token for one that is not a bearer JWT', async () => {
    expect(await validator.check(undefined)).toEqual({ ok: false, status: 401, reason: 'no token' });
    expect(await validator.check('  ')).toEqual({ ok: false, status: 401, reason: 'no token' });
    expect(await validator.check('Basic dXNlcjpwYXNz')).toMatchObject({ status: 401, error: 'invalid_token' });
    expect(await validator.check('Bearer abc.def')).toMatchObject({ status: 401, error: 'invalid_token', reason: 'malformed token' });
    expect(await validator.check('Bearer a b')).toMatchObject({ status: 401, error: 'invalid_token' });
  });

  it.each([
    ['expired', { exp: nowSeconds() - 3600, iat: nowSeconds() - 7200, nbf: nowSeconds() - 7200 }, 'token expired'],
    ['not yet valid', { nbf: nowSeconds() + 3600 }, 'token not yet valid'],
    ['for another audience', { aud: 'https://graph.microsoft.com' }, 'another audience'],
    ['from another tenant', { tid: '99999999-2222-3333-4444-555555555555' }, 'another tenant'],
    ['without a version', { ver: undefined }, 'not an Entra access token version'],
  ])('refuses a token %s before fetching any key', async (_name, overrides, reason) => {
    const outcome = await validator.check(`Bearer ${await sign(keys, v2Claims(overrides))}`);
    expect(outcome).toEqual({ ok: false, status: 401, error: 'invalid_token', reason });
    expect(keySetCalls).toBe(0);
  });

  it('refuses a token from another issuer (signed by the tenant key)', async () => {
    const outcome = await validator.check(`Bearer ${await sign(keys, v2Claims({ iss: 'https://login.microsoftonline.com/99999999-2222-3333-4444-555555555555/v2.0' }))}`);
    expect(outcome).toMatchObject({ ok: false, status: 401, reason: 'claim iss not accepted' });
  });

  it('refuses alg none, HS256 keyed with the public key, a key the tenant never published and a forged signature', async () => {
    const claims = v2Claims();
    const header = (alg: string): string => base64url.encode(JSON.stringify({ alg, typ: 'JWT', kid: keys.jwk.kid }));
    const unsigned = `${header('none')}.${base64url.encode(JSON.stringify(claims))}.`;
    const publicPem = createPublicKey(keys.privateKey as KeyObject).export({ format: 'pem', type: 'spki' }).toString();
    const hmac = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: keys.jwk.kid! }).sign(new TextEncoder().encode(publicPem));
    const foreign = await sign(otherKeys, claims);
    const genuine = await sign(keys, claims);
    const [h, p] = genuine.split('.');
    const forgedPayload = base64url.encode(JSON.stringify({ ...claims, roles: ['Chats.Create', 'Everything.All'] }));
    expect(await validator.check(`Bearer ${unsigned}`)).toMatchObject({ status: 401, reason: 'algorithm not accepted' });
    expect(await validator.check(`Bearer ${hmac}`)).toMatchObject({ status: 401, reason: 'algorithm not accepted' });
    expect(await validator.check(`Bearer ${foreign}`)).toMatchObject({ status: 401, reason: 'signed with an unknown key' });
    expect(await validator.check(`Bearer ${h}.${forgedPayload}.${genuine.split('.')[2]}`)).toMatchObject({ status: 401, reason: 'signature verification failed' });
    expect(await validator.check(`Bearer ${h}.${p}.${base64url.encode('not a signature')}`)).toMatchObject({ status: 401, reason: 'signature verification failed' });
  });

  it('answers 403 insufficient_scope for a caller not listed, a token without the role, and a delegated token', async () => {
    expect(await validator.check(`Bearer ${await sign(keys, v2Claims({ azp: '2c3d4e5f-6071-4829-ab3c-4d5e6f708192' }))}`)).toEqual({
      ok: false, status: 403, error: 'insufficient_scope', reason: 'caller not in API_CALLERS',
    });
    expect(await validator.check(`Bearer ${await sign(keys, v2Claims({ roles: undefined }))}`)).toMatchObject({ status: 403, reason: 'no Chats.Create role' });
    expect(await validator.check(`Bearer ${await sign(keys, v2Claims({ roles: ['Chats.Read'] }))}`)).toMatchObject({ status: 403, reason: 'no Chats.Create role' });
    expect(await validator.check(`Bearer ${await sign(keys, v2Claims({ scp: 'Chats.Create', idtyp: 'user' }))}`)).toMatchObject({ status: 403, reason: 'not an app-only token' });
  });

  it('answers 503 with the metadata retry time when the tenant metadata is out, but still 401 for tokens bad on their face', async () => {
    metadataDown = true;
    expect(await validator.check(`Bearer ${await sign(keys, v2Claims())}`)).toEqual({ ok: false, status: 503, retryAfterSeconds: 7, reason: 'tenant metadata unavailable' });
    expect(await validator.check(`Bearer ${await sign(keys, v2Claims({ aud: 'someone-else' }))}`)).toMatchObject({ status: 401 });
  });

  it('answers 503 when the key set cannot be fetched (not the caller\u2019s fault)', async () => {
    const down = new ApiTokenValidator({
      authorityHost: 'https://login.microsoftonline.com',
      tenantId: TENANT,
      audiences: [API_ID],
      callers: [{ clientId: CALLER, name: 'Incident Desk' }],
      metadata: { v2: { get: async () => ({ issuer: V2_ISSUER, jwksUri: JWKS_URI }) }, v1: { get: async () => ({ issuer: V1_ISSUER, jwksUri: JWKS_URI }) } },
      keySet: () => async () => {
        throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
      },
    });
    expect(await down.check(`Bearer ${await sign(keys, v2Claims())}`)).toMatchObject({ ok: false, status: 503 });
  });
});
