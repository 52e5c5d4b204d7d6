import { CARD_VERBS, type CardVerb } from '../../../cards';
import { InvalidSubmissionError } from '../../../errors';
import { TurnInfo } from '../../../turn/turnInfo';
import { Answer, cardAnswer } from '../../answer';
import { CardSubmission, isCardVerb, parseCardSubmission } from '../../cardSubmissions';
import { errorCard } from '../../errorCard';
import { requireAllowedTenant } from '../../tenantPolicy';
import { RouteDeps } from '../routeDeps';
import type { LaterReach } from '../../laterReach';
import { Arrival, CardActionRoute, CardActionRoutes } from './cardAction';
import { checkRequestRoute } from './checkRequest';
import { choosePeopleRoute } from './choosePeople';
import { showFormRoute } from './showForm';
import { startChatRoute } from './startChat';

/** One line per verb. A new verb: its schema in `cardSubmissions.ts`, a route file here, a line below. */
export function createCardActionRoutes(deps: RouteDeps): CardActionRoutes {
  return {
    [CARD_VERBS.showForm]: showFormRoute(deps),
    [CARD_VERBS.startChat]: startChatRoute(deps),
    [CARD_VERBS.choosePeople]: choosePeopleRoute(deps),
    [CARD_VERBS.checkRequest]: checkRequestRoute(deps),
  };
}

export interface CardActionArrival {
  readonly turn: TurnInfo;
  /** From the invoke's `action.verb` (Execute) or from the data (Submit). */
  readonly verb: unknown;
  readonly data: unknown;
  readonly arrival: Arrival;
  readonly reach: LaterReach;
}

/** Checks the tenant, types the data for its verb and hands it to that verb's route. */
export function createCardActionDispatcher(deps: RouteDeps): (action: CardActionArrival) => Promise<Answer> {
  const routes = createCardActionRoutes(deps);
  // Each route is typed for its own verb; the table guarantees the pairing.
  const routeFor = (verb: unknown): CardActionRoute<CardVerb> | undefined => (isCardVerb(verb) ? (routes[verb] as CardActionRoute<CardVerb>) : undefined);
  return async ({ turn, verb, data, arrival, reach }) => {
    try {
      requireAllowedTenant(turn, deps.allowedTenantIds);
      let submission: CardSubmission;
      try {
        submission = parseCardSubmission(verb, data, deps.objectIds, deps.peoplePerChat);
      } catch (error) {
        const rejected = routeFor(verb)?.rejected;
        if (error instanceof InvalidSubmissionError && rejected) return cardAnswer(rejected(turn, error, data));
        throw error;
      }
      turn.logger.info({ verb: submission.verb }, 'card action received');
      return await (routes[submission.verb] as CardActionRoute<CardVerb>).run({ turn, submission, arrival, reach });
    } catch (error) {
      return cardAnswer(errorCard(deps.cards, turn, error));
    }
  };
}
