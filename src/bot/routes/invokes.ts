import { TurnInfo } from '../../turn/turnInfo';
import type { Answer } from '../answer';
import { isCardActionValue } from '../cardActionValue';
import { InvokeConversation } from '../invokeConversation';
import { malformedCardAction, unsupportedCardAction } from '../invokeAnswers';
import type { LaterReach } from '../laterReach';
import type { CardActionArrival } from './cardActions';
import { fetchTaskRoute } from './messageExtension/fetchTask';
import { submitActionRoute } from './messageExtension/submitAction';
import { RouteDeps } from './routeDeps';

export interface InvokeInput {
  readonly turn: TurnInfo;
  /** The invoke's `value`, untyped: each route checks it against its own schema. */
  readonly value: unknown;
  /** The conversation it came from: its members. */
  readonly conversation: InvokeConversation;
  /** How to reach the person after the answer. */
  readonly reach: LaterReach;
}

export type InvokeRoute = (input: InvokeInput) => Promise<Answer>;

/**
 * Every invoke the bot answers, by activity `name`: the one table the bot dispatches invokes
 * through. A name not listed here is answered 400 NotSupported (`invokeAnswers.ts`), never
 * botbuilder's 501. To add one: write `routes/<family>/<name>.ts` exporting a factory
 * `(deps) => InvokeRoute`, and add one line below.
 */
export function createInvokeRoutes(deps: RouteDeps, cardAction: (action: CardActionArrival) => Promise<Answer>): Readonly<Record<string, InvokeRoute>> {
  return {
    'adaptiveCard/action': cardActionInvokeRoute(cardAction),
    'composeExtension/fetchTask': fetchTaskRoute(deps),
    'composeExtension/submitAction': submitActionRoute(deps),
  };
}

/**
 * `adaptiveCard/action` (Action.Execute): checked for its shape here, typed per verb by the
 * card-action dispatcher, which the Action.Submit messages of older clients reach too.
 */
function cardActionInvokeRoute(cardAction: (action: CardActionArrival) => Promise<Answer>): InvokeRoute {
  return async ({ turn, value, reach }) => {
    if (!isCardActionValue(value)) {
      turn.logger.info('malformed card action refused');
      return malformedCardAction();
    }
    const action = (value as { readonly action: { readonly type: string; readonly verb?: unknown; readonly data?: unknown } }).action;
    // Only Action.Execute arrives as this invoke; anything else is a client's mistake.
    if (action.type !== 'Action.Execute') return unsupportedCardAction(action.type);
    return cardAction({ turn, verb: action.verb, data: action.data, arrival: 'invoke', reach });
  };
}
