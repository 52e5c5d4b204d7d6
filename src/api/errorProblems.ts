import {
  AmbiguousCreateError,
  ChatRateLimitedError,
  FirstWordsTooLongError,
  GraphFaultError,
  NobodyElseError,
  PeopleNotResolvedError,
  PermissionMissingError,
  PersonProblem,
  StorageFaultError,
  ThrottledError,
  TooManyPeopleError,
  TopicTooLongError,
  UnknownRequesterError,
  isChatStarterError,
} from '../errors';
import { Problem, problem } from './problem';

/** A problem to answer with, its headers, and how the log should rate it. */
export interface ProblemAnswer {
  readonly problem: Problem;
  readonly headers: Record<string, string>;
  readonly level: 'info' | 'error';
}

/** How long a caller is asked to wait when the state store failed (it usually recovers at once). */
const STORE_RETRY_SECONDS = 5;
/** Graph's budget: when no Retry-After came with the last 429. */
const THROTTLED_RETRY_SECONDS = 30;
/** A missing permission needs an administrator: ask again much later. */
const NOT_CONFIGURED_RETRY_SECONDS = 300;

/** One person as the API reports them: what the caller sent, why it failed, and the candidates when several fit. */
export interface PersonReport {
  readonly member: string;
  readonly reason: PersonProblem['reason'];
  readonly candidates?: readonly { readonly id: string; readonly displayName: string; readonly address: string; readonly jobTitle?: string }[];
}

export function peopleProblem(people: readonly PersonReport[]): Problem {
  return problem('peopleNotResolved', 422, 'People not resolved', 'Some of the people named could not be resolved to exactly one enabled account of this tenant; nothing was created.', { people });
}

export function personReport(value: PersonProblem): PersonReport {
  return value.reason === 'ambiguous' ? { member: value.query, reason: 'ambiguous', candidates: value.candidates } : { member: value.query, reason: value.reason };
}

/**
 * The one place an error of a request becomes its answer. The caller's mistakes are 4xx; what
 * is ours or Graph's is 5xx with a correlation id (in the logs too) and never an internal text.
 */
export function problemOfError(error: unknown, correlationId: string): ProblemAnswer {
  const user = (value: Problem, headers: Record<string, string> = {}): ProblemAnswer => ({ problem: value, headers, level: 'info' });
  const fault = (value: Problem, retryAfterSeconds?: number): ProblemAnswer => ({
    problem: { ...value, correlationId },
    headers: retryAfterSeconds === undefined ? {} : { 'retry-after': String(retryAfterSeconds) },
    level: 'error',
  });
  if (!isChatStarterError(error)) return fault(problem('internal', 500, 'Internal error', 'The chat could not be started because of a fault on our side; nothing was created. Quote the correlation id to support.'));
  if (error instanceof PeopleNotResolvedError) return user(peopleProblem(error.problems.map(personReport)));
  if (error instanceof UnknownRequesterError) {
    return user(peopleProblem([{ member: 'requester', reason: 'notFound' }]));
  }
  if (error instanceof NobodyElseError) return user(problem('invalidChat', 422, 'Nobody to chat with', 'The members name nobody other than the requester.'));
  if (error instanceof TooManyPeopleError) return user(problem('invalidChat', 422, 'Too many people', `A new chat holds at most ${error.limit} people; ${error.count} were named.`));
  if (error instanceof TopicTooLongError || error instanceof FirstWordsTooLongError) {
    return user(problem('badRequest', 400, 'Invalid request body', error instanceof TopicTooLongError ? `The topic has ${error.length} characters; at most ${error.limit} are allowed.` : `The message has ${error.length} characters; at most ${error.limit} are allowed.`));
  }
  if (error instanceof ChatRateLimitedError) {
    return user(
      problem('rateLimited', 429, 'Too many chats', `The requester may start at most ${error.limit} chats per ${error.window}. Try again in ${error.retryAfterSeconds} s.`),
      { 'retry-after': String(error.retryAfterSeconds) },
    );
  }
  if (error instanceof ThrottledError) {
    return fault(problem('unavailable', 503, 'Microsoft Graph is busy', 'Microsoft Graph\u2019s budget for new chats is spent for now; nothing was created. Try again after Retry-After.'), error.retryAfterSeconds ?? THROTTLED_RETRY_SECONDS);
  }
  if (error instanceof StorageFaultError) {
    return fault(problem('unavailable', 503, 'State store unavailable', 'The service cannot record requests right now; nothing was created. Try again after Retry-After.'), STORE_RETRY_SECONDS);
  }
  if (error instanceof PermissionMissingError) {
    return fault(problem('unavailable', 503, 'Not configured', 'The service lacks a Microsoft Graph permission an administrator must grant; nothing was created.'), NOT_CONFIGURED_RETRY_SECONDS);
  }
  if (error instanceof AmbiguousCreateError) return fault(unconfirmedProblem());
  if (error instanceof GraphFaultError) {
    return fault(problem('unavailable', 502, 'Microsoft Graph failed', 'Microsoft Graph answered with an error; nothing was created.'));
  }
  return fault(problem('internal', 500, 'Internal error', 'The chat could not be started because of a fault on our side; nothing was created. Quote the correlation id to support.'));
}

/** Graph did not say whether the group chat exists: sending the POST again could make a second one. */
export function unconfirmedProblem(): Problem {
  return problem(
    'unconfirmed',
    502,
    'Creation not confirmed',
    'Microsoft Teams did not confirm whether the chat was created; it may exist. The same Idempotency-Key gets this answer again for 10 minutes, so no second chat is made by a retry; look for the chat before starting it with a new key.',
  );
}
