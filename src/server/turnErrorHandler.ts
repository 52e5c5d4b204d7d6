import { ActivityTypes, INVOKE_RESPONSE_KEY, InvokeResponse, TurnContext } from 'botbuilder';
import { Logger } from '../logging/createLogger';

/**
 * The adapter's last resort, for an error no handler turned into a reply (a bug or a connector
 * fault). A message turn gets an apology in the chat. An invoke gets its answer in the invoke
 * response, where Teams shows it on the card or dialog; a chat message would appear out of
 * context, and with no response at all the adapter would answer 501.
 */
export function createTurnErrorHandler(logger: Logger): (context: TurnContext, error: Error) => Promise<void> {
  return async (context, error) => {
    const { activity } = context;
    logger.error({ err: error, activityId: activity.id, conversationId: activity.conversation?.id, activityType: activity.type }, 'unhandled turn error');
    try {
      if (activity.type === ActivityTypes.Invoke) {
        if (!context.turnState.get(INVOKE_RESPONSE_KEY)) await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: invokeFault(activity.name) });
        return;
      }
      await context.sendActivity('Sorry, something went wrong on my side. Please try again in a moment.');
    } catch (sendError) {
      logger.error({ err: sendError }, 'could not tell the user about a turn error');
    }
  };
}

function invokeFault(name: string | undefined): InvokeResponse {
  const value = { code: 'InternalError', message: 'Sorry, something went wrong on my side. Please try again in a moment.' };
  // Universal Actions read an error from the body's own statusCode/type.
  if (name === 'adaptiveCard/action') return { status: 500, body: { statusCode: 500, type: 'application/vnd.microsoft.error', value } };
  return { status: 500, body: value };
}
