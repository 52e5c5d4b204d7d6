import { performance } from 'node:perf_hooks';
import { messageActivity } from '../test/support/teamsActivity';
import { BotChild } from './botChild';
import { SeededDirectory, startChatText } from './peopleSample';
import { RemoteSandbox } from './remoteSandbox';
import { CaughtActivity, ReplyCatcher } from './replyCatcher';

export interface BurstOptions {
  readonly requests: number;
  /** The sandbox throttles `POST /chats` at this many requests per second, as Graph does. */
  readonly throttlePerSecond: number;
  /** Numbers the topics, so this burst's chats can be told apart. */
  readonly firstTurn: number;
  readonly replyTimeoutMs: number;
}

export interface BurstResult {
  readonly requests: number;
  readonly throttlePerSecond: number;
  /** requests / throttle rate: the least time Graph allows for them. */
  readonly boundMs: number;
  /** From sending the first request until the last final reply arrived. */
  readonly lastReplyMs: number;
  readonly created: number;
  /** Chats beyond one for the same request (same topic). */
  readonly duplicates: number;
  /** Final replies that were not a created chat (e.g. "Teams is busy"). */
  readonly failed: number;
  /** Requests that got no final reply at all. */
  readonly lost: number;
  readonly chatPosts: number;
  readonly throttledPosts: number;
  /** Replies sent before the final one ("queued, N ahead of you"). */
  readonly interimReplies: number;
  readonly peakRssKiB: number;
  /** `performance.now()` when the first request was sent. */
  readonly startedAt: number;
}

export const TOPIC_PREFIX = 'Burst topic';

/** A reply that carries a created chat's link (the result card), as opposed to an error or a "queued" note. */
function isChatResult(activity: CaughtActivity): boolean {
  return JSON.stringify(activity.attachments ?? []).includes('/l/chat/19%3A');
}

/** A final reply: the result card or an error card; interim notes are plain text. */
function isFinal(activity: CaughtActivity): boolean {
  return (activity.attachments ?? []).length > 0;
}

/**
 * `requests` distinct group-chat requests (each its own
 * conversation and topic) sent all at once to a bot whose Graph throttles `POST /chats`.
 */
export async function runBurst(
  target: { readonly bot: BotChild; readonly catcher: ReplyCatcher; readonly sandbox: RemoteSandbox; readonly directory: SeededDirectory; readonly requesterId: string },
  options: BurstOptions,
): Promise<BurstResult> {
  const { bot, catcher, sandbox } = target;
  const chatsBefore = new Set((await sandbox.report()).chats.map((chat) => chat.id));
  await sandbox.throttle('POST', '/v1.0/chats', options.throttlePerSecond);
  let interim = 0;
  const activities = Array.from({ length: options.requests }, (_, index) =>
    messageActivity({
      serviceUrl: catcher.serviceUrl,
      tenantId: sandbox.identity.tenantId,
      fromAadObjectId: target.requesterId,
      text: startChatText(target.directory, target.requesterId, options.firstTurn + index).replace('Benchmark topic', TOPIC_PREFIX),
    }),
  );
  const started = performance.now();
  const outcomes = await Promise.all(
    activities.map(async (activity) => {
      const conversationId = (activity.conversation as { id: string }).id;
      const replied = catcher
        .reply(conversationId, options.replyTimeoutMs, (caught) => {
          if (isFinal(caught)) return true;
          interim += 1;
          return false;
        })
        .catch(() => undefined);
      const [status, reply] = await Promise.all([bot.post(activity).catch(() => 0), replied]);
      return { status, reply };
    }),
  );
  const report = await sandbox.report();
  await sandbox.unthrottle();

  const replies = outcomes.flatMap((outcome) => (outcome.reply ? [outcome.reply] : []));
  const lastReplyMs = replies.length > 0 ? Math.max(...replies.map((reply) => reply.arrivedAt)) - started : Number.NaN;
  const newChats = report.chats.filter((chat) => !chatsBefore.has(chat.id) && (chat.topic ?? '').startsWith(TOPIC_PREFIX));
  const perTopic = new Map<string, number>();
  for (const chat of newChats) perTopic.set(chat.topic ?? '', (perTopic.get(chat.topic ?? '') ?? 0) + 1);
  return {
    requests: options.requests,
    throttlePerSecond: options.throttlePerSecond,
    boundMs: (options.requests / options.throttlePerSecond) * 1000,
    lastReplyMs,
    created: perTopic.size,
    duplicates: [...perTopic.values()].reduce((sum, count) => sum + (count - 1), 0),
    failed: replies.filter((reply) => !isChatResult(reply.activity)).length,
    lost: outcomes.length - replies.length,
    chatPosts: report.chatPostStatuses.length,
    throttledPosts: report.chatPostStatuses.filter((status) => status === 429).length,
    interimReplies: interim,
    peakRssKiB: await bot.peakRssKiB(),
    startedAt: started,
  };
}
