import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureSandboxCa, startSandbox, SandboxTenant } from '../sandbox';
import { RunningBot, startBotProcess } from './botProcess';
import { PostedIntoNewChat, RunningDevConnector, startDevConnector } from './devConnector';
import { sandboxBotEnv } from './sandboxBotEnv';
import { RunningPlayground, startPlayground } from './playground';
import { renderPlaygroundConfig } from './playgroundConfig';
import { readDirectoryFile, tryOutPlaygroundTenant } from './tryOutPlaygroundTenant';

export interface DevStackOptions {
  /** The bot's port; 3978 as in production by default, 0 for any free port (tests). */
  readonly botPort: number;
  /** The Playground's port; 56150 is its default, 0 for any free port. */
  readonly playgroundPort: number;
  readonly sandboxPort: number;
  /** Extra environment for the bot (e.g. LOG_LEVEL). */
  readonly botEnv?: Readonly<Record<string, string>>;
  readonly onBotLine?: (line: string) => void;
  readonly onPlaygroundLine?: (line: string) => void;
  /** Each message the bot posted into a chat the Playground does not know (shown there as a preview). */
  readonly onPreview?: (preview: PostedIntoNewChat) => void;
  /** The sandbox's people; default `env/sandbox-directory.json`. */
  readonly directoryFile?: string;
}

export interface DevStack {
  readonly sandbox: SandboxTenant;
  readonly bot: RunningBot;
  /** The local Bot Connector between the Playground and the bot (`devConnector.ts`). */
  readonly connector: RunningDevConnector;
  readonly playground: RunningPlayground;
  stop(): Promise<void>;
}

/**
 * The local try-out: the sandbox tenant (Entra ID + Graph), the compiled bot against it in
 * anonymous local mode, and Microsoft 365 Agents Playground pointed at the bot. The Playground's
 * mock tenant is made of sandbox people (Alex Wilber signed in), with their object ids as their
 * ids, so its people picker submits what Teams' does. Between the Playground and the bot sits a
 * local Bot Connector, so that what the bot posts into a chat it created (the kickoff card) is
 * answered as Teams would and shown in the Playground as a preview.
 */
export async function startDevStack(options: DevStackOptions): Promise<DevStack> {
  await ensureSandboxCa();
  const directoryFile = options.directoryFile ?? path.resolve(__dirname, '..', '..', 'env', 'sandbox-directory.json');
  const sandbox = await startSandbox({ port: options.sandboxPort, directoryFile });
  const started: { stop(): Promise<void> }[] = [{ stop: () => sandbox.close() }];
  const stopAll = async (): Promise<void> => {
    for (const part of started.reverse()) await part.stop();
  };
  try {
    const bot = await startBotProcess({
      env: {
        ...sandboxBotEnv(sandbox),
        NODE_ENV: 'development',
        PORT: String(options.botPort),
        ALLOWED_TENANT_IDS: sandbox.tenantId,
        ...options.botEnv,
      },
      ...(options.onBotLine ? { onLine: options.onBotLine } : {}),
    });
    started.push(bot);
    const configDir = await mkdtemp(path.join(tmpdir(), 'playground-config-'));
    started.push({ stop: () => rm(configDir, { recursive: true, force: true }) });
    const configPath = path.join(configDir, '.m365agentsplayground.yml');
    await writeFile(configPath, renderPlaygroundConfig(tryOutPlaygroundTenant(await readDirectoryFile(directoryFile))));
    const connector = await startDevConnector({
      botEndpoint: `http://127.0.0.1:${bot.port}/api/messages`,
      ...(options.onPreview ? { onPreview: options.onPreview } : {}),
    });
    started.push(connector);
    const playground = await startPlayground({
      botEndpoint: connector.messagesEndpoint,
      port: options.playgroundPort,
      configPath,
      ...(options.onPlaygroundLine ? { onOutput: options.onPlaygroundLine } : {}),
    });
    started.push(playground);
    return { sandbox, bot, connector, playground, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
