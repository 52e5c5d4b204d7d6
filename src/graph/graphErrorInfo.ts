import { GraphError } from '@microsoft/microsoft-graph-client';
import { SIGN_IN_FAILURES as CREDENTIAL_ERRORS } from '../errors/faults';

/** What a failed SDK call tells us, reduced to the fields our decisions use. */
export interface GraphFailure {
  /** HTTP status, `network` (no answer), or `auth` (the app could not get a token). */
  readonly status: number | 'network' | 'auth';
  readonly code: string | undefined;
  readonly message: string;
  readonly requestId: string | undefined;
  readonly retryAfter: string | null;
}

export function describeGraphFailure(error: unknown): GraphFailure {
  if (error instanceof GraphError) {
    const code = error.code ?? undefined;
    if (code !== undefined && CREDENTIAL_ERRORS.has(code)) {
      return { status: 'auth', code, message: error.message, requestId: undefined, retryAfter: null };
    }
    // A 2xx here means the answer broke while its body was read (a timeout, a dropped connection):
    // Graph did the work, the caller just did not hear about it.
    const status = error.statusCode >= 300 ? error.statusCode : 'network';
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
