import { generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { tokenProblemOnItsFace } from '../../src/server/tokenOnItsFace';
import { NOT_A_JWT, garbledSignature, publicKeyHmacToken, unsignedToken } from '../support/hostileTokens';

const EXPECTED = { audience: 'bot-app-id', issuer: 'https://api.botframework.com' };
const SERVICE_URL = 'https://smba.trafficmanager.net/amer/';
const NOW = 1_800_000_000;
const CLAIMS = { audience: EXPECTED.audience, serviceUrl: SERVICE_URL };

let privateKey: KeyLike;
beforeAll(async () => {
  ({ privateKey } = await generateKeyPair('RS256'));
});

/** A token as the Bot Framework signs it, with claims and header changed as asked. */
function token(claims: Record<string, unknown> = {}, header: Record<string, unknown> = {}): Promise<string> {
  return new SignJWT({ iss: EXPECTED.issuer, aud: EXPECTED.audience, serviceurl: SERVICE_URL, nbf: NOW - 60, iat: NOW - 60, exp: NOW + 3600, ...claims })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: 'key-1', ...header })
    .sign(privateKey);
}

/** The same claims and signature under another header. */
function withHeader(signed: string, header: Record<string, unknown>): string {
  const [, claims, signature] = signed.split('.');
  return `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${claims}.${signature}`;
}

const problem = (authorization: string): string | undefined => tokenProblemOnItsFace(authorization, SERVICE_URL, EXPECTED, NOW);

describe('tokenProblemOnItsFace', () => {
  it('finds nothing wrong with a well-formed token, whatever key signed it (that needs the key set)', async () => {
    expect(problem(`Bearer ${await token()}`)).toBeUndefined();
    expect(problem(`Bearer ${await token({}, { kid: 'a-key-no-one-published' })}`)).toBeUndefined();
    expect(problem(`Bearer ${garbledSignature(await token())}`)).toBeUndefined();
    // Within the SDK's five minutes of clock tolerance either way.
    expect(problem(`Bearer ${await token({ exp: NOW - 240, nbf: NOW + 240 })}`)).toBeUndefined();
    // jsonwebtoken requires neither exp nor nbf.
    expect(problem(`Bearer ${await token({ exp: undefined, nbf: undefined })}`)).toBeUndefined();
  });

  it.each([
    ['alg none', () => unsignedToken('key-1', CLAIMS), /algorithm "none"/],
    ['HS256 keyed with a public key', async () => publicKeyHmacToken({ kid: 'key-1', privateKey, endorsements: undefined }, CLAIMS), /algorithm "HS256"/],
    ['ES256', async () => withHeader(await token(), { alg: 'ES256', kid: 'key-1' }), /algorithm "ES256"/],
    ['no kid', () => token({}, { kid: undefined }), /no key id/],
    ['expired', () => token({ exp: NOW - 301 }), /expired/],
    ['not valid for another hour', () => token({ nbf: NOW + 3600 }), /not valid yet/],
    ['exp that is not a number', () => token({ exp: 'tomorrow' }), /exp is not a number/],
    ['wrong issuer', () => token({ iss: 'https://sts.windows.net/evil/' }), /wrong issuer/],
    ['wrong audience', () => token({ aud: 'another-bot' }), /wrong audience/],
    ['audience as a list', () => token({ aud: [EXPECTED.audience] }), /wrong audience/],
    ['another service URL', () => token({ serviceurl: 'https://evil.example/' }), /serviceurl/],
  ])('refuses %s', async (_name, build, reason) => {
    expect(problem(`Bearer ${await build()}`)).toMatch(reason);
  });

  it.each([
    ['no header', ''],
    ['another scheme', 'Basic dXNlcjpwYXNz'],
    ['two parts', NOT_A_JWT],
    ['four parts', 'Bearer a.b.c.d'],
    ['a header that is not JSON', 'Bearer bm90IGpzb24.e30.c2ln'],
    ['a header that is a list', `Bearer ${Buffer.from('[1]').toString('base64url')}.e30.c2ln`],
    ['characters outside base64url', 'Bearer eyJhbGciOiJSUzI1NiJ9+.e30.c2ln'],
    ['no signature', `Bearer ${Buffer.from(JSON.stringify({ alg: 'RS256', kid: 'k' })).toString('base64url')}.e30.`],
    ['a space inside', 'Bearer a.b .c'],
  ])('refuses a malformed header: %s', (_name, authorization) => {
    expect(problem(authorization)).toEqual(expect.any(String));
  });

  it('compares the serviceurl claim with the activity as the SDK does: the exact string', async () => {
    const authorization = `Bearer ${await token()}`;
    expect(tokenProblemOnItsFace(authorization, SERVICE_URL.replace(/\/$/, ''), EXPECTED, NOW)).toMatch(/serviceurl/);
    expect(tokenProblemOnItsFace(authorization, undefined, EXPECTED, NOW)).toMatch(/serviceurl/);
  });
});
