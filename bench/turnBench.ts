import { performance } from 'node:perf_hooks';
import { SandboxTenant } from '../src/sandbox';
import { messageActivity } from '../test/support/teamsActivity';
import { BotChild } from './botChild';
import { graphRoundTrips } from './graphLog';
import { SeededDirectory, startChatText } from './peopleSample';
import { ReplyCatcher } from './replyCatcher';
import { Summary, summarize } from './stats';

/** Everything a turn needs: the bot, where its replies land, the tenant it works in. */
export interface TurnTarget {
  readonly bot: BotChild;
  readonly catcher: ReplyCatcher;
  readonly sandbox: SandboxTenant;
  readonly directory: SeededDirectory;
  readonly requesterId: string;
}

export interface TurnRunOptions {
  readonly turns: number;
  readonly concurrency: number;
  /** Numbers the turns' topics, so every run creates chats of its own. */
  readonly firstTurn: number;
  readonly replyTimeoutMs?: number;
  /** Whether each turn must create a chat (false for the echo bot without Graph). Default true. */
  readonly createsChats?: boolean;
  /** Turn n is asked by `requesterIds[n % length]`; default: the target's requester asks every turn. */
  readonly requesterIds?: readonly string[];
}

export interface TurnRun {
  /** POST /api/messages until the reply reached the Bot Connector stand-in, per turn. */
  readonly latenciesMs: number[];
  readonly wallMs: number;
  readonly graphRoundTrips: number;
  readonly chatsCreated: number;
}

/**
 * Sends `turns` "start chat with …" messages through `concurrency` workers, each waiting for its
 * reply before the next. Fails if any turn did not create its chat, so a fast error is never
 * mistaken for a fast success.
 */
export async function runTurns(target: TurnTarget, options: TurnRunOptions): Promise<TurnRun> {
  const { sandbox, catcher, bot } = target;
  sandbox.requests.clear();
  const latencies: number[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < options.turns) {
      const turn = options.firstTurn + next++;
      const requesterId = options.requesterIds?.[turn % options.requesterIds.length] ?? target.requesterId;
      const activity = messageActivity({
        serviceUrl: catcher.serviceUrl,
        tenantId: sandbox.tenantId,
        fromAadObjectId: requesterId,
        text: startChatText(target.directory, requesterId, turn),
      });
      const conversationId = (activity.conversation as { id: string }).id;
      const start = performance.now();
      // Waiting on both together keeps a failed POST from leaving the reply wait unobserved.
      const [status, arrivedAt] = await Promise.all([bot.post(activity), catcher.nextReply(conversationId, options.replyTimeoutMs ?? 15_000)]);
      if (status >= 300) throw new Error(`the bot answered ${status} to turn ${turn}`);
      latencies.push(arrivedAt - start);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(options.concurrency, options.turns) }, () => worker()));
  const wallMs = performance.now() - started;

  const log = sandbox.requests.all();
  const chatsCreated = log.filter((entry) => !entry.inBatch && entry.method === 'POST' && entry.path === '/v1.0/chats' && entry.status === 201).length;
  const trips = graphRoundTrips(log);
  sandbox.requests.clear();
  const expected = options.createsChats === false ? 0 : options.turns;
  if (chatsCreated !== expected) throw new Error(`${options.turns} turns created ${chatsCreated} chats, not ${expected}`);
  return { latenciesMs: latencies, wallMs, graphRoundTrips: trips, chatsCreated };
}

export interface TurnRow {
  readonly latencyMs: number;
  readonly concurrency: number;
  readonly turns: number;
  readonly roundTripsPerTurn: number;
  readonly latency: Summary;
  readonly turnsPerSecond: number;
}

export interface TurnBenchOptions {
  readonly latenciesMs: readonly number[];
  readonly concurrencies: readonly number[];
  readonly turns: number;
  readonly warmupTurns: number;
}

/** Turn latency for each injected Graph latency × concurrency, on one warmed-up bot. */
export async function runTurnBench(target: TurnTarget, options: TurnBenchOptions): Promise<TurnRow[]> {
  let firstTurn = 0;
  await runTurns(target, { turns: options.warmupTurns, concurrency: 1, firstTurn });
  firstTurn += options.warmupTurns;
  const rows: TurnRow[] = [];
  for (const latencyMs of options.latenciesMs) {
    target.sandbox.faults.clear();
    if (latencyMs > 0) {
      // Every top-level Graph request a turn makes: the people batch and the chat creation.
      target.sandbox.faults.add({ method: 'POST', path: '/v1.0/$batch', delayMs: latencyMs });
      target.sandbox.faults.add({ method: 'POST', path: '/v1.0/chats', delayMs: latencyMs });
    }
    for (const concurrency of options.concurrencies) {
      const run = await runTurns(target, { turns: options.turns, concurrency, firstTurn });
      firstTurn += options.turns;
      rows.push({
        latencyMs,
        concurrency,
        turns: options.turns,
        roundTripsPerTurn: run.graphRoundTrips / options.turns,
        latency: summarize(run.latenciesMs),
        turnsPerSecond: options.turns / (run.wallMs / 1000),
      });
    }
  }
  target.sandbox.faults.clear();
  return rows;
}
