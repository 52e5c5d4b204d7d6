import type { AppInstalledEvent, SandboxTenant } from '../../src/sandbox';
import { cardOf, cardText } from './botOnSandbox';
import type { BotProcess } from './botProcess';
import type { ConnectorCall, ConnectorStub } from './connectorStub';
import { BOT_ACCOUNT } from './teamsActivity';

/**
 * Plays Teams around an install: once the app is in a chat, the bot is in its roster (the
 * connector stub asks the sandbox), and Teams tells the bot with a `conversationUpdate` that adds
 * it, which the bot must not answer with a welcome. Returns a function that stops it.
 */
export function playTeamsInstalls(sandbox: SandboxTenant, connector: ConnectorStub, bots: () => readonly BotProcess[]): {
  stop: () => void;
  settled: () => Promise<unknown>;
  installs: AppInstalledEvent[];
} {
  const installs: AppInstalledEvent[] = [];
  const updates: Promise<unknown>[] = [];
  connector.requireRoster((conversationId) => {
    const chat = sandbox.chats.list().find((entry) => entry.id === conversationId);
    return chat ? chat.installedApps.length > 0 : !conversationId.startsWith('19:');
  });
  const stop = sandbox.onAppInstalled((event) => {
    installs.push(event);
    for (const bot of bots()) updates.push(bot.post(botAddedUpdate(event.chatId, sandbox.tenantId, connector.serviceUrl)));
  });
  return { stop, settled: () => Promise.all(updates), installs };
}

/** `conversationUpdate` with the bot in `membersAdded`, as Teams sends after an install into a group chat. */
export function botAddedUpdate(chatId: string, tenantId: string, serviceUrl: string): Record<string, unknown> {
  return {
    type: 'conversationUpdate',
    id: `f:${Date.now()}${Math.floor(Math.random() * 1000)}`,
    timestamp: new Date().toISOString(),
    serviceUrl,
    channelId: 'msteams',
    from: { id: '29:installer', aadObjectId: '00000000-0000-0000-0000-0000000000020' },
    recipient: BOT_ACCOUNT,
    conversation: { id: chatId, conversationType: 'groupChat', tenantId, isGroup: true },
    membersAdded: [BOT_ACCOUNT],
    channelData: { tenant: { id: tenantId }, eventType: 'teamMemberAdded' },
  };
}

export interface KickoffCard {
  readonly call: ConnectorCall;
  readonly card: Record<string, unknown>;
  readonly text: string;
  readonly mentions: { text: string; mentioned: { id: string; name: string } }[];
  /** The first words as shown: the `firstWords` container's paragraphs, one per line. */
  readonly firstWords: string;
}

/** The kickoff cards the bot posted into one chat. */
export function kickoffCardsIn(connector: ConnectorStub, chatId: string): KickoffCard[] {
  return connector.sentTo(chatId).map((call) => {
    const card = cardOf(call.activity);
    const mentions = ((card.msteams as { entities?: KickoffCard['mentions'] } | undefined)?.entities ?? []);
    // The body only: the mention entity repeats the tag by design.
    return { call, card, text: cardText(card.body), mentions, firstWords: firstWordsOf(card) };
  });
}

function firstWordsOf(card: Record<string, unknown>): string {
  const container = (card.body as Record<string, unknown>[]).find((element) => element.id === 'firstWords');
  if (!container) return '';
  return (container.items as { inlines: { text: string }[] }[]).map((block) => block.inlines.map((run) => run.text).join('')).map((line) => (line === ' ' ? '' : line)).join('\n');
}

/** How many times `needle` occurs in `haystack`. */
export function occurrences(haystack: string, needle: string): number {
  return needle === '' ? 0 : haystack.split(needle).length - 1;
}

/**
 * Whether the bot logged a line containing `fragment`. Its log arrives through a pipe, possibly
 * after the reply it preceded, so this waits for it (up to `timeoutMs`) before saying no.
 */
export async function loggedEventually(bot: BotProcess, fragment: string, timeoutMs = 5_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!bot.logs.some((line) => line.includes(fragment))) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return true;
}
