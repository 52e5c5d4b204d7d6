import { PersonQuery } from './personQuery';
import { Candidate, GroupTooLargeError, PersonProblem, UnknownRequesterError } from '../errors';
import { MEMBERS_AT_CREATION_MAX } from '../config/teamsChatLimits';
import { GraphApi, GraphSubRequest, GraphSubResponse } from '../graph/graphTypes';
import { RetryPolicyOptions } from '../graph/retryPolicy';
import { RunBatchedOptions, runBatched } from '../graph/runBatched';
import { Sleep } from '../graph/sleep';
import type { Telemetry } from '../telemetry/telemetry';
import { ChatParticipant, participantId } from './chatParticipant';
import { DirectoryGroup, groupKindLabel, readDirectoryGroup } from './directoryGroup';
import { DirectoryUser, displayAddress, readDirectoryUser } from './directoryUser';
import { GROUP_MEMBER_PERMISSION, readGroupMembers } from './groupMembers';
import { groupsByAddress, groupsByName } from './groupMatch';
import { GROUP_LOOKUPS_PER_REQUEST, groupByIdUrl, groupsMatchingUrl } from './groupRequests';
import { lookupFailure, valueList } from './lookupFailure';
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
  /** The most people a chat may start with, the requester included: a larger group is refused unread. */
  readonly maxPeople?: number;
}

/** A group named in the request, and what its members came to. */
export interface GroupUse {
  readonly group: DirectoryGroup;
  /** What was typed for it. */
  readonly query: string;
  /** Its users who will be in the chat (enabled accounts), before merging with everyone else. */
  readonly memberCount: number;
  /** Its members whose accounts are disabled: left out, and named on the card. */
  readonly leftOut: readonly string[];
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
  /** The groups named (each once); their users are among `participants`. */
  readonly groups: readonly GroupUse[];
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
  | { readonly kind: 'group'; readonly id: string; readonly text: string }
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
    // Any typed address or name may be a group: one more step per few of them, in the same batch.
    const groupChunks = chunk(lookups.map((lookup, index) => ({ lookup, index })).filter(({ lookup }) => lookup.kind === 'address' || lookup.kind === 'name'), GROUP_LOOKUPS_PER_REQUEST);
    groupChunks.forEach((entries, chunkIndex) => {
      const addresses = entries.flatMap(({ lookup }) => (lookup.kind === 'address' ? [lookup.address] : []));
      const names = entries.flatMap(({ lookup }) => (lookup.kind === 'name' ? [lookup.name] : []));
      subRequests.push({ id: `g${chunkIndex}`, method: 'GET', url: groupsMatchingUrl(addresses, names) });
    });
    const lookUp = () => runBatched(this.options.graph, subRequests, this.batchOptions(request));
    const answers = await (this.options.telemetry ? this.options.telemetry.inSpan('people.lookup', lookUp, { 'lookup.count': subRequests.length }) : lookUp());

    const requester = readRequester(answers.get(REQUESTER_REQUEST_ID));
    const groupAnswers = new Map<number, GroupAnswer>();
    groupChunks.forEach((entries, chunkIndex) => {
      const answer = readGroupAnswer(answers.get(`g${chunkIndex}`));
      for (const { index } of entries) groupAnswers.set(index, answer);
    });
    const participants: ChatParticipant[] = [];
    const problems: PersonProblem[] = [];
    const named: { readonly group: DirectoryGroup; readonly query: string }[] = [];
    lookups.forEach((lookup, index) => {
      const outcome = interpret(lookup, answers.get(`q${index}`), groupAnswers.get(index));
      if ('participant' in outcome) participants.push(outcome.participant);
      else if ('group' in outcome) named.push({ group: outcome.group, query: lookup.text });
      else problems.push(outcome.problem);
    });

    // Members are read only when everything named is clear: a choice or a problem comes first.
    const groups = problems.length === 0 ? await this.readGroups(named, request, participants, problems) : [];

    const seen = new Set<string>([requester.id]);
    // Being in a group one names is not naming oneself.
    const namedSelf = participants.some((participant) => participantId(participant) === requester.id && !(participant.kind === 'directory' && participant.viaGroup !== undefined));
    const unique = participants.filter((participant) => {
      const key = participantId(participant);
      return seen.has(key) ? false : (seen.add(key), true);
    });
    return { requester, participants: unique, problems, namedSelf, queries, groups };
  }

  /**
   * The users of the groups named, each group once and all read side by side. Disabled accounts
   * are left out (and named); a group larger than a chat is refused with its count.
   */
  private async readGroups(
    named: readonly { readonly group: DirectoryGroup; readonly query: string }[], request: ResolveRequest, participants: ChatParticipant[], problems: PersonProblem[],
  ): Promise<GroupUse[]> {
    const distinct = named.filter((entry, index) => named.findIndex((other) => other.group.id === entry.group.id) === index);
    if (distinct.length === 0) return [];
    const maxPeople = request.maxPeople ?? MEMBERS_AT_CREATION_MAX;
    const memberships = await readGroupMembers(this.options.graph, distinct.map((entry) => entry.group), maxPeople, this.batchOptions(request));
    const uses: GroupUse[] = [];
    memberships.forEach((membership, index) => {
      const { query } = distinct[index]!;
      const displayName = membership.group.displayName;
      switch (membership.kind) {
        case 'tooLarge':
          throw new GroupTooLargeError(displayName, membership.count, maxPeople);
        case 'hidden':
          problems.push({ reason: 'hiddenMembership', query, displayName });
          return;
        case 'gone':
          problems.push({ reason: 'notFound', query });
          return;
        case 'members': {
          const enabled = membership.users.filter((user) => user.accountEnabled);
          if (enabled.length === 0) {
            problems.push({ reason: 'emptyGroup', query, displayName });
            return;
          }
          for (const user of enabled) participants.push({ kind: 'directory', user, viaGroup: membership.group.id });
          uses.push({ group: membership.group, query, memberCount: enabled.length, leftOut: membership.users.filter((user) => !user.accountEnabled).map((user) => user.displayName) });
        }
      }
    });
    return uses;
  }

  private batchOptions(request: ResolveRequest): RunBatchedOptions {
    return {
      ...(this.options.retryPolicy ? { retryPolicy: this.options.retryPolicy } : {}),
      ...(this.options.sleep ? { sleep: this.options.sleep } : {}),
      ...(request.abortSignal ? { abortSignal: request.abortSignal } : {}),
    };
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
    case 'group':
      return { kind: 'group', id: query.id, text: query.text };
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
    case 'group':
      return `group:${lookup.id}`;
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
    case 'group':
      return groupByIdUrl(lookup.id);
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

type Interpretation = { readonly participant: ChatParticipant } | { readonly problem: PersonProblem } | { readonly group: DirectoryGroup };

/** The groups one look-up step found, or that the app may not read groups (GroupMember.Read.All missing). */
type GroupAnswer = { readonly kind: 'found'; readonly groups: readonly DirectoryGroup[] } | { readonly kind: 'denied' };

function readGroupAnswer(answer: GraphSubResponse | undefined): GroupAnswer {
  // Without the permission people are still found; only a name that is nobody but may be a group needs it.
  if (answer?.status === 403) return { kind: 'denied' };
  if (!answer || answer.status !== 200) throw lookupFailure(answer, GROUP_MEMBER_PERMISSION);
  return { kind: 'found', groups: valueList(answer.body, 'a group search').map(readDirectoryGroup).filter((group): group is DirectoryGroup => group !== undefined) };
}

function interpret(lookup: Lookup, answer: GraphSubResponse | undefined, groupAnswer: GroupAnswer | undefined): Interpretation {
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
    case 'group': {
      if (answer && (answer.status === 404 || answer.status === 400)) return { problem: { reason: 'notFound', query: lookup.text } };
      if (!answer || answer.status !== 200) throw lookupFailure(answer, GROUP_MEMBER_PERMISSION);
      const group = readDirectoryGroup(answer.body);
      return group ? { group } : { problem: { reason: 'notFound', query: lookup.text } };
    }
    case 'address':
    case 'name': {
      if (!answer || answer.status !== 200) throw failureOf(answer);
      const users = readUserList(answer.body);
      const person = lookup.kind === 'name' ? pickByName(lookup.name, users) : pickByAddress(users);
      return withGroups(lookup.text, person, lookup.kind === 'name' ? lookup.name : lookup.address, lookup.kind, groupAnswer);
    }
  }
}

/**
 * People and groups by one name or address: a group alone is taken; a group and anyone else (a
 * person, another group of the same name) is a choice; no group leaves the people's outcome.
 */
function withGroups(query: string, person: MatchOutcome, typed: string, kind: 'name' | 'address', groupAnswer: GroupAnswer | undefined): Interpretation {
  if (groupAnswer?.kind === 'denied') {
    // A typo is not a fault: "not found", saying which permission would let groups be found too.
    if (person.kind === 'none') return { problem: { reason: 'groupsUnreadable', query, permission: GROUP_MEMBER_PERMISSION } };
    return fromOutcome(query, person);
  }
  const found = groupAnswer?.groups ?? [];
  const groups = kind === 'name' ? groupsByName(typed, found) : groupsByAddress(typed, found);
  if (groups.length === 0) return fromOutcome(query, person);
  if (groups.length === 1 && person.kind === 'none') return { group: groups[0]! };
  const people = person.kind === 'several' ? person.candidates : person.kind === 'none' ? [] : [person.user];
  return { problem: { reason: 'ambiguous', query, candidates: [...people.filter((user) => user.accountEnabled).map(candidateOf), ...groups.map(groupCandidateOf)] } };
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

function candidateOf(user: DirectoryUser): Candidate {
  return { id: user.id, displayName: user.displayName, address: displayAddress(user), ...(user.jobTitle ? { jobTitle: user.jobTitle } : {}) };
}

function groupCandidateOf(group: DirectoryGroup): Candidate {
  return { id: group.id, displayName: group.displayName, address: group.mail ?? '', jobTitle: groupKindLabel(group.kind), kind: 'group' };
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}

function readUserList(body: unknown): DirectoryUser[] {
  return valueList(body, 'a user search').map(readDirectoryUser).filter((user): user is DirectoryUser => user !== undefined);
}

function failureOf(answer: GraphSubResponse | undefined): Error {
  return lookupFailure(answer, 'User.Read.All');
}
