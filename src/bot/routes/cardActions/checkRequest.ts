import { CARD_VERBS } from '../../../cards';
import { errorCard } from '../../errorCard';
import { RouteDeps } from '../routeDeps';
import { CardActionRoute } from './cardAction';
import { cardForOutcome } from './chatProgress';

/** The "Creating…" card's refresh: the outcome if there is one, else keep showing progress. */
export function checkRequestRoute(deps: RouteDeps): CardActionRoute<typeof CARD_VERBS.checkRequest> {
  return {
    run: async ({ turn, submission }) => {
      const progress = { peopleCount: 0, topic: '', requestKey: submission.requestKey };
      return deps.requests.recordedOutcome(turn, submission.requestKey).then(
        (outcome) => cardForOutcome(deps, turn, outcome, progress),
        (error: unknown) => errorCard(deps.cards, turn, error),
      );
    },
  };
}
