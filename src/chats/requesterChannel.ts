import type { ChatResult } from './chatResult';

/** What the requester should learn after their answer has gone: the result as it now reads, and the sentence that says what changed. */
export interface LateNews {
  readonly result: ChatResult;
  readonly note: string;
}

/**
 * The one way a request tells its requester something after it has been answered (today: the
 * kickoff card could not be posted). Provided with the request by the edge that knows how to reach
 * the person: the bot's routes replace the result card or say the note; a caller with nobody to
 * reach provides none, or one that records. Resolves when done and never rejects.
 */
export interface RequesterChannel {
  tellLater(news: LateNews): Promise<void>;
}
