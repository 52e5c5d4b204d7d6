import { MetadataUnavailableError, OpenIdMetadata } from '../../src/apiAuth/openIdMetadata';

const DOCUMENT = { issuer: 'https://login.example/t/v2.0', jwks_uri: 'https://login.example/t/discovery/v2.0/keys' };

describe('OpenIdMetadata', () => {
  let now: number;
  let fetches: number;
  let answer: () => Promise<unknown>;
  const metadata = () => new OpenIdMetadata({ url: 'https://login.example/t/v2.0/.well-known/openid-configuration', now: () => now, fetchJson: () => {
    fetches += 1;
    return answer();
  } });
  beforeEach(() => {
    now = 0;
    fetches = 0;
    answer = async () => DOCUMENT;
  });

  it('fetches once for concurrent requests, caches for a day, and refreshes after', async () => {
    const source = metadata();
    const documents = await Promise.all([source.get(), source.get(), source.get()]);
    expect(documents).toEqual(Array(3).fill({ issuer: DOCUMENT.issuer, jwksUri: DOCUMENT.jwks_uri }));
    expect(fetches).toBe(1);
    now += 23 * 3_600_000;
    await source.get();
    expect(fetches).toBe(1);
    now += 2 * 3_600_000;
    await source.get();
    expect(fetches).toBe(2);
  });

  it('keeps serving the last good document when a refresh fails', async () => {
    const source = metadata();
    await source.get();
    now += 25 * 3_600_000;
    answer = async () => Promise.reject(new Error('network down'));
    expect((await source.get()).issuer).toBe(DOCUMENT.issuer);
  });

  it('with nothing cached, reports the outage with a retry time and does not fetch again within it', async () => {
    answer = async () => Promise.reject(new Error('network down'));
    const source = metadata();
    await expect(source.get()).rejects.toBeInstanceOf(MetadataUnavailableError);
    now += 3_000;
    const second = await source.get().catch((error: unknown) => error);
    expect(second).toBeInstanceOf(MetadataUnavailableError);
    expect((second as MetadataUnavailableError).retryAfterSeconds).toBe(7);
    expect(fetches).toBe(1);
    now += 8_000;
    answer = async () => DOCUMENT;
    expect((await source.get()).jwksUri).toBe(DOCUMENT.jwks_uri);
  });

  it('refuses a document without an issuer or an https key set', async () => {
    answer = async () => ({ issuer: DOCUMENT.issuer, jwks_uri: 'http://login.example/keys' });
    await expect(metadata().get()).rejects.toBeInstanceOf(MetadataUnavailableError);
    answer = async () => ({ jwks_uri: DOCUMENT.jwks_uri });
    await expect(metadata().get()).rejects.toBeInstanceOf(MetadataUnavailableError);
  });
});
