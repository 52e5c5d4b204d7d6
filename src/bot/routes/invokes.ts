import { TurnInfo } from '../../turn/turnInfo';
import { RouteDeps } from './routeDeps';

export interface InvokeInput {
  readonly turn: TurnInfo;
  /** The invoke's `value`, untyped: each route checks it against its own schema. */
  readonly value: unknown;
}

/** What the invoke response carries: an HTTP status for the Bot Connector and the body Teams reads. */
export interface InvokeAnswer {
  readonly status: number;
  readonly body?: unknown;
}

export type InvokeRoute = (input: InvokeInput) => Promise<InvokeAnswer>;

/**
 * Invokes by activity `name` (other than `adaptiveCard/action`, which the card-action routes
 * answer). A name not listed here gets botbuilder's default answer (501 Not Implemented).
 * To add one (e.g. `composeExtension/fetchTask`): write `routes/<family>/<name>.ts` exporting a
 * factory `(deps) => InvokeRoute`, and add one line below.
 */
export function createInvokeRoutes(_deps: RouteDeps): Readonly<Record<string, InvokeRoute>> {
  return {};
}
