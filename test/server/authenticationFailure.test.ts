import { classifyAuthenticationFailure } from '../../src/server/authenticationFailure';
import { ChannelKeySet, KeySetCheck, KeySetHealth } from '../../src/server/channelKeySet';

/** Errors shaped as botframework-connector, node-fetch and jsonwebtoken throw them. */
const statusError = (message: string, statusCode: number): Error => Object.assign(new Error(message), { statusCode });
const named = (name: string, message: string): Error => Object.assign(new Error(message), { name });

const keySet = (health: KeySetHealth): KeySetCheck & { calls: number } => {
  const check = { calls: 0, check: async () => { check.calls += 1; return health; } };
  return check;
};
const BEARER = 'Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln';

describe('classifyAuthenticationFailure', () => {
  it.each([
    ['the SDK could not load the metadata (AuthenticationError, statusCode 500)', statusError('Failed to load openID config: 503', 500)],
    ['a network failure (node-fetch FetchError)', named('FetchError', 'request to https://login.botframework.com failed, reason: socket hang up')],
  ])('%s is the key set, without asking it', async (_name, error) => {
    const check = keySet({ ok: true });
    expect(await classifyAuthenticationFailure(error, BEARER, check)).toMatchObject({ kind: 'keySetUnavailable' });
    expect(check.calls).toBe(0);
  });

  it.each(['JsonWebTokenError', 'NotBeforeError', 'TokenExpiredError'])('%s (a key was found, the token failed) is the sender, even while the key set is down', async (name) => {
    const check = keySet({ ok: false, cause: 'key set: HTTP 500' });
    expect(await classifyAuthenticationFailure(named(name, 'invalid signature'), BEARER, check)).toMatchObject({ kind: 'unauthorized' });
    expect(check.calls).toBe(0);
  });

  it('any other refusal of a bearer token is decided by the key set', async () => {
    const unknownKey = statusError('Signing Key could not be retrieved.', 401);
    expect(await classifyAuthenticationFailure(unknownKey, BEARER, keySet({ ok: true }))).toEqual({ kind: 'unauthorized', reason: 'Error: Signing Key could not be retrieved.' });
    expect(await classifyAuthenticationFailure(unknownKey, BEARER, keySet({ ok: false, cause: 'key set: malformed (keys)' }))).toEqual({
      kind: 'keySetUnavailable', reason: 'Error: Signing Key could not be retrieved.', cause: 'key set: malformed (keys)',
    });
    expect(await classifyAuthenticationFailure(new TypeError('Only absolute URLs are supported'), BEARER, keySet({ ok: false, cause: 'OpenID metadata: malformed (jwks_uri)' }))).toMatchObject({ kind: 'keySetUnavailable' });
  });

  it('a request with no bearer token is the sender, whatever the key set', async () => {
    const check = keySet({ ok: false, cause: 'down' });
    for (const authorization of ['', 'Basic YTpi', 'Bearer ']) {
      expect(await classifyAuthenticationFailure(statusError('Unauthorized Access. Request is not authorized', 401), authorization, check)).toMatchObject({ kind: 'unauthorized' });
    }
    expect(check.calls).toBe(0);
  });

  it('anonymous mode (no key set) refuses as unauthorized', async () => {
    expect(await classifyAuthenticationFailure(new TypeError('x'), BEARER, undefined)).toMatchObject({ kind: 'unauthorized' });
  });
});

describe('ChannelKeySet', () => {
  const METADATA_URL = 'https://login.example/v1/.well-known/openidconfiguration';
  const KEYS_URL = 'https://login.example/v1/.well-known/keys';
  const GOOD_KEYS = { keys: [{ kty: 'RSA', kid: 'k1', n: 'AQAB', e: 'AQAB', endorsements: ['msteams'] }] };

  const serving = (routes: Record<string, () => Response | Promise<Response>>): typeof fetch & { urls: string[] } => {
    const urls: string[] = [];
    const fake = (async (input: string | URL | Request) => {
      const url = String(input);
      urls.push(url);
      const route = routes[url];
      if (!route) throw new TypeError('fetch failed');
      return route();
    }) as typeof fetch & { urls: string[] };
    fake.urls = urls;
    return fake;
  };
  const json = (body: unknown, status = 200) => () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

  it.each<[string, Record<string, () => Response>, RegExp | undefined]>([
    ['healthy', { [METADATA_URL]: json({ jwks_uri: KEYS_URL }), [KEYS_URL]: json(GOOD_KEYS) }, undefined],
    ['metadata 503', { [METADATA_URL]: json({}, 503) }, /OpenID metadata: HTTP 503/],
    ['metadata not JSON', { [METADATA_URL]: () => new Response('<html>', { status: 200 }) }, /OpenID metadata: not JSON/],
    ['metadata without jwks_uri', { [METADATA_URL]: json({ issuer: 'x' }) }, /OpenID metadata: malformed \(jwks_uri\)/],
    ['key set unreachable', { [METADATA_URL]: json({ jwks_uri: KEYS_URL }) }, /key set: unreachable \(TypeError\)/],
    ['key set with no keys', { [METADATA_URL]: json({ jwks_uri: KEYS_URL }), [KEYS_URL]: json({ keys: [] }) }, /key set: malformed \(keys\)/],
    ['key set with a key lacking its modulus', { [METADATA_URL]: json({ jwks_uri: KEYS_URL }), [KEYS_URL]: json({ keys: [{ kid: 'k1', e: 'AQAB' }] }) }, /key set: malformed \(keys\.0\.n\)/],
  ])('%s', async (_name, routes, cause) => {
    const health = await new ChannelKeySet({ metadataUrl: METADATA_URL, fetch: serving(routes) }).check();
    if (cause === undefined) expect(health).toEqual({ ok: true });
    else expect(health).toEqual({ ok: false, cause: expect.stringMatching(cause) });
  });

  it('reuses one answer for a while, so refused tokens cannot make it fetch on every request', async () => {
    let now = 0;
    const fake = serving({ [METADATA_URL]: json({ jwks_uri: KEYS_URL }), [KEYS_URL]: json(GOOD_KEYS) });
    const keys = new ChannelKeySet({ metadataUrl: METADATA_URL, fetch: fake, now: () => now, reuseMs: 10_000 });
    await Promise.all([keys.check(), keys.check()]);
    now = 9_999;
    await keys.check();
    expect(fake.urls).toHaveLength(2);
    now = 10_000;
    await keys.check();
    expect(fake.urls).toHaveLength(4);
  });
});
