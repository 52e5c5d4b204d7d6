import { GrowthFit, GrowthPoint, fitGrowth, noiseBandBytes, runsApart } from './memoryGrowth';
import { MemoryRow, MemoryRunResult } from './memoryBench';

/** The readings of one fresh bot process in section 5. */
export interface MemoryRun extends MemoryRunResult {
  readonly label: string;
}

/** What section 5 reports from: its runs and how they were made. */
export interface MemoryResults {
  readonly memory: readonly MemoryRun[];
  /**
   * The same turns through the Graph echo bot (same probe, same checkpoints): what V8's compiled
   * code, its own bookkeeping and the shared libraries gain when no Chat Starter code runs.
   */
  readonly memoryBaseline?: MemoryRun;
  readonly memoryConcurrency: number;
  readonly memoryStateTtlMs: number;
  /** Growth is judged from this reading on: before it the bot is still warming up (JIT, caches, connections). */
  readonly memorySteadyFromTurns: number;
}

const MIB = 1024 * 1024;

function mibOfBytes(bytes: number): string {
  return (bytes / MIB).toFixed(1);
}

function mibOfKiB(kib: number): string {
  return (kib / 1024).toFixed(1);
}

function signedKiB(bytes: number): string {
  const kib = bytes / 1024;
  return `${kib >= 0 ? '+' : '−'}${Math.abs(kib).toFixed(0)} KiB`;
}

function signedMiB(bytes: number): string {
  const mib = bytes / MIB;
  return `${mib >= 0 ? '+' : '−'}${Math.abs(mib).toFixed(1)} MiB`;
}

export type Figure = 'data' | 'heap' | 'rss';

const FIGURE_NAMES: Readonly<Record<Figure, string>> = {
  data: 'live heap after GC without compiled code',
  heap: 'live heap after GC',
  rss: 'RSS',
};

function figureOf(row: MemoryRow, figure: Figure): number {
  if (figure === 'data') return row.liveHeapBytes - row.codeBytes;
  if (figure === 'heap') return row.liveHeapBytes;
  return row.rssKiB * 1024;
}

/** A run's readings of one figure from `fromTurns` on. */
function series(run: MemoryRun, figure: Figure, fromTurns: number): GrowthPoint[] {
  return run.rows.filter((row) => row.afterTurns >= fromTurns).map((row) => ({ turns: row.afterTurns, bytes: figureOf(row, figure) }));
}

/** The runs whose `figure` can be compared: RSS only where no snapshot was written. */
function runsFor(results: MemoryResults, figure: Figure): MemoryRun[] {
  return results.memory.filter((run) => figure !== 'rss' || !run.snapshots);
}

export interface FigureGrowth {
  readonly run: MemoryRun;
  readonly figure: Figure;
  readonly fit: GrowthFit;
  readonly noiseBytes: number;
  readonly withinNoise: boolean;
}

/** Each run's fitted growth of `figure` past warm-up, judged against the noise of all runs of it. */
export function figureGrowth(results: MemoryResults, figure: Figure): FigureGrowth[] {
  const runs = runsFor(results, figure);
  const apart = runsApart(runs.map((run) => series(run, figure, results.memorySteadyFromTurns)));
  return runs.flatMap((run) => {
    const fit = fitGrowth(series(run, figure, results.memorySteadyFromTurns));
    if (!fit) return [];
    const noiseBytes = noiseBandBytes(fit, apart);
    return [{ run, figure, fit, noiseBytes, withinNoise: fit.fittedGrowthBytes <= noiseBytes }];
  });
}

export function memoryTable(results: MemoryResults): string {
  const [main, ...bots] = results.memory;
  if (!main) return '';
  const others = results.memoryBaseline ? [...bots, results.memoryBaseline] : bots;
  const header = [
    'after turns',
    `RSS MiB (${main.label})`,
    `peak RSS MiB (${main.label})`,
    `live heap MiB after GC (${main.label})`,
    `of which compiled code MiB (${main.label})`,
    `external MiB (${main.label})`,
    ...others.flatMap((run) => [`live heap MiB after GC (${run.label})`, `of which compiled code MiB (${run.label})`]),
    ...(results.memoryBaseline ? [`RSS MiB (${results.memoryBaseline.label})`] : []),
  ];
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---:').join('|')}|`];
  main.rows.forEach((row, index) => {
    const cells = [mibOfKiB(row.rssKiB), mibOfKiB(row.peakRssKiB), mibOfBytes(row.liveHeapBytes), mibOfBytes(row.codeBytes), mibOfBytes(row.externalBytes)];
    for (const run of others) {
      const other = run.rows[index];
      cells.push(other ? mibOfBytes(other.liveHeapBytes) : '–', other ? mibOfBytes(other.codeBytes) : '–');
    }
    // The baseline's RSS too: no snapshot is written in it, so its RSS compares with run 1's.
    if (results.memoryBaseline) cells.push(results.memoryBaseline.rows[index] ? mibOfKiB(results.memoryBaseline.rows[index].rssKiB) : '–');
    lines.push(`| ${row.afterTurns} | ${cells.join(' | ')} |`);
  });
  return lines.join('\n');
}

function describe(growth: FigureGrowth): string {
  const { fit } = growth;
  return (
    `- ${growth.run.label}, ${FIGURE_NAMES[growth.figure]}: ${signedKiB(fit.bytesPerTurn * 1000)} per 1000 turns from ${fit.fromTurns} to ${fit.toTurns} turns, ` +
    `${signedMiB(fit.fittedGrowthBytes)} over the stretch against a noise band of ${mibOfBytes(growth.noiseBytes)} MiB: **${growth.withinNoise ? 'within noise' : 'beyond noise'}**`
  );
}

/** One line per run and figure: the fitted growth past warm-up, and whether it exceeds the noise. */
export function memoryGrowthLines(results: MemoryResults): string[] {
  return (['data', 'heap', 'rss'] as const).flatMap((figure) => figureGrowth(results, figure).map(describe));
}

export interface BaselineComparison {
  readonly run: MemoryRun;
  readonly figure: Figure;
  /** The bot's fitted growth over the stretch minus the Graph echo bot's, in bytes. */
  readonly excessBytes: number;
  readonly baselineFit: GrowthFit;
  /** The bot's noise band plus the scatter of the baseline's readings around its own line. */
  readonly noiseBytes: number;
  readonly withinNoise: boolean;
}

/**
 * Each bot run's growth of `figure` against the Graph echo bot's over the same stretch: what Chat
 * Starter keeps beyond what V8 and the libraries gain under the same turns anyway.
 */
export function baselineComparison(results: MemoryResults, figure: Figure): BaselineComparison[] {
  const baseline = results.memoryBaseline;
  if (!baseline) return [];
  const baselineFit = fitGrowth(series(baseline, figure, results.memorySteadyFromTurns));
  if (!baselineFit) return [];
  return figureGrowth(results, figure).map((growth) => {
    const excessBytes = growth.fit.fittedGrowthBytes - baselineFit.fittedGrowthBytes;
    const noiseBytes = growth.noiseBytes + baselineFit.scatterBytes;
    return { run: growth.run, figure, excessBytes, baselineFit, noiseBytes, withinNoise: excessBytes <= noiseBytes };
  });
}

function describeAgainstBaseline(comparison: BaselineComparison): string {
  return (
    `- ${comparison.run.label} against the Graph echo bot, ${FIGURE_NAMES[comparison.figure]}: the echo bot ${signedMiB(comparison.baselineFit.fittedGrowthBytes)}, ` +
    `Chat Starter ${signedMiB(comparison.excessBytes)} more, against a noise band of ${mibOfBytes(comparison.noiseBytes)} MiB: **${comparison.withinNoise ? 'within noise' : 'beyond noise'}**`
  );
}

/** One line per run and heap figure: the bot's growth beyond the Graph echo bot's. */
export function baselineLines(results: MemoryResults): string[] {
  return (['data', 'heap', 'rss'] as const).flatMap((figure) => baselineComparison(results, figure).map(describeAgainstBaseline));
}

/** The object kinds that grew most between the two heap snapshots, if a run took them. */
export function snapshotTable(results: MemoryResults): string[] {
  const run = results.memory.find((candidate) => candidate.snapshots);
  const comparison = run?.snapshots;
  if (!comparison) return [];
  const lines = [
    `Heap snapshots (${run.label}) after ${comparison.fromTurns} and ${comparison.toTurns} turns, each after a full GC: ` +
      `${mibOfBytes(comparison.totalBytesBefore)} → ${mibOfBytes(comparison.totalBytesAfter)} MiB, ` +
      `${comparison.objectsBefore} → ${comparison.objectsAfter} objects. The kinds that grew most (by bytes):`,
    '',
    '| object kind | count | count | KiB gained |',
    `|---|---:|---:|---:|`,
  ];
  for (const kind of comparison.growing) {
    lines.push(`| \`${kind.kind.replace(/\|/g, '\\|')}\` | ${kind.countBefore} | ${kind.countAfter} | ${((kind.bytesAfter - kind.bytesBefore) / 1024).toFixed(1)} |`);
  }
  return lines;
}

/** Section 5 of docs/benchmarks.md. */
export function memorySection(results: MemoryResults): string[] {
  const last = results.memory[0]?.rows[results.memory[0].rows.length - 1]?.afterTurns ?? 0;
  const ttl = (results.memoryStateTtlMs / 1000).toFixed(0);
  return [
    `## 5. Memory across ${last} turns`,
    '',
    `The bot as \`npm start\` runs it but with the in-memory state store forgetting requests after ${ttl} s (\`bench/shortExpiryBot.ts\`),`,
    `a fresh process for each run, ${results.memoryConcurrency} turns in flight, no injected latency. Before each reading the bench waits ${ttl} s and sends`,
    'one more turn, whose write sweeps everything expired out of the store, then 1 s of quiet: what the store keeps on purpose is gone, so',
    'whatever the readings still gain is kept per turn somewhere else. The bot runs with a bench-only preload (`bench/memoryProbe.ts`,',
    '`node --expose-gc -r`) that, asked over IPC, runs a full garbage collection (twice, with a pause between for the finalization callbacks the first one queued) and reports `process.memoryUsage()` and',
    "`v8.getHeapCodeStatistics()`: the **live heap after GC** is what the bot keeps; \"compiled code\" is the part that is V8's bytecode and",
    'machine code, which grows as more functions get hot and stops at the size of the code. RSS, read before that collection, also holds',
    'garbage not yet collected and heap V8 grew under load and has not returned. The second run also writes heap snapshots (after the same collection)',
    'at two readings and compares them by object kind (`bench/heapSnapshotSummary.ts`; `node dist-bench/bench/heapDiff.js a b` does the same',
    'by hand); its RSS is left out, since writing a snapshot takes memory in the bot. `node dist-bench/bench/memoryOnly.js [turns] [step]`',
    'runs this section alone.',
    '',
    memoryTable(results),
    '',
    `Growth from ${results.memorySteadyFromTurns} turns on (before that the bot is still warming up): a least-squares line through each run's readings,`,
    '"within noise" when it gains no more over the stretch than the noise band, the larger of how far that run\'s readings scatter around',
    'the line and how far the runs read apart at the same turn count:',
    '',
    ...memoryGrowthLines(results),
    '',
    ...(results.memoryBaseline
      ? [
          `The same turns through the Graph echo bot (\`bench/echoBots/graphEchoBot.ts\`, same probe, no state store, no cards) show what V8 (compiled code, its own lists)`,
          'and the shared libraries gain with no Chat Starter code running. Chat Starter\'s growth beyond it over the same stretch, judged against',
          'the bot\'s noise band plus the scatter of the echo bot\'s readings:',
          '',
          ...baselineLines(results),
          '',
        ]
      : []),
    ...snapshotTable(results),
  ];
}

/** The "What the figures say" line for section 5. */
export function memoryInterpretation(results: MemoryResults): string[] {
  const main = results.memory[0];
  const data = figureGrowth(results, 'data');
  const heap = figureGrowth(results, 'heap');
  if (!main || data.length === 0 || heap.length === 0) return [];
  const dataFlat = data.every((growth) => growth.withinNoise);
  const heapFlat = heap.every((growth) => growth.withinNoise);
  const steady = main.rows.find((row) => row.afterTurns >= results.memorySteadyFromTurns);
  const last = main.rows[main.rows.length - 1]!;
  const perRun = (growths: readonly FigureGrowth[]): string =>
    growths.map((growth) => `${signedKiB(growth.fit.bytesPerTurn * 1000)} per 1000 turns in ${growth.run.label} (noise band ${mibOfBytes(growth.noiseBytes)} MiB)`).join(', ');
  const rss = figureGrowth(results, 'rss')[0];
  const comparison = results.memory.find((run) => run.snapshots)?.snapshots;
  const topKinds = comparison?.growing.slice(0, 3).map((kind) => `\`${kind.kind}\` ${signedKiB(kind.bytesAfter - kind.bytesBefore)}`).join(', ');
  return [
    `- **${dataFlat ? 'No growth beyond noise' : 'Growth beyond noise'} across ${last.afterTurns} turns** in the live heap. With the state store forgetting ` +
      `requests after ${(results.memoryStateTtlMs / 1000).toFixed(0)} s, the live heap after a full GC, compiled code left out, fitted ${perRun(data)} ` +
      `from ${results.memorySteadyFromTurns} turns on. With compiled code the live heap went from ${steady ? mibOfBytes(steady.liveHeapBytes) : '–'} MiB ` +
      `to ${mibOfBytes(last.liveHeapBytes)} MiB (${perRun(heap)}: ${heapFlat ? 'within noise too' : `beyond noise in ${heap.filter((growth) => !growth.withinNoise).map((growth) => growth.run.label).join(' and ')}`}; ` +
      `compiled code ${steady ? mibOfBytes(steady.codeBytes) : '–'} → ${mibOfBytes(last.codeBytes)} MiB).` +
      (comparison && topKinds
        ? ` Between the snapshots at ${comparison.fromTurns} and ${comparison.toTurns} turns the kinds that grew most were ${topKinds} ` +
          '(`(code)` is V8\'s compiled code, `system / …` V8\'s own bookkeeping; the table above lists the rest).'
        : '') +
      (rss ? ` RSS moved ${signedKiB(rss.fit.bytesPerTurn * 1000)} per 1000 turns over the same stretch (${rss.withinNoise ? 'within' : 'beyond'} its noise); ` : ' ') +
      `the climb from start (${mibOfKiB(main.rows[0]!.rssKiB)} MiB) is warm-up: compiled code, modules loaded on first use, TLS sessions and ` +
      `sockets, and the heap V8 grows under load and keeps.`,
    ...baselineInterpretation(results),
  ];
}

/** The "What the figures say" line comparing the bot's growth with the Graph echo bot's. */
function baselineInterpretation(results: MemoryResults): string[] {
  const data = baselineComparison(results, 'data');
  const heap = baselineComparison(results, 'heap');
  if (data.length === 0 || heap.length === 0) return [];
  const rss = baselineComparison(results, 'rss')[0];
  const flat = [...data, ...heap].every((comparison) => comparison.withinNoise);
  const perRun = (comparisons: readonly BaselineComparison[]): string =>
    comparisons.map((comparison) => `${signedMiB(comparison.excessBytes)} in ${comparison.run.label} (band ${mibOfBytes(comparison.noiseBytes)} MiB)`).join(', ');
  return [
    `- **Against the Graph echo bot: ${flat ? 'no growth beyond noise' : 'growth beyond noise'}.** Over the same turns from ${results.memorySteadyFromTurns} on, the echo bot's live heap ` +
      `gained ${signedMiB(heap[0]!.baselineFit.fittedGrowthBytes)} (${signedMiB(data[0]!.baselineFit.fittedGrowthBytes)} without compiled code) with no Chat Starter code running; ` +
      `Chat Starter gained beyond that ${perRun(heap)} with compiled code and ${perRun(data)} without.` +
      (rss
        ? ` RSS (read before the collection, so it also holds garbage not yet collected): the echo bot ${signedMiB(rss.baselineFit.fittedGrowthBytes)}, Chat Starter ` +
          `${signedMiB(rss.excessBytes)} more in ${rss.run.label} (band ${mibOfBytes(rss.noiseBytes)} MiB): ${rss.withinNoise ? 'within noise' : 'beyond noise'}.`
        : ''),
  ];
}
