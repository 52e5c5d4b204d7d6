import { ActivityTypes, Middleware, TurnContext } from 'botbuilder';
import { Logger } from '../logging/createLogger';
import { RateGate } from '../pacing/rateGate';

/**
 * Shows "typing…" while a message turn is slow (a throttled Graph can take seconds). Unlike
 * botbuilder's ShowTypingMiddleware, a failed typing send is only logged: it must never reach
 * the adapter's turn-error handler and make the person think their request failed.
 */
export class TypingIndicator implements Middleware {
  /**
   * Typing indicators of all turns together spend at most this share of the Bot Framework's
   * 50 requests/s per app per tenant: under a burst of slow turns (hundreds queued for Graph),
   * one every 2 s each would exceed the connector's limit and cost more CPU than the turns.
   * Over budget, an indicator is skipped, not queued.
   */
  private readonly budget: RateGate;

  constructor(
    private readonly logger: Logger,
    private readonly delayMs = 1_000,
    private readonly periodMs = 2_000,
    budget: { readonly perSecond: number; readonly burst: number } = { perSecond: 10, burst: 20 },
  ) {
    this.budget = new RateGate(budget.perSecond, budget.burst);
  }

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    if (context.activity.type !== ActivityTypes.Message) return next();
    let timer: NodeJS.Timeout | undefined;
    let finished = false;
    const sendTyping = (): void => {
      if (!this.budget.tryTake()) {
        if (!finished) timer = setTimeout(sendTyping, this.periodMs);
        return;
      }
      context.sendActivity({ type: ActivityTypes.Typing, relatesTo: context.activity.relatesTo }).then(
        () => {
          if (!finished) timer = setTimeout(sendTyping, this.periodMs);
        },
        (error: unknown) => this.logger.info({ err: error }, 'could not show the typing indicator'),
      );
    };
    timer = setTimeout(sendTyping, this.delayMs);
    try {
      await next();
    } finally {
      finished = true;
      clearTimeout(timer);
    }
  }
}
