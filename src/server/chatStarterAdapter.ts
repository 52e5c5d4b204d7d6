import { Activity, CloudAdapter, ConfigurationBotFrameworkAuthentication, InvokeResponse, TurnContext } from 'botbuilder';
import { AuthenticationFailure, classifyAuthenticationFailure } from './authenticationFailure';
import { KeySetCheck } from './channelKeySet';

/** What the SDK hands back once a request's token has been checked. */
export type AuthenticatedRequest = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;

export type Authentication = { readonly ok: true; readonly request: AuthenticatedRequest } | { readonly ok: false; readonly failure: AuthenticationFailure };

/**
 * CloudAdapter with its two steps apart: authenticate, then run the turn. `CloudAdapter.process`
 * does both and answers 500 for any token error that is not its own `AuthenticationError` class
 * (a forged signature, `nbf` in the future, `alg: none`…), with the error text in the body, and
 * 401 for a key set it could not fetch (which loses the activity); the messages endpoint answers
 * those itself.
 */
export class ChatStarterAdapter extends CloudAdapter {
  /** `keySet`: the channel's key set, looked at when a refusal may be ours (absent in anonymous mode). */
  constructor(authentication: ConfigurationBotFrameworkAuthentication, private readonly keySet?: KeySetCheck) {
    super(authentication);
  }

  /** Checks the request's token; a refusal says whether the token or the bot's key set was at fault. */
  async authenticate(activity: Activity, authorization: string): Promise<Authentication> {
    try {
      return { ok: true, request: await this.botFrameworkAuthentication.authenticateRequest(activity, authorization) };
    } catch (error) {
      return { ok: false, failure: await classifyAuthenticationFailure(error, authorization, this.keySet) };
    }
  }

  /** Runs the turn for an authenticated request; an invoke's answer comes back. */
  runTurn(request: AuthenticatedRequest, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(request, activity, logic);
  }
}
