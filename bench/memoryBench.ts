import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KindGrowth, growingKinds, summarizeHeapSnapshot } from './heapSnapshotSummary';
import { TurnTarget, runTurns } from './turnBench';

/** One reading of the bot's memory, at rest after `afterTurns` turns. */
export interface MemoryRow {
  readonly afterTurns: number;
  /** Read before the probe's garbage collection: what the process holds as it runs. */
  readonly rssKiB: number;
  readonly peakRssKiB: number;
  /** V8's heap in use right after a full garbage collection: what the bot keeps. */
  readonly liveHeapBytes: number;
  /** Of the live heap, V8's compiled code and bytecode: it grows as more of the code gets hot, up to the code's size. */
  readonly codeBytes: number;
  /** Memory of C++ objects tied to JS ones (buffers, sockets, TLS), after the same collection. */
  readonly externalBytes: number;
}

/** How the object kinds of the heap changed between two snapshots of one bot. */
export interface SnapshotComparison {
  readonly fromTurns: number;
  readonly toTurns: number;
  readonly totalBytesBefore: number;
  readonly totalBytesAfter: number;
  readonly objectsBefore: number;
  readonly objectsAfter: number;
  readonly growing: readonly KindGrowth[];
}

export interface MemoryRunResult {
  readonly rows: readonly MemoryRow[];
  readonly snapshots?: SnapshotComparison;
}

export interface MemoryBenchOptions {
  /** Turn counts at which memory is read, ascending, e.g. [1000, 2000]. */
  readonly checkpoints: readonly number[];
  readonly concurrency: number;
  /**
   * The state store's expiry in the bot. Before each reading the bench waits this long and sends
   * one more turn, whose write sweeps out everything expired, so a reading holds what the store
   * keeps for one turn and not the last few seconds of turns (which vary with the turn rate).
   */
  readonly stateTtlMs: number;
  /** Quiet time after the sweeping turn, so its reply has settled. */
  readonly settleMs: number;
  /** Two checkpoints at which to write heap snapshots, compared by object kind; none if absent. */
  readonly snapshotsAt?: readonly [number, number];
  /** The people asking, in turn, so that per-person records (the chat quota) come and go; default the target's requester. */
  readonly requesterIds?: readonly string[];
  /** Where to leave the snapshots for a closer look (`heapDiff.js`, DevTools); default a temporary folder, removed. */
  readonly keepSnapshotsIn?: string;
  /** How many growing kinds to keep from the comparison. */
  readonly growingKindsShown?: number;
}

/**
 * A fresh bot (started with the memory probe: `startBotChild({ probe: true })`) read right after
 * start and at each checkpoint. Heap snapshots, when asked for, are written after that
 * checkpoint's reading (writing one takes memory in the bot, which later RSS readings then show).
 */
export async function runMemoryBench(target: TurnTarget, options: MemoryBenchOptions): Promise<MemoryRunResult> {
  target.sandbox.faults.clear();
  const snapshotDir = options.snapshotsAt ? (options.keepSnapshotsIn ?? mkdtempSync(path.join(os.tmpdir(), 'chat-starter-heap-'))) : undefined;
  const snapshotFiles = new Map<number, string>();
  try {
    let done = 0;
    const turns = async (count: number): Promise<void> => {
      if (count <= 0) return;
      await runTurns(target, { turns: count, concurrency: options.concurrency, firstTurn: 100_000 + done, ...(options.requesterIds ? { requesterIds: options.requesterIds } : {}) });
      done += count;
    };
    const read = async (): Promise<MemoryRow> => {
      await new Promise((resolve) => setTimeout(resolve, options.settleMs));
      const rssKiB = await target.bot.rssKiB();
      const peakRssKiB = await target.bot.peakRssKiB();
      const heap = await target.bot.heapAfterGc();
      return { afterTurns: done, rssKiB, peakRssKiB, liveHeapBytes: heap.heapUsedBytes, codeBytes: heap.codeBytes, externalBytes: heap.externalBytes };
    };

    const rows = [await read()];
    for (const checkpoint of options.checkpoints) {
      await turns(checkpoint - done - 1);
      await new Promise((resolve) => setTimeout(resolve, options.stateTtlMs + 500));
      await turns(1);
      rows.push(await read());
      if (snapshotDir && options.snapshotsAt?.includes(checkpoint)) {
        snapshotFiles.set(checkpoint, await target.bot.writeHeapSnapshot(path.join(snapshotDir, `after-${checkpoint}.heapsnapshot`)));
      }
    }
    return { rows, ...(options.snapshotsAt ? { snapshots: compareSnapshots(options.snapshotsAt, snapshotFiles, options.growingKindsShown ?? 8) } : {}) };
  } finally {
    if (snapshotDir && !options.keepSnapshotsIn) rmSync(snapshotDir, { recursive: true, force: true });
  }
}

function compareSnapshots([fromTurns, toTurns]: readonly [number, number], files: ReadonlyMap<number, string>, shown: number): SnapshotComparison {
  const fromFile = files.get(fromTurns);
  const toFile = files.get(toTurns);
  if (!fromFile || !toFile) throw new Error(`heap snapshots were asked for after ${fromTurns} and ${toTurns} turns, which are not both checkpoints`);
  const before = summarizeHeapSnapshot(fromFile);
  const after = summarizeHeapSnapshot(toFile);
  return {
    fromTurns,
    toTurns,
    totalBytesBefore: before.totalBytes,
    totalBytesAfter: after.totalBytes,
    objectsBefore: before.nodeCount,
    objectsAfter: after.nodeCount,
    growing: growingKinds(before, after, shown),
  };
}
