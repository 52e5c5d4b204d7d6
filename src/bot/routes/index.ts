/**
 * The routing table: one route per family of activity, each a small module taking typed input
 * and returning what to answer. The bot (`chatStarterBot.ts`) only reads the activity and calls
 * these. To add a route:
 *   - a card verb: a file in `cardActions/` and one line in `cardActions/index.ts`;
 *   - any other invoke (e.g. `composeExtension/fetchTask`): a file and one line in `invokes.ts`;
 *   - a new family of activity: a file here, one field below, one call in the bot.
 */
import { createCardActionDispatcher } from './cardActions';
import { createInvokeRoutes } from './invokes';
import { createMessageRoute } from './messages';
import { RouteDeps } from './routeDeps';
import { createWelcomeRoute } from './welcome';

export type { RouteDeps } from './routeDeps';

export function createRoutes(deps: RouteDeps) {
  return {
    /** Typed commands. */
    message: createMessageRoute(deps),
    /** Buttons on our cards, as `adaptiveCard/action` invokes or Action.Submit messages. */
    cardAction: createCardActionDispatcher(deps),
    /** Other invokes, by activity name. */
    invokes: createInvokeRoutes(deps),
    /** The bot was added to a conversation. */
    welcome: createWelcomeRoute(deps),
  } as const;
}

export type Routes = ReturnType<typeof createRoutes>;
