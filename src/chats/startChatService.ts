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
import { kickoffNote } from '../kickoff/kickoffNotes';
import type { ChatKickoff, KickoffOrigin, KickoffOutcome, KickoffRequest } from '../kickoff/kickoffTypes';
import { MemberLookup, PeopleResolver, Resolution } from '../directory/peopleResolver';
import { CreateChatOptions, GraphApi, GraphChat } from '../graph/graphTypes';
import { CreationQuota } from '../limits/chatCreationQuota';
import { Logger } from '../logging/createLogger';
import { StateStore } from '../state/stateStore';
import { CHAT_MEMBERS_PER_CREATE } from '../config/loadLimits';
import { CHAT_TOPIC_MAX_LENGTH, ChatPlan, buildCreateChatBody } from './buildCreateChatBody';
import { ChatResult, PendingChoice } from './chatResult';
import { describeCreatedChat } from './chatResultView';
import { PendingChoices } from './pendingChoices';
import { ClaimLease, KickoffState, RequestLedger, claimLease } from './requestLedger';
import { KickoffLateNote, StartChatOutcome, outcomeOf, outcomeOfEntry } from './startChatOutcome';


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
  /** Called once if the chat has to wait for Graph's budget, with its place in the queue. */
  readonly onQueued?: CreateChatOptions['onQueued'];
  /** Present when the new chat should open with the kickoff card. */
  readonly kickoff?: KickoffOrigin;
  /**
   * Given the kickoff's work that goes on after the result is returned, so a stopping process
   * waits for it (the in-flight work registry); it also listens to `abortSignal`.
   */
  readonly keepAlive?: (work: Promise<unknown>) => void;
}

export interface ContinueRequest {
  readonly key: string;
  readonly requesterId: string;
  readonly requestId: string;
  /** Input id (`choice_<n>`) → chosen candidate id. */
  readonly choices: Readonly<Record<string, string>>;
  readonly lookupMember: MemberLookup;
  readonly abortSignal?: AbortSignal;
  /** Where the request came from; the first words were saved with the choice. */
  readonly kickoff?: Omit<KickoffOrigin, 'firstWords'>;
  readonly keepAlive?: StartChatRequest['keepAlive'];
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
  /** Posts the kickoff card into each new chat; absent when KICKOFF=off. */
  readonly kickoff?: ChatKickoff;
  /** People in one new chat, the requester included; at most Graph's 200 (the default). */
  readonly peoplePerChat?: number;
  /** Asked before every POST /chats, whichever way the request came in; none: no limit. */
  readonly quota?: CreationQuota;
  /** How long a stopped instance's claim holds its request (REQUEST_LEASE_MS); 30 s by default. */
  readonly leaseMs?: number;
}

/** People found and a chat planned; or a question to ask first. */
type Resolved =
  | { readonly kind: 'planned'; readonly plan: ChatPlan; readonly resolution: Resolution }
  | { readonly kind: 'needsChoice'; readonly choice: PendingChoice };

/**
 * Starts a chat exactly once: claim the request, resolve the people, create the chat, record the
 * result. Everything before POST /chats releases the claim when it fails (nothing was created).
 * After the POST is recorded as under way, the claim is never released: a failure there is either
 * definite (released after all, Graph said no) or ambiguous (`uncertain`), and a lost `done` write
 * leaves `posting`, which never leads to a second group chat.
 */
export class StartChatService {
  private readonly ledger: RequestLedger;
  /** The lease on this service's claims; a delivery waiting on another instance's owner waits it out. */
  readonly lease: ClaimLease;
  private readonly choices: PendingChoices;
  private readonly peoplePerChat: number;
  /** Requests a turn of this process holds the claim of right now: their owner is certainly alive. */
  private readonly working = new Set<string>();

  constructor(private readonly options: StartChatServiceOptions) {
    const now = options.now ?? Date.now;
    this.peoplePerChat = Math.min(options.peoplePerChat ?? CHAT_MEMBERS_PER_CREATE, CHAT_MEMBERS_PER_CREATE);
    this.lease = claimLease(options.leaseMs);
    this.ledger = new RequestLedger(options.store, now, this.lease);
    this.choices = new PendingChoices(options.store, options.logger, now);
  }

  async start(request: StartChatRequest): Promise<StartChatOutcome> {
    checkSize(request.queries.length, request.topic, this.peoplePerChat, request.kickoff?.firstWords ?? '');
    const claim = await this.ledger.claim(request.key, request.reuseAfterMs !== undefined ? { reuseAfterMs: request.reuseAfterMs } : {});
    if (claim.kind === 'existing') return outcomeOfEntry(claim.entry);

    const lease = this.keepLease(request.key, claim.owner);
    this.working.add(request.key);
    try {
      const resolved = await this.resolve(request, claim.owner);
      if (resolved.kind === 'needsChoice') return resolved;
      const chat = await this.create(request, claim.owner, resolved.plan);
      const kicked = await this.kickOff(request, claim.owner, chat, resolved, this.describe(chat, resolved));
      return { kind: 'created', result: kicked.result, ...(kicked.later ? { kickoffLater: kicked.later } : {}) };
    } finally {
      clearInterval(lease);
      this.working.delete(request.key);
    }
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
  async continueWithChoices(request: ContinueRequest): Promise<StartChatOutcome> {
    const answered = await this.choices.answer(request.requestId, request.requesterId, request.choices);
    if (!answered) {
      // A result already recorded for this card (a double click after success) is still shown.
      const earlier = await this.ledger.get(request.key);
      if (earlier?.state === 'done') return { kind: 'replayed', result: earlier.result };
      throw new RequestExpiredError();
    }
    const { firstWords, ...asked } = answered;
    const outcome = await this.start({
      key: request.key,
      ...asked,
      ...(request.kickoff ? { kickoff: { ...request.kickoff, firstWords: firstWords ?? '' } } : {}),
      lookupMember: request.lookupMember,
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
    return state === undefined ? undefined : outcomeOf(state);
  }

  /** Resolve: look the people up and plan the chat, or save the question to ask. */
  private async resolve(request: StartChatRequest, owner: string): Promise<Resolved> {
    try {
      const resolution = await this.options.resolver.resolve({
        requesterId: request.requesterId,
        queries: request.queries,
        lookupMember: request.lookupMember,
        ...(request.abortSignal ? { abortSignal: request.abortSignal } : {}),
      });
      if (resolution.problems.length > 0) {
        if (!resolution.problems.every((problem) => problem.reason === 'ambiguous')) throw new PeopleNotResolvedError(resolution.problems);
        // Ids, not mentions: the answer comes in a later turn, when this turn's member look-up is gone.
        const choice = await this.choices.save({ ...request, queries: resolution.queries, firstWords: request.kickoff?.firstWords ?? '' }, resolution.problems);
        await this.ledger.saveChoice(request.key, owner, choice);
        return { kind: 'needsChoice', choice };
      }
      if (resolution.participants.length === 0) throw new NobodyElseError();
      const total = resolution.participants.length + 1;
      if (total > this.peoplePerChat) throw new TooManyPeopleError(total, this.peoplePerChat);
      const plan = buildCreateChatBody(this.options.graphEndpoint, resolution.requester, resolution.participants, request.topic);
      return { kind: 'planned', plan, resolution };
    } catch (error) {
      await this.releaseQuietly(request.key, owner);
      throw error;
    }
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

  private describe(chat: GraphChat, { plan, resolution }: Extract<Resolved, { kind: 'planned' }>): ChatResult {
    const notes: string[] = [];
    if (plan.topicDropped) notes.push("Teams doesn't allow a topic on a one-on-one chat, so the topic you typed was not used.");
    if (resolution.namedSelf) notes.push("You're always in the chats you start, so you don't need to name yourself.");
    return describeCreatedChat(chat, plan.body.chatType, resolution.requester, resolution.participants, notes, this.options);
  }

  /**
   * Kickoff: the kickoff card into the new chat, at most once per request, after the person has
   * their result. The intent (`sending`) is recorded with the result before anything is sent, and
   * before the result is returned: a redelivery, a double click or another instance then finds the
   * request done and replays it, and only this turn posts. A crash between the record and the send
   * loses the card (the person still has the chat and its link) but can never post it twice;
   * recording after the send instead would post it again whenever that record was lost and the
   * request ran again. The install and the send (with Teams' roster delay, up to 20 s) go on in the
   * background, handed to `keepAlive`; what became of them is recorded, and a failure comes back
   * through `later` for the person. It never turns the created chat into an error.
   */
  private async kickOff(
    request: StartChatRequest, owner: string, chat: GraphChat, { plan, resolution }: Extract<Resolved, { kind: 'planned' }>, result: ChatResult,
  ): Promise<{ result: ChatResult; later?: Promise<KickoffLateNote | undefined> }> {
    const kickoff = this.options.kickoff;
    const origin = request.kickoff;
    if (!kickoff || !origin) {
      await this.record(request.key, owner, result);
      return { result };
    }
    const kickoffRequest: KickoffRequest = {
      chatId: chat.id,
      withOtherOrganization: plan.body.chatType === 'oneOnOne' && resolution.participants.some((participant) => participant.kind === 'federated'),
      requester: { name: resolution.requester.displayName, teamsUserId: origin.requesterMri || resolution.requester.id },
      serviceUrl: origin.serviceUrl,
      tenantId: origin.tenantId ?? this.options.homeTenantId,
      topic: chat.topic ?? '',
      people: resolution.participants.map((participant) => (participant.kind === 'directory' ? participant.user.displayName : participant.label)),
      firstWords: origin.firstWords,
    };
    const refused = kickoff.refuseAtOnce(kickoffRequest);
    if (refused) {
      // Known without trying: the result card says so at once, and nothing is ever sent.
      const noted = withKickoffNote(result, refused);
      await this.record(request.key, owner, noted, 'notPosted');
      return { result: noted };
    }
    try {
      if (!(await this.ledger.complete(request.key, owner, result, 'sending'))) {
        // Another turn took the request over: its outcome (and any kickoff) stands, not ours.
        this.options.logger.warn({ chatId: chat.id, cause: 'takenOver' }, 'kickoff not posted: the request was taken over');
        return { result };
      }
    } catch (error) {
      this.options.logger.error({ err: error, chatId: chat.id, cause: 'notRecorded' }, 'kickoff not posted: its intent could not be recorded');
      const noted = withKickoffNote(result, { kind: 'notPosted', problem: 'notRecorded' });
      await this.record(request.key, owner, noted, 'notPosted');
      return { result: noted };
    }
    const later = this.postKickoff(kickoff, request, owner, kickoffRequest, result);
    request.keepAlive?.(later);
    return { result, later };
  }

  /** The background half of the kickoff: post, record what became of it, say what to tell. Never rejects. */
  private async postKickoff(kickoff: ChatKickoff, request: StartChatRequest, owner: string, kickoffRequest: KickoffRequest, result: ChatResult): Promise<KickoffLateNote | undefined> {
    let outcome: KickoffOutcome;
    try {
      outcome = await kickoff.post(kickoffRequest, request.abortSignal ? { abortSignal: request.abortSignal } : undefined);
    } catch (error) {
      this.options.logger.error({ err: error, chatId: kickoffRequest.chatId, cause: 'kickoffFailed' }, 'kickoff not posted: it failed unexpectedly');
      outcome = { kind: 'notPosted', problem: 'notDelivered' };
    }
    const noted = withKickoffNote(result, outcome);
    await this.record(request.key, owner, noted, outcome.kind === 'posted' ? 'posted' : 'notPosted');
    const note = kickoffNote(outcome);
    return note === undefined ? undefined : { result: noted, note };
  }

  /** Record: the chat exists, so the person is told so even if the ledger cannot record it. */
  private async record(key: string, owner: string, result: ChatResult, kickoff?: KickoffState): Promise<void> {
    await this.recordQuietly(async () => {
      if (!(await this.ledger.complete(key, owner, result, kickoff))) this.options.logger.warn('a request was taken over before its chat was recorded; its new owner decides');
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

function withKickoffNote(result: ChatResult, outcome: KickoffOutcome): ChatResult {
  const note = kickoffNote(outcome);
  return note === undefined ? result : { ...result, notes: [...result.notes, note] };
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
