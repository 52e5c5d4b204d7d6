import { decideRetry, parseRetryAfter } from '../../src/graph/retryPolicy';

const policy = { maxRetries: 3, budgetMs: 10_000, baseDelayMs: 100 };
const base = { retryAfterHeader: null, idempotent: false, retriesSoFar: 0, waitedMs: 0 };

describe('decideRetry', () => {
  it('retries a 429 after Retry-After, even for a non-idempotent POST', () => {
    expect(decideRetry({ ...base, status: 429, retryAfterHeader: '2' }, policy)).toEqual({ retry: true, delayMs: 2000 });
  });

  it('backs off exponentially when Retry-After is missing', () => {
    expect(decideRetry({ ...base, status: 429, retriesSoFar: 0 }, policy)).toEqual({ retry: true, delayMs: 100 });
    expect(decideRetry({ ...base, status: 429, retriesSoFar: 2 }, policy)).toEqual({ retry: true, delayMs: 400 });
  });

  it('never repeats a non-idempotent request after an ambiguous failure', () => {
    for (const status of [503, 504, 'network'] as const) {
      expect(decideRetry({ ...base, status }, policy)).toEqual({ retry: false, reason: 'notRetryable' });
    }
  });

  it('repeats idempotent requests after 503, 504 and dropped connections', () => {
    for (const status of [503, 504, 'network'] as const) {
      expect(decideRetry({ ...base, status, idempotent: true }, policy)).toEqual({ retry: true, delayMs: 100 });
    }
  });

  it('does not retry client errors or 500', () => {
    for (const status of [400, 401, 403, 404, 500]) {
      expect(decideRetry({ ...base, status, idempotent: true }, policy)).toEqual({ retry: false, reason: 'notRetryable' });
    }
  });

  it('stops after the last retry and when the wait would exceed the budget', () => {
    expect(decideRetry({ ...base, status: 429, retriesSoFar: 3 }, policy)).toEqual({ retry: false, reason: 'exhausted' });
    expect(decideRetry({ ...base, status: 429, retryAfterHeader: '11' }, policy)).toEqual({ retry: false, reason: 'overBudget' });
    expect(decideRetry({ ...base, status: 429, retryAfterHeader: '5', waitedMs: 6_000 }, policy)).toEqual({ retry: false, reason: 'overBudget' });
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates, and ignores garbage', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter('0.5')).toBe(500);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('')).toBeUndefined();
  });
});
