import { growingKinds, summarizeHeapSnapshot } from './heapSnapshotSummary';

/**
 * `node dist-bench/bench/heapDiff.js <before.heapsnapshot> <after.heapsnapshot> [rows]`: the object
 * kinds that grew between two heap snapshots, by bytes, then by count (how section 5's
 * snapshots and the idle comparison of the bot with the echo bot were read).
 */
function main(): void {
  const [beforeFile, afterFile, rows] = process.argv.slice(2);
  if (!beforeFile || !afterFile) throw new Error('usage: heapDiff.js <before.heapsnapshot> <after.heapsnapshot> [rows]');
  const before = summarizeHeapSnapshot(beforeFile);
  const after = summarizeHeapSnapshot(afterFile);
  const mib = (bytes: number): string => (bytes / 1024 / 1024).toFixed(2);
  process.stdout.write(`total ${mib(before.totalBytes)} MiB → ${mib(after.totalBytes)} MiB; ${before.nodeCount} → ${after.nodeCount} objects\n`);
  for (const row of growingKinds(before, after, Number(rows ?? '30'))) {
    process.stdout.write(`${row.kind.slice(0, 60).padEnd(60)} ${String(row.countBefore).padStart(8)} → ${String(row.countAfter).padEnd(8)} ${((row.bytesAfter - row.bytesBefore) / 1024).toFixed(1).padStart(9)} KiB\n`);
  }
}

main();
