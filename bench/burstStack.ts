import path from 'node:path';
import { BotChild, startBotChild } from './botChild';
import { readSeededDirectory } from './peopleSample';
import { RemoteSandbox } from './remoteSandbox';
import { ReplyCatcher } from './replyCatcher';

const REPO = path.resolve(__dirname, '..', '..');
const REQUESTER_ID = '00000000-0000-0000-0000-0000000000020';

/** What a burst needs: the sandbox in its own process, the reply catcher and one bot child. */
export interface BurstStack {
  bot: BotChild;
  catcher: ReplyCatcher;
  sandbox: RemoteSandbox;
  directory: ReturnType<typeof readSeededDirectory>;
  requesterId: string;
}

/**
 * Starts the stack for a burst run on its own (the `*Only` scripts), with the kickoff on or off,
 * runs `run` and stops everything, whatever `run` does.
 */
export async function withBurstStack(kickoff: 'on' | 'off', run: (stack: BurstStack) => Promise<void>): Promise<void> {
  const sandbox = await RemoteSandbox.start();
  const catcher = new ReplyCatcher();
  await catcher.start();
  try {
    const bot = await startBotChild({ repoRoot: REPO, env: { PATH: process.env.PATH ?? '', ...sandbox.botEnv(), KICKOFF: kickoff } });
    try {
      const directory = readSeededDirectory(path.join(REPO, 'env', 'sandbox-directory.json'));
      await run({ bot, catcher, sandbox, directory, requesterId: REQUESTER_ID });
    } finally {
      await bot.stop();
    }
  } finally {
    await catcher.stop();
    await sandbox.close();
  }
}
