import type { AdaptiveCardJson, CardRenderer } from '../cards';
import type { LateNews, RequesterChannel } from '../chats/requesterChannel';
import type { Logger } from '../logging/createLogger';

/** Where the person has their result, once the turn has answered. */
export interface ResultCardPlace {
  /**
   * Shows the result card again, now with the note: replaces the card the person has, or posts
   * it where they will see it. Absent when neither is possible.
   */
  readonly update?: (card: AdaptiveCardJson) => Promise<void>;
  /** Says a short message in the person's conversation: when `update` is absent or fails. */
  readonly say?: (text: string) => Promise<void>;
}

/**
 * The bot's way to tell a requester something after their answer: it waits until `place` settles
 * (the route settles it once the person has their answer, so nothing told overtakes it), then
 * shows the result card again with the note, or, when that cannot be done, says the note.
 * Never rejects.
 */
export function resultCardChannel(place: Promise<ResultCardPlace>, cards: CardRenderer, logger: Logger): RequesterChannel {
  return {
    async tellLater(news: LateNews): Promise<void> {
      const where = await place;
      if (where.update) {
        try {
          await where.update(cards.renderResultCard(news.result));
          logger.info({ kickoff: true, told: 'cardUpdated' }, 'told the requester the kickoff was not posted');
          return;
        } catch (error) {
          logger.warn({ err: error, kickoff: true }, 'could not update the result card with the kickoff note; saying it instead');
        }
      }
      if (!where.say) {
        logger.warn({ kickoff: true }, 'the requester could not be told that the kickoff was not posted');
        return;
      }
      try {
        await where.say(news.note);
        logger.info({ kickoff: true, told: 'followUp' }, 'told the requester the kickoff was not posted');
      } catch (error) {
        logger.warn({ err: error, kickoff: true }, 'the requester could not be told that the kickoff was not posted');
      }
    },
  };
}

/** A place the route decides once it knows where its answer went (first decision wins). */
export function placeDecidedLater(): { readonly place: Promise<ResultCardPlace>; decide(place: ResultCardPlace | Promise<ResultCardPlace>): void } {
  let decide: (place: ResultCardPlace | Promise<ResultCardPlace>) => void = () => undefined;
  const place = new Promise<ResultCardPlace>((resolve) => (decide = resolve));
  return { place, decide };
}
