import path from 'node:path';
import { startBotChild } from './botChild';
import { kickoffBurstLines, kickoffBurstSection, runKickoffBurst } from './kickoffBurstBench';
import { readSeededDirectory } from './peopleSample';
import { RemoteSandbox } from './remoteSandbox';
import { ReplyCatcher } from './replyCatcher';

/**
 * `node dist-bench/bench/kickoffBurstOnly.js [requests] [perSecond] [lagMs]`: only section 8 of
 * `npm run bench` (default 300 requests, POST /chats throttled at 20/s, a 2 s roster delay), printed
 * with its table; the doc left alone.
 */
const REPO = path.resolve(__dirname, '..', '..');
const REQUESTER_ID = '00000000-0000-0000-0000-0000000000020';

async function main(): Promise<void> {
  const requests = Number(process.argv[2] ?? '300');
  const perSecond = Number(process.argv[3] ?? '20');
  const rosterLagMs = Number(process.argv[4] ?? '2000');
  const directoryFile = path.join(REPO, 'env', 'sandbox-directory.json');
  const sandbox = await RemoteSandbox.start();
  const catcher = new ReplyCatcher();
  await catcher.start();
  try {
    const bot = await startBotChild({ repoRoot: REPO, env: { PATH: process.env.PATH ?? '', ...sandbox.botEnv(), KICKOFF: 'on' } });
    try {
      const result = await runKickoffBurst(
        { bot, catcher, sandbox, directory: readSeededDirectory(directoryFile), requesterId: REQUESTER_ID },
        { requests, throttlePerSecond: perSecond, firstTurn: 400_000, replyTimeoutMs: 120_000, rosterLagMs, kickoffTimeoutMs: 30_000 },
      );
      process.stdout.write(`${kickoffBurstLines(result)}\n\n${kickoffBurstSection(result).join('\n')}\n`);
    } finally {
      await bot.stop();
    }
  } finally {
    await catcher.stop();
    await sandbox.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`kickoff burst failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
