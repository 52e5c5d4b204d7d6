import v8 from 'node:v8';

/**
 * A bench-only preload (`node --expose-gc -r dist-bench/bench/memoryProbe.js dist/…`) that lets
 * the benchmark see the bot's live heap: on a message over the IPC channel it runs a full
 * garbage collection and answers with `process.memoryUsage()`, or writes a heap snapshot.
 * Nothing of it is in the bot; the bot's own code never sees it.
 */

export type ProbeRequest = { readonly kind: 'heap'; readonly id: number } | { readonly kind: 'snapshot'; readonly id: number; readonly file: string };

export interface HeapReading {
  /** After a full GC: what the bot still holds. */
  readonly heapUsedBytes: number;
  readonly heapTotalBytes: number;
  /** Of the heap in use, V8's compiled code and bytecode with their metadata (`v8.getHeapCodeStatistics`). */
  readonly codeBytes: number;
  /** Memory held by C++ objects bound to JS ones (buffers, TLS, zlib). */
  readonly externalBytes: number;
  readonly arrayBuffersBytes: number;
  /** RSS right after that GC. */
  readonly rssBytes: number;
}

export type ProbeAnswer =
  | { readonly kind: 'heap'; readonly id: number; readonly reading: HeapReading }
  | { readonly kind: 'snapshot'; readonly id: number; readonly file: string }
  | { readonly kind: 'error'; readonly id: number; readonly message: string };

/**
 * A full collection, a pause for the finalization callbacks it queued (FinalizationRegistry
 * clean-ups, e.g. of TLS session caches, run as tasks after the collection), and another, so
 * that what is read is what is kept and not objects whose clean-up was still pending.
 */
async function fullGc(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('the memory probe needs node --expose-gc');
  gc();
  await new Promise((resolve) => setTimeout(resolve, 50));
  gc();
}

async function answer(request: ProbeRequest): Promise<ProbeAnswer> {
  await fullGc();
  if (request.kind === 'snapshot') return { kind: 'snapshot', id: request.id, file: v8.writeHeapSnapshot(request.file) };
  const usage = process.memoryUsage();
  const code = v8.getHeapCodeStatistics();
  return {
    kind: 'heap',
    id: request.id,
    reading: {
      heapUsedBytes: usage.heapUsed,
      heapTotalBytes: usage.heapTotal,
      codeBytes: code.code_and_metadata_size + code.bytecode_and_metadata_size,
      externalBytes: usage.external,
      arrayBuffersBytes: usage.arrayBuffers,
      rssBytes: usage.rss,
    },
  };
}

if (process.send) {
  process.on('message', (request: ProbeRequest) => {
    answer(request).then(
      (reply) => process.send?.(reply),
      (error: unknown) => process.send?.({ kind: 'error', id: request.id, message: error instanceof Error ? error.message : String(error) } satisfies ProbeAnswer),
    );
  });
  // The channel must not keep the bot alive: it stops on SIGTERM exactly as without the probe.
  process.channel?.unref();
}
