import path from 'node:path';
import { BotChild, startBotChild } from './botChild';
import { SeededDirectory, requesterIds } from './peopleSample';
import { Summary, summarize } from './stats';
import { TurnRunOptions, TurnTarget, runTurns } from './turnBench';

/** One process under measurement: the bot or a baseline. */
export interface Contender {
  readonly label: string;
  readonly bot: BotChild;
  /** The bare echo bot creates no chats; the others create one per turn. */
  readonly createsChats: boolean;
}

export const THROUGHPUT_CONCURRENCY = 16;
/**
 * Turns each contender gets before the rounds: V8 optimises and sizes its heap over the first
 * thousand or so turns (CPU per turn fell by half over them, for the echo bots too), and the first
 * card loads the templating engine. What is compared is the steady state of a running bot.
 */
export const THROUGHPUT_WARMUP_TURNS = 1500;

/**
 * The comparison as `npm run bench` runs it. The turns are asked by every member of the seeded
 * directory in turn, as a roll-out's many people would: one requester asking for thousands of
 * chats a minute is no one's real load, and would make the per-person quota record (one time
 * stamp per chat in the last minute, which a real person's limit keeps to a handful) the largest
 * thing the bot reads and writes per turn.
 */
export function throughputOptions(directory: SeededDirectory, rounds: number, turns: number): ThroughputOptions {
  return { turns, rounds, concurrency: THROUGHPUT_CONCURRENCY, warmupTurns: THROUGHPUT_WARMUP_TURNS, settleMs: 2000, firstTurn: 200_000, requesterIds: requesterIds(directory) };
}

/**
 * The three processes of the comparison, started in this order: the bare echo bot, the Graph echo
 * bot and Chat Starter itself (`dist/index.js`), each with `env`. `started` hears of each as it
 * starts, so the caller can stop those already running if a later one fails.
 */
export async function startContenders(repoRoot: string, env: Readonly<Record<string, string>>, started: (bot: BotChild) => void): Promise<Contender[]> {
  const contenders: Contender[] = [];
  for (const [label, script, createsChats] of [
    ['bare echo bot', path.join('dist-bench', 'bench', 'echoBots', 'bareEchoBot.js'), false],
    ['Graph echo bot', path.join('dist-bench', 'bench', 'echoBots', 'graphEchoBot.js'), true],
    ['Chat Starter', path.join('dist', 'index.js'), true],
  ] as const) {
    const bot = await startBotChild({ repoRoot, env, script });
    started(bot);
    contenders.push({ label, bot, createsChats });
  }
  return contenders;
}

/** Median and spread of one figure over the rounds. */
export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  /** First and third quartiles (linear interpolation between the sorted rounds). */
  readonly q1: number;
  readonly q3: number;
}

export interface ThroughputRow {
  readonly label: string;
  /** Turns per second of each round, in order. */
  readonly roundTurnsPerSecond: readonly number[];
  /** Median over the rounds. */
  readonly turnsPerSecond: number;
  readonly turnsPerSecondSpread: Spread;
  /** The process's own CPU time (user + system) per turn, each round. */
  readonly roundCpuMsPerTurn: readonly number[];
  readonly cpuMsPerTurn: Spread;
  readonly latency: Summary;
  /** RSS after start and a quiet spell, before any turn. */
  readonly idleRssKiB: number;
  /** VmHWM after all rounds. */
  readonly peakRssKiB: number;
  /** RSS after all rounds and a quiet spell: idle again, with whatever the turns loaded. */
  readonly afterRssKiB: number;
}

export interface ThroughputOptions {
  readonly turns: number;
  readonly concurrency: number;
  readonly rounds: number;
  readonly warmupTurns: number;
  readonly settleMs: number;
  /** Numbers the turns' topics, so every chat is new. */
  readonly firstTurn: number;
  /** The people asking, in turn (see `runTurns`); default the target's one requester. */
  readonly requesterIds?: readonly string[];
}

/**
 * The same turns through each contender, round after round, so that the machine's noise falls on
 * all of them alike; all contenders are already running. The order turns with each round
 * (A B C, B C A, C A B, …), so that no contender always runs right after the same one (whose
 * leftover garbage collection or sandbox work would otherwise land on it every time). Each round
 * also reads the process's CPU time, which depends far less on what else the machine runs than
 * wall time does.
 */
export async function runThroughputBench(target: Omit<TurnTarget, 'bot'>, contenders: readonly Contender[], options: ThroughputOptions): Promise<ThroughputRow[]> {
  target.sandbox.faults.clear();
  await pause(options.settleMs);
  const idle = new Map<Contender, number>();
  for (const contender of contenders) idle.set(contender, await contender.bot.rssKiB());

  let firstTurn = options.firstTurn;
  for (const contender of contenders) {
    await runTurns({ ...target, bot: contender.bot }, { ...turnOptions(options, contender), turns: options.warmupTurns, firstTurn });
    firstTurn += options.warmupTurns;
  }
  const rates = new Map<Contender, number[]>(contenders.map((contender) => [contender, []]));
  const cpu = new Map<Contender, number[]>(contenders.map((contender) => [contender, []]));
  const latencies = new Map<Contender, number[]>(contenders.map((contender) => [contender, []]));
  for (let round = 0; round < options.rounds; round += 1) {
    for (let turn = 0; turn < contenders.length; turn += 1) {
      const contender = contenders[(round + turn) % contenders.length]!;
      const cpuBefore = await contender.bot.cpuMs();
      const run = await runTurns({ ...target, bot: contender.bot }, { ...turnOptions(options, contender), turns: options.turns, firstTurn });
      const cpuAfter = await contender.bot.cpuMs();
      firstTurn += options.turns;
      rates.get(contender)!.push(options.turns / (run.wallMs / 1000));
      cpu.get(contender)!.push((cpuAfter - cpuBefore) / options.turns);
      latencies.get(contender)!.push(...run.latenciesMs);
    }
  }
  await pause(options.settleMs);
  const rows: ThroughputRow[] = [];
  for (const contender of contenders) {
    const roundRates = rates.get(contender)!;
    const roundCpu = cpu.get(contender)!;
    rows.push({
      label: contender.label,
      roundTurnsPerSecond: roundRates,
      turnsPerSecond: spreadOf(roundRates).median,
      turnsPerSecondSpread: spreadOf(roundRates),
      roundCpuMsPerTurn: roundCpu,
      cpuMsPerTurn: spreadOf(roundCpu),
      latency: summarize(latencies.get(contender)!),
      idleRssKiB: idle.get(contender)!,
      peakRssKiB: await contender.bot.peakRssKiB(),
      afterRssKiB: await contender.bot.rssKiB(),
    });
  }
  return rows;
}

function turnOptions(options: ThroughputOptions, contender: Contender): Omit<TurnRunOptions, 'turns' | 'firstTurn'> {
  return { concurrency: options.concurrency, createsChats: contender.createsChats, ...(options.requesterIds ? { requesterIds: options.requesterIds } : {}) };
}

/**
 * `numerator / denominator` round by round (the two ran within seconds of each other, under much
 * the same load), summarised over the rounds. Rounds are paired by index.
 */
export function pairedRatios(numerator: readonly number[], denominator: readonly number[]): Spread {
  const count = Math.min(numerator.length, denominator.length);
  return spreadOf(Array.from({ length: count }, (_, index) => numerator[index]! / denominator[index]!));
}

export function spreadOf(values: readonly number[]): Spread {
  if (values.length === 0) throw new RangeError('spread of no values');
  const sorted = [...values].sort((a, b) => a - b);
  return { median: quantile(sorted, 0.5), min: sorted[0]!, max: sorted[sorted.length - 1]!, q1: quantile(sorted, 0.25), q3: quantile(sorted, 0.75) };
}

function quantile(sorted: readonly number[], fraction: number): number {
  const position = (sorted.length - 1) * fraction;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (position - below);
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
