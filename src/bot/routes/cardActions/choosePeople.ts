import { CARD_VERBS } from '../../../cards';
import { errorCard } from '../../errorCard';
import { StartChatRequests } from '../../startChatRequests';
import { RouteDeps } from '../routeDeps';
import { CardActionRoute } from './cardAction';
import { answerWithOutcome, startAsRequester } from './chatProgress';

/** The choice card ("which Megan?"): the same request goes on with the people picked. */
export function choosePeopleRoute(deps: RouteDeps): CardActionRoute<typeof CARD_VERBS.choosePeople> {
  return {
    run: async (input) => {
      const { turn, submission } = input;
      const work = startAsRequester(turn, () => deps.requests.fromChoice(turn, submission.requestId, submission.choices, input.arrival === 'invoke'));
      const progress = { peopleCount: Object.keys(submission.choices).length, topic: '', requestKey: StartChatRequests.choiceKey(turn, submission.requestId) };
      return answerWithOutcome(deps, input, work, progress, (error) => errorCard(deps.cards, turn, error));
    },
  };
}
