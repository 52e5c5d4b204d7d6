import { ActivityTypes, Middleware, TurnContext } from 'botbuilder';
import { Logger } from '../logging/createLogger';

/**
 * Shows "typing…" while a message turn is slow (a throttled Graph can take seconds). Unlike
 * botbuilder's ShowTypingMiddleware, a failed typing send is only logged: it must never reach
 * the adapter's turn-error handler and make the person think their request failed.
 */
export class TypingIndicator implements Middleware {
  constructor(
    private readonly logger: Logger,
    private readonly delayMs = 1_000,
    private readonly periodMs = 2_000,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    if (context.activity.type !== ActivityTypes.Message) return next();
    let timer: NodeJS.Timeout | undefined;
    let finished = false;
    const sendTyping = (): void => {
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
