import type { TurnContext } from 'botbuilder';

/**
 * Runs the work of a proactive turn (`continueConversationAsync`, `createConversationAsync`) so
 * that its failure reaches the caller. CloudAdapter hands an error thrown inside such a turn to
 * `onTurnError` and then resolves as if all went well: the caller could not log or react to it,
 * and the error handler would try to post an apology into that conversation.
 */
export async function runProactiveTurn(start: (logic: (context: TurnContext) => Promise<void>) => Promise<void>, work: (context: TurnContext) => Promise<void>): Promise<void> {
  let failure: { readonly error: unknown } | undefined;
  await start(async (context) => {
    try {
      await work(context);
    } catch (error) {
      failure = { error };
    }
  });
  if (failure) throw failure.error;
}
