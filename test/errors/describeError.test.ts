import {
  AmbiguousCreateError,
  ChatRateLimitedError,
  MessageTooLongError,
  GraphFaultError,
  InvalidSubmissionError,
  NobodyElseError,
  PeopleNotResolvedError,
  PermissionMissingError,
  StorageFaultError,
  TenantNotAllowedError,
  ThrottledError,
  TooManyPeopleError,
  TopicTooLongError,
} from '../../src/errors';
import { describeError } from '../../src/errors/describeError';

describe('describeError', () => {
  it('explains each person who could not be added, with no correlation id for user errors', () => {
    const { summary, level } = describeError(
      new PeopleNotResolvedError([
        { reason: 'notFound', query: 'Zed' },
        { reason: 'disabled', query: 'diego', displayName: 'Diego Siciliani' },
        { reason: 'ambiguous', query: 'Megan', candidates: [{ id: '1', displayName: 'Megan Bowen', address: 'meganb@example.com' }] },
        { reason: 'notAUser', query: 'Sales' },
      ]),
      'corr-1',
    );
    expect(level).toBe('info');
    expect(summary.correlationId).toBe('');
    expect(summary.problems.map((problem) => problem.query)).toEqual(['Zed', 'diego', 'Megan', 'Sales']);
    expect(summary.problems[1]!.reason).toContain('Diego Siciliani');
    expect(summary.problems[2]!.reason).toContain('Megan Bowen (meganb@example.com)');
  });

  it('asks about a partial name with one candidate instead of claiming several people match it', () => {
    const { summary } = describeError(
      new PeopleNotResolvedError([{ reason: 'ambiguous', query: 'Joh', candidates: [{ id: '1', displayName: 'Johanna Lorenz', address: 'johannal@contoso.com' }] }]),
      'corr-2',
    );
    expect(summary.problems[0]!.reason).toMatch(/did you mean Johanna Lorenz \(johannal@contoso.com\)\?/);
    expect(summary.problems[0]!.reason).not.toMatch(/several/);
  });

  it.each([
    [new TooManyPeopleError(300, 250), /at most 250/],
    [new NobodyElseError(), /at least one other person/],
    [new TenantNotAllowedError('t'), /isn't enabled/],
    [new InvalidSubmissionError('Pick someone.'), /Pick someone\./],
    [new TopicTooLongError(300, 250), /at most 250 characters; yours has 300/],
    [new ChatRateLimitedError('minute', 10, 42), /at most 10 chats a minute\. Nothing was created; try again in 42 seconds/],
    [new ChatRateLimitedError('day', 1, 3600), /at most 1 chat a day\. Nothing was created; try again tomorrow/],
    [new MessageTooLongError(9000, 8000), /up to 8000 characters; yours has 9000\. Nothing was created/],
  ])('gives user errors a clear message: %p', (error, message) => {
    const { summary, level } = describeError(error, 'corr');
    expect(level).toBe('info');
    expect(summary.message).toMatch(message);
  });

  it('names a missing permission and who grants it', () => {
    const { summary, level } = describeError(new PermissionMissingError('Chat.Create', 'req'), 'corr-2');
    expect(level).toBe('error');
    expect(summary.message).toContain('Chat.Create');
    expect(summary.message).toMatch(/Global Administrator/);
    expect(summary.correlationId).toBe('corr-2');
  });

  it.each([
    new ThrottledError(5, 'r'),
    new AmbiguousCreateError('r'),
    new GraphFaultError('boom at graph.ts:1', 500, 'x', 'r'),
    new StorageFaultError('disk on fire'),
    new Error('internal detail at foo.js:12'),
    'a thrown string',
  ])('apologises for faults with a correlation id and no internals: %p', (error) => {
    const { summary, level } = describeError(error, 'corr-3');
    expect(level).toBe('error');
    expect(summary.correlationId).toBe('corr-3');
    expect(`${summary.title} ${summary.message}`).not.toMatch(/boom|disk on fire|internal detail|\.js:|\.ts:/);
  });
});
