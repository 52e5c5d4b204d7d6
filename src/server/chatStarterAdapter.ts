import { Activity, CloudAdapter, ConfigurationBotFrameworkAuthentication, InvokeResponse, TurnContext } from 'botbuilder';
import { AuthenticationFailure, classifyAuthenticationFailure } from './authenticationFailure';
import { KeySetCheck } from './channelKeySet';
import { TokenExpectations, tokenProblemOnItsFace } from './tokenOnItsFace';

/** What the SDK hands back once a request's token has been checked. */
export type AuthenticatedRequest = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;

export type Authentication = { readonly ok: true; readonly request: AuthenticatedRequest } | { readonly ok: false; readonly failure: AuthenticationFailure };

export interface ChatStarterAdapterOptions {
  /** The channel's key set, looked at when a refusal may be ours; absent in anonymous mode. */
  readonly keySet?: KeySetCheck;
  /**
   * How long checking one token may take. The SDK fetches the key set with no timeout, so a key
   * server that never answers would hold every request; past this bound the key set is unavailable.
   */
  readonly authenticationTimeoutMs?: number;
  /** What a channel token must say (audience, issuer); with `keySet`, absent in anonymous mode. */
  readonly tokenExpectations?: TokenExpectations;
  readonly now?: () => number;
}

/**
 * CloudAdapter with its two steps apart: authenticate, then run the turn. `CloudAdapter.process`
 * does both and answers 500 for any token error that is not its own `AuthenticationError` class
 * (a forged signature, `nbf` in the future, `alg: none`…), with the error text in the body, and
 * 401 for a key set it could not fetch (which loses the activity); the messages endpoint answers
 * those itself.
 */
export class ChatStarterAdapter extends CloudAdapter {
  constructor(authentication: ConfigurationBotFrameworkAuthentication, private readonly options: ChatStarterAdapterOptions = {}) {
    super(authentication);
  }

  /** Checks the request's token; a refusal says whether the token or the bot's key set was at fault. */
  async authenticate(activity: Activity, authorization: string): Promise<Authentication> {
    const timeoutMs = this.options.authenticationTimeoutMs ?? 10_000;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timedOut'>((resolve) => {
      timer = setTimeout(() => resolve('timedOut'), timeoutMs);
    });
    try {
      const checked = await Promise.race([this.botFrameworkAuthentication.authenticateRequest(activity, authorization), timedOut]);
      if (checked === 'timedOut') {
        const reason = `the token check did not finish within ${timeoutMs} ms`;
        return { ok: false, failure: this.onItsFace({ kind: 'keySetUnavailable', reason, cause: 'the Bot Framework key set did not answer in time' }, activity, authorization) };
      }
      return { ok: true, request: checked };
    } catch (error) {
      return { ok: false, failure: this.onItsFace(await classifyAuthenticationFailure(error, authorization, this.options.keySet), activity, authorization) };
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Without the key set no token can be accepted, but one that fails a check needing no key
   * (shape, algorithm, issuer, audience, service URL, lifetime) would be refused whatever the key
   * set held: that is the sender's mistake (401), not a reason for Teams to deliver it again. Only
   * a well-formed token whose key could not be looked up is left as the key set's fault (503).
   */
  private onItsFace(failure: AuthenticationFailure, activity: Activity, authorization: string): AuthenticationFailure {
    const expected = this.options.tokenExpectations;
    if (failure.kind !== 'keySetUnavailable' || !expected) return failure;
    const nowSeconds = Math.floor((this.options.now ?? Date.now)() / 1000);
    const problem = tokenProblemOnItsFace(authorization, activity.serviceUrl, expected, nowSeconds);
    return problem === undefined ? failure : { kind: 'unauthorized', reason: `token invalid on its face: ${problem} (the key set is unavailable: ${failure.cause})` };
  }

  /** Runs the turn for an authenticated request; an invoke's answer comes back. */
  runTurn(request: AuthenticatedRequest, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(request, activity, logic);
  }
}
