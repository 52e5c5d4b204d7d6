import type { ServerResponse } from 'node:http';

/**
 * An RFC 9457 problem: what went wrong, in a fixed shape a program can branch on (`type`) and a
 * sentence a person can read (`detail`). Never a stack, an internal message or a token.
 */
export interface Problem {
  /** A URN per kind of problem (RFC 9457 needs no dereferenceable URL). */
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  /** Extension members, e.g. the people not found. */
  readonly [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** The problem types the API answers with; docs/openapi.json lists the same. */
export const PROBLEM_TYPES = {
  badRequest: 'urn:chat-starter:problem:bad-request',
  unauthorized: 'urn:chat-starter:problem:unauthorized',
  forbidden: 'urn:chat-starter:problem:forbidden',
  notFound: 'urn:chat-starter:problem:not-found',
  methodNotAllowed: 'urn:chat-starter:problem:method-not-allowed',
  idempotencyConflict: 'urn:chat-starter:problem:idempotency-key-in-use',
  idempotencyMismatch: 'urn:chat-starter:problem:idempotency-key-reused',
  peopleNotResolved: 'urn:chat-starter:problem:people-not-resolved',
  invalidChat: 'urn:chat-starter:problem:invalid-chat',
  rateLimited: 'urn:chat-starter:problem:rate-limited',
  unavailable: 'urn:chat-starter:problem:unavailable',
  unconfirmed: 'urn:chat-starter:problem:creation-unconfirmed',
  internal: 'urn:chat-starter:problem:internal',
} as const;

export function problem(type: keyof typeof PROBLEM_TYPES, status: number, title: string, detail: string, extensions: Record<string, unknown> = {}): Problem {
  return { type: PROBLEM_TYPES[type], title, status, detail, ...extensions };
}

/** Writes a problem; `close` when the rest of the request body was never read. */
export function writeProblem(res: ServerResponse, value: Problem, headers: Record<string, string> = {}, close = false): void {
  if (res.headersSent) return;
  res.writeHead(value.status, { ...headers, 'content-type': PROBLEM_CONTENT_TYPE, ...(close ? { connection: 'close' } : {}) });
  res.end(JSON.stringify(value));
}

export function writeJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  res.writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}
