/**
 * The routing table: one route per family of activity, each a small module taking typed input
 * and returning an `Answer` (`../answer.ts`). The bot (`chatStarterBot.ts`) only reads the
 * activity, calls these and sends the answer. To add a route:
 *   - a card verb: a file in `cardActions/` and one line in `cardActions/index.ts`;
 *   - another invoke (for example `composeExtension/query`, which has none yet): a file and one
 *     line in `invokes.ts`;
 *   - a new family of activity: a file here, one field below, one call in the bot.
 */
import { createCardActionDispatcher } from './cardActions';
import { createInvokeRoutes } from './invokes';
import { createMessageRoute } from './messages';
import { RouteDeps } from './routeDeps';
import { createWelcomeRoute } from './welcome';

export type { RouteDeps } from './routeDeps';

export function createRoutes(deps: RouteDeps) {
  const cardAction = createCardActionDispatcher(deps);
  return {
    /** Typed commands. */
    message: createMessageRoute(deps),
    /** Buttons on our cards sent as Action.Submit messages (older clients); invokes reach it through `invokes`. */
    cardAction,
    /** Every invoke, by activity name (`adaptiveCard/action` included). */
    invokes: createInvokeRoutes(deps, cardAction),
    /** The bot was added to a conversation. */
    welcome: createWelcomeRoute(deps),
  } as const;
}

export type Routes = ReturnType<typeof createRoutes>;
