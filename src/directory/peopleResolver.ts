import { PersonQuery } from './personQuery';
import { GraphFaultError, PermissionMissingError, PersonProblem, UnknownRequesterError } from '../errors';
import { GraphApi, GraphSubRequest, GraphSubResponse } from '../graph/graphTypes';
import { RetryPolicyOptions } from '../graph/retryPolicy';
import { runBatched } from '../graph/runBatched';
import { Sleep } from '../graph/sleep';
import type { Telemetry } from '../telemetry/telemetry';
import { ChatParticipant, participantId } from './chatParticipant';
import { DirectoryUser, displayAddress, readDirectoryUser } from './directoryUser';
import { userByIdUrl, usersByAddressUrl, usersByNameUrl } from './lookupRequests';
import { MatchOutcome, pickByAddress, pickByName } from './pickMatch';

/** What the Bot Connector knows of a conversation member (from `TeamsInfo.getMember`). */
export interface MemberInfo {
  readonly aadObjectId?: string;
  readonly tenantId?: string;
}
export type MemberLookup = (memberId: string) => Promise<MemberInfo | undefined>;

export interface ResolveRequest {
  readonly requesterId: string;
  readonly queries: readonly PersonQuery[];
  readonly lookupMember: MemberLookup;
  readonly abortSignal?: AbortSignal;
}

export interface Resolution {
  readonly requester: DirectoryUser;
  /** Everyone else, each once, the requester left out. */
  readonly participants: readonly ChatParticipant[];
  readonly problems: readonly PersonProblem[];
  /** The requester named themself (harmless; they are always in the chat). */
  readonly namedSelf: boolean;
  /**
   * The queries as asked, each @mention replaced by the ids it resolved to. A request that goes on
   * later (a choice card's answer) uses these: the member look-up needs its turn, which is over then.
   */
  readonly queries: readonly PersonQuery[];
}

export interface PeopleResolverOptions {
  readonly graph: GraphApi;
  readonly homeTenantId: string;
  readonly retryPolicy?: RetryPolicyOptions;
  readonly sleep?: Sleep;
  /** A span around the directory look-up (its batches, retries and budget waits). */
  readonly telemetry?: Telemetry;
}

/** A query after mentions are turned into ids: what must be looked up, and how. */
type Lookup =
  | { readonly kind: 'id'; readonly id: string; readonly text: string }
  | { readonly kind: 'address'; readonly address: string; readonly text: string }
  | { readonly kind: 'name'; readonly name: string; readonly text: string }
  | { readonly kind: 'federated'; readonly id: string; readonly tenantId: string; readonly text: string }
  | { readonly kind: 'unresolvable'; readonly text: string };

const MENTION_CONCURRENCY = 4;
const REQUESTER_REQUEST_ID = 'requester';

/**
 * Turns what the user typed into directory users, in as few Graph round trips as possible: the
 * requester and every person (up to 19 others) go in one JSON batch.
 */
export class PeopleResolver {
  constructor(private readonly options: PeopleResolverOptions) {}

  async resolve(request: ResolveRequest): Promise<Resolution> {
    const home = this.options.homeTenantId.toLowerCase();
    const asked = await this.resolveMentions(request.queries, request.lookupMember, home);
    const queries = request.queries.map((query, index) => resolvedQuery(query, asked[index]!));
    const lookups = dedupeLookups(asked);
    const requesterId = request.requesterId.toLowerCase();

    const subRequests: GraphSubRequest[] = [{ id: REQUESTER_REQUEST_ID, method: 'GET', url: userByIdUrl(requesterId) }];
    lookups.forEach((lookup, index) => {
      const url = lookupUrl(lookup);
      if (url !== undefined) subRequests.push({ id: `q${index}`, method: 'GET', url });
    });
    const lookUp = () => runBatched(this.options.graph, subRequests, {
      ...(this.options.retryPolicy ? { retryPolicy: this.options.retryPolicy } : {}),
      ...(this.options.sleep ? { sleep: this.options.sleep } : {}),
      ...(request.abortSignal ? { abortSignal: request.abortSignal } : {}),
    });
    const answers = await (this.options.telemetry ? this.options.telemetry.inSpan('people.lookup', lookUp, { 'lookup.count': subRequests.length }) : lookUp());

    const requester = readRequester(answers.get(REQUESTER_REQUEST_ID));
    const participants: ChatParticipant[] = [];
    const problems: PersonProblem[] = [];
    lookups.forEach((lookup, index) => {
      const outcome = interpret(lookup, answers.get(`q${index}`));
      if ('participant' in outcome) participants.push(outcome.participant);
      else problems.push(outcome.problem);
    });

    const seen = new Set<string>([requester.id]);
    const namedSelf = participants.some((participant) => participantId(participant) === requester.id);
    const unique = participants.filter((participant) => {
      const key = participantId(participant);
      return seen.has(key) ? false : (seen.add(key), true);
    });
    return { requester, participants: unique, problems, namedSelf, queries };
  }

  private async resolveMentions(queries: readonly PersonQuery[], lookupMember: MemberLookup, home: string): Promise<Lookup[]> {
    const results: Lookup[] = new Array<Lookup>(queries.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < queries.length) {
        const index = next++;
        results[index] = await toLookup(queries[index]!, lookupMember, home);
      }
    };
    await Promise.all(Array.from({ length: Math.min(MENTION_CONCURRENCY, queries.length) }, () => worker()));
    return results;
  }
}

async function toLookup(query: PersonQuery, lookupMember: MemberLookup, home: string): Promise<Lookup> {
  switch (query.kind) {
    case 'objectId':
      return { kind: 'id', id: query.id, text: query.text };
    case 'address':
      return { kind: 'address', address: query.address, text: query.text };
    case 'name':
      return { kind: 'name', name: query.name, text: query.text };
    case 'federated':
      return query.tenantId === home ? { kind: 'id', id: query.id, text: query.text } : { kind: 'federated', id: query.id, tenantId: query.tenantId, text: query.text };
    case 'mention': {
      const member = await lookupMember(query.memberId);
      const id = member?.aadObjectId?.toLowerCase();
      if (!id) return { kind: 'unresolvable', text: query.text };
      const tenant = member?.tenantId?.toLowerCase();
      if (tenant && tenant !== home) return { kind: 'federated', id, tenantId: tenant, text: query.text };
      return { kind: 'id', id, text: query.text };
    }
  }
}

/** A mention as the ids it resolved to; every other query as it was. */
function resolvedQuery(query: PersonQuery, lookup: Lookup): PersonQuery {
  if (query.kind !== 'mention') return query;
  if (lookup.kind === 'id') return { kind: 'objectId', id: lookup.id, text: query.text };
  if (lookup.kind === 'federated') return { kind: 'federated', id: lookup.id, tenantId: lookup.tenantId, text: query.text };
  return query;
}

/** The same person named twice is looked up once. */
function dedupeLookups(lookups: readonly Lookup[]): Lookup[] {
  const seen = new Set<string>();
  return lookups.filter((lookup) => {
    const key = lookupKey(lookup);
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

function lookupKey(lookup: Lookup): string {
  switch (lookup.kind) {
    case 'id':
      return `id:${lookup.id}`;
    case 'address':
      return `address:${lookup.address.toLowerCase()}`;
    case 'name':
      return `name:${lookup.name.toLocaleLowerCase()}`;
    case 'federated':
      return `federated:${lookup.id}@${lookup.tenantId}`;
    case 'unresolvable':
      return `unresolvable:${lookup.text}`;
  }
}

function lookupUrl(lookup: Lookup): string | undefined {
  switch (lookup.kind) {
    case 'id':
      return userByIdUrl(lookup.id);
    case 'address':
      return usersByAddressUrl(lookup.address);
    case 'name':
      return usersByNameUrl(lookup.name);
    case 'federated':
    case 'unresolvable':
      return undefined;
  }
}

function readRequester(answer: GraphSubResponse | undefined): DirectoryUser {
  if (answer && answer.status === 200) {
    const user = readDirectoryUser(answer.body);
    if (user) return user;
  }
  if (answer && (answer.status === 404 || answer.status === 400)) throw new UnknownRequesterError();
  throw failureOf(answer);
}

type Interpretation = { readonly participant: ChatParticipant } | { readonly problem: PersonProblem };

function interpret(lookup: Lookup, answer: GraphSubResponse | undefined): Interpretation {
  switch (lookup.kind) {
    case 'federated':
      return { participant: { kind: 'federated', id: lookup.id, tenantId: lookup.tenantId, label: lookup.text } };
    case 'unresolvable':
      return { problem: { reason: 'notAUser', query: lookup.text } };
    case 'id': {
      if (answer && (answer.status === 404 || answer.status === 400)) return { problem: { reason: 'notFound', query: lookup.text } };
      if (!answer || answer.status !== 200) throw failureOf(answer);
      const user = readDirectoryUser(answer.body);
      return fromOutcome(lookup.text, user ? { kind: 'one', user } : { kind: 'none' });
    }
    case 'address':
    case 'name': {
      if (!answer || answer.status !== 200) throw failureOf(answer);
      const users = readUserList(answer.body);
      return fromOutcome(lookup.text, lookup.kind === 'name' ? pickByName(lookup.name, users) : pickByAddress(users));
    }
  }
}

function fromOutcome(query: string, outcome: MatchOutcome): Interpretation {
  switch (outcome.kind) {
    case 'none':
      return { problem: { reason: 'notFound', query } };
    case 'several':
      return { problem: { reason: 'ambiguous', query, candidates: outcome.candidates.map(candidateOf) } };
    case 'unconfirmed':
      // The choice card with one option: the person confirms the only match of a partial name.
      return { problem: { reason: 'ambiguous', query, candidates: [candidateOf(outcome.user)] } };
    case 'one':
      if (!outcome.user.accountEnabled) return { problem: { reason: 'disabled', query, displayName: outcome.user.displayName } };
      return { participant: { kind: 'directory', user: outcome.user } };
  }
}

function candidateOf(user: DirectoryUser): Extract<PersonProblem, { reason: 'ambiguous' }>['candidates'][number] {
  return { id: user.id, displayName: user.displayName, address: displayAddress(user), ...(user.jobTitle ? { jobTitle: user.jobTitle } : {}) };
}

function readUserList(body: unknown): DirectoryUser[] {
  const value = (body as { value?: unknown } | null)?.value;
  if (!Array.isArray(value)) throw new GraphFaultError('Graph answered a user search without a value list', 200, undefined, undefined);
  return value.map(readDirectoryUser).filter((user): user is DirectoryUser => user !== undefined);
}

function failureOf(answer: GraphSubResponse | undefined): Error {
  if (!answer) return new GraphFaultError('Graph answered no response for a directory look-up', undefined, undefined, undefined);
  const requestId = answer.headers['request-id'];
  if (answer.status === 403) return new PermissionMissingError('User.Read.All', requestId);
  const code = (answer.body as { error?: { code?: string } } | null)?.error?.code;
  return new GraphFaultError(`Graph answered ${answer.status} to a directory look-up`, answer.status, code, requestId);
}
