import { randomUUID } from 'node:crypto';
import { PersonQuery } from '../commands/command';
import {
  AmbiguousCreateError,
  GraphFaultError,
  InvalidSubmissionError,
  NobodyElseError,
  PeopleNotResolvedError,
  PermissionMissingError,
  PersonProblem,
  RequestExpiredError,
  TooManyPeopleError,
  StorageFaultError,
  ThrottledError,
  TopicTooLongError,
} from '../errors';
import { ChatParticipant } from '../directory/chatParticipant';
import { DirectoryUser, displayAddress } from '../directory/directoryUser';
import { MemberLookup, PeopleResolver, Resolution } from '../directory/peopleResolver';
import { GraphApi, GraphChat } from '../graph/graphTypes';
import { Sleep, realSleep } from '../graph/sleep';
import { Logger } from '../logging/createLogger';
import { StateStore } from '../state/stateStore';
import { CHAT_MEMBER_LIMIT, CHAT_TOPIC_MAX_LENGTH, ChatPlan, buildCreateChatBody } from './buildCreateChatBody';
import { chatLink } from './chatLink';
import { ChatMemberView, ChatResult, PendingChoice } from './chatResult';
import { LedgerEntry, RequestLedger } from './requestLedger';

export interface StartChatRequest {
  /** Identifies this request across redeliveries and double clicks. */
  readonly key: string;
  /** After this long, a finished request with the same key is a new request (see RequestLedger). */
  readonly reuseAfterMs?: number;
  readonly requesterId: string;
  readonly queries: readonly PersonQuery[];
  readonly topic: string | undefined;
  readonly lookupMember: MemberLookup;
  readonly abortSignal?: AbortSignal;
}

export interface ContinueRequest {
  readonly key: string;
  readonly requesterId: string;
  readonly requestId: string;
  /** Input id (`choice_<n>`) → chosen candidate id. */
  readonly choices: Readonly<Record<string, string>>;
  readonly lookupMember: MemberLookup;
  readonly abortSignal?: AbortSignal;
}

export type StartChatOutcome =
  | { readonly kind: 'created'; readonly result: ChatResult }
  /** The same request was already completed: show that result again, create nothing. */
  | { readonly kind: 'replayed'; readonly result: ChatResult }
  | { readonly kind: 'inProgress' }
  | { readonly kind: 'uncertain'; readonly requestId: string | undefined }
  | { readonly kind: 'needsChoice'; readonly choice: PendingChoice };

export interface StartChatServiceOptions {
  readonly graph: GraphApi;
  readonly resolver: PeopleResolver;
  readonly store: StateStore;
  readonly logger: Logger;
  readonly graphEndpoint: string;
  readonly homeTenantId: string;
  readonly teamsHost: string;
  readonly now?: () => number;
}

interface StoredChoice extends PendingChoice {
  readonly requesterId: string;
  readonly queries: readonly PersonQuery[];
  /** Index into `queries` of the person each question is about. */
  readonly queryIndexes: readonly number[];
  readonly createdAt: number;
}

/** How long a choice card stays answerable. */
export const CHOICE_LIFETIME_MS = 24 * 60 * 60_000;

/** Resolve the people, create the chat exactly once, describe the result. */
export class StartChatService {
  private readonly ledger: RequestLedger;
  private readonly now: () => number;

  constructor(private readonly options: StartChatServiceOptions) {
    this.now = options.now ?? Date.now;
    this.ledger = new RequestLedger(options.store, this.now);
  }

  async start(request: StartChatRequest): Promise<StartChatOutcome> {
    if (request.queries.length === 0) throw new NobodyElseError();
    if (request.queries.length + 1 > CHAT_MEMBER_LIMIT) throw new TooManyPeopleError(request.queries.length + 1, CHAT_MEMBER_LIMIT);
    const topicLength = request.topic?.trim().length ?? 0;
    if (topicLength > CHAT_TOPIC_MAX_LENGTH) throw new TopicTooLongError(topicLength, CHAT_TOPIC_MAX_LENGTH);

    const claim = await this.ledger.claim(request.key, request.reuseAfterMs !== undefined ? { reuseAfterMs: request.reuseAfterMs } : {});
    if (claim.kind === 'existing') return outcomeOf(claim.entry);
    return this.resolveAndCreate(request, claim.owner);
  }

  /**
   * For a request another turn (or instance) is working on: waits until it is done, so a
   * double-clicked card can show the same result instead of staying on "Creating…".
   * Still `inProgress` after `timeoutMs`; released (nothing created) or abandoned by a dead turn
   * counts as `inProgress` too, and the caller tries the request itself.
   */
  async waitForCompletion(key: string, options: { timeoutMs: number; intervalMs?: number; sleep?: Sleep }): Promise<StartChatOutcome> {
    const interval = options.intervalMs ?? 250;
    const sleep = options.sleep ?? realSleep;
    for (let waited = 0; waited <= options.timeoutMs; waited += interval) {
      const outcome = await this.peekOutcome(key);
      if (outcome === undefined) break;
      if (outcome.kind !== 'inProgress') return outcome;
      await sleep(interval);
    }
    return { kind: 'inProgress' };
  }

  /**
   * The recorded outcome of a request, without claiming it; undefined when nothing is recorded or
   * the turn working on it must have died (then the person should simply start again).
   */
  async peekOutcome(key: string): Promise<StartChatOutcome | undefined> {
    const entry = await this.ledger.inspect(key);
    return entry === undefined || entry === 'abandoned' ? undefined : outcomeOf(entry);
  }

  async continueWithChoices(request: ContinueRequest): Promise<StartChatOutcome> {
    const stored = await this.options.store.get<StoredChoice>(choiceKey(request.requestId));
    if (!stored || stored.value.requesterId !== request.requesterId.toLowerCase() || this.now() - stored.value.createdAt > CHOICE_LIFETIME_MS) {
      // A result already recorded for this card (a double click after success) is still shown.
      const earlier = await this.ledger.peek(request.key);
      if (earlier?.state === 'done') return { kind: 'replayed', result: earlier.result };
      throw new RequestExpiredError();
    }
    const choice = stored.value;
    const queries = [...choice.queries];
    choice.questions.forEach((question, index) => {
      const picked = request.choices[question.inputId];
      if (picked === undefined || picked === '') throw new InvalidSubmissionError(`Pick one person for "${question.query}".`);
      const candidate = question.candidates.find((option) => option.id === picked);
      if (!candidate) throw new InvalidSubmissionError(`The choice for "${question.query}" is not one of the people offered.`);
      const queryIndex = choice.queryIndexes[index]!;
      queries[queryIndex] = { kind: 'objectId', id: candidate.id, text: question.query };
    });
    const outcome = await this.start({
      key: request.key,
      requesterId: request.requesterId,
      queries,
      topic: choice.topic === '' ? undefined : choice.topic,
      lookupMember: request.lookupMember,
      ...(request.abortSignal ? { abortSignal: request.abortSignal } : {}),
    });
    if (outcome.kind === 'created') {
      // Only tidying: the ledger already answers a second click with this result.
      await this.options.store.delete(choiceKey(request.requestId)).catch((error: unknown) => this.options.logger.error({ err: error }, 'could not delete a used choice'));
    }
    return outcome;
  }

  /**
   * Everything before POST /chats releases the claim when it fails (nothing was created). After the
   * POST is recorded as under way, the claim is never released: a failure there is either definite
   * (released after all, Graph said no) or ambiguous (`uncertain`), and a lost `done` write leaves
   * `posting`, which never leads to a second group chat.
   */
  private async resolveAndCreate(request: StartChatRequest, owner: string): Promise<StartChatOutcome> {
    let plan: ChatPlan;
    let resolution: Resolution;
    try {
      resolution = await this.options.resolver.resolve({
        requesterId: request.requesterId,
        queries: request.queries,
        lookupMember: request.lookupMember,
        ...(request.abortSignal ? { abortSignal: request.abortSignal } : {}),
      });
      if (resolution.problems.length > 0) {
        if (resolution.problems.every((problem) => problem.reason === 'ambiguous')) {
          const choice = await this.savePendingChoice(request, resolution.problems);
          await this.ledger.saveChoice(request.key, owner, choice);
          return { kind: 'needsChoice', choice };
        }
        throw new PeopleNotResolvedError(resolution.problems);
      }
      if (resolution.participants.length === 0) throw new NobodyElseError();
      const total = resolution.participants.length + 1;
      if (total > CHAT_MEMBER_LIMIT) throw new TooManyPeopleError(total, CHAT_MEMBER_LIMIT);
      plan = buildCreateChatBody(this.options.graphEndpoint, resolution.requester, resolution.participants, request.topic);
      await this.ledger.markPosting(request.key, owner, isRepeatable(plan));
    } catch (error) {
      await this.releaseQuietly(request.key, owner);
      throw error;
    }

    let chat: GraphChat;
    try {
      chat = await this.options.graph.createChat(plan.body, request.abortSignal ? { abortSignal: request.abortSignal } : undefined);
    } catch (error) {
      if (isDefinite(error) || (isRepeatable(plan) && !(error instanceof AmbiguousCreateError))) {
        // Graph did nothing (or, for a one-on-one, doing it again is harmless): may be tried again.
        await this.releaseQuietly(request.key, owner);
        throw error;
      }
      // Anything else may hide a created group chat: never posted again blindly.
      const requestId = error instanceof AmbiguousCreateError || error instanceof GraphFaultError ? error.requestId : undefined;
      await this.recordQuietly(() => this.ledger.markUncertain(request.key, requestId));
      throw error instanceof AmbiguousCreateError ? error : new AmbiguousCreateError(requestId, { cause: error });
    }
    this.options.logger.info({ chatId: chat.id, chatType: plan.body.chatType, members: plan.body.members.length }, 'chat created');

    const notes: string[] = [];
    if (plan.topicDropped) notes.push("Teams doesn't allow a topic on a one-on-one chat, so the topic you typed was not used.");
    if (resolution.namedSelf) notes.push("You're always in the chats you start, so you don't need to name yourself.");
    const result = this.describe(chat, plan.body.chatType, resolution.requester, resolution.participants, notes);
    // The chat exists: the person is told so even if the ledger cannot record it.
    await this.recordQuietly(() => this.ledger.complete(request.key, result));
    return { kind: 'created', result };
  }

  private describe(chat: GraphChat, chatType: 'oneOnOne' | 'group', requester: DirectoryUser, participants: readonly ChatParticipant[], notes: string[]): ChatResult {
    return {
      chatId: chat.id,
      chatType,
      topic: chat.topic ?? '',
      members: [memberView(requester, 'You'), ...participants.map((participant) => participantView(participant))],
      openUrl: chatLink(chat, chat.tenantId ?? this.options.homeTenantId, this.options.teamsHost),
      notes,
    };
  }

  private async savePendingChoice(request: StartChatRequest, problems: readonly PersonProblem[]): Promise<PendingChoice> {
    const requestId = randomUUID();
    const questions: StoredChoice['questions'][number][] = [];
    const queryIndexes: number[] = [];
    for (const problem of problems) {
      if (problem.reason !== 'ambiguous') continue;
      queryIndexes.push(request.queries.findIndex((query) => query.text === problem.query));
      questions.push({ query: problem.query, inputId: `choice_${questions.length}`, candidates: problem.candidates });
    }
    const stored: StoredChoice = {
      requestId,
      topic: request.topic ?? '',
      questions,
      requesterId: request.requesterId.toLowerCase(),
      queries: request.queries,
      queryIndexes,
      createdAt: this.now(),
    };
    await this.options.store.create(choiceKey(requestId), stored).catch((error: unknown) => {
      throw new StorageFaultError('Could not save the choice for later', { cause: error });
    });
    return { requestId, topic: stored.topic, questions };
  }

  private async releaseQuietly(key: string, owner: string): Promise<void> {
    // The original failure matters more; a leftover claim only delays a retry until it is stale.
    await this.recordQuietly(() => this.ledger.release(key, owner));
  }

  private async recordQuietly(write: () => Promise<void>): Promise<void> {
    try {
      await write();
    } catch (error) {
      this.options.logger.error({ err: error }, 'could not record a request outcome in the state store');
    }
  }
}

/** A one-on-one POST may be sent again: Graph returns the existing chat instead of a second one. */
function isRepeatable(plan: ChatPlan): boolean {
  return plan.body.chatType === 'oneOnOne';
}

/** Failures after which Graph certainly created nothing. */
function isDefinite(error: unknown): boolean {
  if (error instanceof PermissionMissingError || error instanceof ThrottledError) return true;
  return error instanceof GraphFaultError && error.definite;
}

/** What an earlier or concurrent turn's ledger entry means for this one. */
function outcomeOf(entry: LedgerEntry): StartChatOutcome {
  switch (entry.state) {
    case 'done':
      return { kind: 'replayed', result: entry.result };
    case 'uncertain':
      return { kind: 'uncertain', requestId: entry.requestId };
    case 'choosing':
      return { kind: 'needsChoice', choice: entry.choice };
    case 'started':
    case 'posting':
      return { kind: 'inProgress' };
  }
}

function choiceKey(requestId: string): string {
  return `choice/${requestId}`;
}

function memberView(user: DirectoryUser, note?: string): ChatMemberView {
  const notes = [note, user.userType === 'Guest' ? 'Guest' : undefined].filter((value): value is string => value !== undefined);
  return { displayName: user.displayName, address: displayAddress(user), ...(notes.length > 0 ? { note: notes.join(', ') } : {}) };
}

function participantView(participant: ChatParticipant): ChatMemberView {
  if (participant.kind === 'directory') return memberView(participant.user);
  return { displayName: participant.label, address: '', note: 'Other organization' };
}
