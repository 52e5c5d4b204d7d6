import { runBurst } from './burstBench';
import { withBurstStack } from './burstStack';

/**
 * `node dist-bench/bench/burstOnly.js [requests] [perSecond]`: only the burst of `npm run bench`
 * (default 300 requests against POST /chats throttled at 20/s), printed, the doc left alone.
 */
async function main(): Promise<void> {
  const requests = Number(process.argv[2] ?? '300');
  const perSecond = Number(process.argv[3] ?? '20');
  await withBurstStack('off', async (stack) => {
    const result = await runBurst(stack, { requests, throttlePerSecond: perSecond, firstTurn: 300_000, replyTimeoutMs: 120_000 });
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`burst failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
