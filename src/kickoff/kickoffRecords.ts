import type { StateStore } from '../state/stateStore';
import type { KickoffOutcome } from './kickoffTypes';

/** The kickoff of one request: about to be sent (`sending`), or what became of it. */
type KickoffRecord =
  | { readonly chatId: string; readonly at: number; readonly state: 'sending' }
  | { readonly chatId: string; readonly at: number; readonly state: 'settled'; readonly outcome: KickoffOutcome };

export interface KickoffClaimOptions {
  /** A record older than this belongs to an earlier request with the same key (keys made from typed text). */
  readonly reuseAfterMs?: number;
}

/**
 * The kickoff card's own at-most-once record, one per request, in the shared state store. The
 * intent (`sending`) is written before anything is sent: a crash between the record and the send
 * loses the card (the person still has the chat and its link) but can never post it twice;
 * recording after the send instead would post it again whenever that record was lost and the
 * request ran again (a one-on-one taken over after its owner stopped gets the same chat back).
 */
export class KickoffRecords {
  constructor(private readonly store: StateStore, private readonly now: () => number = Date.now) {}

  /**
   * True once per request and chat: this caller may post the card. False when it was claimed
   * before (by a redelivery, a take-over or another instance): never sent again.
   */
  async claim(requestKey: string, chatId: string, options: KickoffClaimOptions = {}): Promise<boolean> {
    const sending: KickoffRecord = { chatId, at: this.now(), state: 'sending' };
    if (await this.store.create(storeKey(requestKey), sending)) return true;
    const earlier = await this.store.get<KickoffRecord>(storeKey(requestKey));
    if (!earlier) return false;
    const sameRequest = earlier.value.chatId === chatId && (options.reuseAfterMs === undefined || this.now() - earlier.value.at <= options.reuseAfterMs);
    if (sameRequest) return false;
    // An earlier request with the same key (typed again later, a new chat): this one gets its own card.
    return this.store.replace(storeKey(requestKey), sending, earlier.etag);
  }

  /** What became of the card, for replays of the request (their result card says so too). */
  async settle(requestKey: string, chatId: string, outcome: KickoffOutcome): Promise<void> {
    const current = await this.store.get<KickoffRecord>(storeKey(requestKey));
    if (!current || current.value.chatId !== chatId) return;
    await this.store.replace(storeKey(requestKey), { chatId, at: current.value.at, state: 'settled', outcome } satisfies KickoffRecord, current.etag);
  }

  /** The settled outcome of the kickoff into `chatId` for this request; undefined while sending or when none was tried. */
  async outcome(requestKey: string, chatId: string): Promise<KickoffOutcome | undefined> {
    const record = (await this.store.get<KickoffRecord>(storeKey(requestKey)))?.value;
    return record?.state === 'settled' && record.chatId === chatId ? record.outcome : undefined;
  }
}

function storeKey(requestKey: string): string {
  return `kickoff/${requestKey}`;
}
