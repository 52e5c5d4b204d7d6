import { ConfigError } from '../errors/configError';

/** How long the bot waits on its way to an answer; tests shorten these to run without idle waits. */
export interface TurnTimingConfig {
  /**
   * How long a request claim holds once its owner stops renewing it (an instance that crashed):
   * a redelivery to another instance waits this out before taking the request over.
   */
  readonly requestLeaseMs: number;
  /** How long a card action or dialog waits for the chat before answering with a "creating…" card. */
  readonly invokeBudgetMs: number;
}

/**
 * 30 s: twice Teams' 15 s turn, so a live owner is never taken over, and a crashed instance's
 * request is answered by another instance within a minute of the crash.
 */
export const DEFAULT_REQUEST_LEASE_MS = 30_000;
/** About 4 s of the 5 Teams waits for an invoke's answer (see the README's message extension section). */
export const DEFAULT_INVOKE_BUDGET_MS = 4_000;

/** REQUEST_LEASE_MS (1000 to 600000: below a second, renewals would flood the store) and INVOKE_BUDGET_MS (100 to 10000). */
export function readTurnTiming(read: (name: string) => string): TurnTimingConfig {
  return {
    requestLeaseMs: milliseconds(read, 'REQUEST_LEASE_MS', DEFAULT_REQUEST_LEASE_MS, 1_000, 600_000),
    invokeBudgetMs: milliseconds(read, 'INVOKE_BUDGET_MS', DEFAULT_INVOKE_BUDGET_MS, 100, 10_000),
  };
}

function milliseconds(read: (name: string) => string, name: string, fallback: number, min: number, max: number): number {
  const raw = read(name);
  if (raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) throw new ConfigError(name, `must be a whole number of milliseconds from ${min} to ${max}, not "${raw}"`);
  return value;
}
