import type { LoggedRequest, RequestLog } from './types';

/** Everything the sandbox answered, in order, for assertions. */
export class InMemoryRequestLog implements RequestLog {
  private entries: LoggedRequest[] = [];

  record(entry: LoggedRequest): void {
    this.entries.push(entry);
  }

  all(): LoggedRequest[] {
    return [...this.entries];
  }

  clear(): void {
    this.entries = [];
  }
}

const SECRET_FIELDS = new Set(['client_secret', 'client_assertion', 'assertion', 'refresh_token', 'password']);

/** Form fields that prove identity are replaced before a token request is logged. */
export function redactForm(form: Record<string, string>): Record<string, string> {
  const copy: Record<string, string> = {};
  for (const [key, value] of Object.entries(form)) {
    copy[key] = SECRET_FIELDS.has(key) ? '[redacted]' : value;
  }
  return copy;
}

/** Header names lower-cased; the bearer token itself is not kept, only that one was sent. */
export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const copy: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) {
    const name = key.toLowerCase();
    copy[name] = name === 'authorization' ? value.replace(/^(\S+)\s+.*$/, '$1 [redacted]') : value;
  }
  return copy;
}
