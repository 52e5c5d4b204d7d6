import { StateStore } from '../state/stateStore';
import { StorageFaultError } from '../errors';

/**
 * Remembers each chat request by a key (the Teams activity, or the card a form was sent from),
 * so that Teams' redelivery of a slow turn, a double-clicked button or a second bot instance
 * never creates a second chat. A request is claimed before Graph is called.
 */
export type LedgerEntry<TResult> =
  | { readonly state: 'started'; readonly at: number }
  | { readonly state: 'done'; readonly at: number; readonly result: TResult }
  /** Graph failed in a way that leaves open whether the chat exists: never retried blindly. */
  | { readonly state: 'uncertain'; readonly at: number; readonly requestId: string | undefined };

export type Claim<TResult> =
  | { readonly kind: 'claimed'; readonly etag: string }
  | { readonly kind: 'existing'; readonly entry: LedgerEntry<TResult> };

/** After this long a `started` entry is taken to belong to a crashed instance. */
export const STALE_CLAIM_MS = 5 * 60_000;

export class RequestLedger<TResult> {
  constructor(
    private readonly store: StateStore,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Claims the key for this turn. `reuseAfterMs`: a finished request older than this no longer
   * counts as the same one (for keys made from what was typed, which can honestly repeat).
   */
  async claim(key: string, options: { reuseAfterMs?: number } = {}): Promise<Claim<TResult>> {
    const started: LedgerEntry<TResult> = { state: 'started', at: this.now() };
    const created = await this.guard(() => this.store.create(this.storeKey(key), started));
    const item = await this.guard(() => this.store.get<LedgerEntry<TResult>>(this.storeKey(key)));
    if (!item) throw new StorageFaultError('A claimed request vanished from the state store');
    if (created) return { kind: 'claimed', etag: item.etag };
    const age = this.now() - item.value.at;
    const stale = item.value.state === 'started' ? age > STALE_CLAIM_MS : options.reuseAfterMs !== undefined && age > options.reuseAfterMs;
    if (stale) {
      const taken = await this.guard(() => this.store.replace(this.storeKey(key), started, item.etag));
      if (taken) {
        const fresh = await this.guard(() => this.store.get<LedgerEntry<TResult>>(this.storeKey(key)));
        if (fresh) return { kind: 'claimed', etag: fresh.etag };
      }
    }
    return { kind: 'existing', entry: item.value };
  }

  /** What is recorded for the key, without claiming it. */
  async peek(key: string): Promise<LedgerEntry<TResult> | undefined> {
    return (await this.guard(() => this.store.get<LedgerEntry<TResult>>(this.storeKey(key))))?.value;
  }

  async complete(key: string, result: TResult): Promise<void> {
    await this.write(key, { state: 'done', at: this.now(), result });
  }

  async markUncertain(key: string, requestId: string | undefined): Promise<void> {
    await this.write(key, { state: 'uncertain', at: this.now(), requestId });
  }

  /** Nothing was created: the same request may be tried again. */
  async release(key: string): Promise<void> {
    await this.guard(() => this.store.delete(this.storeKey(key)));
  }

  private async write(key: string, entry: LedgerEntry<TResult>): Promise<void> {
    // The claim belongs to this turn; an unconditional write keeps the outcome even if a stale
    // take-over raced us (the chat exists either way, and this records it).
    const current = await this.guard(() => this.store.get<LedgerEntry<TResult>>(this.storeKey(key)));
    if (current) {
      if (await this.guard(() => this.store.replace(this.storeKey(key), entry, current.etag))) return;
    } else if (await this.guard(() => this.store.create(this.storeKey(key), entry))) {
      return;
    }
    throw new StorageFaultError('The request ledger changed while it was being written');
  }

  private storeKey(key: string): string {
    return `request/${key}`;
  }

  private async guard<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      if (error instanceof StorageFaultError) throw error;
      throw new StorageFaultError('The state store failed', { cause: error });
    }
  }
}
