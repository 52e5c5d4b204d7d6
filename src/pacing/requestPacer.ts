import { PacerClock, systemClock } from './pacerClock';

/** One Graph budget (e.g. `POST /chats` per app per tenant) as this process spends it. */
export interface PacerOptions {
  /** Requests per second Graph documents for this budget. */
  readonly limitPerSecond: number;
  /** Share of the limit spent under sustained load (Graph judges sustained load at about 83%). */
  readonly sustainedFraction: number;
  /**
   * How far the queue may run ahead of the sustained rate after a quiet spell, in requests; it
   * spends this allowance at the peak pace, never faster. Default three seconds' worth of the
   * documented limit: a burst of a few hundred goes at the full limit, and only load that lasts
   * comes down to the sustained share.
   */
  readonly burst?: number;
  /**
   * Fastest the queue ever sends, in requests per second; default the documented limit. The
   * burst allowance is spent at this pace rather than all at once, so requests that reach Graph
   * bunched up (new connections, a busy event loop) still fit in its bucket.
   */
  readonly peakPerSecond?: number;
  /**
   * Requests of this budget on the wire at once; the rest wait their turn. Against one server,
   * hundreds at once only share it out so that all of them finish late (and each needs its own
   * connection and TLS handshake); a few at a time finish in order, over kept-alive connections.
   * Default: no cap.
   */
  readonly maxInFlight?: number;
  /** Longest a request may wait for its turn, 429 pauses included, before the caller gives up. */
  readonly maxWaitMs: number;
  /** Pause when a 429 names no `Retry-After`. */
  readonly defaultPauseMs?: number;
  /**
   * Extra pause, up to this many ms drawn at random, after a 429: several instances that were
   * throttled together then resume at different moments instead of colliding again.
   */
  readonly resumeJitterMs?: number;
  /** Time after a halving until the full rate is back (a 429 halves the rate; it climbs back linearly). */
  readonly recoveryMs?: number;
  readonly clock?: PacerClock;
  readonly random?: () => number;
}

/** Where a request stands when it has to wait: for "queued, N ahead of you". */
export interface QueuePosition {
  /** Requests of this budget that will go before it. */
  readonly ahead: number;
  readonly estimatedWaitMs: number;
}

export interface AcquireOptions {
  /** Units of the budget this request spends (a batch spends one per step). Default 1. */
  readonly cost?: number;
  /** The moment (on the pacer's clock) after which the caller gives up; default now + maxWaitMs. */
  readonly deadline?: number;
  /** A request sent again after a 429 goes first: it has already waited its turn. */
  readonly retry?: boolean;
  readonly abortSignal?: AbortSignal;
  /** Called once, when the request cannot leave at once. */
  readonly onQueued?: (position: QueuePosition) => void;
}

/** Marks a granted request as answered, freeing its place on the wire. */
export type Release = () => void;

/** The request could not get its turn within the bound; nothing was sent for it. */
export class PacingTimeoutError extends Error {
  constructor(readonly waitedMs: number) {
    super(`No slot in Graph's budget within ${Math.round(waitedMs)} ms`);
    this.name = 'PacingTimeoutError';
  }
}

interface Waiter {
  readonly cost: number;
  readonly grant: () => void;
  readonly fail: (error: unknown) => void;
}

export const DEFAULT_PAUSE_MS = 2_000;
const DEFAULT_BURST_SECONDS = 3;
const DEFAULT_JITTER_MS = 250;
const DEFAULT_RECOVERY_MS = 10_000;
/** A halved rate never drops below this share of the sustained rate. */
const FLOOR_FRACTION = 1 / 8;

/**
 * A token bucket with a FIFO queue in front of it, shared by every turn of the process for one
 * Graph budget. Requests leave in arrival order at the sustained rate; a 429 pauses the whole
 * queue for its `Retry-After` (one answer speaks for every request behind it) and halves the
 * rate, which climbs back linearly. Instances share nothing: each one that is throttled backs
 * off the same way, so together they settle under Graph's limit without a shared lock.
 */
export class RequestPacer {
  private readonly clock: PacerClock;
  private readonly random: () => number;
  private readonly maxRate: number;
  private readonly burst: number;
  private readonly queue: Waiter[] = [];
  private rate: number;
  private tokens: number;
  private refilledAt: number;
  private pausedUntil = 0;
  /** The peak pace: nothing leaves before this moment. */
  private nextAllowedAt = 0;
  private readonly peakIntervalMs: number;
  private readonly maxInFlight: number;
  private inFlight = 0;
  /** Throttles before this moment belong to the episode that already halved the rate. */
  private halvedUntil = 0;
  private cancelTimer: (() => void) | undefined;

  constructor(private readonly options: PacerOptions) {
    if (!(options.limitPerSecond > 0)) throw new RangeError('limitPerSecond must be positive');
    if (!(options.sustainedFraction > 0 && options.sustainedFraction <= 1)) throw new RangeError('sustainedFraction must be in (0, 1]');
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.maxRate = options.limitPerSecond * options.sustainedFraction;
    this.burst = Math.max(1, options.burst ?? options.limitPerSecond * DEFAULT_BURST_SECONDS);
    this.rate = this.maxRate;
    this.tokens = this.burst;
    this.peakIntervalMs = 1000 / (options.peakPerSecond ?? options.limitPerSecond);
    this.maxInFlight = Math.max(1, options.maxInFlight ?? Number.POSITIVE_INFINITY);
    this.refilledAt = this.clock.now();
  }

  /** Requests waiting for their turn. */
  get waiting(): number {
    return this.queue.length;
  }

  /** The deadline `acquire` uses when none is given: now plus the longest wait. */
  deadlineFromNow(): number {
    return this.clock.now() + this.options.maxWaitMs;
  }

  /**
   * Resolves when the request may be sent, with the function to call once its answer is in (or
   * it failed). Rejects with `PacingTimeoutError` when its turn would come after its deadline
   * (then it leaves the queue and spends nothing), or when aborted.
   */
  acquire(options: AcquireOptions = {}): Promise<Release> {
    const cost = Math.min(this.burst, Math.max(1, options.cost ?? 1));
    const now = this.clock.now();
    const deadline = options.deadline ?? now + this.options.maxWaitMs;
    if (options.abortSignal?.aborted) return Promise.reject(options.abortSignal.reason);
    this.refill(now);
    if (this.queue.length === 0 && this.inFlight < this.maxInFlight && now >= this.pausedUntil && now >= this.nextAllowedAt && this.tokens >= cost) {
      this.spend(cost, now);
      return Promise.resolve(this.releaser());
    }
    return new Promise<Release>((resolve, reject) => {
      let cancelDeadline: () => void = () => undefined;
      const onAbort = (): void => settle(options.abortSignal?.reason);
      const settle = (error?: unknown): void => {
        cancelDeadline();
        options.abortSignal?.removeEventListener('abort', onAbort);
        const index = this.queue.indexOf(waiter);
        if (index >= 0) this.queue.splice(index, 1);
        if (error === undefined) resolve(this.releaser());
        else {
          reject(error);
          // The requests behind it may be able to go now.
          this.drain();
        }
      };
      const waiter: Waiter = { cost, grant: () => settle(), fail: (error) => settle(error) };
      if (options.retry) this.queue.unshift(waiter);
      else this.queue.push(waiter);
      cancelDeadline = this.clock.schedule(() => settle(new PacingTimeoutError(this.clock.now() - now)), Math.max(0, deadline - now));
      options.abortSignal?.addEventListener('abort', onAbort, { once: true });
      this.drain();
      if (this.queue.includes(waiter)) options.onQueued?.(this.positionOf(waiter, now));
    });
  }

  /**
   * Graph answered 429: nothing was done, and nothing more should be sent for `retryAfterMs`
   * (or the default pause). Several 429s of one episode halve the rate once.
   */
  throttled(retryAfterMs: number | undefined): void {
    const now = this.clock.now();
    this.refill(now);
    const pause = (retryAfterMs ?? this.options.defaultPauseMs ?? DEFAULT_PAUSE_MS) + this.random() * (this.options.resumeJitterMs ?? DEFAULT_JITTER_MS);
    const until = now + pause;
    if (until > this.pausedUntil) this.pausedUntil = until;
    if (now >= this.halvedUntil) {
      this.rate = Math.max(this.maxRate * FLOOR_FRACTION, this.rate / 2);
      this.halvedUntil = this.pausedUntil;
    }
    // After the pause one request goes (the one Graph told when to come back), then the rest at
    // the rate: no burst into a budget that just ran out.
    this.tokens = Math.min(1, this.burst);
    this.refilledAt = this.pausedUntil;
    this.drain();
  }

  /** Current sustained rate in requests per second (lower than configured after a 429). */
  get currentRate(): number {
    this.refill(this.clock.now());
    return this.rate;
  }

  /** Counts the request as on the wire until the returned function is called (once). */
  private releaser(): Release {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inFlight -= 1;
      this.drain();
    };
  }

  private spend(cost: number, now: number): void {
    this.inFlight += 1;
    this.tokens = Math.max(0, this.tokens - cost);
    this.nextAllowedAt = Math.max(now, this.nextAllowedAt) + cost * this.peakIntervalMs;
  }

  private positionOf(waiter: Waiter, now: number): QueuePosition {
    const index = this.queue.indexOf(waiter);
    let costUpTo = 0;
    for (let i = 0; i <= index; i += 1) costUpTo += this.queue[i]!.cost;
    const paused = Math.max(0, this.pausedUntil - now);
    const refillMs = (Math.max(0, costUpTo - this.tokens) / this.rate) * 1000;
    const peakMs = Math.max(0, this.nextAllowedAt - now) + (costUpTo - this.queue[index]!.cost) * this.peakIntervalMs;
    return { ahead: index, estimatedWaitMs: paused + Math.max(refillMs, peakMs) };
  }

  private refill(now: number): void {
    if (now <= this.refilledAt) return;
    const elapsed = now - this.refilledAt;
    this.tokens = Math.min(this.burst, this.tokens + (elapsed * this.rate) / 1000);
    const recoveryMs = this.options.recoveryMs ?? DEFAULT_RECOVERY_MS;
    this.rate = Math.min(this.maxRate, this.rate + (this.maxRate / 2) * (elapsed / recoveryMs));
    this.refilledAt = now;
  }

  /** Lets waiting requests go while the budget allows; otherwise wakes up when it will. */
  private drain(): void {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    const now = this.clock.now();
    this.refill(now);
    while (this.queue.length > 0) {
      if (now < this.pausedUntil) {
        this.wakeIn(this.pausedUntil - now);
        return;
      }
      if (now < this.nextAllowedAt) {
        this.wakeIn(this.nextAllowedAt - now);
        return;
      }
      // A release wakes the queue when a slot frees up.
      if (this.inFlight >= this.maxInFlight) return;
      const head = this.queue[0]!;
      if (this.tokens + 1e-9 < head.cost) {
        this.wakeIn(((head.cost - this.tokens) / this.rate) * 1000);
        return;
      }
      this.spend(head.cost, now);
      head.grant();
    }
  }

  private wakeIn(ms: number): void {
    this.cancelTimer = this.clock.schedule(() => {
      this.cancelTimer = undefined;
      this.drain();
    }, Math.max(1, Math.ceil(ms)));
  }
}
