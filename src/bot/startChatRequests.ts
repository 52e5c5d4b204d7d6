import { createHash } from 'node:crypto';
import { PersonQuery } from '../directory/personQuery';
import { StartChatRequest, StartChatService } from '../chats/startChatService';
import { StartChatOutcome } from '../chats/startChatOutcome';
import { waitForOutcome, waitForOwner } from '../chats/waitForOutcome';
import { RequestKey, ledgerKeyOf } from '../chats/requestKey';
import { RequestExpiredError } from '../errors';
import type { KickoffOrigin } from '../kickoff/kickoffTypes';
import { TurnInfo } from '../turn/turnInfo';

/** Beyond the lease, how long a waiting delivery gives a busy owner before taking over. */
const LEASE_MARGIN_MS = 2_000;

/** How long the same words from the same person count as one request (Teams' redelivery). */
export const TEXT_REPEAT_WINDOW_MS = 2 * 60_000;

/**
 * A start-chat request from each of its three sources (typed text, the form, the choice card),
 * each with the idempotency key that makes its redelivery or double submission harmless.
 */
export class StartChatRequests {
  constructor(
    private readonly deps: {
      readonly service: StartChatService;
      /** How long a double-clicked card waits for its twin's result. */
      readonly settleTimeoutMs?: number;
    },
  ) {}

  /**
   * Typed text. Teams redelivers a slow turn with the same activity id, and sometimes with a new
   * one, so the key is what was typed, by whom, where; the same words two minutes later are a
   * new request. A delivery that finds the request in progress leaves the answer to the turn
   * working on it, unless that turn's instance stops (its lease runs out): then it takes over.
   */
  fromText(
    turn: TurnInfo,
    text: string,
    people: readonly PersonQuery[],
    topic: string | undefined,
    firstWords = '',
    onQueued?: StartChatRequest['onQueued'],
  ): Promise<StartChatOutcome> {
    const typed = createHash('sha256').update(text.trim().replace(/\s+/g, ' ')).digest('hex').slice(0, 32);
    const key = ledgerKeyOf({ requesterId: turn.requesterId, request: `message:${turn.conversationId}:${typed}` });
    return this.unlessOwnerStopped(key, () => this.deps.service.start({
      key,
      reuseAfterMs: TEXT_REPEAT_WINDOW_MS,
      requesterId: turn.requesterId,
      queries: people,
      topic,
      lookupMember: turn.lookupMember,
      kickoff: kickoffOrigin(turn, firstWords),
      ...(onQueued ? { onQueued } : {}),
      ...turnLifetime(turn),
    }));
  }

  /**
   * Another delivery is working on this request. Its outcome is its to tell: this delivery says
   * nothing further, once it knows that owner is alive. A turn of this process is alive for
   * certain, so this one answers at once; an owner on another instance shows it is alive by
   * renewing its lease (every few seconds) or moving the request on, so this one answers within
   * Teams' 15 s. If the owner's instance stopped, nothing moves until the lease runs out; then
   * this delivery claims the request again: a group chat POST in doubt becomes "Teams didn't
   * confirm", a one-on-one is posted again (Graph returns the same chat). Never silence for good,
   * never a second chat, never the owner's own "didn't confirm" said twice.
   */
  private async unlessOwnerStopped(key: string, run: () => Promise<StartChatOutcome>): Promise<StartChatOutcome> {
    if (this.deps.service.isWorkingOn(key)) return { kind: 'inProgress' };
    const first = await run();
    if (first.kind !== 'inProgress' || this.deps.service.isWorkingOn(key)) return first;
    const settled = await waitForOwner(() => this.deps.service.outcome(key), { timeoutMs: this.deps.service.lease.staleAfterMs + LEASE_MARGIN_MS });
    if (settled.kind === 'ownerAlive' || settled.kind === 'replayed' || settled.kind === 'needsChoice' || (settled.kind === 'uncertain' && settled.toldByOwner)) {
      return { kind: 'inProgress' };
    }
    return run();
  }

  /** The form's key: a double click sends the same values from the same card. */
  static formKey(turn: TurnInfo, peopleIds: readonly string[], topic: string, firstWords = ''): RequestKey {
    return { requesterId: turn.requesterId, request: `form:${turn.conversationId}:${turn.cardActivityId}:${valuesHash(peopleIds, topic, firstWords)}` };
  }

  /**
   * A message extension dialog's key. Teams retries a slow `submitAction` (with a new activity id
   * or the same), and the dialog has no card message to name, so, as for typed text, the key is
   * what was submitted, by whom, where; the same form two minutes later is a new request.
   */
  static dialogKey(turn: TurnInfo, peopleIds: readonly string[], topic: string, firstWords = ''): RequestKey {
    return { requesterId: turn.requesterId, request: `dialog:${turn.conversationId}:${valuesHash(peopleIds, topic, firstWords)}` };
  }

  /** The form submitted from a message extension dialog; waits for a twin delivery's result. */
  fromDialog(turn: TurnInfo, peopleIds: readonly string[], topic: string, firstWords = ''): Promise<StartChatOutcome> {
    const key = ledgerKeyOf(StartChatRequests.dialogKey(turn, peopleIds, topic, firstWords));
    return this.settle(key, true, () => this.deps.service.start({ ...pickedPeopleRequest(turn, key, peopleIds, topic, firstWords), reuseAfterMs: TEXT_REPEAT_WINDOW_MS }));
  }

  /** The choice card's key: one pending request, one chat. */
  static choiceKey(turn: TurnInfo, requestId: string): RequestKey {
    return { requesterId: turn.requesterId, request: `choice:${requestId}` };
  }

  /**
   * `waitForTwin`: when a twin click is still working, wait for its result (a card must show one);
   * a message turn passes false and stays silent instead, since the twin will answer.
   */
  fromForm(turn: TurnInfo, peopleIds: readonly string[], topic: string, waitForTwin: boolean, firstWords = ''): Promise<StartChatOutcome> {
    const key = ledgerKeyOf(StartChatRequests.formKey(turn, peopleIds, topic, firstWords));
    return this.settle(key, waitForTwin, () => this.deps.service.start(pickedPeopleRequest(turn, key, peopleIds, topic, firstWords)));
  }

  fromChoice(turn: TurnInfo, requestId: string, choices: Readonly<Record<string, string>>, waitForTwin: boolean): Promise<StartChatOutcome> {
    const key = ledgerKeyOf(StartChatRequests.choiceKey(turn, requestId));
    return this.settle(key, waitForTwin, () =>
      this.deps.service.continueWithChoices({ key, requesterId: turn.requesterId, requestId, choices, lookupMember: turn.lookupMember, kickoff: kickoffOrigin(turn, ''), ...turnLifetime(turn) }),
    );
  }

  /**
   * The outcome of one of the requester's own requests, for a "Creating…" card's refresh. Every
   * key names its requester, compared with the turn's as a whole id, so nobody can read another
   * person's request through a crafted key.
   */
  async recordedOutcome(turn: TurnInfo, key: RequestKey): Promise<StartChatOutcome> {
    if (turn.requesterId === '' || key.requesterId !== turn.requesterId) throw new RequestExpiredError();
    const outcome = await this.deps.service.outcome(ledgerKeyOf({ requesterId: turn.requesterId, request: key.request }));
    if (!outcome) throw new RequestExpiredError();
    return outcome;
  }

  /**
   * A card whose twin click is still being worked on must not stay on "Creating…": wait for the
   * twin's result and show it too. If the twin gave up without creating anything, try once more.
   */
  private async settle(key: string, waitForTwin: boolean, run: () => Promise<StartChatOutcome>): Promise<StartChatOutcome> {
    const first = await run();
    if (first.kind !== 'inProgress' || !waitForTwin) return first;
    const settled = await waitForOutcome(() => this.deps.service.outcome(key), { timeoutMs: this.deps.settleTimeoutMs ?? 60_000 });
    return settled.kind === 'inProgress' ? run() : settled;
  }
}

/** A request for people picked by id (the form, the dialog): no names to resolve, no look-ups of mentions. */
function pickedPeopleRequest(turn: TurnInfo, key: string, peopleIds: readonly string[], topic: string, firstWords: string): StartChatRequest {
  return {
    key,
    requesterId: turn.requesterId,
    queries: peopleIds.map((id) => ({ kind: 'objectId', id, text: id })),
    topic: topic === '' ? undefined : topic,
    lookupMember: turn.lookupMember,
    kickoff: kickoffOrigin(turn, firstWords),
    ...turnLifetime(turn),
  };
}

/**
 * The turn's lifetime as a request sees it: the shutdown signal that cuts its work, and where the
 * work that outlives the turn (the kickoff) is handed so a stopping process waits for it.
 */
function turnLifetime(turn: TurnInfo): Pick<StartChatRequest, 'abortSignal' | 'keepAlive'> {
  return { ...(turn.abortSignal ? { abortSignal: turn.abortSignal } : {}), ...(turn.keepAlive ? { keepAlive: turn.keepAlive } : {}) };
}

/** Where the kickoff card is sent from: the requester's own Bot Connector and tenant. */
function kickoffOrigin(turn: TurnInfo, firstWords: string): KickoffOrigin {
  return { requesterMri: turn.requesterMri, serviceUrl: turn.serviceUrl, tenantId: turn.tenantId, firstWords };
}

/** The submitted values, hashed: first words only when given, so forms without them keep their keys. */
function valuesHash(peopleIds: readonly string[], topic: string, firstWords: string): string {
  const fields: unknown[] = [[...peopleIds].sort(), topic];
  if (firstWords !== '') fields.push(firstWords);
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex').slice(0, 32);
}
