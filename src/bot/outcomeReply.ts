import type { CardRenderer } from '../cards';
import { StartChatOutcome } from '../chats/startChatOutcome';
import { AmbiguousCreateError } from '../errors';
import { NO_REPLY, Reply, cardReply } from './reply';

/** The card (or silence) for a start-chat outcome. An uncertain create is reported as the error it was. */
export function replyForOutcome(cards: CardRenderer, outcome: StartChatOutcome): Reply {
  switch (outcome.kind) {
    case 'created':
      return cardReply(cards.renderResultCard(outcome.result), outcome.kickoffLater);
    case 'replayed':
      return cardReply(cards.renderResultCard(outcome.result));
    case 'needsChoice':
      return cardReply(cards.renderChoiceCard(outcome.choice));
    case 'inProgress':
      return NO_REPLY;
    case 'uncertain':
      // Same words as when it first happened: never retried blindly.
      throw new AmbiguousCreateError(outcome.requestId);
  }
}
