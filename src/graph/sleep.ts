import { setTimeout as delay } from 'node:timers/promises';

/** Waits `ms`, or rejects early when the signal aborts. Injected so tests control time. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const realSleep: Sleep = async (ms, signal) => {
  try {
    await delay(ms, undefined, signal ? { signal } : undefined);
  } catch (error) {
    // Node rejects with its own AbortError; callers expect the reason the turn was cancelled with.
    if (signal?.aborted) throw signal.reason;
    throw error;
  }
};
