/** Time as the pacer sees it: injected, so tests move a fake clock instead of waiting. */
export interface PacerClock {
  /** Milliseconds on a monotonic scale. */
  now(): number;
  /** Calls `callback` once after `ms`; the returned function cancels it. */
  schedule(callback: () => void, ms: number): () => void;
}

export const systemClock: PacerClock = {
  now: () => performance.now(),
  schedule(callback, ms) {
    const timer = setTimeout(callback, Math.max(0, ms));
    return () => clearTimeout(timer);
  },
};
