import { ChatStarterError } from './chatStarterError';

/** Which counter a person ran into. */
export type RateWindow = 'minute' | 'day';

/** The person has started as many chats as the configured limit allows for now. Nothing was created. */
export class ChatRateLimitedError extends ChatStarterError {
  readonly code = 'CHAT_RATE_LIMITED';
  readonly kind = 'user' as const;
  constructor(readonly window: RateWindow, readonly limit: number, readonly retryAfterSeconds: number) {
    super(`At most ${limit} chats per ${window}; try again in ${retryAfterSeconds} s`);
  }
}

/** A typed message longer than the bot reads. */
export class MessageTooLongError extends ChatStarterError {
  readonly code = 'MESSAGE_TOO_LONG';
  readonly kind = 'user' as const;
  constructor(readonly length: number, readonly limit: number) {
    super(`The message has ${length} characters; at most ${limit} are read`);
  }
}
