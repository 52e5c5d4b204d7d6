import { ConfigError } from '../errors/configError';

/** How the bot spends one Graph budget (see `src/pacing/requestPacer.ts`). */
export interface BudgetConfig {
  /** Requests per second Graph documents for this budget, per app per tenant. */
  readonly limitPerSecond: number;
  /** Share of the limit spent under sustained load. */
  readonly sustainedFraction: number;
  /** Longest a request waits for its turn before the person is told Teams is busy. */
  readonly maxWaitMs: number;
}

/** Chat creation and look-ups have separate budgets, as Graph has. */
export interface PacingConfig {
  /** `POST /chats`: Teams' limit, 20 requests/s per app per tenant. */
  readonly chatCreation: BudgetConfig;
  /**
   * `$batch` steps (each step counts): identity and access allow 3,500 resource units per
   * 10 s per app and tenant in the smallest tenants, a user read costing at least one.
   */
  readonly lookups: BudgetConfig;
  /** `POST /chats/{id}/installedApps` (the kickoff's install): 30 requests/s per app per tenant. */
  readonly installs: BudgetConfig;
}

export const GRAPH_CHAT_CREATE_LIMIT_PER_SECOND = 20;
export const GRAPH_LOOKUP_LIMIT_PER_SECOND = 350;
export const GRAPH_INSTALL_LIMIT_PER_SECOND = 30;
/** Graph judges sustained load at about 83% of a limit. */
export const GRAPH_SUSTAINED_FRACTION = 0.83;
export const DEFAULT_MAX_WAIT_SECONDS = 60;

/** GRAPH_CHAT_CREATE_RATE, GRAPH_LOOKUP_RATE, GRAPH_INSTALL_RATE, GRAPH_SUSTAINED_FRACTION, GRAPH_MAX_WAIT_SECONDS. */
export function readPacingConfig(read: (name: string) => string): PacingConfig {
  const sustainedFraction = readNumber(read, 'GRAPH_SUSTAINED_FRACTION', GRAPH_SUSTAINED_FRACTION, (value) => value > 0 && value <= 1, 'a number above 0 and at most 1');
  const maxWaitMs = 1000 * readNumber(read, 'GRAPH_MAX_WAIT_SECONDS', DEFAULT_MAX_WAIT_SECONDS, (value) => value > 0 && value <= 3600, 'a number of seconds between 0 and 3600');
  const positive = (value: number): boolean => value > 0 && value <= 1_000_000;
  return {
    chatCreation: { limitPerSecond: readNumber(read, 'GRAPH_CHAT_CREATE_RATE', GRAPH_CHAT_CREATE_LIMIT_PER_SECOND, positive, 'a positive number of requests per second'), sustainedFraction, maxWaitMs },
    lookups: { limitPerSecond: readNumber(read, 'GRAPH_LOOKUP_RATE', GRAPH_LOOKUP_LIMIT_PER_SECOND, positive, 'a positive number of requests per second'), sustainedFraction, maxWaitMs },
    installs: { limitPerSecond: readNumber(read, 'GRAPH_INSTALL_RATE', GRAPH_INSTALL_LIMIT_PER_SECOND, positive, 'a positive number of requests per second'), sustainedFraction, maxWaitMs },
  };
}

function readNumber(read: (name: string) => string, name: string, fallback: number, valid: (value: number) => boolean, expected: string): number {
  const raw = read(name);
  if (raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || !valid(value)) throw new ConfigError(name, `must be ${expected}, not "${raw}"`);
  return value;
}
