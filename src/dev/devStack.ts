import { ensureSandboxCa, startSandbox, SandboxTenant } from '../sandbox';
import { RunningBot, startBotProcess } from './botProcess';
import { sandboxBotEnv } from './sandboxBotEnv';
import { RunningPlayground, startPlayground } from './playground';

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
}

export interface DevStack {
  readonly sandbox: SandboxTenant;
  readonly bot: RunningBot;
  readonly playground: RunningPlayground;
  stop(): Promise<void>;
}

/**
 * The local try-out: the sandbox tenant (Entra ID + Graph), the compiled bot against it in
 * anonymous local mode, and Microsoft 365 Agents Playground pointed at the bot. The Playground's
 * mock tenant is the sandbox's home tenant, so its signed-in user (Alex Wilber) exists there.
 */
export async function startDevStack(options: DevStackOptions): Promise<DevStack> {
  await ensureSandboxCa();
  const sandbox = await startSandbox({ port: options.sandboxPort });
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
    const playground = await startPlayground({
      botEndpoint: `http://127.0.0.1:${bot.port}/api/messages`,
      port: options.playgroundPort,
      ...(options.onPlaygroundLine ? { onOutput: options.onPlaygroundLine } : {}),
    });
    started.push(playground);
    return { sandbox, bot, playground, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
