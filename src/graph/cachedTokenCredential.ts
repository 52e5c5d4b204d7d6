import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/identity';

export interface CachedTokenCredentialOptions {
  /** Renew this long before expiry (when the token names no refresh time of its own). */
  readonly refreshBeforeExpiryMs?: number;
  readonly now?: () => number;
}

const DEFAULT_REFRESH_BEFORE_EXPIRY_MS = 5 * 60_000;

/**
 * Hands out the app's Graph token from memory until it is due for renewal. The Graph client asks
 * for a token on every request, and each ask went through MSAL's cache look-up and the identity
 * pipeline: a visible share of a turn's CPU. Concurrent asks share one renewal; a renewal that
 * fails while the old token is still valid keeps the old token. A request with `claims` (a
 * claims challenge) always goes to the credential.
 */
export class CachedTokenCredential implements TokenCredential {
  private readonly cached = new Map<string, AccessToken>();
  private readonly renewing = new Map<string, Promise<AccessToken | null>>();
  private readonly refreshBeforeExpiryMs: number;
  private readonly now: () => number;

  constructor(private readonly inner: TokenCredential, options: CachedTokenCredentialOptions = {}) {
    this.refreshBeforeExpiryMs = options.refreshBeforeExpiryMs ?? DEFAULT_REFRESH_BEFORE_EXPIRY_MS;
    this.now = options.now ?? Date.now;
  }

  async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
    if (options?.claims) return this.inner.getToken(scopes, options);
    const key = (Array.isArray(scopes) ? scopes : [scopes]).join(' ');
    const token = this.cached.get(key);
    const now = this.now();
    if (token && now < this.renewAt(token)) return token;
    try {
      return await this.renew(key, scopes, options);
    } catch (error) {
      if (token && now < token.expiresOnTimestamp) return token;
      throw error;
    }
  }

  private renewAt(token: AccessToken): number {
    return token.refreshAfterTimestamp ?? token.expiresOnTimestamp - this.refreshBeforeExpiryMs;
  }

  private renew(key: string, scopes: string | string[], options: GetTokenOptions | undefined): Promise<AccessToken | null> {
    const pending = this.renewing.get(key);
    if (pending) return pending;
    const renewal = this.inner
      .getToken(scopes, options)
      .then((token) => {
        if (token) this.cached.set(key, token);
        return token;
      })
      .finally(() => this.renewing.delete(key));
    this.renewing.set(key, renewal);
    return renewal;
  }
}
