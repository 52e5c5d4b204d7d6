import path from 'node:path';
import { startSandbox } from '../src/sandbox';
import { sandboxEnv } from '../test/support/botOnSandbox';
import { startBotChild } from './botChild';
import { runMemoryBench } from './memoryBench';
import { MemoryRun, baselineLines, memoryGrowthLines, memoryTable, snapshotTable } from './memoryReport';
import { readSeededDirectory, requesterIds } from './peopleSample';
import { ReplyCatcher } from './replyCatcher';

/**
 * `node dist-bench/bench/memoryOnly.js [last checkpoint] [step] [folder]`: only section 5 of
 * `npm run bench` (default 5000 turns read every 1000, snapshots compared at the second and the
 * last reading), printed, the doc left alone. With a folder, the heap snapshots stay there.
 */
const REPO = path.resolve(__dirname, '..', '..');
const REQUESTER_ID = '00000000-0000-0000-0000-0000000000020';
const STATE_TTL_MS = 5_000;
const CONCURRENCY = 4;

async function main(): Promise<void> {
  const last = Number(process.argv[2] ?? '5000');
  const step = Number(process.argv[3] ?? '1000');
  const keepSnapshotsIn = process.argv[4];
  if (!Number.isInteger(last) || !Number.isInteger(step) || step <= 0 || last < 3 * step) throw new Error('usage: memoryOnly.js [last checkpoint] [step], with at least three steps');
  const checkpoints = Array.from({ length: Math.floor(last / step) }, (_, index) => (index + 1) * step);
  const directoryFile = path.join(REPO, 'env', 'sandbox-directory.json');
  const directory = readSeededDirectory(directoryFile);
  const sandbox = await startSandbox({ port: 0, directoryFile, stateDir: path.join(REPO, '.sandbox') });
  const catcher = new ReplyCatcher();
  await catcher.start();
  try {
    const memory: MemoryRun[] = [];
    for (const snapshots of [false, true]) {
      const bot = await startBotChild({
        repoRoot: REPO,
        env: { PATH: process.env.PATH ?? '', ...sandboxEnv(sandbox), KICKOFF: 'off', GRAPH_CHAT_CREATE_RATE: '1000000', GRAPH_LOOKUP_RATE: '1000000', BENCH_STATE_TTL_MS: String(STATE_TTL_MS) },
        script: path.join('dist-bench', 'bench', 'shortExpiryBot.js'),
        probe: true,
      });
      try {
        const run = await runMemoryBench(
          { bot, catcher, sandbox, directory, requesterId: REQUESTER_ID },
          { checkpoints, concurrency: CONCURRENCY, stateTtlMs: STATE_TTL_MS, settleMs: 1000, requesterIds: requesterIds(directory), ...(snapshots ? { snapshotsAt: [checkpoints[1]!, last] as const, ...(keepSnapshotsIn ? { keepSnapshotsIn } : {}) } : {}) },
        );
        memory.push({ label: snapshots ? 'run 2, with heap snapshots' : 'run 1', ...run });
      } finally {
        await bot.stop();
      }
    }
    // The same turns through the Graph echo bot, as `npm run bench` does.
    const echo = await startBotChild({ repoRoot: REPO, env: { PATH: process.env.PATH ?? '', ...sandboxEnv(sandbox), GRAPH_CHAT_CREATE_RATE: '1000000', GRAPH_LOOKUP_RATE: '1000000' }, script: path.join('dist-bench', 'bench', 'echoBots', 'graphEchoBot.js'), probe: true });
    let memoryBaseline: MemoryRun;
    try {
      memoryBaseline = { label: 'Graph echo bot', ...(await runMemoryBench({ bot: echo, catcher, sandbox, directory, requesterId: REQUESTER_ID }, { checkpoints, concurrency: CONCURRENCY, stateTtlMs: STATE_TTL_MS, settleMs: 1000, requesterIds: requesterIds(directory) })) };
    } finally {
      await echo.stop();
    }
    const results = { memory, memoryBaseline, memoryConcurrency: CONCURRENCY, memoryStateTtlMs: STATE_TTL_MS, memorySteadyFromTurns: checkpoints[1]! };
    process.stdout.write([memoryTable(results), '', ...memoryGrowthLines(results), '', ...baselineLines(results), '', ...snapshotTable(results), ''].join('\n'));
  } finally {
    await catcher.stop();
    await sandbox.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`memory bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
