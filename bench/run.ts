import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../src/config/loadConfig';
import { PeopleResolver } from '../src/directory/peopleResolver';
import { createGraphClient } from '../src/graph/createGraphClient';
import { GraphService } from '../src/graph/graphService';
import { createLogger } from '../src/logging/createLogger';
import { SandboxTenant, startSandbox } from '../src/sandbox';
import { sandboxEnv } from '../test/support/botOnSandbox';
import { BotChild, startBotChild } from './botChild';
import { readSeededDirectory, requesterIds } from './peopleSample';
import { ReplyCatcher } from './replyCatcher';
import { BurstResult, runBurst } from './burstBench';
import { RemoteSandbox } from './remoteSandbox';
import { BenchResults, benchmarksMarkdown, burstTable, cardTurnFigures, resolveTable, throughputTable, turnTable } from './report';
import { MemoryRun, memoryGrowthLines, memoryTable, snapshotTable } from './memoryReport';
import { runMemoryBench } from './memoryBench';
import { runResolveBench } from './resolveBench';
import { groupLines, runGroupBench } from './groupBench';
import { kickoffLines, runKickoffBench } from './kickoffBench';
import { cardEngineSection, runCardEngineBench } from './cardEngineBench';
import { KickoffBurstResult, kickoffBurstLines, runKickoffBurst } from './kickoffBurstBench';
import { THROUGHPUT_CONCURRENCY, THROUGHPUT_WARMUP_TURNS, runThroughputBench, startContenders, throughputOptions } from './throughputBench';
import { TurnTarget, runTurnBench } from './turnBench';

/** Entry point of `npm run bench`: the only file here that reads the environment or arguments. */

const REPO = path.resolve(__dirname, '..', '..');
/** Alex Wilber, the Playground's default user, asks for every chat. */
const REQUESTER_ID = '00000000-0000-0000-0000-0000000000020';
const INJECTED_LATENCY_MS = 30;

interface Plan {
  readonly peopleCounts: readonly number[];
  readonly resolveRuns: number;
  readonly turns: number;
  readonly warmupTurns: number;
  readonly throughputTurns: number;
  readonly throughputRounds: number;
  readonly burstRequests: number;
  readonly memoryCheckpoints: readonly number[];
  /** The two checkpoints whose heap snapshots are compared. */
  readonly memorySnapshotsAt: readonly [number, number];
  readonly writeDoc: boolean;
}

const FULL: Plan = {
  peopleCounts: [1, 5, 19, 50],
  resolveRuns: 15,
  turns: 100,
  warmupTurns: 10,
  throughputTurns: 300,
  throughputRounds: 15,
  burstRequests: 300,
  memoryCheckpoints: [1000, 2000, 3000, 4000, 5000],
  memorySnapshotsAt: [2000, 5000],
  writeDoc: true,
};
const QUICK: Plan = {
  peopleCounts: [1, 19, 50],
  resolveRuns: 3,
  turns: 10,
  warmupTurns: 3,
  throughputTurns: 100,
  throughputRounds: 5,
  burstRequests: 60,
  memoryCheckpoints: [100, 200, 300, 400],
  memorySnapshotsAt: [200, 400],
  writeDoc: false,
};
const MEMORY_CONCURRENCY = 4;
/** How long the reply catcher keeps the bot out of each new chat's roster after its install (section 7). */
const KICKOFF_ROSTER_LAG_MS = 2_000;
/** Graph's documented limit for `POST /chats` per app per tenant; the sandbox throttles the burst at it. */
const GRAPH_CHAT_CREATE_LIMIT = 20;
/**
 * Where the bot's own cost is measured, the sandbox does not throttle, and the bot's pacing is
 * set far above what these runs reach, so it measures the bot's work and not Graph's budget.
 */
const UNPACED = { GRAPH_CHAT_CREATE_RATE: '1000000', GRAPH_LOOKUP_RATE: '1000000' };
/**
 * Every section but the kickoff case runs the bot without the kickoff card, so that a turn is
 * the two Graph calls the Graph echo bot makes too (the kickoff case measures what it adds).
 */
const TWO_CALLS = { KICKOFF: 'off' };
/** The memory run's state store forgets requests after this long (instead of a day). */
const SHORT_STATE_TTL_MS = 5_000;
/**
 * Two fresh bots with the memory probe: the first for RSS and the live heap, the second also
 * writes heap snapshots (which take memory in the bot, so its RSS is not reported).
 */
const MEMORY_BASELINE_LABEL = 'Graph echo bot';
const GRAPH_ECHO_SCRIPT = path.join('dist-bench', 'bench', 'echoBots', 'graphEchoBot.js');

const MEMORY_RUNS: readonly { readonly label: string; readonly snapshots: boolean }[] = [
  { label: 'run 1', snapshots: false },
  { label: 'run 2, with heap snapshots', snapshots: true },
];

async function main(): Promise<void> {
  const plan = process.argv.includes('--quick') ? QUICK : FULL;
  if (!process.env.NODE_EXTRA_CA_CERTS) {
    throw new Error('run with NODE_EXTRA_CA_CERTS=.sandbox/ca.pem (after `node dist-tools/sandbox/cli.js --ensure-ca`), so this process trusts the sandbox');
  }
  const started = performance.now();
  const directoryFile = path.join(REPO, 'env', 'sandbox-directory.json');
  const directory = readSeededDirectory(directoryFile);
  // Paths given explicitly: the sandbox's defaults are relative to where its code is compiled to.
  const sandbox = await startSandbox({ port: 0, directoryFile, stateDir: path.join(REPO, '.sandbox') });
  const catcher = new ReplyCatcher();
  const bots: BotChild[] = [];
  try {
    await catcher.start();
    const botEnv = { PATH: process.env.PATH ?? '', ...sandboxEnv(sandbox), ...TWO_CALLS };

    log(`1/9 resolving people (${plan.resolveRuns} runs per N, ${INJECTED_LATENCY_MS} ms per Graph round trip)…`);
    const resolve = await runResolveBench({
      sandbox,
      ...resolverOnSandbox(sandbox),
      directory,
      requesterId: REQUESTER_ID,
      peopleCounts: plan.peopleCounts,
      runs: plan.resolveRuns,
      latencyMs: INJECTED_LATENCY_MS,
    });

    log(`2/9 turn latency (${plan.turns} turns per row)…`);
    const turnBot = await startBotChild({ repoRoot: REPO, env: { ...botEnv, ...UNPACED } });
    bots.push(turnBot);
    const turnTarget: TurnTarget = { bot: turnBot, catcher, sandbox, directory, requesterId: REQUESTER_ID };
    const turns = await runTurnBench(turnTarget, { latenciesMs: [0, INJECTED_LATENCY_MS], concurrencies: [1, 4], turns: plan.turns, warmupTurns: plan.warmupTurns });
    await turnBot.stop();

    log(`3/9 throughput against the echo bots (${plan.throughputRounds} rounds of ${plan.throughputTurns} turns, ${THROUGHPUT_CONCURRENCY} in flight)…`);
    const contenders = await startContenders(REPO, { ...botEnv, ...UNPACED }, (bot) => bots.push(bot));
    const throughput = await runThroughputBench(
      { catcher, sandbox, directory, requesterId: REQUESTER_ID },
      contenders,
      throughputOptions(directory, plan.throughputRounds, plan.throughputTurns),
    );
    for (const contender of contenders) await contender.bot.stop();

    log(`4/9 burst: ${plan.burstRequests} group chats at once, POST /chats throttled at ${GRAPH_CHAT_CREATE_LIMIT}/s…`);
    const burstSandbox = await RemoteSandbox.start();
    let burst: BurstResult;
    try {
      const burstBot = await startBotChild({ repoRoot: REPO, env: { PATH: process.env.PATH ?? '', ...burstSandbox.botEnv(), ...TWO_CALLS } });
      bots.push(burstBot);
      burst = await runBurst(
        { bot: burstBot, catcher, sandbox: burstSandbox, directory, requesterId: REQUESTER_ID },
        { requests: plan.burstRequests, throttlePerSecond: GRAPH_CHAT_CREATE_LIMIT, firstTurn: 300_000, replyTimeoutMs: 120_000 },
      );
      await burstBot.stop();
    } finally {
      await burstSandbox.close();
    }

    const memory: MemoryRun[] = [];
    for (const setup of MEMORY_RUNS) {
      log(`5/9 memory, ${setup.label} (${plan.memoryCheckpoints.join(', ')} turns)…`);
      const memoryBot = await startBotChild({
        repoRoot: REPO,
        env: { ...botEnv, ...UNPACED, BENCH_STATE_TTL_MS: String(SHORT_STATE_TTL_MS) },
        script: path.join('dist-bench', 'bench', 'shortExpiryBot.js'),
        probe: true,
      });
      bots.push(memoryBot);
      const run = await runMemoryBench(
        { ...turnTarget, bot: memoryBot },
        {
          checkpoints: plan.memoryCheckpoints,
          concurrency: MEMORY_CONCURRENCY,
          stateTtlMs: SHORT_STATE_TTL_MS,
          settleMs: 1000,
          requesterIds: requesterIds(directory),
          ...(setup.snapshots ? { snapshotsAt: plan.memorySnapshotsAt } : {}),
        },
      );
      await memoryBot.stop();
      memory.push({ label: setup.label, ...run });
    }
    // The same turns through the Graph echo bot: what V8 and the shared libraries gain on their own.
    log(`5/9 memory, ${MEMORY_BASELINE_LABEL} (${plan.memoryCheckpoints.join(', ')} turns)…`);
    const baselineBot = await startBotChild({ repoRoot: REPO, env: { ...botEnv, ...UNPACED }, script: GRAPH_ECHO_SCRIPT, probe: true });
    bots.push(baselineBot);
    const baseline = await runMemoryBench(
      { ...turnTarget, bot: baselineBot },
      { checkpoints: plan.memoryCheckpoints, concurrency: MEMORY_CONCURRENCY, stateTtlMs: SHORT_STATE_TTL_MS, settleMs: 1000, requesterIds: requesterIds(directory) },
    );
    await baselineBot.stop();
    const memoryBaseline: MemoryRun = { label: MEMORY_BASELINE_LABEL, ...baseline };

    log('6/9 the kickoff card…');
    const kickoff = await runKickoffBench({ sandbox, catcher, requesterId: REQUESTER_ID, startBot: (extra) => startBotChild({ repoRoot: REPO, env: { ...botEnv, ...UNPACED, ...extra } }) }, { turns: plan.turns });
    log(`kickoff card:\n${kickoffLines(kickoff)}`);

    log('7/9 a group named…');
    const groups = await runGroupBench({ sandbox, catcher, requesterId: REQUESTER_ID, startBot: (extra) => startBotChild({ repoRoot: REPO, env: { ...botEnv, ...UNPACED, ...extra } }) }, { turns: plan.turns });
    log(`a group named:\n${groupLines(groups)}`);

    log(`8/9 burst with the kickoff card: ${plan.burstRequests} group chats at once, a ${KICKOFF_ROSTER_LAG_MS / 1000} s roster delay after each install…`);
    const kickoffBurstSandbox = await RemoteSandbox.start();
    let kickoffBurst: KickoffBurstResult;
    try {
      const kickoffBurstBot = await startBotChild({ repoRoot: REPO, env: { PATH: process.env.PATH ?? '', ...kickoffBurstSandbox.botEnv(), KICKOFF: 'on' } });
      bots.push(kickoffBurstBot);
      kickoffBurst = await runKickoffBurst(
        { bot: kickoffBurstBot, catcher, sandbox: kickoffBurstSandbox, directory, requesterId: REQUESTER_ID },
        { requests: plan.burstRequests, throttlePerSecond: GRAPH_CHAT_CREATE_LIMIT, firstTurn: 400_000, replyTimeoutMs: 120_000, rosterLagMs: KICKOFF_ROSTER_LAG_MS, kickoffTimeoutMs: 30_000 },
      );
      await kickoffBurstBot.stop();
    } finally {
      await kickoffBurstSandbox.close();
    }
    log(`kickoff burst:\n${kickoffBurstLines(kickoffBurst)}`);

    log('9/9 filling the cards…');
    const cards = runCardEngineBench(REPO);

    const results: BenchResults = {
      date: new Date().toISOString(),
      command: commandLine(),
      durationSeconds: (performance.now() - started) / 1000,
      machine: {
        cpus: os.availableParallelism(),
        cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown CPU',
        totalMemoryMiB: Math.round(os.totalmem() / 1024 / 1024),
        node: process.version,
        platform: `${os.type()} ${os.release()} ${os.arch()}`,
      },
      resolveLatencyMs: INJECTED_LATENCY_MS,
      resolveRuns: plan.resolveRuns,
      resolve,
      turns,
      throughput,
      throughputConcurrency: THROUGHPUT_CONCURRENCY,
      throughputTurns: plan.throughputTurns,
      throughputRounds: plan.throughputRounds,
      throughputWarmupTurns: THROUGHPUT_WARMUP_TURNS,
      burst,
      kickoff,
      groups,
      cards,
      kickoffBurst,
      memory,
      memoryBaseline,
      memoryConcurrency: MEMORY_CONCURRENCY,
      memoryStateTtlMs: SHORT_STATE_TTL_MS,
      memorySteadyFromTurns: plan.memorySnapshotsAt[0],
    };
    process.stdout.write(
      [
        '',
        `Resolving people (${INJECTED_LATENCY_MS} ms per Graph round trip):`,
        resolveTable(results),
        '',
        'Turn latency:',
        turnTable(results),
        '',
        'Throughput and RSS against the echo bots:',
        throughputTable(results),
        '',
        'Burst:',
        burstTable(results),
        '',
        'Memory:',
        memoryTable(results),
        ...memoryGrowthLines(results),
        '',
        ...snapshotTable(results),
        '',
        ...cardEngineSection(cards, cardTurnFigures(results)),
        '',
      ].join('\n'),
    );
    if (plan.writeDoc) {
      const out = path.join(REPO, 'docs', 'benchmarks.md');
      writeFileSync(out, benchmarksMarkdown(results));
      log(`wrote ${path.relative(REPO, out)} (${results.durationSeconds.toFixed(0)} s)`);
    }
  } finally {
    for (const bot of bots) await bot.stop();
    await catcher.stop();
    await sandbox.close();
  }
}

/** The bot's resolver and Graph client, built exactly as `startApp` builds them, pointed at the sandbox. */
function resolverOnSandbox(sandbox: SandboxTenant): { client: ReturnType<typeof createGraphClient>; resolver: PeopleResolver } {
  const config = loadConfig({ ...sandboxEnv(sandbox), LOG_LEVEL: 'silent' });
  const client = createGraphClient(config.graph);
  const graph = new GraphService({ client, logger: createLogger({ level: 'silent' }) });
  return { client, resolver: new PeopleResolver({ graph, homeTenantId: config.graph.tenantId }) };
}

function commandLine(): string {
  const script = process.env.npm_lifecycle_event;
  const own = `node ${path.relative(REPO, process.argv[1] ?? 'dist-bench/bench/run.js')}${process.argv.slice(2).map((arg) => ` ${arg}`).join('')}`;
  return script ? `npm run ${script}` : `NODE_EXTRA_CA_CERTS=${process.env.NODE_EXTRA_CA_CERTS ?? ''} ${own}`;
}

function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
