import { CARD_VERBS } from '../../../cards';
import { cardAnswer } from '../../answer';
import { errorCard } from '../../errorCard';
import { RouteDeps } from '../routeDeps';
import { CardActionRoute } from './cardAction';
import { progressOrOutcomeCard } from './chatProgress';

/** The "Creating…" card's refresh: the outcome if there is one, else keep showing progress. */
export function checkRequestRoute(deps: RouteDeps): CardActionRoute<typeof CARD_VERBS.checkRequest> {
  return {
    run: async ({ turn, submission }) => {
      const progress = { peopleCount: 0, topic: '', requestKey: submission.requestKey };
      return deps.intake.recordedOutcome(turn, submission.requestKey).then(
        (outcome) => cardAnswer(progressOrOutcomeCard(deps, turn, outcome, progress)),
        (error: unknown) => cardAnswer(errorCard(deps.cards, turn, error)),
      );
    },
  };
}
