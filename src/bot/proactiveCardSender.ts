import { type CloudAdapter, type ConversationReference, MessageFactory } from 'botbuilder';
import type { AdaptiveCardJson } from '../cards';
import { toAttachment } from './cardAttachment';
import { runProactiveTurn } from './runProactiveTurn';
import { ProactiveSendError } from '../errors';
import type { CallOptions } from '../graph/graphTypes';
import type { ConversationTarget, ProactiveCardSender } from '../kickoff/kickoffTypes';

/**
 * Posts a card into a conversation outside any turn (`continueConversationAsync`), as the bot.
 * For a chat the bot created, the conversation id is the Graph chat id and the service URL is the
 * requester's. The Bot Connector's refusals become `ProactiveSendError`s the kickoff understands.
 */
export class ConnectorProactiveSender implements ProactiveCardSender {
  constructor(private readonly adapter: CloudAdapter, private readonly botAppId: string) {}

  async sendCard(target: ConversationTarget, card: AdaptiveCardJson, options?: CallOptions): Promise<void> {
    options?.abortSignal?.throwIfAborted();
    const reference: Partial<ConversationReference> = {
      channelId: 'msteams',
      serviceUrl: target.serviceUrl,
      conversation: { id: target.conversationId, tenantId: target.tenantId, isGroup: true, conversationType: 'groupChat', name: '' },
    };
    try {
      await runProactiveTurn(
        (logic) => this.adapter.continueConversationAsync(this.botAppId, reference, logic),
        async (context) => {
          await context.sendActivity(MessageFactory.attachment(toAttachment(card)));
        },
      );
    } catch (error) {
      throw toProactiveSendError(error);
    }
  }
}

interface ConnectorFailure {
  statusCode?: unknown;
  code?: unknown;
  response?: { headers?: { get?: (name: string) => string | undefined }; bodyAsText?: unknown; parsedBody?: unknown };
}

/** Reads the status, Bot Framework error code and Retry-After from botframework-connector's RestError. */
function toProactiveSendError(error: unknown): ProactiveSendError {
  const failure = (typeof error === 'object' && error !== null ? error : {}) as ConnectorFailure;
  const status = typeof failure.statusCode === 'number' ? failure.statusCode : undefined;
  const code = errorCode(failure);
  if (status === 403 && code === 'BotNotInConversationRoster') return new ProactiveSendError('notInRoster', status, undefined, { cause: error });
  if (status === 429) {
    const header = failure.response?.headers?.get?.('retry-after');
    const seconds = header !== undefined && /^\d+$/.test(header.trim()) ? Number(header.trim()) : undefined;
    return new ProactiveSendError('throttled', status, seconds, { cause: error });
  }
  return new ProactiveSendError('failed', status, undefined, { cause: error });
}

function errorCode(failure: ConnectorFailure): string | undefined {
  const fromBody = (body: unknown): string | undefined => {
    const code = (body as { error?: { code?: unknown } } | null | undefined)?.error?.code;
    return typeof code === 'string' ? code : undefined;
  };
  const parsed = fromBody(failure.response?.parsedBody);
  if (parsed !== undefined) return parsed;
  if (typeof failure.response?.bodyAsText === 'string') {
    try {
      const text = fromBody(JSON.parse(failure.response.bodyAsText));
      if (text !== undefined) return text;
    } catch {
      // Not JSON: fall through to the error's own code.
    }
  }
  return typeof failure.code === 'string' ? failure.code : undefined;
}
