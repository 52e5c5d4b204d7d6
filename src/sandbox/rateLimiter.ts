import { GraphError } from './graphError';
import type { RateLimitRule, RateLimits } from './types';

interface Bucket {
  tokens: number;
  at: number;
}

interface ActiveLimit {
  readonly rule: RateLimitRule;
  readonly perSecond: number;
  readonly burst: number;
  /** One bucket per calling app: Graph's Teams limits are per app per tenant. */
  readonly buckets: Map<string, Bucket>;
}

/**
 * Graph's throttling as a token bucket per app: `perSecond` requests a second, up to `burst`
 * at once (default one second's worth). A request over the limit is answered 429 with
 * `Retry-After` in whole seconds and changes nothing.
 */
export class TokenBucketRateLimits implements RateLimits {
  private limits: ActiveLimit[] = [];

  constructor(private readonly now: () => number = () => performance.now()) {}

  set(rule: RateLimitRule): void {
    if (!(rule.perSecond > 0)) throw new RangeError('RateLimitRule.perSecond must be positive');
    const burst = rule.burst ?? rule.perSecond;
    if (!(burst >= 1)) throw new RangeError('RateLimitRule.burst must be at least 1');
    // A rule for the same method and path replaces the earlier one.
    this.limits = this.limits.filter((limit) => !(sameMethod(limit.rule.method, rule.method) && String(limit.rule.path) === String(rule.path)));
    this.limits.push({ rule, perSecond: rule.perSecond, burst, buckets: new Map() });
  }

  clear(): void {
    this.limits = [];
  }

  /** Spends a token of every limit the request falls under, or throws the 429 Graph would send. */
  check(method: string, path: string, appId: string): void {
    const now = this.now();
    for (const limit of this.limits) {
      if (limit.rule.method && limit.rule.method.toUpperCase() !== method.toUpperCase()) continue;
      if (!pathMatches(limit.rule.path, path)) continue;
      const bucket = limit.buckets.get(appId) ?? { tokens: limit.burst, at: now };
      bucket.tokens = Math.min(limit.burst, bucket.tokens + ((now - bucket.at) * limit.perSecond) / 1000);
      bucket.at = now;
      limit.buckets.set(appId, bucket);
      if (bucket.tokens < 1) {
        const seconds = Math.max(1, Math.ceil((1 - bucket.tokens) / limit.perSecond));
        throw new GraphError(429, 'TooManyRequests', 'Too many requests. Please retry after the time given in Retry-After.', { 'Retry-After': String(seconds) });
      }
      bucket.tokens -= 1;
    }
  }
}

function sameMethod(a: string | undefined, b: string | undefined): boolean {
  return (a ?? '').toUpperCase() === (b ?? '').toUpperCase();
}

function pathMatches(pattern: string | RegExp, path: string): boolean {
  if (typeof pattern === 'string') return pattern.toLowerCase() === path.toLowerCase();
  pattern.lastIndex = 0;
  return pattern.test(path);
}
