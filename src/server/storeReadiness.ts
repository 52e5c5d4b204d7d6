import type { StateStore } from '../state/stateStore';

/** A key no one writes: reading it proves the store answers (a missing item is an answer). */
const PROBE_KEY = 'readiness-probe';
/** One look at the store serves every probe for this long: readiness probes must stay cheap. */
const FRESH_MS = 5_000;
const TIMEOUT_MS = 2_000;

/**
 * Whether the state store answers, for `/readyz`. At most one read in flight, and its answer
 * reused for a few seconds, so a host probing every second costs the store little.
 */
export class StoreReadiness {
  private checkedAt = Number.NEGATIVE_INFINITY;
  private available = false;
  private inFlight: Promise<boolean> | undefined;

  constructor(private readonly store: StateStore, private readonly now: () => number = Date.now) {}

  check(): Promise<boolean> {
    if (this.now() - this.checkedAt < FRESH_MS) return Promise.resolve(this.available);
    this.inFlight ??= this.read().then((available) => {
      this.available = available;
      this.checkedAt = this.now();
      this.inFlight = undefined;
      return available;
    });
    return this.inFlight;
  }

  private async read(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), TIMEOUT_MS);
    });
    try {
      return await Promise.race([this.store.get(PROBE_KEY).then(() => true, () => false), timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }
}
