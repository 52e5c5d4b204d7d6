import { CloudAdapter, ConversationReference, MessageFactory } from 'botbuilder';
import { AdaptiveCardJson } from '../cards';
import { toAttachment } from './cardAttachment';
import { runProactiveTurn } from './runProactiveTurn';

/** Replaces a card the bot sent earlier, after the turn that sent it has ended. */
export interface CardUpdater {
  update(reference: Partial<ConversationReference>, activityId: string, card: AdaptiveCardJson): Promise<void>;
}

/** Through the Bot Connector, as a proactive turn on the same conversation. */
export class ConnectorCardUpdater implements CardUpdater {
  constructor(private readonly adapter: CloudAdapter, private readonly botAppId: string) {}

  async update(reference: Partial<ConversationReference>, activityId: string, card: AdaptiveCardJson): Promise<void> {
    await runProactiveTurn(
      (logic) => this.adapter.continueConversationAsync(this.botAppId, reference, logic),
      async (context) => {
        const activity = MessageFactory.attachment(toAttachment(card));
        activity.id = activityId;
        await context.updateActivity(activity);
      },
    );
  }
}
