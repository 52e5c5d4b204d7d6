import type { CreateChatOptions } from '../graph/graphTypes';

type QueuePosition = Parameters<NonNullable<CreateChatOptions['onQueued']>>[0];

/** Waits shorter than this pass without a word: the result itself comes soon enough. */
export const QUEUED_NOTICE_AFTER_MS = 3_000;

/**
 * What a person who typed a request reads when their chat waits its turn for Graph's budget;
 * nothing for a short wait.
 */
export function queuedNotice(position: QueuePosition): string | undefined {
  if (position.estimatedWaitMs < QUEUED_NOTICE_AFTER_MS) return undefined;
  const seconds = Math.ceil(position.estimatedWaitMs / 1000);
  const ahead = position.ahead === 1 ? '1 request is ahead of yours' : `${position.ahead} requests are ahead of yours`;
  return `Teams is creating a lot of chats right now, so yours is queued: ${ahead} (about ${seconds} seconds). I'll post the link here as soon as it's ready.`;
}
