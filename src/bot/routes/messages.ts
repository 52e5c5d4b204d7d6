import { MentionRef } from '../../commands/command';
import { parseCommand } from '../../commands/parseCommand';
import { MessageTooLongError } from '../../errors';
import { TurnInfo } from '../../turn/turnInfo';
import { Answer, NO_ANSWER, cardAnswer, textAnswer } from '../answer';
import { errorCard } from '../errorCard';
import { formCard, typedFormValues } from '../formCard';
import { helpCard } from '../helpCard';
import type { LaterReach } from '../laterReach';
import { cardForOutcome } from '../outcomeAnswer';
import { queuedNotice } from '../queuedNotice';
import { resultCardChannel } from '../resultCardChannel';
import { requireAllowedTenant, requireRequester } from '../tenantPolicy';
import { RouteDeps } from './routeDeps';

export interface MessageInput {
  readonly turn: TurnInfo;
  /** The message text with the bot's own mention removed. */
  readonly text: string;
  readonly mentions: readonly MentionRef[];
  /** Sends a message in this conversation before the answer (e.g. "queued, N ahead of you"). */
  readonly say?: (text: string) => Promise<void>;
  readonly reach: LaterReach;
}

/** Typed commands: `help`, `start chat` (the form), `start chat with … about …`. */
export function createMessageRoute(deps: RouteDeps): (input: MessageInput) => Promise<Answer> {
  async function answer({ turn, text, mentions, say, reach }: MessageInput): Promise<Answer> {
    requireAllowedTenant(turn, deps.allowedTenantIds);
    // Before parsing: a huge message costs nothing but this refusal.
    if (text.length > deps.textLength) throw new MessageTooLongError(text.length, deps.textLength);
    const command = parseCommand({ text, mentions, objectIds: deps.objectIds });
    turn.logger.info({ command: command.kind }, 'message received');
    switch (command.kind) {
      case 'help':
        return cardAnswer(helpCard(deps.cards));
      case 'showForm':
        // No people named: whatever topic and first words were typed are already on the form.
        return cardAnswer(formCard(deps, turn, typedFormValues(command.topic, command.firstWords)));
      case 'unknown':
        // Anything the parser does not understand gets a nudge, not a lecture.
        return textAnswer('I start Teams chats for you. Try "start chat with Megan Bowen about Q3 planning", or type "help".');
      case 'startChat': {
        requireRequester(turn);
        // A chat that waits its turn for Graph's budget says so, then the result follows.
        const onQueued = say
          ? (position: { readonly ahead: number; readonly estimatedWaitMs: number }): void => {
              const notice = queuedNotice(position);
              if (notice) say(notice).catch((error: unknown) => turn.logger.info({ err: error }, 'could not say that the request is queued'));
            }
          : undefined;
        // Told later: the result card this turn sends is updated, or the note follows it.
        const place = reach.answered.then((sentId) => ({
          ...(sentId ? { update: (card: Parameters<LaterReach['replaceMessage']>[1]) => reach.replaceMessage(sentId, card) } : {}),
          ...(reach.say ? { say: reach.say } : {}),
        }));
        const outcome = await deps.intake.fromText(turn, {
          text,
          people: command.people,
          topic: command.topic,
          firstWords: command.firstWords ?? '',
          ...(onQueued ? { onQueued } : {}),
          tellLater: resultCardChannel(place, deps.cards, turn.logger),
        });
        const card = cardForOutcome(deps.cards, turn, outcome);
        return card ? cardAnswer(card) : NO_ANSWER;
      }
    }
  }
  return async (input) => {
    try {
      return await answer(input);
    } catch (error) {
      return cardAnswer(errorCard(deps.cards, input.turn, error));
    }
  };
}
