import type { AdaptiveCardJson, CardRenderer } from '../cards';
import { StartChatOutcome } from '../chats/startChatOutcome';
import { AmbiguousCreateError } from '../errors';
import { TurnInfo } from '../turn/turnInfo';
import { errorCard } from './errorCard';

/**
 * The card for a start-chat outcome; undefined while another delivery is still working on it (the
 * caller shows progress, or nothing). An `uncertain` create is shown with the same words as when
 * it first happened: never retried blindly.
 */
export function cardForOutcome(cards: CardRenderer, turn: TurnInfo, outcome: StartChatOutcome): AdaptiveCardJson | undefined {
  switch (outcome.kind) {
    case 'created':
    case 'replayed':
      return cards.renderResultCard(outcome.result);
    case 'needsChoice':
      return cards.renderChoiceCard(outcome.choice);
    case 'inProgress':
      return undefined;
    case 'uncertain':
      return errorCard(cards, turn, new AmbiguousCreateError(outcome.requestId));
  }
}
