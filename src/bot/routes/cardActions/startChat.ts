import { type AdaptiveCardJson, CARD_VERBS } from '../../../cards';
import { CHAT_TOPIC_MAX_LENGTH } from '../../../chats/buildCreateChatBody';
import type { RequesterChannel } from '../../../chats/requesterChannel';
import { InvalidSubmissionError } from '../../../errors';
import { FIRST_WORDS_MAX_LENGTH, GROUPS_TEXT_MAX_LENGTH } from '../../../cards/cardData';
import { TurnInfo } from '../../../turn/turnInfo';
import { errorCard } from '../../errorCard';
import { formCard } from '../../formCard';
import { RequestIntake } from '../../requestIntake';
import { RouteDeps } from '../routeDeps';
import { CardActionRoute } from './cardAction';
import { answerWithOutcome } from './chatProgress';
import { whenInProgressFor } from './choosePeople';

/** The form's Start button: people from the picker and a topic. A bad form is shown again with its problem. */
export function startChatRoute(deps: RouteDeps): CardActionRoute<typeof CARD_VERBS.startChat> {
  function showAgain(turn: TurnInfo, error: InvalidSubmissionError, topic: string, message: string, groups: string): AdaptiveCardJson {
    turn.logger.info({ code: error.code }, 'form submission rejected');
    return formCard(deps, turn, {
      topic: topic.slice(0, CHAT_TOPIC_MAX_LENGTH),
      message: message.slice(0, FIRST_WORDS_MAX_LENGTH),
      groups: groups.slice(0, GROUPS_TEXT_MAX_LENGTH),
      problem: error.problem,
    });
  }
  return {
    run: async (input) => {
      const { turn, submission } = input;
      const { peopleIds, groupNames, topic, firstWords } = submission;
      const progress = { peopleCount: peopleIds.length + groupNames.length, topic, requestKey: RequestIntake.formKey(turn, peopleIds, topic, firstWords, groupNames) };
      const start = (tellLater: RequesterChannel) => deps.intake.fromForm(turn, { peopleIds, groupNames, topic, firstWords, whenInProgress: whenInProgressFor(input.arrival), tellLater });
      return answerWithOutcome(deps, input, start, progress, (error) =>
        error instanceof InvalidSubmissionError ? showAgain(turn, error, topic, firstWords, groupNames.join(', ')) : errorCard(deps.cards, turn, error),
      );
    },
    rejected: (turn, error, data) => {
      const fields = data as { topic?: unknown; message?: unknown; groups?: unknown } | null | undefined;
      const text = (value: unknown): string => (typeof value === 'string' ? value : '');
      return showAgain(turn, error, text(fields?.topic), text(fields?.message), text(fields?.groups));
    },
  };
}
