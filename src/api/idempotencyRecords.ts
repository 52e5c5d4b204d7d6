import { createHash } from 'node:crypto';
import { StorageFaultError } from '../errors';
import type { StateStore } from '../state/stateStore';
import { storeOperation } from '../state/storageFault';
import type { ApiChatAnswer } from './chatAnswer';

/** How long an Idempotency-Key is remembered: the same key after that is a new request. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60_000;

/** What is kept per caller and key: the body it was first used with and, once there is one, the answer. */
interface IdempotencyRecord {
  readonly fingerprint: string;
  readonly at: number;
  readonly answer?: ApiChatAnswer;
}

export type IdempotencyClaim =
  /** The key is bound to this body; `ledgerKey` names the request in the request ledger. `fresh`: first use. */
  | { readonly kind: 'bound'; readonly ledgerKey: string; readonly fresh: boolean; readonly at: number; readonly answer?: ApiChatAnswer }
  /** The key was used with another body within 24 h. */
  | { readonly kind: 'otherBody' };

const WRITE_ATTEMPTS = 3;

/**
 * Idempotency keys in the state store, so every instance sees the same ones: the first request
 * with a key binds it to its body (a conditional create: of two instances, one wins), later ones
 * with the same body are the same request and get the recorded answer. The request ledger under
 * `ledgerKey` does the rest: one claim, one POST /chats, whoever asks. A key is bound for 24 h.
 */
export class IdempotencyRecords {
  constructor(
    private readonly store: StateStore,
    private readonly now: () => number = Date.now,
  ) {}

  async bind(callerId: string, key: string, fingerprint: string): Promise<IdempotencyClaim> {
    const storeKey = this.storeKey(callerId, key);
    for (let attempt = 1; attempt <= WRITE_ATTEMPTS; attempt += 1) {
      const fresh: IdempotencyRecord = { fingerprint, at: this.now() };
      if (await storeOperation(() => this.store.create(storeKey, fresh))) return this.bound(callerId, key, fresh, true);
      const item = await storeOperation(() => this.store.get<IdempotencyRecord>(storeKey));
      if (!item) continue;
      if (this.now() - item.value.at > IDEMPOTENCY_TTL_MS) {
        // Expired: bound anew, as if never used. A lost race means someone else just did it.
        if (await storeOperation(() => this.store.replace(storeKey, fresh, item.etag))) return this.bound(callerId, key, fresh, true);
        continue;
      }
      if (item.value.fingerprint !== fingerprint) return { kind: 'otherBody' };
      return this.bound(callerId, key, item.value, false);
    }
    throw new StorageFaultError('An idempotency key kept changing while it was being bound');
  }

  /** Keeps the answer for later requests with the key (best effort: the ledger still has the chat). */
  async saveAnswer(callerId: string, key: string, fingerprint: string, answer: ApiChatAnswer): Promise<void> {
    const storeKey = this.storeKey(callerId, key);
    for (let attempt = 1; attempt <= WRITE_ATTEMPTS; attempt += 1) {
      const item = await storeOperation(() => this.store.get<IdempotencyRecord>(storeKey));
      if (!item || item.value.fingerprint !== fingerprint || item.value.answer) return;
      if (await storeOperation(() => this.store.replace(storeKey, { ...item.value, answer }, item.etag))) return;
    }
  }

  /** The answer recorded for the key, if any. */
  async answerOf(callerId: string, key: string): Promise<ApiChatAnswer | undefined> {
    return (await storeOperation(() => this.store.get<IdempotencyRecord>(this.storeKey(callerId, key))))?.value.answer;
  }

  private bound(callerId: string, key: string, record: IdempotencyRecord, fresh: boolean): IdempotencyClaim {
    // The binding's time is part of the ledger key: a key bound again after 24 h is a new request.
    return { kind: 'bound', ledgerKey: `api/${callerId}/${hashOf(key)}/${record.at}`, fresh, at: record.at, ...(record.answer ? { answer: record.answer } : {}) };
  }

  private storeKey(callerId: string, key: string): string {
    return `api-idempotency/${callerId}/${hashOf(key)}`;
  }
}

/** Keys are the caller's text: hashed, so any text makes a short, safe store key. */
function hashOf(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('base64url');
}
