import { PersonQuery } from '../directory/personQuery';
import {
  AmbiguousCreateError,
  GraphFaultError,
  NobodyElseError,
  PeopleNotResolvedError,
  PermissionMissingError,
  RequestExpiredError,
  TooManyPeopleError,
  ThrottledError,
  TopicTooLongError,
  FirstWordsTooLongError,
} from '../errors';
import { FIRST_WORDS_MAX_LENGTH } from '../cards/cardData';
import type { KickoffOrigin, KickoffRequest } from '../kickoff/kickoffTypes';
import { MemberLookup, PeopleResolver, Resolution } from '../directory/peopleResolver';
import { CreateChatOptions, GraphApi, GraphChat } from '../graph/graphTypes';
import { CreationQuota } from '../limits/chatCreationQuota';
import { Logger } from '../logging/createLogger';
import { StateStore } from '../state/stateStore';
import { MEMBERS_AT_CREATION_MAX } from '../config/teamsChatLimits';
import { CHAT_TOPIC_MAX_LENGTH, ChatPlan, buildCreateChatBody } from './buildCreateChatBody';
import { ChatResult, GroupConfirmation, PendingChoice } from './chatResult';
import { describeCreatedChat } from './chatResultView';
import { PendingChoices } from './pendingChoices';
import { KickoffStep } from './kickoffStep';
import { ClaimLease, LedgerEntry, RequestLedger, claimLease } from './requestLedger';
import type { RequesterChannel } from './requesterChannel';
import { StartChatOutcome, outcomeOf, outcomeOfEntry } from './startChatOutcome';
import { InProgressOptions, WhenInProgress, deliverOnce } from './whenInProgress';


/**
 * One request to start a chat, from any entry point (the bot's typed text, form, choice card and
 * dialog; an HTTP API): nothing in it is tied to Teams activities or botbuilder.
 */
export interface StartChatRequest {
  /** Identifies this request across redeliveries and double clicks. */
  readonly key: string;
  /** After this long, a finished request with the same key is a new request (see RequestLedger). */
  readonly reuseAfterMs?: number;
  /** The Entra object id of the person who asks: in the chat as its owner, and counted against their quota. */
  readonly requesterId: string;
  readonly queries: readonly PersonQuery[];
  readonly topic: string | undefined;
  /** For the kickoff card: after `saying`, or the form's message; empty or absent when none. */
  readonly firstWords?: string;
  /** Turns an @mention into an Entra id (Teams members); without it, mentions cannot be added. */
  readonly lookupMember?: MemberLookup;
  /** Present when the new chat should open with the kickoff card: where it is posted from. */
  readonly kickoff?: KickoffOrigin;
  /** How to tell the requester later (a kickoff card that could not be posted); none: only logged. */
  readonly tellLater?: RequesterChannel;
  /** What this delivery does when another delivery of the request is working on it (default `answerNow`). */
  readonly whenInProgress?: WhenInProgress;
  readonly abortSignal?: AbortSignal;
  /** Called once if the chat has to wait for Graph's budget, with its place in the queue. */
  readonly onQueued?: CreateChatOptions['onQueued'];
  /** Given the kickoff's background work, once, so a stopping process waits for it. */
  readonly keepAlive?: (work: Promise<unknown>) => void;
  /** The person already confirmed the size of the chat the groups named make. */
  readonly confirmed?: boolean;
}

/** The answer to a choice card: the same request goes on, with the people picked. */
export interface ContinueRequest extends Pick<StartChatRequest, 'key' | 'requesterId' | 'lookupMember' | 'kickoff' | 'tellLater' | 'whenInProgress' | 'abortSignal' | 'keepAlive'> {
  readonly requestId: string;
  /** Input id (`choice_<n>`) → chosen candidate id. */
  readonly choices: Readonly<Record<string, string>>;
}

export interface StartChatServiceOptions {
  readonly graph: GraphApi;
  readonly resolver: PeopleResolver;
  readonly store: StateStore;
  readonly logger: Logger;
  readonly graphEndpoint: string;
  readonly homeTenantId: string;
  readonly teamsHost: string;
  readonly now?: () => number;
  /** Posts the kickoff card into each new chat, after it is recorded; absent when KICKOFF=off. */
  readonly kickoff?: KickoffStep;
  /** People in one new chat, the requester included; at most Graph's 200 (the default). */
  readonly peoplePerChat?: number;
  /** Asked before every POST /chats, whichever way the request came in; none: no limit. */
  readonly quota?: CreationQuota;
  /** How long a delivery waiting for a double click's twin waits (`waitForTwin`). */
  readonly twinWaitMs?: number;
  /** How long a stopped instance's claim holds its request (REQUEST_LEASE_MS); 30 s by default. */
  readonly leaseMs?: number;
  /**
   * Groups that bring more people than this (besides the requester) are confirmed first
   * (GROUP_CONFIRM_ABOVE); default 20.
   */
  readonly groupConfirmAbove?: number;
}

export const DEFAULT_GROUP_CONFIRM_ABOVE = 20;
/** Names shown on the confirmation card, so the person recognises the group. */
const CONFIRMATION_SAMPLE_NAMES = 5;

/** People found and a chat planned; or a question to ask first. */
type Resolved =
  | { readonly kind: 'planned'; readonly plan: ChatPlan; readonly resolution: Resolution }
  | { readonly kind: 'needsChoice'; readonly choice: PendingChoice };
type Planned = Extract<Resolved, { kind: 'planned' }>;

/** No Teams member look-up: a mention cannot be turned into a person (and is reported as such). */
const NO_MEMBER_LOOKUP: MemberLookup = async () => undefined;

/**
 * Starts a chat exactly once: claim the request, resolve the people, create the chat, record the
 * result; then, as its own step, the kickoff card. Everything before POST /chats releases the claim
 * when it fails (nothing was created). After the POST is recorded as under way, the claim is never
 * released: a failure there is either definite (released after all, Graph said no) or ambiguous
 * (`uncertain`), and a lost `done` write leaves `posting`, which never leads to a second group chat.
 */
export class StartChatService {
  private readonly ledger: RequestLedger;
  private readonly lease: ClaimLease;
  private readonly choices: PendingChoices;
  private readonly peoplePerChat: number;
  private readonly inProgress: InProgressOptions;
  /** Requests a turn of this process holds the claim of right now: their owner is certainly alive. */
  private readonly working = new Set<string>();

  constructor(private readonly options: StartChatServiceOptions) {
    const now = options.now ?? Date.now;
    this.peoplePerChat = Math.min(options.peoplePerChat ?? MEMBERS_AT_CREATION_MAX, MEMBERS_AT_CREATION_MAX);
    this.lease = claimLease(options.leaseMs);
    this.ledger = new RequestLedger(options.store, now, this.lease);
    this.choices = new PendingChoices(options.store, options.logger, now);
    this.inProgress = { ...(options.twinWaitMs !== undefined ? { twinWaitMs: options.twinWaitMs } : {}), leaseMs: this.lease.staleAfterMs };
  }

  /** Starts the chat, or tells what became of the same request delivered before (`whenInProgress`). */
  start(request: StartChatRequest): Promise<StartChatOutcome> {
    return deliverOnce(request.key, request.whenInProgress ?? 'answerNow', () => this.startOnce(request), this, this.inProgress);
  }

  private async startOnce(request: StartChatRequest): Promise<StartChatOutcome> {
    checkSize(request.queries.length, request.topic, this.peoplePerChat, request.firstWords ?? '');
    const claim = await this.ledger.claim(request.key, request.reuseAfterMs !== undefined ? { reuseAfterMs: request.reuseAfterMs } : {});
    if (claim.kind === 'existing') return this.replay(request.key, claim.entry);

    let created: { readonly result: ChatResult; readonly recorded: boolean; readonly kickoff: KickoffRequest | undefined };
    const lease = this.keepLease(request.key, claim.owner);
    this.working.add(request.key);
    try {
      const resolved = await this.resolve(request, claim.owner);
      if (resolved.kind === 'needsChoice') return resolved;
      const chat = await this.create(request, claim.owner, resolved.plan);
      created = await this.record(request, claim.owner, chat, resolved);
    } finally {
      clearInterval(lease);
      this.working.delete(request.key);
    }
    const result = created.recorded && created.kickoff ? await this.kickOff(request, created.kickoff, created.result) : created.result;
    return { kind: 'created', result };
  }

  /**
   * Whether a turn of this process is working on the request now. Its owner is then alive for
   * certain (no lease needs to run out to know it) and will answer the person itself.
   */
  isWorkingOn(key: string): boolean {
    return this.working.has(key);
  }

  /** Renews the claim's lease while this turn works, so only a stopped owner's claim runs out. */
  private keepLease(key: string, owner: string): NodeJS.Timeout {
    const timer = setInterval(() => {
      this.ledger.renew(key, owner).catch((error: unknown) => this.options.logger.warn({ err: error }, 'could not renew a request lease'));
    }, this.lease.renewEveryMs);
    timer.unref();
    return timer;
  }

  /** Goes on with a request whose ambiguous names the person has now picked (same key, same chat). */
  continueWithChoices(request: ContinueRequest): Promise<StartChatOutcome> {
    return deliverOnce(request.key, request.whenInProgress ?? 'answerNow', () => this.continueOnce(request), this, this.inProgress);
  }

  private async continueOnce(request: ContinueRequest): Promise<StartChatOutcome> {
    const answered = await this.choices.answer(request.requestId, request.requesterId, request.choices);
    if (!answered) {
      // A result already recorded for this card (a double click after success) is still shown.
      const earlier = await this.ledger.get(request.key);
      if (earlier?.state === 'done') return this.replay(request.key, earlier);
      throw new RequestExpiredError();
    }
    const outcome = await this.startOnce({
      key: request.key,
      ...answered,
      ...(request.lookupMember ? { lookupMember: request.lookupMember } : {}),
      ...(request.kickoff ? { kickoff: request.kickoff } : {}),
      ...(request.tellLater ? { tellLater: request.tellLater } : {}),
      ...(request.abortSignal ? { abortSignal: request.abortSignal } : {}),
      ...(request.keepAlive ? { keepAlive: request.keepAlive } : {}),
    });
    if (outcome.kind === 'created') await this.choices.discard(request.requestId);
    return outcome;
  }

  /**
   * The recorded outcome of a request, without claiming it; undefined when nothing is recorded or
   * the turn working on it must have died (then the person should simply start again).
   */
  async outcome(key: string): Promise<StartChatOutcome | undefined> {
    const state = await this.ledger.get(key);
    if (state?.state === 'done') return this.replay(key, state);
    return state === undefined ? undefined : outcomeOf(state);
  }

  /** What another delivery recorded; a finished request's result says what became of its kickoff. */
  private async replay(key: string, entry: LedgerEntry): Promise<StartChatOutcome> {
    if (entry.state !== 'done' || !this.options.kickoff) return outcomeOfEntry(entry);
    return { kind: 'replayed', result: await this.options.kickoff.replayed(key, entry.result) };
  }

  /** Resolve: look the people up and plan the chat, or save the question to ask. */
  private async resolve(request: StartChatRequest, owner: string): Promise<Resolved> {
    try {
      const resolution = await this.options.resolver.resolve({
        requesterId: request.requesterId,
        queries: request.queries,
        lookupMember: request.lookupMember ?? NO_MEMBER_LOOKUP,
        maxPeople: this.peoplePerChat,
        ...(request.abortSignal ? { abortSignal: request.abortSignal } : {}),
      });
      if (resolution.problems.length > 0) {
        if (!resolution.problems.every((problem) => problem.reason === 'ambiguous')) throw new PeopleNotResolvedError(resolution.problems);
        // Ids, not mentions: the answer comes in a later turn, when this turn's member look-up is gone.
        const choice = await this.choices.save({ ...request, queries: resolution.queries, firstWords: request.firstWords ?? '' }, resolution.problems);
        await this.ledger.saveChoice(request.key, owner, choice);
        return { kind: 'needsChoice', choice };
      }
      if (resolution.participants.length === 0) throw new NobodyElseError();
      const total = resolution.participants.length + 1;
      if (total > this.peoplePerChat) throw new TooManyPeopleError(total, this.peoplePerChat);
      const confirmation = request.confirmed ? undefined : this.confirmationFor(resolution);
      if (confirmation) {
        // Asked like a choice: the same card on a redelivery, one chat however often it is confirmed.
        const choice = await this.choices.save({ ...request, queries: resolution.queries, firstWords: request.firstWords ?? '' }, [], confirmation);
        await this.ledger.saveChoice(request.key, owner, choice);
        return { kind: 'needsChoice', choice };
      }
      const plan = buildCreateChatBody(this.options.graphEndpoint, resolution.requester, resolution.participants, request.topic);
      return { kind: 'planned', plan, resolution };
    } catch (error) {
      await this.releaseQuietly(request.key, owner);
      throw error;
    }
  }

  /** What to confirm when the groups named make a chat larger than GROUP_CONFIRM_ABOVE; undefined when nothing. */
  private confirmationFor(resolution: Resolution): GroupConfirmation | undefined {
    const threshold = this.options.groupConfirmAbove ?? DEFAULT_GROUP_CONFIRM_ABOVE;
    if (resolution.groups.length === 0 || resolution.participants.length <= threshold) return undefined;
    const fromGroups = resolution.participants.filter((participant) => participant.kind === 'directory' && participant.viaGroup !== undefined);
    return {
      peopleCount: resolution.participants.length,
      groups: resolution.groups.map((use) => ({ displayName: use.group.displayName, address: use.group.mail ?? '', memberCount: use.memberCount })),
      sampleNames: fromGroups.slice(0, CONFIRMATION_SAMPLE_NAMES).map((participant) => (participant.kind === 'directory' ? participant.user.displayName : participant.label)),
      leftOut: resolution.groups.flatMap((use) => use.leftOut),
    };
  }

  /** Create: count it against the person's quota, record the POST as under way, then POST /chats. */
  private async create(request: StartChatRequest, owner: string, plan: ChatPlan): Promise<GraphChat> {
    try {
      // Counted here, just before the one POST every entry point leads to: a chat that is never
      // posted (nobody found, a choice to make, a redelivery) costs the person nothing.
      await this.options.quota?.take(request.requesterId);
      await this.ledger.markPosting(request.key, owner, isRepeatable(plan));
    } catch (error) {
      await this.releaseQuietly(request.key, owner);
      throw error;
    }
    let chat: GraphChat;
    try {
      chat = await this.options.graph.createChat(plan.body, {
        ...(request.abortSignal ? { abortSignal: request.abortSignal } : {}),
        ...(request.onQueued ? { onQueued: request.onQueued } : {}),
      });
    } catch (error) {
      if (isDefinite(error) || (isRepeatable(plan) && !(error instanceof AmbiguousCreateError))) {
        // Graph did nothing (or, for a one-on-one, doing it again is harmless): may be tried again.
        await this.releaseQuietly(request.key, owner);
        throw error;
      }
      // Anything else may hide a created group chat: never posted again blindly.
      const requestId = error instanceof AmbiguousCreateError || error instanceof GraphFaultError ? error.requestId : undefined;
      await this.recordQuietly(async () => {
        if (!(await this.ledger.markUncertain(request.key, owner, requestId))) this.options.logger.warn('a request was taken over while its POST was in doubt; its new owner decides');
      });
      throw error instanceof AmbiguousCreateError ? error : new AmbiguousCreateError(requestId, { cause: error });
    }
    this.options.logger.info({ chatId: chat.id, chatType: plan.body.chatType, members: plan.body.members.length }, 'chat created');
    return chat;
  }

  private describe(chat: GraphChat, { plan, resolution }: Planned, kickoffRefused: string | undefined): ChatResult {
    const notes: string[] = [];
    if (plan.topicDropped) notes.push("Teams doesn't allow a topic on a one-on-one chat, so the topic you typed was not used.");
    if (resolution.namedSelf) notes.push("You're always in the chats you start, so you don't need to name yourself.");
    notes.push(...leftOutNotes(resolution));
    // Known without trying (a one-on-one with another organization): said at once, and nothing is ever sent.
    if (kickoffRefused !== undefined) notes.push(kickoffRefused);
    return describeCreatedChat(chat, plan.body.chatType, resolution.requester, resolution.participants, notes, this.options);
  }

  /**
   * Record: the chat exists, so the person is told so even if the ledger cannot record it.
   * `recorded` is false only when another turn took the request over: its outcome (and any
   * kickoff) stands, not this one's. `kickoff`: the card to post next, when there is one.
   */
  private async record(
    request: StartChatRequest, owner: string, chat: GraphChat, planned: Planned,
  ): Promise<{ readonly result: ChatResult; readonly recorded: boolean; readonly kickoff: KickoffRequest | undefined }> {
    const step = this.options.kickoff;
    const kickoff = step && request.kickoff
      ? step.plan(request.kickoff, request.firstWords ?? '', { chat, chatType: planned.plan.body.chatType, requester: planned.resolution.requester, participants: planned.resolution.participants })
      : undefined;
    const refused = kickoff && step?.refusedAtOnce(kickoff);
    const result = this.describe(chat, planned, refused);
    let recorded = true;
    await this.recordQuietly(async () => {
      recorded = await this.ledger.complete(request.key, owner, result);
      if (!recorded) this.options.logger.warn({ chatId: chat.id }, 'a request was taken over before its chat was recorded; its new owner decides (and posts any kickoff)');
    });
    return { result, recorded, kickoff: refused === undefined ? kickoff : undefined };
  }

  /** Kickoff: its own step once the chat is recorded; the person has their result meanwhile. */
  private kickOff(request: StartChatRequest, kickoff: KickoffRequest, result: ChatResult): Promise<ChatResult> {
    return this.options.kickoff!.start({
      requestKey: request.key,
      ...(request.reuseAfterMs !== undefined ? { reuseAfterMs: request.reuseAfterMs } : {}),
      kickoff,
      result,
      ...(request.tellLater ? { tellLater: request.tellLater } : {}),
      ...(request.abortSignal ? { abortSignal: request.abortSignal } : {}),
      ...(request.keepAlive ? { keepAlive: request.keepAlive } : {}),
    });
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

/** One note per group with disabled accounts: they were left out, not refused. */
function leftOutNotes(resolution: Resolution): string[] {
  return resolution.groups
    .filter((use) => use.leftOut.length > 0)
    .map((use) => `Left out from ${use.group.displayName} because their accounts are disabled: ${use.leftOut.join(', ')}.`);
}

/** Checked before anything is claimed or looked up. */
function checkSize(peopleCount: number, topic: string | undefined, peoplePerChat: number, firstWords: string): void {
  if (firstWords.length > FIRST_WORDS_MAX_LENGTH) throw new FirstWordsTooLongError(firstWords.length, FIRST_WORDS_MAX_LENGTH);
  if (peopleCount === 0) throw new NobodyElseError();
  if (peopleCount + 1 > peoplePerChat) throw new TooManyPeopleError(peopleCount + 1, peoplePerChat);
  const topicLength = topic?.trim().length ?? 0;
  if (topicLength > CHAT_TOPIC_MAX_LENGTH) throw new TopicTooLongError(topicLength, CHAT_TOPIC_MAX_LENGTH);
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
