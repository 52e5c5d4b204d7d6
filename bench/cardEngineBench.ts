import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { CardEngineProbeResult } from './cardEngineProbe';

/** Section 9 of `npm run bench`: what filling cards with adaptivecards-templating costs. */
export type CardEngineResult = CardEngineProbeResult;

/** The probe in a fresh process: a module loaded before it would hide the library's load cost. */
export function runCardEngineBench(repoRoot: string): CardEngineResult {
  const probe = path.join(repoRoot, 'dist-bench', 'bench', 'cardEngineProbe.js');
  const output = execFileSync(process.execPath, ['--expose-gc', probe], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], env: { PATH: process.env.PATH ?? '' } });
  return JSON.parse(output.trim().split('\n').pop() ?? '') as CardEngineResult;
}

/** Figures from section 3 the card costs are set against (absent when section 3 did not run). */
export interface TurnFigures {
  /** Chat Starter's CPU time per "start chat" turn, ms (median of rounds). */
  readonly botCpuMsPerTurn: number;
  /** Idle RSS at start, KiB: Chat Starter and the bare echo bot. */
  readonly botIdleRssKiB: number;
  readonly bareIdleRssKiB: number;
}

const mib = (kib: number): string => (kib / 1024).toFixed(1);

export function cardEngineTable(result: CardEngineResult): string {
  return [
    '| card | first render µs (template parsed) | render µs, wall (median) | render µs, CPU (median) |',
    '|---|---:|---:|---:|',
    ...result.cards.map((card) => `| ${card.name} | ${card.firstUs.toFixed(0)} | ${card.wallUs.toFixed(1)} | ${card.cpuUs.toFixed(1)} |`),
  ].join('\n');
}

export function cardEngineSection(result: CardEngineResult, turn: TurnFigures | undefined): string[] {
  const loadedKiB = result.rssAfterCardsKiB - result.rssAtStartKiB;
  const resultCard = result.cards.find((card) => card.name === 'result');
  const lines = [
    '## 9. Filling the cards',
    '',
    'Every card is filled by `adaptivecards-templating` (over Adaptive Expressions), each template parsed once, on its first use;',
    'the library itself loads with the first card (`src/cards/preparedTemplates.ts`). A fresh `node --expose-gc` process',
    '(`bench/cardEngineProbe.ts`) loads what the bot loads at start, then fills the sample card of each kind',
    '(`src/tools/cardImages/sampleCards.ts`) once, then in batches of renders, reading wall and CPU time per render (median of the batches)',
    'and RSS after a full GC before and after the first cards.',
    '',
    cardEngineTable(result),
    '',
    `- Loading the library and the first card of each kind: ${result.firstCardsMs.toFixed(0)} ms (the first card a process sends pays it), ` +
      `${result.modulesAfterCards - result.modulesAtStart} more modules, +${mib(loadedKiB)} MiB RSS after GC.`,
  ];
  if (resultCard && turn) {
    lines.push(
      `- A "start chat" turn fills one result card: ${resultCard.cpuUs.toFixed(0)} µs of CPU, ` +
        `${((resultCard.cpuUs / 1000 / turn.botCpuMsPerTurn) * 100).toFixed(1)}% of Chat Starter's ${turn.botCpuMsPerTurn.toFixed(2)} ms per turn in section 3 ` +
        '(the kickoff, when on, fills one kickoff card more, in the background).',
      `- Loaded at start instead, the library would add its ${mib(loadedKiB)} MiB to the idle RSS: ` +
        `${((turn.botIdleRssKiB + loadedKiB) / turn.bareIdleRssKiB).toFixed(2)}× the bare echo bot instead of ` +
        `${(turn.botIdleRssKiB / turn.bareIdleRssKiB).toFixed(2)}× (target ≤ 1.15×), which is why it loads on first use.`,
    );
  }
  return lines;
}
