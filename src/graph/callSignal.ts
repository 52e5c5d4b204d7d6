/** The signal one Graph call is sent with, and the clean-up once it has an answer. */
export interface CallSignal {
  readonly signal: AbortSignal;
  /** Stops the timer and lets go of the caller's signal; call it when the call settled. */
  readonly done: () => void;
}

/**
 * Aborts after `timeoutMs`, or as soon as `outer` (the turn's, i.e. the process's shutdown)
 * aborts, with the same reasons `AbortSignal.timeout` and `AbortSignal.any` give (a
 * `TimeoutError` DOMException; `outer`'s own reason).
 *
 * Why not those two: `AbortSignal.timeout` leaves its timer running until it fires, long after
 * the call answered, so a busy bot carried thousands of pending 30-second timers and signals;
 * `AbortSignal.any` ties every call's signal to the one long-lived shutdown signal through weak
 * references that only garbage collection clears. Together they cost more per Graph call than
 * the rest of the bot's own bookkeeping for it. Here both end with the call.
 */
export function callSignal(timeoutMs: number, outer: AbortSignal | undefined): CallSignal {
  const controller = new AbortController();
  if (outer?.aborted) {
    controller.abort(outer.reason);
    return { signal: controller.signal, done: () => undefined };
  }
  const onOuterAbort = (): void => controller.abort(outer?.reason);
  outer?.addEventListener('abort', onOuterAbort, { once: true });
  const timer = setTimeout(() => controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')), timeoutMs);
  // Like AbortSignal.timeout's: a pending call's timer alone does not keep the process alive.
  timer.unref();
  return {
    signal: controller.signal,
    done: () => {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onOuterAbort);
    },
  };
}
