import { ChatStarterError } from './chatStarterError';

/** Error names @azure/identity gives when the app cannot obtain a token (no request reached Graph). */
export const SIGN_IN_FAILURES: ReadonlySet<string> = new Set(['AuthenticationError', 'CredentialUnavailableError', 'AggregateAuthenticationError']);

/** The app lacks a Graph application permission; an admin must grant it. */
export class PermissionMissingError extends ChatStarterError {
  readonly code = 'GRAPH_PERMISSION_MISSING';
  readonly kind = 'fault' as const;
  constructor(readonly permission: string, readonly requestId: string | undefined, options?: { cause?: unknown }) {
    super(`The app lacks the Graph application permission ${permission}`, options);
  }
}

/** Graph kept answering 429 beyond what the bot may wait within a turn. */
export class ThrottledError extends ChatStarterError {
  readonly code = 'GRAPH_THROTTLED';
  readonly kind = 'fault' as const;
  constructor(readonly retryAfterSeconds: number | undefined, readonly requestId: string | undefined, options?: { cause?: unknown }) {
    super('Microsoft Graph is throttling requests', options);
  }
}

/**
 * Graph failed in a way that leaves it unknown whether a group chat was created (503/504 or a
 * dropped connection on POST /chats). Retrying could create a duplicate, so we don't.
 */
export class AmbiguousCreateError extends ChatStarterError {
  readonly code = 'GRAPH_CREATE_AMBIGUOUS';
  readonly kind = 'fault' as const;
  constructor(readonly requestId: string | undefined, options?: { cause?: unknown }) {
    super('Graph did not confirm whether the chat was created', options);
  }
}

/** Our code for a request stopped while it waited for Graph's budget: it never left the process. */
export const NOT_SENT = 'NotSent';

/** Any other Graph failure (including authentication of the app itself). */
export class GraphFaultError extends ChatStarterError {
  /**
   * True when Graph certainly did nothing: a 4xx answer, or the app could not even sign in.
   * A 5xx or an unreadable answer may hide work done.
   */
  get definite(): boolean {
    if (this.status !== undefined) return this.status >= 400 && this.status < 500;
    return this.graphCode !== undefined && (SIGN_IN_FAILURES.has(this.graphCode) || this.graphCode === NOT_SENT);
  }

  readonly code = 'GRAPH_FAULT';
  readonly kind = 'fault' as const;
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly graphCode: string | undefined,
    readonly requestId: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The state store failed; nothing was created. */
export class StorageFaultError extends ChatStarterError {
  readonly code = 'STORAGE_FAULT';
  readonly kind = 'fault' as const;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/**
 * A proactive message could not be delivered through the Bot Connector. `notInRoster` is Teams'
 * `403 BotNotInConversationRoster` (the app is not, or not yet, in that chat); `throttled` a 429.
 */
export class ProactiveSendError extends ChatStarterError {
  readonly code = 'PROACTIVE_SEND_FAILED';
  readonly kind = 'fault' as const;
  constructor(
    readonly reason: 'notInRoster' | 'throttled' | 'failed',
    readonly status: number | undefined,
    readonly retryAfterSeconds: number | undefined,
    options?: { cause?: unknown },
  ) {
    super(`The Bot Connector did not deliver the message (${reason}${status !== undefined ? `, ${status}` : ''})`, options);
  }
}
