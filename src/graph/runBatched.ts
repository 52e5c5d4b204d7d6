import { GraphFaultError, ThrottledError } from '../errors';
import { GRAPH_BATCH_LIMIT, GraphApi, GraphSubRequest, GraphSubResponse } from './graphTypes';
import { DEFAULT_RETRY_POLICY, RetryPolicyOptions, decideRetry, parseRetryAfter } from './retryPolicy';
import { Sleep, realSleep } from './sleep';

export interface RunBatchedOptions {
  readonly retryPolicy?: RetryPolicyOptions;
  readonly sleep?: Sleep;
  readonly abortSignal?: AbortSignal;
  /** Batches in flight at once when more than 20 requests are needed. */
  readonly concurrency?: number;
}

/**
 * Runs any number of GET sub-requests in as few `$batch` round trips as Graph allows (20 each).
 * A sub-request can be throttled or fail on its own: those alone are sent again, after the
 * longest `Retry-After` among them, within the same retry policy as whole calls. GETs are
 * idempotent, so 503/504 items are retried too.
 */
export async function runBatched(graph: GraphApi, requests: readonly GraphSubRequest[], options: RunBatchedOptions = {}): Promise<Map<string, GraphSubResponse>> {
  const chunks: GraphSubRequest[][] = [];
  for (let start = 0; start < requests.length; start += GRAPH_BATCH_LIMIT) chunks.push(requests.slice(start, start + GRAPH_BATCH_LIMIT));
  const results = new Map<string, GraphSubResponse>();
  const concurrency = Math.max(1, options.concurrency ?? 2);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < chunks.length) {
      const chunk = chunks[next++]!;
      for (const response of await runOneBatch(graph, chunk, options)) results.set(response.id, response);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, chunks.length) }, () => worker()));
  return results;
}

const RETRYABLE_ITEM = new Set([429, 503, 504]);

async function runOneBatch(graph: GraphApi, chunk: readonly GraphSubRequest[], options: RunBatchedOptions): Promise<GraphSubResponse[]> {
  const policy = options.retryPolicy ?? DEFAULT_RETRY_POLICY;
  const sleep = options.sleep ?? realSleep;
  const done: GraphSubResponse[] = [];
  let pending = [...chunk];
  let retries = 0;
  let waitedMs = 0;
  for (;;) {
    const answers = await graph.batch(pending, options.abortSignal ? { abortSignal: options.abortSignal } : undefined);
    const again = answers.filter((answer) => RETRYABLE_ITEM.has(answer.status));
    done.push(...answers.filter((answer) => !RETRYABLE_ITEM.has(answer.status)));
    if (again.length === 0) return done;

    const throttled = again.some((answer) => answer.status === 429);
    const longest = Math.max(0, ...again.map((answer) => parseRetryAfter(answer.headers['retry-after']) ?? 0));
    const decision = decideRetry(
      {
        status: throttled ? 429 : again[0]!.status,
        retryAfterHeader: longest > 0 ? String(Math.ceil(longest / 1000)) : null,
        idempotent: true,
        retriesSoFar: retries,
        waitedMs,
      },
      policy,
    );
    if (!decision.retry) {
      const first = again[0]!;
      const requestId = first.headers['request-id'];
      if (throttled) throw new ThrottledError(longest > 0 ? Math.ceil(longest / 1000) : undefined, requestId);
      throw new GraphFaultError(`Graph kept failing a directory look-up with ${first.status}`, first.status, undefined, requestId);
    }
    await sleep(decision.delayMs, options.abortSignal);
    waitedMs += decision.delayMs;
    retries += 1;
    const againIds = new Set(again.map((answer) => answer.id));
    pending = pending.filter((request) => againIds.has(request.id));
  }
}
