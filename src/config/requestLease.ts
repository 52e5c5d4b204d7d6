import { ConfigError } from '../errors/configError';

/**
 * How long a request claim holds once its owner stops renewing it: 30 s, twice Teams' 15 s turn,
 * so a live owner is never taken over, and a crashed instance's request is answered by another
 * instance within a minute of the crash.
 */
export const DEFAULT_REQUEST_LEASE_MS = 30_000;

/** REQUEST_LEASE_MS: whole milliseconds, 1000 to 600000 (below a second, renewals would flood the store). */
export function readRequestLeaseMs(read: (name: string) => string): number {
  const raw = read('REQUEST_LEASE_MS');
  if (raw === '') return DEFAULT_REQUEST_LEASE_MS;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < 1_000 || value > 600_000) {
    throw new ConfigError('REQUEST_LEASE_MS', `must be a whole number of milliseconds from 1000 to 600000, not "${raw}"`);
  }
  return value;
}
