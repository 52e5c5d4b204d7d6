import type { AdaptiveCardJson, CardRenderer } from '../cards';
import type { KickoffLateNote } from '../chats/startChatOutcome';
import type { Logger } from '../logging/createLogger';

/** How to reach the person about their result once the turn has answered. */
export interface ResultCardPlace {
  /**
   * Shows the result card again, now with the kickoff's note: replaces the card the person has,
   * or posts it where they will see it. Absent when neither is possible.
   */
  readonly update?: (card: AdaptiveCardJson) => Promise<void>;
  /** Says a short message in the person's conversation: when `update` is absent or fails. */
  readonly say?: (text: string) => Promise<void>;
}

/**
 * The kickoff goes on after the person has their result card. If it ends without the kickoff card
 * in the chat, the person learns it once: their result card is shown again with the note (what
 * happened, what an admin can do), or, when that cannot be done, the note is said after the card.
 * Resolves when done (never rejects), so the in-flight work registry can wait for it.
 */
export async function tellKickoffLater(later: Promise<KickoffLateNote | undefined>, place: ResultCardPlace, cards: CardRenderer, logger: Logger): Promise<void> {
  const late = await later;
  if (late === undefined) return;
  if (place.update) {
    try {
      await place.update(cards.renderResultCard(late.result));
      logger.info({ kickoff: true, told: 'cardUpdated' }, 'told the requester the kickoff was not posted');
      return;
    } catch (error) {
      logger.warn({ err: error, kickoff: true }, 'could not update the result card with the kickoff note; saying it instead');
    }
  }
  if (!place.say) {
    logger.warn({ kickoff: true }, 'the requester could not be told that the kickoff was not posted');
    return;
  }
  try {
    await place.say(late.note);
    logger.info({ kickoff: true, told: 'followUp' }, 'told the requester the kickoff was not posted');
  } catch (error) {
    logger.warn({ err: error, kickoff: true }, 'the requester could not be told that the kickoff was not posted');
  }
}
