import { withBurstStack } from './burstStack';
import { kickoffBurstLines, kickoffBurstSection, runKickoffBurst } from './kickoffBurstBench';

/**
 * `node dist-bench/bench/kickoffBurstOnly.js [requests] [perSecond] [lagMs]`: only section 8 of
 * `npm run bench` (default 300 requests, POST /chats throttled at 20/s, a 2 s roster delay), printed
 * with its table; the doc left alone.
 */
async function main(): Promise<void> {
  const requests = Number(process.argv[2] ?? '300');
  const perSecond = Number(process.argv[3] ?? '20');
  const rosterLagMs = Number(process.argv[4] ?? '2000');
  await withBurstStack('on', async (stack) => {
    const result = await runKickoffBurst(stack, {
      requests,
      throttlePerSecond: perSecond,
      firstTurn: 400_000,
      replyTimeoutMs: 120_000,
      rosterLagMs,
      kickoffTimeoutMs: 30_000,
    });
    process.stdout.write(`${kickoffBurstLines(result)}\n\n${kickoffBurstSection(result).join('\n')}\n`);
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`kickoff burst failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
