import { type CloudAdapter, type ConversationReference, MessageFactory } from 'botbuilder';
import { runProactiveTurn } from './runProactiveTurn';

/** Writes a short message into a conversation after the turn that came from it has ended. */
export interface ConversationMessenger {
  say(reference: Partial<ConversationReference>, text: string): Promise<void>;
}

/** Through the Bot Connector, as a proactive turn on the same conversation. */
export class ConnectorConversationMessenger implements ConversationMessenger {
  constructor(private readonly adapter: CloudAdapter, private readonly botAppId: string) {}

  async say(reference: Partial<ConversationReference>, text: string): Promise<void> {
    await runProactiveTurn(
      (logic) => this.adapter.continueConversationAsync(this.botAppId, reference, logic),
      async (context) => {
        await context.sendActivity(MessageFactory.text(text));
      },
    );
  }
}
