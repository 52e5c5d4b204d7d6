import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { CARD_NAMES, type CardName, createCardRenderer } from '../src/cards';
import { SAMPLE_RENDERS } from '../src/tools/cardImages/sampleCards';

/**
 * Run by `cardEngineBench.ts` as a fresh `node --expose-gc` process, so that nothing is loaded
 * before it measures: loads what the bot loads at start, then the card renderer, then fills the
 * sample cards, and prints one JSON line (`CardEngineProbeResult`) on stdout.
 */

export interface CardEngineProbeResult {
  /** RSS after a full GC, with the bot's start-up libraries loaded (no templating engine yet). */
  readonly rssAtStartKiB: number;
  /** The same after the first card of each kind was filled (the library loaded, every template parsed). */
  readonly rssAfterCardsKiB: number;
  /** Modules in `require.cache` before and after the first cards. */
  readonly modulesAtStart: number;
  readonly modulesAfterCards: number;
  /** Loading the library and filling the first card of each kind, wall ms (a user's first card pays this). */
  readonly firstCardsMs: number;
  /** Per card: the first render (template parse + expansion) and a steady render, µs. */
  readonly cards: readonly { readonly name: CardName; readonly firstUs: number; readonly wallUs: number; readonly cpuUs: number }[];
}

/**
 * Libraries `dist/index.js` loads before it listens (test/integration/lazyModules.test.ts), but for
 * its HTTP server: the figures are what the templating engine adds on top of what shares its work.
 */
const START_LIBRARIES = ['botbuilder', '@microsoft/microsoft-graph-client', '@azure/identity', 'pino'];
const BATCHES = 7;
const RENDERS_PER_BATCH = 400;

function gcRssKiB(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc');
  gc();
  gc();
  const line = readFileSync('/proc/self/status', 'utf8').split('\n').find((entry) => entry.startsWith('VmRSS:'));
  return Number(/(\d+)/.exec(line ?? '')?.[1] ?? NaN);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function main(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  for (const library of START_LIBRARIES) require(library);
  // Compiled to dist-bench/bench/: the templates are two levels up, in the repository's cards/.
  const renderer = createCardRenderer({ cardsDirectory: path.resolve(__dirname, '..', '..', 'cards') });
  const rssAtStartKiB = gcRssKiB();
  const modulesAtStart = Object.keys(require.cache).length;

  const render = (name: CardName): unknown => SAMPLE_RENDERS[name](renderer);
  const firstStarted = performance.now();
  const firstUs: Partial<Record<CardName, number>> = {};
  for (const name of CARD_NAMES) {
    const started = performance.now();
    render(name);
    firstUs[name] = (performance.now() - started) * 1000;
  }
  const firstCardsMs = performance.now() - firstStarted;
  const rssAfterCardsKiB = gcRssKiB();
  const modulesAfterCards = Object.keys(require.cache).length;

  const cards = CARD_NAMES.map((name) => {
    for (let warm = 0; warm < RENDERS_PER_BATCH; warm += 1) render(name);
    const wall: number[] = [];
    const cpu: number[] = [];
    for (let batch = 0; batch < BATCHES; batch += 1) {
      const cpuBefore = process.cpuUsage();
      const started = performance.now();
      for (let turn = 0; turn < RENDERS_PER_BATCH; turn += 1) render(name);
      wall.push(((performance.now() - started) * 1000) / RENDERS_PER_BATCH);
      const used = process.cpuUsage(cpuBefore);
      cpu.push((used.user + used.system) / RENDERS_PER_BATCH);
    }
    return { name, firstUs: firstUs[name]!, wallUs: median(wall), cpuUs: median(cpu) };
  });
  const result: CardEngineProbeResult = { rssAtStartKiB, rssAfterCardsKiB, modulesAtStart, modulesAfterCards, firstCardsMs, cards };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main();
