/**
 * A Graph failure that knows its HTTP status and turns itself into Graph's error body:
 * `{"error": {"code", "message", "innerError": {"date", "request-id", "client-request-id"}}}`.
 */
export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'GraphError';
  }
}

export function isGraphError(value: unknown): value is GraphError {
  return value instanceof GraphError;
}

export interface RequestIds {
  requestId: string;
  clientRequestId: string;
}

export function graphErrorBody(code: string, message: string, ids: RequestIds): unknown {
  return {
    error: {
      code,
      message,
      innerError: {
        date: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
        'request-id': ids.requestId,
        'client-request-id': ids.clientRequestId,
      },
    },
  };
}

/** Codes Graph uses for the statuses a fault rule can inject. */
export function faultCodeFor(status: number): { code: string; message: string } {
  switch (status) {
    case 429:
      return { code: 'TooManyRequests', message: 'Too many requests. Please retry after the time given in Retry-After.' };
    case 500:
      return { code: 'InternalServerError', message: 'An internal server error occurred.' };
    case 502:
      return { code: 'BadGateway', message: 'Bad gateway.' };
    case 503:
      return { code: 'ServiceUnavailable', message: 'The service is temporarily unavailable. Please retry later.' };
    case 504:
      return { code: 'GatewayTimeout', message: 'The gateway timed out while waiting for the backend service.' };
    default:
      return { code: status >= 500 ? 'UnknownError' : 'BadRequest', message: `Injected fault ${status}.` };
  }
}
