import { performance } from 'node:perf_hooks';
import { CARD_VERBS } from '../src/cards/cardData';
import type { SandboxTenant } from '../src/sandbox';
import { cardActionInvoke, messageActivity } from '../test/support/teamsActivity';
import type { BotChild } from './botChild';
import type { CaughtActivity, ReplyCatcher } from './replyCatcher';
import { ms, summarize, type Summary } from './stats';

/** The seeded distribution list of 30 account managers (env/sandbox-directory.json). */
export const GROUP_OF_30 = 'northwind@contoso.com';

/** Graph's work for one turn: the top-level requests, and the steps inside its `$batch` requests. */
export interface TurnGraph {
  readonly requests: readonly string[];
  readonly batchSteps: readonly string[];
}

export interface GroupBenchResult {
  readonly groupSize: number;
  /** Typed request → the confirmation card (GROUP_CONFIRM_ABOVE at its default, 20). */
  readonly typed: TurnGraph;
  readonly toConfirmation: Summary;
  /** The confirmation clicked → the result card with the link. */
  readonly confirmed: TurnGraph;
  readonly confirmToLink: Summary;
  /** The same typed request with GROUP_CONFIRM_ABOVE=200 (no question): typed → link in one turn. */
  readonly direct: TurnGraph;
  readonly directToLink: Summary;
  /** The same bot, a typed request naming two people: the reference a group adds to. */
  readonly twoPeople: TurnGraph;
  readonly twoPeopleToLink: Summary;
}

export interface GroupBenchTarget {
  readonly sandbox: SandboxTenant;
  readonly catcher: ReplyCatcher;
  readonly requesterId: string;
  readonly startBot: (extraEnv: Readonly<Record<string, string>>) => Promise<BotChild>;
}

/**
 * The group case of `npm run bench`: a typed request naming one group of 30, one at a time. With
 * the default threshold it is two turns (the confirmation card, then the click); with
 * GROUP_CONFIRM_ABOVE=200 one. Every turn of a kind is checked to make the same Graph requests.
 */
export async function runGroupBench(target: GroupBenchTarget, options: { readonly turns: number }): Promise<GroupBenchResult> {
  const asking = await target.startBot({});
  const typed: TurnGraph[] = [];
  const confirmed: TurnGraph[] = [];
  const toConfirmation: number[] = [];
  const confirmToLink: number[] = [];
  const twoPeople: TurnGraph[] = [];
  const twoPeopleToLink: number[] = [];
  try {
    await confirmedRequest(target, asking, 'warm-up');
    await typedTurn(target, asking, 'start chat with Megan Bowen, Adele Vance about Group bench warm-up', hasResultCard);
    for (let turn = 0; turn < options.turns; turn += 1) {
      const run = await confirmedRequest(target, asking, String(turn));
      typed.push(run.typed.graph);
      toConfirmation.push(run.typed.latencyMs);
      confirmed.push(run.click.graph);
      confirmToLink.push(run.click.latencyMs);
      const people = await typedTurn(target, asking, `start chat with Megan Bowen, Adele Vance about Group bench ${turn} ${Date.now()}`, hasResultCard);
      twoPeople.push(people.graph);
      twoPeopleToLink.push(people.latencyMs);
    }
  } finally {
    await asking.stop();
  }
  const direct: TurnGraph[] = [];
  const directToLink: number[] = [];
  const straight = await target.startBot({ GROUP_CONFIRM_ABOVE: '200' });
  try {
    await typedTurn(target, straight, `start chat with ${GROUP_OF_30} about Group bench direct warm-up`, hasResultCard);
    for (let turn = 0; turn < options.turns; turn += 1) {
      const run = await typedTurn(target, straight, `start chat with ${GROUP_OF_30} about Group bench direct ${turn} ${Date.now()}`, hasResultCard);
      direct.push(run.graph);
      directToLink.push(run.latencyMs);
    }
  } finally {
    await straight.stop();
  }
  const chat = target.sandbox.chats.list().at(-1);
  return {
    groupSize: (chat?.members.length ?? 1) - 1,
    typed: same(typed, 'typed'),
    toConfirmation: summarize(toConfirmation),
    confirmed: same(confirmed, 'confirmed'),
    confirmToLink: summarize(confirmToLink),
    direct: same(direct, 'direct'),
    directToLink: summarize(directToLink),
    twoPeople: same(twoPeople, 'two people'),
    twoPeopleToLink: summarize(twoPeopleToLink),
  };
}

interface TimedTurn {
  readonly graph: TurnGraph;
  readonly latencyMs: number;
  readonly card: unknown;
}

async function confirmedRequest(target: GroupBenchTarget, bot: BotChild, label: string): Promise<{ typed: TimedTurn; click: TimedTurn }> {
  const typed = await typedTurn(target, bot, `start chat with ${GROUP_OF_30} about Group bench ${label} ${Date.now()}`, (activity) => cardJson(activity).includes(CARD_VERBS.choosePeople));
  const requestId = /"requestId":"([^"]+)"/.exec(JSON.stringify(typed.card))?.[1];
  if (requestId === undefined) throw new Error('the confirmation card carries no requestId');
  return { typed, click: await clickTurn(target, bot, requestId) };
}

async function typedTurn(target: GroupBenchTarget, bot: BotChild, text: string, isFinal: (activity: CaughtActivity) => boolean): Promise<TimedTurn> {
  target.sandbox.requests.clear();
  const activity = messageActivity({ serviceUrl: target.catcher.serviceUrl, tenantId: target.sandbox.tenantId, fromAadObjectId: target.requesterId, text });
  const conversationId = (activity.conversation as { id: string }).id;
  const start = performance.now();
  const [status, reply] = await Promise.all([bot.post(activity), target.catcher.reply(conversationId, 30_000, isFinal)]);
  if (status >= 300) throw new Error(`the bot answered ${status}`);
  return { graph: graphOf(target.sandbox), latencyMs: reply.arrivedAt - start, card: reply.activity.attachments?.[0]?.content };
}

/** The confirmation card's button, as Teams sends it: the result card comes back in the invoke's answer. */
async function clickTurn(target: GroupBenchTarget, bot: BotChild, requestId: string): Promise<TimedTurn> {
  target.sandbox.requests.clear();
  const invoke = cardActionInvoke({
    serviceUrl: target.catcher.serviceUrl, tenantId: target.sandbox.tenantId, fromAadObjectId: target.requesterId,
    verb: CARD_VERBS.choosePeople, replyToId: `confirmation-${requestId}`, data: { requestId },
  });
  const start = performance.now();
  const res = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(invoke) });
  const body = (await res.json()) as { value?: unknown };
  const latencyMs = performance.now() - start;
  if (!JSON.stringify(body.value ?? null).includes('teams.microsoft.com/l/chat')) throw new Error(`the confirmation did not answer with the chat's link: ${JSON.stringify(body).slice(0, 300)}`);
  return { graph: graphOf(target.sandbox), latencyMs, card: body.value };
}

function hasResultCard(activity: CaughtActivity): boolean {
  return cardJson(activity).includes('teams.microsoft.com/l/chat');
}

function cardJson(activity: CaughtActivity): string {
  return JSON.stringify(activity.attachments ?? []);
}

function graphOf(sandbox: SandboxTenant): TurnGraph {
  const entries = sandbox.requests.all().filter((entry) => entry.path.startsWith('/v1.0/'));
  const name = (entry: (typeof entries)[number]): string => `${entry.method} ${entry.path.replace(/^\/v1\.0\/groups\/[^/]+\//, '/v1.0/groups/{id}/')} ${entry.status}`;
  return { requests: entries.filter((entry) => !entry.inBatch).map(name), batchSteps: entries.filter((entry) => entry.inBatch).map(name) };
}

function same(turns: readonly TurnGraph[], what: string): TurnGraph {
  const distinct = [...new Set(turns.map((turn) => JSON.stringify(turn)))];
  if (distinct.length !== 1) throw new Error(`${what} turns made different Graph requests: ${distinct.join(' | ')}`);
  return turns[0]!;
}

/** Lines for the console. */
export function groupLines(result: GroupBenchResult): string {
  const describe = (graph: TurnGraph): string => `${graph.requests.length} requests (${graph.requests.join(', ')}), ${graph.batchSteps.length} batch steps`;
  return [
    `Typed request naming a group of ${result.groupSize}: ${describe(result.typed)}; confirmation card median ${ms(result.toConfirmation.median)} ms`,
    `Confirmation clicked: ${describe(result.confirmed)}; link median ${ms(result.confirmToLink.median)} ms`,
    `GROUP_CONFIRM_ABOVE=200: ${describe(result.direct)}; link median ${ms(result.directToLink.median)} ms`,
    `Two people named: ${describe(result.twoPeople)}; link median ${ms(result.twoPeopleToLink.median)} ms`,
  ].join('\n');
}

/** Section 7 of docs/benchmarks.md. */
export function groupSection(result: GroupBenchResult): string[] {
  const steps = (graph: TurnGraph): string => [...new Set(graph.batchSteps)].map((step) => `\`${step}\` ×${graph.batchSteps.filter((other) => other === step).length}`).join(', ');
  const row = (label: string, graph: TurnGraph, time: Summary): string =>
    `| ${label} | **${graph.requests.length}**: ${graph.requests.map((request) => `\`${request}\``).join(', ')} | ${graph.batchSteps.length}: ${steps(graph)} | ${ms(time.median)} / ${ms(time.p95)} |`;
  return [
    '## 7. A group named',
    '',
    `A typed request naming one distribution list of ${result.groupSize} people (\`start chat with ${GROUP_OF_30} about …\`), one request at a time, \`KICKOFF=off\`.`,
    'With `GROUP_CONFIRM_ABOVE` at its default (20) the bot first answers with the confirmation card and creates the chat when it is clicked',
    '(the click is an `adaptiveCard/action` invoke; the result card comes back in its answer); with `GROUP_CONFIRM_ABOVE=200` the same request',
    'creates the chat in one turn. Two people named by display name, on the same bot, are the reference. Every turn of a kind is checked to make',
    'the same Graph requests.',
    '',
    '| turn | Graph requests | steps inside the `$batch` requests | time to the answer, median / p95 ms |',
    '|---|---|---|---:|',
    row(`typed, group of ${result.groupSize} → confirmation card`, result.typed, result.toConfirmation),
    row('confirmation clicked → link', result.confirmed, result.confirmToLink),
    row(`typed, group of ${result.groupSize}, \`GROUP_CONFIRM_ABOVE=200\` → link`, result.direct, result.directToLink),
    row('typed, two people → link (reference)', result.twoPeople, result.twoPeopleToLink),
    '',
    `The people and the group are looked up in one \`$batch\` (the requester, the person look-up for the address, and one group look-up`,
    'for up to five typed names or addresses); the members then take one more `$batch` round trip (the group\'s users, nested groups included,',
    `999 to a page, so a group the bot accepts is one page). A group of ${result.groupSize} without the question reaches the link in ` +
      `${(result.directToLink.median / result.twoPeopleToLink.median).toFixed(2)}× the time two named people take (medians, ${result.directToLink.count} requests each).`,
  ];
}
