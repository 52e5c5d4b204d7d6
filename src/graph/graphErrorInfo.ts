import { GraphError } from '@microsoft/microsoft-graph-client';

/** What a failed SDK call tells us, reduced to the fields our decisions use. */
export interface GraphFailure {
  /** HTTP status, `network` (no answer), or `auth` (the app could not get a token). */
  readonly status: number | 'network' | 'auth';
  readonly code: string | undefined;
  readonly message: string;
  readonly requestId: string | undefined;
  readonly retryAfter: string | null;
}

const CREDENTIAL_ERRORS = new Set(['AuthenticationError', 'CredentialUnavailableError', 'AggregateAuthenticationError']);

export function describeGraphFailure(error: unknown): GraphFailure {
  if (error instanceof GraphError) {
    const code = error.code ?? undefined;
    if (code !== undefined && CREDENTIAL_ERRORS.has(code)) {
      return { status: 'auth', code, message: error.message, requestId: undefined, retryAfter: null };
    }
    const status = error.statusCode > 0 ? error.statusCode : 'network';
    return {
      status,
      code,
      message: error.message,
      requestId: error.requestId ?? error.headers?.get('request-id') ?? undefined,
      retryAfter: error.headers?.get('retry-after') ?? null,
    };
  }
  const name = error instanceof Error ? error.name : undefined;
  if (name !== undefined && CREDENTIAL_ERRORS.has(name)) {
    return { status: 'auth', code: name, message: (error as Error).message, requestId: undefined, retryAfter: null };
  }
  return { status: 'network', code: name, message: error instanceof Error ? error.message : String(error), requestId: undefined, retryAfter: null };
}
