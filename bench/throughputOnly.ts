import path from 'node:path';
import { startSandbox } from '../src/sandbox';
import { sandboxEnv } from '../test/support/botOnSandbox';
import { BotChild } from './botChild';
import { readSeededDirectory } from './peopleSample';
import { ReplyCatcher } from './replyCatcher';
import { throughputTable } from './report';
import { runThroughputBench, startContenders, throughputOptions } from './throughputBench';

/**
 * `node dist-bench/bench/throughputOnly.js [rounds] [turns per round]`: only section 3 of
 * `npm run bench` (Chat Starter against the two echo bots), printed, the doc left alone. For
 * trying a change to the bot's per-turn cost without the rest of the run.
 */
const REPO = path.resolve(__dirname, '..', '..');
const REQUESTER_ID = '00000000-0000-0000-0000-0000000000020';

async function main(): Promise<void> {
  const rounds = Number(process.argv[2] ?? '15');
  const turns = Number(process.argv[3] ?? '300');
  const directoryFile = path.join(REPO, 'env', 'sandbox-directory.json');
  const sandbox = await startSandbox({ port: 0, directoryFile, stateDir: path.join(REPO, '.sandbox') });
  const catcher = new ReplyCatcher();
  const bots: BotChild[] = [];
  try {
    await catcher.start();
    const directory = readSeededDirectory(directoryFile);
    // As `npm run bench` runs section 3: no kickoff card, pacing far above these rates.
    const env = { PATH: process.env.PATH ?? '', ...sandboxEnv(sandbox), KICKOFF: 'off', GRAPH_CHAT_CREATE_RATE: '1000000', GRAPH_LOOKUP_RATE: '1000000' };
    const contenders = await startContenders(REPO, env, (bot) => bots.push(bot));
    const throughput = await runThroughputBench({ catcher, sandbox, directory, requesterId: REQUESTER_ID }, contenders, throughputOptions(directory, rounds, turns));
    process.stdout.write(`${throughputTable({ throughput })}\n`);
  } finally {
    for (const bot of bots) await bot.stop();
    await catcher.stop();
    await sandbox.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`throughput failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
