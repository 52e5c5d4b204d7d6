import { TurnInfo } from '../../turn/turnInfo';
import { InvokeConversation } from '../invokeConversation';
import { fetchTaskRoute } from './messageExtension/fetchTask';
import { submitActionRoute } from './messageExtension/submitAction';
import { RouteDeps } from './routeDeps';

export interface InvokeInput {
  readonly turn: TurnInfo;
  /** The invoke's `value`, untyped: each route checks it against its own schema. */
  readonly value: unknown;
  /** The conversation it came from: its members, and a way to write to the requester later. */
  readonly conversation: InvokeConversation;
}

/** What the invoke response carries: an HTTP status for the Bot Connector and the body Teams reads. */
export interface InvokeAnswer {
  readonly status: number;
  readonly body?: unknown;
}

export type InvokeRoute = (input: InvokeInput) => Promise<InvokeAnswer>;

/**
 * Invokes by activity `name` (other than `adaptiveCard/action`, which the card-action routes
 * answer). A name not listed here is answered 400 NotSupported (`invokeAnswers.ts`), never
 * botbuilder's 501.
 * To add one (e.g. `composeExtension/fetchTask`): write `routes/<family>/<name>.ts` exporting a
 * factory `(deps) => InvokeRoute`, and add one line below.
 */
export function createInvokeRoutes(deps: RouteDeps): Readonly<Record<string, InvokeRoute>> {
  return {
    'composeExtension/fetchTask': fetchTaskRoute(deps),
    'composeExtension/submitAction': submitActionRoute(deps),
  };
}
