import { TurnContext } from 'botbuilder';
import type { AdaptiveCardJson } from '../cards';
import type { TurnInfo } from '../turn/turnInfo';
import type { CardUpdater } from './cardUpdater';
import type { ConversationMessenger } from './conversationMessenger';
import type { LaterReach } from './laterReach';
import { type RequesterNotifier, requesterAddress } from './requesterNotifier';

/** The Bot Connector services a turn's reach goes through. */
export interface ReachServices {
  readonly cardUpdater: CardUpdater;
  readonly requesterNotifier: RequesterNotifier;
  /** Without it, nothing can be said in a conversation after its turn (only logged). */
  readonly messenger?: ConversationMessenger;
}

/**
 * A turn's `LaterReach` through the Bot Connector. Everything is read from the activity now: the
 * turn context is not usable once the turn has answered. The bot calls `answered` once it has
 * delivered the turn's answer (whatever happened), so nothing told later waits for ever.
 */
export function connectorReach(context: TurnContext, turn: TurnInfo, services: ReachServices): { readonly reach: LaterReach; answered(sentId?: string): void } {
  const reference = TurnContext.getConversationReference(context.activity);
  const address = requesterAddress(reference, turn.tenantId);
  const { cardUpdater, requesterNotifier, messenger } = services;
  let answered: (sentId: string | undefined) => void = () => undefined;
  const reach: LaterReach = {
    answered: new Promise<string | undefined>((resolve) => (answered = resolve)),
    replaceMessage: (activityId: string, card: AdaptiveCardJson) => cardUpdater.update(reference, activityId, card),
    ...(messenger ? { say: (text: string) => messenger.say(reference, text) } : {}),
    notifyRequester: async (card: AdaptiveCardJson) => {
      if (address === undefined) throw new Error('The activity does not say who to write back to');
      await requesterNotifier.notify(address, card);
    },
  };
  return { reach, answered: (sentId) => answered(sentId) };
}
