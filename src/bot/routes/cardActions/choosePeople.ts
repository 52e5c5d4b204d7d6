import { CARD_VERBS } from '../../../cards';
import { errorCard } from '../../errorCard';
import { RequestIntake } from '../../requestIntake';
import { RouteDeps } from '../routeDeps';
import { CardActionRoute } from './cardAction';
import { answerWithOutcome } from './chatProgress';

/** The choice card ("which Megan?"): the same request goes on with the people picked. */
export function choosePeopleRoute(deps: RouteDeps): CardActionRoute<typeof CARD_VERBS.choosePeople> {
  return {
    run: async (input) => {
      const { turn, submission } = input;
      const progress = { peopleCount: Object.keys(submission.choices).length, topic: '', requestKey: RequestIntake.choiceKey(turn, submission.requestId) };
      return answerWithOutcome(
        deps,
        input,
        (tellLater) => deps.intake.fromChoice(turn, { requestId: submission.requestId, choices: submission.choices, whenInProgress: whenInProgressFor(input.arrival), tellLater }),
        progress,
        (error) => errorCard(deps.cards, turn, error),
      );
    },
  };
}

/** A card must show a result, so an invoke waits for its twin; a message's twin answers in the chat. */
export function whenInProgressFor(arrival: 'invoke' | 'message'): 'waitForTwin' | 'answerNow' {
  return arrival === 'invoke' ? 'waitForTwin' : 'answerNow';
}
