/**
 * The one error taxonomy of Chat Starter. Every error the bot raises on purpose is a
 * `ChatStarterError` with a stable `code`; code elsewhere branches on the class or the code,
 * never on message text. `describeError` (in this folder) says what the person is told; the bot
 * renders that (`src/bot/errorCard.ts`, the one place errors become replies).
 */
export type ErrorKind = 'user' | 'fault';

export abstract class ChatStarterError extends Error {
  /** Stable, machine-readable; part of our logs' contract. */
  abstract readonly code: string;
  /** `user`: the person can fix it (logged at info). `fault`: something broke (logged at error). */
  abstract readonly kind: ErrorKind;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

export function isChatStarterError(value: unknown): value is ChatStarterError {
  return value instanceof ChatStarterError;
}
