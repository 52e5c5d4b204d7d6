/**
 * When to retry a Graph call, and after how long. Pure, so every branch is unit-tested.
 *
 * - 429 means Graph did not process the request: always safe to retry, after `Retry-After`.
 * - 503, 504 and a dropped connection are ambiguous: the work may have happened. Only requests
 *   marked idempotent are retried (GETs, batches of GETs, one-on-one chat creation, which Graph
 *   itself de-duplicates). A group chat POST is never retried: a second POST is a second chat.
 */
export interface RetryPolicyOptions {
  /** Retries after the first attempt. */
  readonly maxRetries: number;
  /** Total time the caller may spend waiting across retries. */
  readonly budgetMs: number;
  /** Backoff base when the server names no delay. */
  readonly baseDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicyOptions = { maxRetries: 3, budgetMs: 60_000, baseDelayMs: 1_000 };

export interface AttemptOutcome {
  /** HTTP status, or `network` when no response arrived. */
  readonly status: number | 'network';
  readonly retryAfterHeader: string | null;
  readonly idempotent: boolean;
  /** Retries already made. */
  readonly retriesSoFar: number;
  /** Time already spent waiting between attempts. */
  readonly waitedMs: number;
}

export type RetryDecision =
  | { readonly retry: true; readonly delayMs: number }
  | { readonly retry: false; readonly reason: 'notRetryable' | 'exhausted' | 'overBudget' };

export function decideRetry(outcome: AttemptOutcome, policy: RetryPolicyOptions = DEFAULT_RETRY_POLICY): RetryDecision {
  const throttled = outcome.status === 429;
  const ambiguous = outcome.status === 503 || outcome.status === 504 || outcome.status === 'network';
  if (!throttled && !(ambiguous && outcome.idempotent)) return { retry: false, reason: 'notRetryable' };
  if (outcome.retriesSoFar >= policy.maxRetries) return { retry: false, reason: 'exhausted' };
  const named = parseRetryAfter(outcome.retryAfterHeader);
  const delayMs = named ?? policy.baseDelayMs * 2 ** outcome.retriesSoFar;
  if (outcome.waitedMs + delayMs > policy.budgetMs) return { retry: false, reason: 'overBudget' };
  return { retry: true, delayMs };
}

/** `Retry-After` as delay-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(header: string | null | undefined, now: number = Date.now()): number | undefined {
  if (header === null || header === undefined || header.trim() === '') return undefined;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
