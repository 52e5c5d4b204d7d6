import { CloudAdapter, ConversationParameters, ConversationReference, MessageFactory } from 'botbuilder';
import { AdaptiveCardJson } from '../cards';
import { toAttachment } from './cardAttachment';
import { runProactiveTurn } from './runProactiveTurn';

/** Who to write to, read from the turn the request came in on. */
export interface RequesterAddress {
  readonly serviceUrl: string;
  readonly channelId: string;
  readonly tenantId: string;
  /** The bot's channel account id (`recipient.id` of the turn). */
  readonly botId: string;
  /** The person's Teams user id (`from.id`, `29:…`). */
  readonly userId: string;
}

/**
 * Writes to a person in their personal chat with the bot, after the turn that asked has ended
 * (e.g. the result of a chat that took longer than a dialog may wait for).
 */
export interface RequesterNotifier {
  notify(address: RequesterAddress, card: AdaptiveCardJson): Promise<void>;
}

/**
 * Through the Bot Connector: "create conversation" with the one person answers the existing
 * personal chat with the bot (Teams keeps one per person and bot), then the card is sent there.
 */
export class ConnectorRequesterNotifier implements RequesterNotifier {
  constructor(private readonly adapter: CloudAdapter, private readonly botAppId: string) {}

  async notify(address: RequesterAddress, card: AdaptiveCardJson): Promise<void> {
    const parameters: ConversationParameters = {
      isGroup: false,
      bot: { id: address.botId, name: '' },
      members: [{ id: address.userId, name: '' }],
      tenantId: address.tenantId,
      channelData: { tenant: { id: address.tenantId } },
    };
    // No audience: botbuilder then uses the configured cloud's channel scope.
    await runProactiveTurn(
      (logic) => this.adapter.createConversationAsync(this.botAppId, address.channelId, address.serviceUrl, undefined as unknown as string, parameters, logic),
      async (context) => {
        await context.sendActivity(MessageFactory.attachment(toAttachment(card)));
      },
    );
  }
}

/** The address of the person who sent this activity. */
export function requesterAddress(reference: Partial<ConversationReference>, tenantId: string | undefined): RequesterAddress | undefined {
  const { serviceUrl, channelId, bot, user } = reference;
  if (!serviceUrl || !channelId || !bot?.id || !user?.id || !tenantId) return undefined;
  return { serviceUrl, channelId, tenantId, botId: bot.id, userId: user.id };
}
