import { Activity, CloudAdapter, ConfigurationBotFrameworkAuthentication, InvokeResponse, TurnContext } from 'botbuilder';

/** What the SDK hands back once a request's token has been checked. */
export type AuthenticatedRequest = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;

/**
 * CloudAdapter with its two steps apart: authenticate, then run the turn. `CloudAdapter.process`
 * does both and answers 500 for any token error that is not its own `AuthenticationError` class
 * (a forged signature, `nbf` in the future, `alg: none`…), with the error text in the body; the
 * messages endpoint answers those itself.
 */
export class ChatStarterAdapter extends CloudAdapter {
  /** Throws for any token the Bot Framework would not accept (anonymous mode accepts none). */
  authenticate(activity: Activity, authorization: string): Promise<AuthenticatedRequest> {
    return this.botFrameworkAuthentication.authenticateRequest(activity, authorization);
  }

  /** Runs the turn for an authenticated request; an invoke's answer comes back. */
  runTurn(request: AuthenticatedRequest, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(request, activity, logic);
  }
}
