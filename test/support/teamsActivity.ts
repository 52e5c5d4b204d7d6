import { randomUUID } from 'node:crypto';

export const BOT_ACCOUNT = { id: '28:chat-starter-bot', name: 'Chat Starter' };

export interface ActivityOptions {
  readonly serviceUrl: string;
  readonly tenantId: string;
  readonly fromAadObjectId: string;
  readonly fromName?: string;
  readonly conversationId?: string;
  readonly conversationType?: 'personal' | 'groupChat' | 'channel';
  readonly id?: string;
}

/** An activity shaped as Teams sends it (ids, channelData.tenant, clientInfo entity). */
function baseActivity(options: ActivityOptions): Record<string, unknown> {
  const conversationType = options.conversationType ?? 'personal';
  return {
    id: options.id ?? `1${Date.now()}${Math.floor(Math.random() * 1000)}`,
    timestamp: new Date().toISOString(),
    localTimestamp: new Date().toISOString(),
    serviceUrl: options.serviceUrl,
    channelId: 'msteams',
    from: { id: `29:${options.fromAadObjectId}`, name: options.fromName ?? 'Requester', aadObjectId: options.fromAadObjectId },
    conversation: {
      id: options.conversationId ?? `a:${randomUUID()}`,
      conversationType,
      tenantId: options.tenantId,
      ...(conversationType === 'personal' ? {} : { isGroup: true }),
    },
    recipient: BOT_ACCOUNT,
    locale: 'en-US',
    channelData: { tenant: { id: options.tenantId } },
  };
}

export function messageActivity(options: ActivityOptions & { text: string; mentions?: { id: string; name: string }[]; mentionBot?: boolean }): Record<string, unknown> {
  const entities: Record<string, unknown>[] = [{ type: 'clientInfo', locale: 'en-US', country: 'US', platform: 'Web', timezone: 'Europe/London' }];
  let text = options.text;
  if (options.mentionBot) {
    text = `<at>${BOT_ACCOUNT.name}</at> ${text}`;
    entities.push({ type: 'mention', text: `<at>${BOT_ACCOUNT.name}</at>`, mentioned: BOT_ACCOUNT });
  }
  for (const mention of options.mentions ?? []) {
    entities.push({ type: 'mention', text: `<at>${mention.name}</at>`, mentioned: { id: mention.id, name: mention.name } });
  }
  return { ...baseActivity(options), type: 'message', text, textFormat: 'plain', entities };
}

/** An `adaptiveCard/action` invoke, as Teams sends for Action.Execute. */
export function cardActionInvoke(options: ActivityOptions & { verb: string; data: Record<string, unknown>; replyToId: string }): Record<string, unknown> {
  return {
    ...baseActivity(options),
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId: options.replyToId,
    value: { action: { type: 'Action.Execute', id: randomUUID(), verb: options.verb, data: options.data }, trigger: 'manual' },
  };
}

/** The Action.Submit fallback: a message whose `value` holds the inputs and data. */
export function cardSubmitMessage(options: ActivityOptions & { value: Record<string, unknown>; replyToId: string }): Record<string, unknown> {
  return { ...baseActivity(options), type: 'message', replyToId: options.replyToId, value: options.value };
}

/** A message extension action invoke (`composeExtension/fetchTask` or `…/submitAction`). */
export function messageExtensionInvoke(options: ActivityOptions & { name: 'composeExtension/fetchTask' | 'composeExtension/submitAction'; value: unknown }): Record<string, unknown> {
  const activity = baseActivity(options);
  const source = (options.value as { commandContext?: unknown } | null)?.commandContext;
  return {
    ...activity,
    type: 'invoke',
    name: options.name,
    channelData: { ...(activity.channelData as Record<string, unknown>), source: { name: source === 'message' ? 'message' : 'compose' } },
    value: options.value,
  };
}
