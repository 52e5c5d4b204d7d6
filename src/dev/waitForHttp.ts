/** Options for {@link waitForHttp}. */
export interface WaitForHttpOptions {
  /** Give up after this long. */
  timeoutMs: number;
  /** Pause between attempts; polling, not a fixed wait: the call returns on the first success. */
  intervalMs?: number;
  /** Stops waiting early (for example when the process being waited on has exited). */
  abortSignal?: AbortSignal;
}

/** Raised when {@link waitForHttp} runs out of time; carries the last thing that went wrong. */
export class HttpWaitTimeoutError extends Error {
  readonly code = 'HttpWaitTimeout';

  constructor(
    readonly url: string,
    readonly lastProblem: string,
  ) {
    super(`${url} did not answer with a 2xx in time (last: ${lastProblem})`);
    this.name = 'HttpWaitTimeoutError';
  }
}

/**
 * Polls `url` with GET until it answers 2xx. Connection refusals and non-2xx answers are expected
 * while a server starts, so they only end the wait when time runs out.
 */
export async function waitForHttp(url: string, options: WaitForHttpOptions): Promise<void> {
  const intervalMs = options.intervalMs ?? 100;
  const deadline = Date.now() + options.timeoutMs;
  let lastProblem = 'no attempt made';
  for (;;) {
    options.abortSignal?.throwIfAborted();
    const attemptSignal = anySignal([AbortSignal.timeout(Math.max(1, deadline - Date.now())), options.abortSignal]);
    try {
      const response = await fetch(url, { signal: attemptSignal });
      // Drain the body so the socket is released at once.
      await response.arrayBuffer();
      if (response.ok) return;
      lastProblem = `HTTP ${response.status}`;
    } catch (error) {
      options.abortSignal?.throwIfAborted();
      if (!attemptSignal.aborted) lastProblem = describeFetchError(error);
      // Cut short by the deadline: what earlier attempts said is the better explanation.
      else if (lastProblem === 'no attempt made') lastProblem = `no answer within ${options.timeoutMs} ms`;
    }
    if (Date.now() + intervalMs > deadline) throw new HttpWaitTimeoutError(url, lastProblem);
    await delay(intervalMs, options.abortSignal);
  }
}

function anySignal(signals: ReadonlyArray<AbortSignal | undefined>): AbortSignal {
  return AbortSignal.any(signals.filter((s): s is AbortSignal => s !== undefined));
}

function describeFetchError(error: unknown): string {
  // undici hides the socket error (ECONNREFUSED, ...) in `cause`. Read fields rather than test
  // `instanceof Error`: fetch's errors may come from another realm (jest runs tests in a vm context).
  const message = messageOf(error);
  const cause = typeof error === 'object' && error !== null && 'cause' in error ? error.cause : undefined;
  return cause === undefined ? message : `${message}: ${messageOf(cause)}`;
}

function messageOf(value: unknown): string {
  if (typeof value === 'object' && value !== null && 'message' in value && typeof value.message === 'string') {
    return value.message;
  }
  return String(value);
}

function delay(ms: number, abortSignal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      abortSignal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortSignal?.reason ?? new Error('aborted'));
    };
    abortSignal?.addEventListener('abort', onAbort, { once: true });
  });
}
