import { createHash } from 'node:crypto';
import type { CardRenderer } from '../cards';
import { Reply, NO_REPLY, cardReply } from '../bot/reply';
import { TurnInfo } from '../bot/turnInfo';
import { StartChatOutcome, StartChatService } from '../chats/startChatService';
import { AmbiguousCreateError } from '../errors';
import { PersonQuery } from './command';

/**
 * The start-chat command from its three sources (typed text, the form, the choice card), each
 * with the idempotency key that makes its redelivery or double submission harmless.
 */
export class StartChatHandler {
  constructor(private readonly deps: { readonly service: StartChatService; readonly cards: CardRenderer }) {}

  /** Typed text: Teams redelivers a slow turn with the same activity id. */
  fromText(turn: TurnInfo, people: readonly PersonQuery[], topic: string | undefined): Promise<StartChatOutcome> {
    return this.deps.service.start({
      key: `message:${turn.conversationId}:${turn.activityId}`,
      requesterId: turn.requesterId,
      queries: people,
      topic,
      lookupMember: turn.lookupMember,
    });
  }

  /** The form: a double click sends the same values from the same card. */
  fromForm(turn: TurnInfo, peopleIds: readonly string[], topic: string): Promise<StartChatOutcome> {
    const values = createHash('sha256').update(JSON.stringify([[...peopleIds].sort(), topic])).digest('hex').slice(0, 32);
    return this.deps.service.start({
      key: `form:${turn.conversationId}:${turn.cardActivityId}:${turn.requesterId}:${values}`,
      requesterId: turn.requesterId,
      queries: peopleIds.map((id) => ({ kind: 'objectId', id, text: id })),
      topic: topic === '' ? undefined : topic,
      lookupMember: turn.lookupMember,
    });
  }

  /** The choice card: one pending request, one chat. */
  fromChoice(turn: TurnInfo, requestId: string, choices: Readonly<Record<string, string>>): Promise<StartChatOutcome> {
    return this.deps.service.continueWithChoices({
      key: `choice:${requestId}`,
      requesterId: turn.requesterId,
      requestId,
      choices,
      lookupMember: turn.lookupMember,
    });
  }

  /** The card (or silence) for an outcome. Errors are not handled here but in the bot's one place. */
  replyFor(outcome: StartChatOutcome): Reply {
    switch (outcome.kind) {
      case 'created':
      case 'replayed':
        return cardReply(this.deps.cards.renderResultCard(outcome.result));
      case 'needsChoice':
        return cardReply(this.deps.cards.renderChoiceCard(outcome.choice));
      case 'inProgress':
        return NO_REPLY;
      case 'uncertain':
        // Same words as when it first happened: never retried blindly.
        throw new AmbiguousCreateError(outcome.requestId);
    }
  }
}
