/** The abort signal of one Graph request, and how to let go of it once the request is over. */
export interface CallSignal {
  readonly signal: AbortSignal;
  /** Stops the timer and unhooks from the outer signal; call when the request settled. */
  release(): void;
}

/**
 * Aborts after `timeoutMs` (with a `TimeoutError`, as `AbortSignal.timeout` does) or when `outer`
 * aborts (with its reason). `outer` is the process's shutdown signal, alive as long as the
 * process: what a request hooks onto it must come off again when the request is over.
 *
 * Not `AbortSignal.any([AbortSignal.timeout(ms), outer])`: on Node 20 each `any` adds an entry
 * to the outer signal's list of dependent signals that is never removed, so that list grew by
 * one WeakRef per Graph request (two per chat turn) for the life of the process; and each
 * `AbortSignal.timeout` kept its timer for the full timeout after the answer came.
 */
export function callSignal(timeoutMs: number, outer?: AbortSignal): CallSignal {
  const controller = new AbortController();
  if (outer?.aborted) {
    controller.abort(outer.reason);
    return { signal: controller.signal, release: () => undefined };
  }
  const onOuterAbort = (): void => controller.abort(outer?.reason);
  outer?.addEventListener('abort', onOuterAbort, { once: true });
  const timer = setTimeout(() => controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')), timeoutMs);
  // Like AbortSignal.timeout: a pending request timeout alone does not keep the process alive.
  timer.unref();
  return {
    signal: controller.signal,
    release: () => {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onOuterAbort);
    },
  };
}
