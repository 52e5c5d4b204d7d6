import type { AccessToken, TokenCredential } from '@azure/identity';
import { CachedTokenCredential } from '../../src/graph/cachedTokenCredential';

function fakeCredential(answer: (call: number) => AccessToken | Error | Promise<AccessToken>): { credential: TokenCredential; calls: () => number } {
  let calls = 0;
  return {
    credential: {
      getToken: async () => {
        calls += 1;
        const result = await answer(calls);
        if (result instanceof Error) throw result;
        return result;
      },
    },
    calls: () => calls,
  };
}

const SCOPE = 'https://graph.microsoft.com/.default';
const HOUR = 3_600_000;

describe('CachedTokenCredential', () => {
  it('hands out the same token until five minutes before it expires, then renews it', async () => {
    let now = 0;
    const inner = fakeCredential((call) => ({ token: `t${call}`, expiresOnTimestamp: now + HOUR }));
    const cached = new CachedTokenCredential(inner.credential, { now: () => now });
    expect((await cached.getToken(SCOPE))?.token).toBe('t1');
    now = HOUR - 5 * 60_000 - 1;
    expect((await cached.getToken(SCOPE))?.token).toBe('t1');
    expect(inner.calls()).toBe(1);
    now += 1;
    expect((await cached.getToken(SCOPE))?.token).toBe('t2');
    expect(inner.calls()).toBe(2);
  });

  it('honours the refresh time a token names, and keeps scopes apart', async () => {
    let now = 0;
    const inner = fakeCredential((call) => ({ token: `t${call}`, expiresOnTimestamp: now + HOUR, refreshAfterTimestamp: now + 1000 }));
    const cached = new CachedTokenCredential(inner.credential, { now: () => now });
    await cached.getToken(SCOPE);
    expect((await cached.getToken('other/.default'))?.token).toBe('t2');
    now = 1000;
    expect((await cached.getToken(SCOPE))?.token).toBe('t3');
  });

  it('shares one renewal among concurrent asks', async () => {
    let release: (token: AccessToken) => void = () => undefined;
    const inner = fakeCredential(() => new Promise<AccessToken>((resolve) => (release = resolve)));
    const cached = new CachedTokenCredential(inner.credential);
    const asks = [cached.getToken(SCOPE), cached.getToken(SCOPE), cached.getToken(SCOPE)];
    release({ token: 'shared', expiresOnTimestamp: Date.now() + HOUR });
    expect((await Promise.all(asks)).map((token) => token?.token)).toEqual(['shared', 'shared', 'shared']);
    expect(inner.calls()).toBe(1);
  });

  it('keeps a still-valid token when its renewal fails, and fails once it has expired', async () => {
    let now = 0;
    const inner = fakeCredential((call) => (call === 1 ? { token: 't1', expiresOnTimestamp: HOUR } : new Error('Entra ID is down')));
    const cached = new CachedTokenCredential(inner.credential, { now: () => now });
    await cached.getToken(SCOPE);
    now = HOUR - 60_000;
    expect((await cached.getToken(SCOPE))?.token).toBe('t1');
    now = HOUR;
    await expect(cached.getToken(SCOPE)).rejects.toThrow('Entra ID is down');
  });

  it('passes a claims challenge straight through', async () => {
    const inner = fakeCredential((call) => ({ token: `t${call}`, expiresOnTimestamp: Date.now() + HOUR }));
    const cached = new CachedTokenCredential(inner.credential);
    await cached.getToken(SCOPE);
    expect((await cached.getToken(SCOPE, { claims: 'x' }))?.token).toBe('t2');
  });
});
