import { performance } from 'node:perf_hooks';
import type { SandboxTenant } from '../src/sandbox';
import { messageActivity } from '../test/support/teamsActivity';
import type { BotChild } from './botChild';
import type { ReplyCatcher } from './replyCatcher';
import { ms, summarize, type Summary } from './stats';

/** What one request costs with the kickoff card, against the same request without it. */
export interface KickoffBenchResult {
  /** Top-level Graph requests of the first request (the catalog id is looked up once). */
  readonly coldGraphRequests: readonly string[];
  /** Top-level Graph requests per request afterwards, each request the same: `$batch`, `POST /chats`, `POST installedApps`. */
  readonly warmGraphRequests: readonly string[];
  /** Time to the requester's reply (the kickoff goes on after it, in the background). */
  readonly withKickoff: Summary;
  readonly withoutKickoff: Summary;
}

export interface KickoffBenchTarget {
  readonly sandbox: SandboxTenant;
  readonly catcher: ReplyCatcher;
  readonly requesterId: string;
  /** Starts a bot with these extra variables on top of its usual environment. */
  readonly startBot: (extraEnv: Readonly<Record<string, string>>) => Promise<BotChild>;
}

/**
 * The kickoff case of `npm run bench`: a group chat per request with the kickoff card on (the bot
 * installs itself into the chat and posts the card; the reply catcher takes the card as Teams
 * would), then the same with `KICKOFF=off`. Turns one at a time, so the figures are one request's.
 */
export async function runKickoffBench(target: KickoffBenchTarget, options: { readonly turns: number }): Promise<KickoffBenchResult> {
  const withBot = await target.startBot({ KICKOFF: 'on' });
  let cold: string[];
  let warm: string[][];
  let withKickoff: number[];
  try {
    ({ graph: cold } = await oneTurn(target, withBot, 'cold'));
    const runs = [];
    for (let turn = 0; turn < options.turns; turn += 1) runs.push(await oneTurn(target, withBot, `on ${turn}`));
    warm = runs.map((run) => run.graph);
    withKickoff = runs.map((run) => run.latencyMs);
  } finally {
    await withBot.stop();
  }
  const withoutBot = await target.startBot({ KICKOFF: 'off' });
  const withoutKickoff: number[] = [];
  try {
    await oneTurn(target, withoutBot, 'off warm-up');
    for (let turn = 0; turn < options.turns; turn += 1) withoutKickoff.push((await oneTurn(target, withoutBot, `off ${turn}`)).latencyMs);
  } finally {
    await withoutBot.stop();
  }
  const distinct = [...new Set(warm.map((requests) => requests.join(' + ')))];
  if (distinct.length !== 1) throw new Error(`warm requests differ between turns: ${distinct.join(' | ')}`);
  return { coldGraphRequests: cold, warmGraphRequests: warm[0]!, withKickoff: summarize(withKickoff), withoutKickoff: summarize(withoutKickoff) };
}

async function oneTurn(target: KickoffBenchTarget, bot: BotChild, label: string): Promise<{ graph: string[]; latencyMs: number }> {
  target.sandbox.requests.clear();
  const activity = messageActivity({
    serviceUrl: target.catcher.serviceUrl,
    tenantId: target.sandbox.tenantId,
    fromAadObjectId: target.requesterId,
    text: `start chat with Megan Bowen, Adele Vance about Kickoff bench ${label} ${Date.now()} saying Hello both`,
  });
  const conversationId = (activity.conversation as { id: string }).id;
  const start = performance.now();
  const [status, arrivedAt] = await Promise.all([bot.post(activity), target.catcher.nextReply(conversationId, 15_000)]);
  if (status >= 300) throw new Error(`the bot answered ${status}`);
  // The kickoff (install, card) goes on after the reply: its requests belong to this turn.
  await graphQuiet(target.sandbox);
  const graph = target.sandbox.requests.all()
    .filter((entry) => !entry.inBatch && entry.path.startsWith('/v1.0/'))
    .map((entry) => `${entry.method} ${entry.path.replace(/^\/v1\.0\/chats\/[^/]+\//, '/v1.0/chats/{id}/')} ${entry.status}`);
  return { graph, latencyMs: arrivedAt - start };
}

/** Waits until the sandbox has logged no new Graph request for half a second (at most 10 s). */
async function graphQuiet(sandbox: SandboxTenant): Promise<void> {
  let seen = sandbox.requests.all().length;
  let quietSince = performance.now();
  for (const deadline = performance.now() + 10_000; performance.now() < deadline; ) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const now = sandbox.requests.all().length;
    if (now !== seen) {
      seen = now;
      quietSince = performance.now();
    } else if (performance.now() - quietSince >= 500) {
      return;
    }
  }
}

/** Lines for the console. */
export function kickoffLines(result: KickoffBenchResult): string {
  return [
    `Graph requests per request with the kickoff card, warm: ${result.warmGraphRequests.length} (${result.warmGraphRequests.join(', ')})`,
    `First request (catalog id looked up once): ${result.coldGraphRequests.length} (${result.coldGraphRequests.join(', ')})`,
    `Time to the reply, median / p95 (${result.withKickoff.count} requests): with kickoff ${ms(result.withKickoff.median)} / ${ms(result.withKickoff.p95)} ms, ` +
      `KICKOFF=off ${ms(result.withoutKickoff.median)} / ${ms(result.withoutKickoff.p95)} ms`,
  ].join('\n');
}

/** Section 6 of docs/benchmarks.md. */
export function kickoffSection(result: KickoffBenchResult): string[] {
  const list = (requests: readonly string[]): string => requests.map((request) => `\`${request}\``).join(', ');
  return [
    '## 6. The kickoff card',
    '',
    'A group chat per request, one request at a time, with the kickoff card on (the bot installs itself into the new chat and posts',
    'the card there; the reply catcher takes the card as Teams would), then the same requests with `KICKOFF=off`. The result card',
    'goes to the requester as soon as the chat exists; the install and the card follow in the background, so a turn\'s Graph requests',
    'are counted once the sandbox has seen none for half a second. Every warm request is checked to make the same requests.',
    '',
    '| | Graph requests per request | time to the requester\'s reply, median / p95 ms |',
    '|---|---|---:|',
    `| kickoff on, warm (catalog id cached) | **${result.warmGraphRequests.length}**: ${list(result.warmGraphRequests)} | ${ms(result.withKickoff.median)} / ${ms(result.withKickoff.p95)} |`,
    `| kickoff on, first request of the process | ${result.coldGraphRequests.length}: ${list(result.coldGraphRequests)} | |`,
    `| \`KICKOFF=off\` | 2 | ${ms(result.withoutKickoff.median)} / ${ms(result.withoutKickoff.p95)} |`,
    '',
    `The kickoff adds one Graph round trip (the install, paced on its own budget, \`GRAPH_INSTALL_RATE\`, Graph's 30/s per app per tenant) and one`,
    `Bot Connector round trip (the card) to a request, after the reply: the time to the reply with the kickoff on is ${ratio2(result.withKickoff.median / result.withoutKickoff.median)} the time with it off (medians, ${result.withKickoff.count} requests each).`,
  ];
}

function ratio2(value: number): string {
  return `${value.toFixed(2)}×`;
}
