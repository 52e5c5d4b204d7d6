import { BotChild } from './botChild';
import { Summary, summarize } from './stats';
import { TurnTarget, runTurns } from './turnBench';

/** One process under measurement: the bot or a baseline. */
export interface Contender {
  readonly label: string;
  readonly bot: BotChild;
  /** The bare echo bot creates no chats; the others create one per turn. */
  readonly createsChats: boolean;
}

export interface ThroughputRow {
  readonly label: string;
  /** Turns per second of each round, in order. */
  readonly roundTurnsPerSecond: readonly number[];
  /** Median over the rounds. */
  readonly turnsPerSecond: number;
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
}

/**
 * The same turns through each contender, round after round (A, B, C, A, B, C, …) so that the
 * machine's noise falls on all of them alike; all contenders are already running.
 */
export async function runThroughputBench(target: Omit<TurnTarget, 'bot'>, contenders: readonly Contender[], options: ThroughputOptions): Promise<ThroughputRow[]> {
  target.sandbox.faults.clear();
  await new Promise((resolve) => setTimeout(resolve, options.settleMs));
  const idle = new Map<Contender, number>();
  for (const contender of contenders) idle.set(contender, await contender.bot.rssKiB());

  let firstTurn = options.firstTurn;
  for (const contender of contenders) {
    await runTurns({ ...target, bot: contender.bot }, { turns: options.warmupTurns, concurrency: options.concurrency, firstTurn, createsChats: contender.createsChats });
    firstTurn += options.warmupTurns;
  }
  const rates = new Map<Contender, number[]>(contenders.map((contender) => [contender, []]));
  const latencies = new Map<Contender, number[]>(contenders.map((contender) => [contender, []]));
  for (let round = 0; round < options.rounds; round += 1) {
    for (const contender of contenders) {
      const run = await runTurns({ ...target, bot: contender.bot }, { turns: options.turns, concurrency: options.concurrency, firstTurn, createsChats: contender.createsChats });
      firstTurn += options.turns;
      rates.get(contender)!.push(options.turns / (run.wallMs / 1000));
      latencies.get(contender)!.push(...run.latenciesMs);
    }
  }
  await new Promise((resolve) => setTimeout(resolve, options.settleMs));
  const rows: ThroughputRow[] = [];
  for (const contender of contenders) {
    const roundRates = rates.get(contender)!;
    rows.push({
      label: contender.label,
      roundTurnsPerSecond: roundRates,
      turnsPerSecond: median(roundRates),
      latency: summarize(latencies.get(contender)!),
      idleRssKiB: idle.get(contender)!,
      peakRssKiB: await contender.bot.peakRssKiB(),
      afterRssKiB: await contender.bot.rssKiB(),
    });
  }
  return rows;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
