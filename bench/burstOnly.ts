import path from 'node:path';
import { startBotChild } from './botChild';
import { runBurst } from './burstBench';
import { readSeededDirectory } from './peopleSample';
import { RemoteSandbox } from './remoteSandbox';
import { ReplyCatcher } from './replyCatcher';

/**
 * `node dist-bench/bench/burstOnly.js [requests] [perSecond]`: only the burst of `npm run bench`
 * (default 300 requests against POST /chats throttled at 20/s), printed, the doc left alone.
 */
const REPO = path.resolve(__dirname, '..', '..');
const REQUESTER_ID = '00000000-0000-0000-0000-0000000000020';

async function main(): Promise<void> {
  const requests = Number(process.argv[2] ?? '300');
  const perSecond = Number(process.argv[3] ?? '20');
  const directoryFile = path.join(REPO, 'env', 'sandbox-directory.json');
  const sandbox = await RemoteSandbox.start();
  const catcher = new ReplyCatcher();
  await catcher.start();
  try {
    const bot = await startBotChild({ repoRoot: REPO, env: { PATH: process.env.PATH ?? '', ...sandbox.botEnv(), KICKOFF: 'off' } });
    try {
      const result = await runBurst(
        { bot, catcher, sandbox, directory: readSeededDirectory(directoryFile), requesterId: REQUESTER_ID },
        { requests, throttlePerSecond: perSecond, firstTurn: 300_000, replyTimeoutMs: 120_000 },
      );
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    } finally {
      await bot.stop();
    }
  } finally {
    await catcher.stop();
    await sandbox.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`burst failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
