import { QUEUED_NOTICE_AFTER_MS, queuedNotice } from '../../src/bot/queuedNotice';

describe('queuedNotice', () => {
  it('says nothing about a short wait', () => {
    expect(queuedNotice({ ahead: 40, estimatedWaitMs: QUEUED_NOTICE_AFTER_MS - 1 })).toBeUndefined();
  });

  it('says how many are ahead and about how long, then that the link will follow', () => {
    expect(queuedNotice({ ahead: 1, estimatedWaitMs: 3_200 })).toBe(
      "Teams is creating a lot of chats right now, so yours is queued: 1 request is ahead of yours (about 4 seconds). I'll post the link here as soon as it's ready.",
    );
    expect(queuedNotice({ ahead: 57, estimatedWaitMs: 12_000 })).toMatch(/57 requests are ahead of yours \(about 12 seconds\)/);
  });
});
