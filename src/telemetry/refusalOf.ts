import { ChatRateLimitedError, PeopleNotResolvedError, PersonProblem, isChatStarterError } from '../errors';
import type { RefusalReason } from './telemetry';

export interface Refusal {
  readonly reason: RefusalReason;
  /** For `limit`: which one (people, per_minute, per_day, message_length, topic_length, first_words_length). */
  readonly limit?: string;
}

/** Our error codes → the refusal reasons of `chatstarter.requests.refused` (docs/telemetry.md). */
const BY_CODE: Record<string, Refusal> = {
  TOO_MANY_PEOPLE: { reason: 'limit', limit: 'people' },
  MESSAGE_TOO_LONG: { reason: 'limit', limit: 'message_length' },
  TOPIC_TOO_LONG: { reason: 'limit', limit: 'topic_length' },
  FIRST_WORDS_TOO_LONG: { reason: 'limit', limit: 'first_words_length' },
  GRAPH_PERMISSION_MISSING: { reason: 'missing_permission' },
  GRAPH_THROTTLED: { reason: 'teams_busy' },
  GRAPH_CREATE_AMBIGUOUS: { reason: 'not_confirmed' },
  TENANT_NOT_ALLOWED: { reason: 'not_allowed' },
  CHANNEL_NOT_SUPPORTED: { reason: 'not_allowed' },
  UNKNOWN_REQUESTER: { reason: 'not_allowed' },
  INVALID_SUBMISSION: { reason: 'invalid_request' },
  NOBODY_ELSE: { reason: 'invalid_request' },
  REQUEST_EXPIRED: { reason: 'expired' },
};

const BY_PROBLEM: Record<PersonProblem['reason'], RefusalReason> = {
  notFound: 'not_found',
  notAUser: 'not_found',
  ambiguous: 'ambiguous',
  disabled: 'disabled_account',
  emptyGroup: 'empty_group',
  // Nobody found, and groups could not be searched: the permission is what is missing.
  groupsUnreadable: 'missing_permission',
  hiddenMembership: 'missing_permission',
};

/**
 * Why a request created nothing, one entry per distinct reason: a request naming someone unknown
 * and someone disabled counts once under each. Anything we did not foresee is a `fault`.
 */
export function refusalsOf(error: unknown): Refusal[] {
  if (error instanceof PeopleNotResolvedError) {
    const reasons = new Set(error.problems.map((problem) => BY_PROBLEM[problem.reason]));
    return [...reasons].map((reason) => ({ reason }));
  }
  if (error instanceof ChatRateLimitedError) return [{ reason: 'limit', limit: error.window === 'minute' ? 'per_minute' : 'per_day' }];
  if (isChatStarterError(error)) return [BY_CODE[error.code] ?? { reason: 'fault' }];
  return [{ reason: 'fault' }];
}
