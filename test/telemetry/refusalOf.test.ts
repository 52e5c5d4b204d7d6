import { AmbiguousCreateError, ChatRateLimitedError, GraphFaultError, PeopleNotResolvedError, PermissionMissingError, ThrottledError, TooManyPeopleError } from '../../src/errors';
import { refusalsOf } from '../../src/telemetry/refusalOf';

describe('why a request created nothing, as chatstarter.requests.refused counts it', () => {
  it('names each distinct people problem once', () => {
    const error = new PeopleNotResolvedError([
      { reason: 'notFound', query: 'x' },
      { reason: 'notAUser', query: 'y' },
      { reason: 'disabled', query: 'z', displayName: 'Z' },
      { reason: 'ambiguous', query: 'w', candidates: [] },
    ]);
    expect(refusalsOf(error)).toEqual([{ reason: 'not_found' }, { reason: 'disabled_account' }, { reason: 'ambiguous' }]);
  });

  it.each([
    [new ChatRateLimitedError('minute', 10, 30), { reason: 'limit', limit: 'per_minute' }],
    [new ChatRateLimitedError('day', 200, 3600), { reason: 'limit', limit: 'per_day' }],
    [new TooManyPeopleError(300, 200), { reason: 'limit', limit: 'people' }],
    [new PermissionMissingError('Chat.Create', undefined), { reason: 'missing_permission' }],
    [new ThrottledError(undefined, undefined), { reason: 'teams_busy' }],
    [new AmbiguousCreateError(undefined), { reason: 'not_confirmed' }],
    [new GraphFaultError('boom', 500, undefined, undefined), { reason: 'fault' }],
    [new Error('not ours'), { reason: 'fault' }],
  ])('%p → %p', (error, refusal) => {
    expect(refusalsOf(error)).toEqual([refusal]);
  });
});
