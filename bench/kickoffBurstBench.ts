import { performance } from 'node:perf_hooks';
import { BurstOptions, BurstResult, TOPIC_PREFIX, runBurst } from './burstBench';
import type { BotChild } from './botChild';
import type { SeededDirectory } from './peopleSample';
import type { RemoteSandbox } from './remoteSandbox';
import type { ReplyCatcher, RosterVisit } from './replyCatcher';
import { summarize, type Summary } from './stats';

export interface KickoffBurstOptions extends BurstOptions {
  /** How long Teams keeps the bot out of each new chat's roster after it installs itself. */
  readonly rosterLagMs: number;
  /** After the last reply, how long the kickoff cards may take before the missing ones count as missing. */
  readonly kickoffTimeoutMs: number;
}

export interface KickoffBurstResult {
  readonly burst: BurstResult;
  readonly rosterLagMs: number;
  /** The burst's bound (Graph's chat budget), then the roster lag. */
  readonly boundMs: number;
  /** From sending the first request until the last kickoff card was taken. */
  readonly lastKickoffMs: number;
  /** Chats that got their kickoff card. */
  readonly posted: number;
  /** Created chats that got none. */
  readonly missing: number;
  /** Cards beyond one per chat. */
  readonly duplicates: number;
  /** Per chat: from the install until the card was taken, beyond the lag (ms). */
  readonly beyondLag: Summary;
  /** Posts refused as not in the roster, over all chats. */
  readonly rosterRefusals: number;
  /** `POST /chats/{id}/installedApps` sent, and how many of them answered 409 (installed again). */
  readonly installs: number;
  readonly installsAgain: number;
}

/**
 * The burst of section 4 with the kickoff card on, while the reply catcher plays Teams' roster
 * delay: each new chat refuses the bot's posts for `rosterLagMs` after its first one (the bot
 * makes that right after installing itself), as Teams does for seconds after an install. When does
 * the last kickoff card land, against the burst's bound plus that lag?
 */
export async function runKickoffBurst(
  target: { readonly bot: BotChild; readonly catcher: ReplyCatcher; readonly sandbox: RemoteSandbox; readonly directory: SeededDirectory; readonly requesterId: string },
  options: KickoffBurstOptions,
): Promise<KickoffBurstResult> {
  const chatsBefore = new Set((await target.sandbox.report()).chats.map((chat) => chat.id));
  const visits = target.catcher.admitToNewChatsAfter(options.rosterLagMs);
  const stopInstalls = target.sandbox.onInstalled((chatId) => target.catcher.installed(chatId));
  try {
    const burst = await runBurst(target, options);
    const created = (await target.sandbox.report()).chats.filter((chat) => !chatsBefore.has(chat.id) && (chat.topic ?? '').startsWith(TOPIC_PREFIX)).map((chat) => chat.id);
    await everyCard(created, visits, options.kickoffTimeoutMs);
    const report = await target.sandbox.report();
    const cardsOf = (chatId: string): readonly number[] => visits.get(chatId)?.cards ?? [];
    const landed = created.filter((chatId) => cardsOf(chatId).length > 0);
    const lastCard = Math.max(...landed.map((chatId) => cardsOf(chatId)[0]!));
    return {
      burst,
      rosterLagMs: options.rosterLagMs,
      boundMs: burst.boundMs + options.rosterLagMs,
      lastKickoffMs: landed.length > 0 ? lastCard - burst.startedAt : Number.NaN,
      posted: landed.length,
      missing: created.length - landed.length,
      duplicates: landed.reduce((sum, chatId) => sum + cardsOf(chatId).length - 1, 0),
      beyondLag: summarize(landed.map((chatId) => cardsOf(chatId)[0]! - (visits.get(chatId)!.installedAt ?? Number.NaN) - options.rosterLagMs)),
      rosterRefusals: [...visits.values()].reduce((sum, visit) => sum + visit.refusals, 0),
      installs: report.installStatuses.length,
      installsAgain: report.installStatuses.filter((status) => status === 409).length,
    };
  } finally {
    stopInstalls();
    target.catcher.admitAtOnce();
  }
}

/** Waits until every chat has its card, or `timeoutMs` passes without a new one. */
async function everyCard(chatIds: readonly string[], visits: ReadonlyMap<string, RosterVisit>, timeoutMs: number): Promise<void> {
  const count = (): number => chatIds.filter((chatId) => (visits.get(chatId)?.cards.length ?? 0) > 0).length;
  let seen = count();
  let lastProgress = performance.now();
  while (seen < chatIds.length && performance.now() - lastProgress < timeoutMs) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const now = count();
    if (now !== seen) {
      seen = now;
      lastProgress = performance.now();
    }
  }
  // Anything still in flight (a duplicate would come now) gets a moment more.
  await new Promise((resolve) => setTimeout(resolve, 1_000));
}

const s1 = (valueMs: number): string => (valueMs / 1000).toFixed(1);

/** Lines for the console. */
export function kickoffBurstLines(result: KickoffBurstResult): string {
  return [
    `${result.burst.requests} requests, roster lag ${s1(result.rosterLagMs)} s: last kickoff card at ${s1(result.lastKickoffMs)} s (bound ${s1(result.boundMs)} s, ` +
      `${s1(result.lastKickoffMs - result.boundMs)} s over); last reply ${s1(result.burst.lastReplyMs)} s, so the last card ${s1(result.lastKickoffMs - result.burst.lastReplyMs)} s after it`,
    `cards ${result.posted} of ${result.burst.created} chats, missing ${result.missing}, duplicates ${result.duplicates}; per chat beyond the lag median ${s1(result.beyondLag.median)} s, ` +
      `p95 ${s1(result.beyondLag.p95)} s, max ${s1(result.beyondLag.max)} s; roster refusals ${result.rosterRefusals}; installs ${result.installs} (${result.installsAgain} again)`,
  ].join('\n');
}

/** Section 8 of docs/benchmarks.md. */
export function kickoffBurstSection(result: KickoffBurstResult): string[] {
  const burst = result.burst;
  return [
    '## 8. A burst with the kickoff card, while Teams keeps the bot out of each new chat',
    '',
    `The burst of section 4 (${burst.requests} group chats at once, \`POST /chats\` throttled at ${burst.throttlePerSecond}/s by the sandbox) with the kickoff card on,`,
    `while the reply catcher plays Teams' roster delay: each new chat answers the bot's posts \`403 BotNotInConversationRoster\` until ${s1(result.rosterLagMs)} s after`,
    'the bot installed itself there (the sandbox tells the catcher of each install as it happens), then takes them. The bound is the burst\'s',
    '(Graph\'s chat budget) plus that delay: the last chat cannot exist before then, and its card cannot land before the delay has passed after it.',
    '"Beyond the delay" is, per chat, the time from the install until its card was taken, less the delay.',
    '`node dist-bench/bench/kickoffBurstOnly.js [requests] [perSecond] [lagMs]` runs this section alone.',
    '',
    '| requests at once | roster delay | bound | last kickoff card | over the bound | last reply (last chat created) | last card after the last reply | cards | missing | duplicates | beyond the delay per chat, median / p95 / max | roster refusals | installs (again) |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---|',
    `| ${burst.requests} | ${s1(result.rosterLagMs)} s | ${s1(result.boundMs)} s | **${s1(result.lastKickoffMs)} s** | ${s1(result.lastKickoffMs - result.boundMs)} s | ${s1(burst.lastReplyMs)} s | ` +
      `**${s1(result.lastKickoffMs - burst.lastReplyMs)} s** | ` +
      `${result.posted} | ${result.missing} | ${result.duplicates} | ${s1(result.beyondLag.median)} / ${s1(result.beyondLag.p95)} / ${s1(result.beyondLag.max)} s | ${result.rosterRefusals} | ${result.installs} (${result.installsAgain}) |`,
  ];
}
