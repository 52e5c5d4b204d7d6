import { MentionRef } from '../../commands/command';
import { parseCommand } from '../../commands/parseCommand';
import { MessageTooLongError } from '../../errors';
import { TurnInfo } from '../../turn/turnInfo';
import { errorCard } from '../errorCard';
import { formCard, typedFormValues } from '../formCard';
import { helpCard } from '../helpCard';
import { replyForOutcome } from '../outcomeReply';
import { queuedNotice } from '../queuedNotice';
import { Reply, cardReply, textReply } from '../reply';
import { requireAllowedTenant, requireRequester } from '../tenantPolicy';
import { RouteDeps } from './routeDeps';

export interface MessageInput {
  readonly turn: TurnInfo;
  /** The message text with the bot's own mention removed. */
  readonly text: string;
  readonly mentions: readonly MentionRef[];
  /** Sends a message in this conversation before the reply (e.g. "queued, N ahead of you"). */
  readonly say?: (text: string) => Promise<void>;
}

/** Typed commands: `help`, `start chat` (the form), `start chat with … about …`. */
export function createMessageRoute(deps: RouteDeps): (input: MessageInput) => Promise<Reply> {
  async function reply({ turn, text, mentions, say }: MessageInput): Promise<Reply> {
    requireAllowedTenant(turn, deps.allowedTenantIds);
    // Before parsing: a huge message costs nothing but this refusal.
    if (text.length > deps.textLength) throw new MessageTooLongError(text.length, deps.textLength);
    const command = parseCommand({ text, mentions, objectIds: deps.objectIds });
    turn.logger.info({ command: command.kind }, 'message received');
    switch (command.kind) {
      case 'help':
        return cardReply(helpCard(deps.cards));
      case 'showForm':
        // No people named: whatever topic and first words were typed are already on the form.
        return cardReply(formCard(deps, turn, typedFormValues(command.topic, command.firstWords)));
      case 'unknown':
        // Anything the parser does not understand gets a nudge, not a lecture.
        return textReply('I start Teams chats for you. Try "start chat with Megan Bowen about Q3 planning", or type "help".');
      case 'startChat': {
        requireRequester(turn);
        // A chat that waits its turn for Graph's budget says so, then the result follows.
        const onQueued = say
          ? (position: { readonly ahead: number; readonly estimatedWaitMs: number }): void => {
              const notice = queuedNotice(position);
              if (notice) say(notice).catch((error: unknown) => turn.logger.info({ err: error }, 'could not say that the request is queued'));
            }
          : undefined;
        const outcome = await deps.requests.fromText(turn, text, command.people, command.topic, command.firstWords ?? '', onQueued);
        return replyForOutcome(deps.cards, outcome);
      }
    }
  }
  return async (input) => {
    try {
      return await reply(input);
    } catch (error) {
      return cardReply(errorCard(deps.cards, input.turn, error));
    }
  };
}
