import path from 'node:path';
import { sandboxBotEnv } from '../../src/dev/sandboxBotEnv';
import { SandboxTenant, startSandbox } from '../../src/sandbox';
import { BotProcess, startBotProcess } from './botProcess';
import { ConnectorStub } from './connectorStub';

export interface BotOnSandbox {
  readonly sandbox: SandboxTenant;
  readonly connector: ConnectorStub;
  readonly bot: BotProcess;
  stop(): Promise<void>;
}

/**
 * The environment that points the bot at a sandbox tenant, as `npm run dev` does. Test files
 * start dozens of chats as one person within a minute, far beyond the per-person quota a real
 * tenant gets; the tests of the quota itself (abuseLimits.test.ts) set their own limits. The
 * kickoff card is off: these tests watch the requester's conversation; the kickoff's own tests
 * turn it on (`kickoffEnv`). The bot processes of a run share Node's compile cache: dozens of
 * them start, each loading the same modules (about a quarter less CPU to start, measured).
 */
export function sandboxEnv(sandbox: SandboxTenant): Record<string, string> {
  return { ...sandboxBotEnv(sandbox), LIMIT_CHATS_PER_MINUTE: '10000', LIMIT_CHATS_PER_DAY: '1000000', KICKOFF: 'off', NODE_COMPILE_CACHE: COMPILE_CACHE };
}

const COMPILE_CACHE = path.resolve(__dirname, '..', '..', 'node_modules', '.cache', 'node-compile-cache');

/** As `sandboxEnv`, with the kickoff card on (the default outside tests). */
export function kickoffEnv(sandbox: SandboxTenant): Record<string, string> {
  return { ...sandboxEnv(sandbox), KICKOFF: 'on' };
}

/**
 * Sandbox tenant + Bot Connector stand-in + the compiled bot, all on loopback. `extraEnv` may be
 * computed from the two (e.g. the connector's address for TEAMS_SERVICE_URL).
 */
export async function startBotOnSandbox(
  extraEnv: Record<string, string> | ((parts: { sandbox: SandboxTenant; connector: ConnectorStub }) => Record<string, string>) = {},
): Promise<BotOnSandbox> {
  const sandbox = await startSandbox({ port: 0 });
  const connector = new ConnectorStub();
  await connector.start();
  let bot: BotProcess;
  try {
    bot = await startBotProcess({ ...sandboxEnv(sandbox), ...(typeof extraEnv === 'function' ? extraEnv({ sandbox, connector }) : extraEnv) });
  } catch (error) {
    await connector.stop();
    await sandbox.close();
    throw error;
  }
  return {
    sandbox,
    connector,
    bot,
    async stop() {
      await bot.stop();
      await connector.stop();
      await sandbox.close();
    },
  };
}

/** The one card a bot message carries. */
export function cardOf(activity: Record<string, unknown>): Record<string, unknown> {
  const attachments = activity.attachments as { contentType: string; content: Record<string, unknown> }[] | undefined;
  const card = attachments?.find((attachment) => attachment.contentType === 'application/vnd.microsoft.card.adaptive');
  if (!card) throw new Error(`no adaptive card in ${JSON.stringify(activity).slice(0, 400)}`);
  return card.content;
}

/** Every piece of visible text in a card, for assertions that don't depend on layout. */
export function cardText(card: unknown): string {
  const texts: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      for (const key of ['text', 'title', 'value', 'label', 'placeholder']) if (typeof record[key] === 'string') texts.push(record[key] as string);
      for (const [key, value] of Object.entries(record)) if (key !== 'text' && typeof value === 'object') walk(value);
    }
  };
  walk(card);
  return texts.join('\n');
}

/** The `Action.OpenUrl` targets of a card. */
export function openUrls(card: unknown): string[] {
  const urls: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record.type === 'Action.OpenUrl' && typeof record.url === 'string') urls.push(record.url);
      Object.values(record).forEach(walk);
    }
  };
  walk(card);
  return urls;
}
