import { type AdaptiveCardJson, CARD_VERBS } from '../../../cards';
import { CHAT_TOPIC_MAX_LENGTH } from '../../../chats/buildCreateChatBody';
import { InvalidSubmissionError } from '../../../errors';
import { TurnInfo } from '../../../turn/turnInfo';
import { errorCard } from '../../errorCard';
import { formCard } from '../../formCard';
import { StartChatRequests } from '../../startChatRequests';
import { RouteDeps } from '../routeDeps';
import { CardActionRoute } from './cardAction';
import { answerWithOutcome, startAsRequester } from './chatProgress';

/** The form's Start button: people from the picker and a topic. A bad form is shown again with its problem. */
export function startChatRoute(deps: RouteDeps): CardActionRoute<typeof CARD_VERBS.startChat> {
  function showAgain(turn: TurnInfo, error: InvalidSubmissionError, topic: string): AdaptiveCardJson {
    turn.logger.info({ code: error.code }, 'form submission rejected');
    return formCard(deps.cards, turn, { topic: topic.slice(0, CHAT_TOPIC_MAX_LENGTH), problem: error.problem });
  }
  return {
    run: async (input) => {
      const { turn, submission } = input;
      const work = startAsRequester(turn, () => deps.requests.fromForm(turn, submission.peopleIds, submission.topic, input.arrival === 'invoke'));
      const progress = { peopleCount: submission.peopleIds.length, topic: submission.topic, requestKey: StartChatRequests.formKey(turn, submission.peopleIds, submission.topic) };
      return answerWithOutcome(deps, input, work, progress, (error) =>
        error instanceof InvalidSubmissionError ? showAgain(turn, error, submission.topic) : errorCard(deps.cards, turn, error),
      );
    },
    rejected: (turn, error, data) => {
      const topic = (data as { topic?: unknown } | null | undefined)?.topic;
      return showAgain(turn, error, typeof topic === 'string' ? topic : '');
    },
  };
}
