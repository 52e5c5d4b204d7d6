import type { AdaptiveCardJson } from '../cards';

/**
 * How a route reaches the person after its answer has gone, built by the bot for each turn: the
 * routes know which of these fits their answer (`resultCardChannel.ts`).
 */
export interface LaterReach {
  /**
   * Settles (never rejects) once the bot has delivered this turn's answer, with the id of the
   * message it sent when it sent one and Teams gave the id.
   */
  readonly answered: Promise<string | undefined>;
  /** Replaces a message the bot sent in this conversation (a card the person clicked, a result card). */
  readonly replaceMessage: (activityId: string, card: AdaptiveCardJson) => Promise<void>;
  /** Says a short message in this conversation after the turn; absent when the bot cannot. */
  readonly say?: (text: string) => Promise<void>;
  /** Sends a card to the requester's personal chat with the bot (rejects when the activity does not say who to write to). */
  readonly notifyRequester: (card: AdaptiveCardJson) => Promise<void>;
}
