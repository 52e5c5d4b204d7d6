import { performance } from 'node:perf_hooks';
import { Client } from '@microsoft/microsoft-graph-client';
import { PersonQuery } from '../src/directory/personQuery';
import { PeopleResolver } from '../src/directory/peopleResolver';
import { SandboxTenant } from '../src/sandbox';
import { graphRoundTrips, tokenRequests } from './graphLog';
import { resolveNaively } from './naiveResolver';
import { SeededDirectory, peopleQueries } from './peopleSample';
import { Summary, summarize } from './stats';

export interface ResolveBenchOptions {
  readonly sandbox: SandboxTenant;
  /** The real Graph client, as the bot builds it (`createGraphClient`). */
  readonly client: Client;
  /** The bot's resolver over a `GraphService` on the same client. */
  readonly resolver: PeopleResolver;
  readonly directory: SeededDirectory;
  readonly requesterId: string;
  readonly peopleCounts: readonly number[];
  readonly runs: number;
  /** Added by the sandbox to every top-level Graph request. */
  readonly latencyMs: number;
}

export interface ResolveRow {
  readonly people: number;
  readonly botRoundTrips: number;
  readonly baselineRoundTrips: number;
  readonly bot: Summary;
  readonly baseline: Summary;
  /** Token requests seen during the measured runs (expected 0: the token is cached). */
  readonly tokenRequests: number;
}

/** One measured resolution: wall time, round trips, and how many of the queries found someone. */
interface Measured {
  readonly ms: number;
  readonly trips: number;
  readonly tokens: number;
  readonly found: number;
}

/**
 * Resolving N people: the bot's batched `PeopleResolver` against one sequential GET per person.
 * Runs alternate between the two (and which goes first), so a noisy neighbour hurts both alike.
 */
export async function runResolveBench(options: ResolveBenchOptions): Promise<ResolveRow[]> {
  const { sandbox, requesterId } = options;
  // The batch is one top-level request; the baseline's GETs are top-level too. Each phase gets
  // the rule for its own kind of request, so batch steps never pay the delay a second time.
  const delayBatches = (): void => sandbox.faults.add({ method: 'POST', path: '/v1.0/$batch', delayMs: options.latencyMs });
  const delayGets = (): void => sandbox.faults.add({ method: 'GET', path: /^\/v1\.0\/users/, delayMs: options.latencyMs });

  const bot = async (queries: readonly PersonQuery[]): Promise<Measured> => {
    sandbox.faults.clear();
    if (options.latencyMs > 0) delayBatches();
    sandbox.requests.clear();
    const start = performance.now();
    const resolution = await options.resolver.resolve({ requesterId, queries, lookupMember: async () => undefined });
    const elapsed = performance.now() - start;
    const log = sandbox.requests.all();
    // Everyone named exists; the bot drops repeats of one person, so "found" is every query it did not report missing.
    const found = queries.length - resolution.problems.filter((problem) => problem.reason === 'notFound').length;
    return { ms: elapsed, trips: graphRoundTrips(log), tokens: tokenRequests(log), found };
  };
  const baseline = async (queries: readonly PersonQuery[]): Promise<Measured> => {
    sandbox.faults.clear();
    if (options.latencyMs > 0) delayGets();
    sandbox.requests.clear();
    const start = performance.now();
    const resolution = await resolveNaively(options.client, requesterId, queries);
    const elapsed = performance.now() - start;
    const log = sandbox.requests.all();
    if (!resolution.requesterFound) throw new Error('the baseline did not find the requester');
    return { ms: elapsed, trips: graphRoundTrips(log), tokens: tokenRequests(log), found: resolution.found };
  };

  // Warm-up: token, TLS session, JIT. Not measured.
  const warmQueries = peopleQueries(options.directory, requesterId, 3);
  await bot(warmQueries);
  await baseline(warmQueries);

  const rows: ResolveRow[] = [];
  for (const people of options.peopleCounts) {
    const queries = peopleQueries(options.directory, requesterId, people);
    const sides = [
      { name: 'bot', measure: bot, ms: [] as number[], trips: new Set<number>() },
      { name: 'baseline', measure: baseline, ms: [] as number[], trips: new Set<number>() },
    ];
    let tokens = 0;
    for (let run = 0; run < options.runs; run += 1) {
      const found: number[] = [];
      for (const side of run % 2 === 0 ? sides : [...sides].reverse()) {
        const result = await side.measure(queries);
        side.ms.push(result.ms);
        side.trips.add(result.trips);
        tokens += result.tokens;
        found.push(result.found);
      }
      // Both must have found everyone named, or the comparison means nothing.
      if (found.some((count) => count !== queries.length)) throw new Error(`N=${people}: found ${found.join(' and ')} of ${queries.length} people`);
    }
    const [botSide, baselineSide] = sides;
    rows.push({
      people,
      botRoundTrips: single(botSide!.trips, botSide!.name),
      baselineRoundTrips: single(baselineSide!.trips, baselineSide!.name),
      bot: summarize(botSide!.ms),
      baseline: summarize(baselineSide!.ms),
      tokenRequests: tokens,
    });
  }
  sandbox.faults.clear();
  return rows;
}

/** Round trips are deterministic; a run that differs (a retry) would make the figures lie. */
function single(values: Set<number>, who: string): number {
  if (values.size !== 1) throw new Error(`${who} made a varying number of round trips: ${[...values].join(', ')}`);
  return [...values][0]!;
}
