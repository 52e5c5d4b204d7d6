import { createHash } from 'node:crypto';
import type { CardRenderer } from '../cards';
import { Reply, NO_REPLY, cardReply } from '../turn/reply';
import { TurnInfo } from '../turn/turnInfo';
import { StartChatOutcome, StartChatService } from '../chats/startChatService';
import { AmbiguousCreateError, RequestExpiredError } from '../errors';
import { PersonQuery } from './command';

/** How long the same words from the same person count as one request (Teams' redelivery). */
export const TEXT_REPEAT_WINDOW_MS = 2 * 60_000;

/**
 * The start-chat command from its three sources (typed text, the form, the choice card), each
 * with the idempotency key that makes its redelivery or double submission harmless.
 */
export class StartChatHandler {
  constructor(
    private readonly deps: {
      readonly service: StartChatService;
      readonly cards: CardRenderer;
      /** How long a double-clicked card waits for its twin's result. */
      readonly settleTimeoutMs?: number;
    },
  ) {}

  /**
   * Typed text. Teams redelivers a slow turn with the same activity id, and sometimes with a new
   * one, so the key is what was typed, by whom, where; the same words two minutes later are a
   * new request.
   */
  fromText(turn: TurnInfo, text: string, people: readonly PersonQuery[], topic: string | undefined): Promise<StartChatOutcome> {
    const typed = createHash('sha256').update(text.trim().replace(/\s+/g, ' ')).digest('hex').slice(0, 32);
    return this.deps.service.start({
      key: `message:${turn.conversationId}:${turn.requesterId}:${typed}`,
      reuseAfterMs: TEXT_REPEAT_WINDOW_MS,
      requesterId: turn.requesterId,
      queries: people,
      topic,
      lookupMember: turn.lookupMember,
    });
  }

  /** The form's key: a double click sends the same values from the same card. */
  static formKey(turn: TurnInfo, peopleIds: readonly string[], topic: string): string {
    const values = createHash('sha256').update(JSON.stringify([[...peopleIds].sort(), topic])).digest('hex').slice(0, 32);
    return `form:${turn.conversationId}:${turn.cardActivityId}:${turn.requesterId}:${values}`;
  }

  /** The choice card's key: one pending request, one chat. */
  static choiceKey(turn: TurnInfo, requestId: string): string {
    return `choice:${turn.requesterId}:${requestId}`;
  }

  /**
   * `waitForTwin`: when a twin click is still working, wait for its result (a card must show one);
   * a message turn passes false and stays silent instead, since the twin will answer.
   */
  fromForm(turn: TurnInfo, peopleIds: readonly string[], topic: string, waitForTwin = true): Promise<StartChatOutcome> {
    const key = StartChatHandler.formKey(turn, peopleIds, topic);
    return this.settle(key, waitForTwin, () =>
      this.deps.service.start({
        key,
        requesterId: turn.requesterId,
        queries: peopleIds.map((id) => ({ kind: 'objectId', id, text: id })),
        topic: topic === '' ? undefined : topic,
        lookupMember: turn.lookupMember,
      }),
    );
  }

  fromChoice(turn: TurnInfo, requestId: string, choices: Readonly<Record<string, string>>, waitForTwin = true): Promise<StartChatOutcome> {
    const key = StartChatHandler.choiceKey(turn, requestId);
    return this.settle(key, waitForTwin, () =>
      this.deps.service.continueWithChoices({ key, requesterId: turn.requesterId, requestId, choices, lookupMember: turn.lookupMember }),
    );
  }

  /**
   * The outcome of one of the requester's own requests, for a "Creating…" card's refresh. Every
   * key names its requester, so nobody can read another person's request through a crafted key.
   */
  async check(turn: TurnInfo, key: string): Promise<StartChatOutcome> {
    if (turn.requesterId === '' || !key.includes(`:${turn.requesterId}:`)) throw new RequestExpiredError();
    const outcome = await this.deps.service.peekOutcome(key);
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
    const settled = await this.deps.service.waitForCompletion(key, { timeoutMs: this.deps.settleTimeoutMs ?? 60_000 });
    return settled.kind === 'inProgress' ? run() : settled;
  }

  /** The card (or silence) for an outcome. Errors are not handled here but in the bot's one place. */
  replyFor(outcome: StartChatOutcome): Reply {
    switch (outcome.kind) {
      case 'created':
      case 'replayed':
        return cardReply(this.deps.cards.renderResultCard(outcome.result));
      case 'needsChoice':
        return cardReply(this.deps.cards.renderChoiceCard(outcome.choice));
      case 'inProgress':
        return NO_REPLY;
      case 'uncertain':
        // Same words as when it first happened: never retried blindly.
        throw new AmbiguousCreateError(outcome.requestId);
    }
  }
}
