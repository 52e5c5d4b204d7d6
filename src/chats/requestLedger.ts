import { randomUUID } from 'node:crypto';
import { DEFAULT_REQUEST_LEASE_MS } from '../config/turnTiming';
import { StorageFaultError } from '../errors';
import { StateStore, StoredItem } from '../state/stateStore';
import { storeOperation } from '../state/storageFault';
import { ChatResult, PendingChoice } from './chatResult';

/**
 * Remembers each chat request by a key (what was typed, or the card a form was sent from), so
 * that Teams' redelivery of a slow turn, a double-clicked button or a second bot instance never
 * creates a second chat. A turn claims the key before anything else and records each step:
 *
 *   started ──► choosing (a name matched several people: the same choice card is replayed)
 *      │
 *      └─────► posting (POST /chats is under way) ──► done (the result is replayed)
 *                                                └──► uncertain (Graph did not say; never re-posted blindly)
 *
 * A `done` request is never claimed again (except as a new request after `reuseAfterMs`), so only
 * the turn that recorded it goes on to the kickoff (which keeps its own record: kickoff/).
 *
 * Entries owned by a turn carry its random `owner` token, so a turn recognises its own claim even
 * when the store's answer to the claiming write was lost, and never releases, advances or
 * completes someone else's: every write after the claim is conditional on still owning it.
 */
export type LedgerEntry =
  | { readonly state: 'started'; readonly at: number; readonly owner: string }
  | { readonly state: 'choosing'; readonly at: number; readonly owner: string; readonly choice: PendingChoice }
  | { readonly state: 'posting'; readonly at: number; readonly owner: string; readonly repeatable: boolean }
  | { readonly state: 'done'; readonly at: number; readonly result: ChatResult }
  /**
   * `owner`: the turn whose POST is in doubt, when a take-over marked it; that turn may still
   * record the truth (`done`) if its POST answers after all. `recordedBy`: `owner` when the
   * posting turn itself recorded the doubt (and so told the person); `takeOver` (or absent, in
   * entries written before this field) when another turn found that turn's lease run out.
   */
  | { readonly state: 'uncertain'; readonly at: number; readonly requestId: string | undefined; readonly owner?: string; readonly recordedBy?: 'owner' | 'takeOver' };

/** A request as a reader sees it: its entry, or `abandoned` when the turn working on it died. */
export type RequestState = LedgerEntry | { readonly state: 'abandoned'; readonly at: number };

export type Claim = { readonly kind: 'claimed'; readonly owner: string } | { readonly kind: 'existing'; readonly entry: LedgerEntry };

/**
 * The lease on a `started` or `posting` entry: its owner renews it while it works, so an entry
 * older than `staleAfterMs` belongs to an instance that stopped (crashed, killed) and is taken
 * over: claimed again, or `uncertain` for a group chat POST, whose redelivery is then answered.
 * `renewEveryMs` is well inside the lease (a few failed renewals do not lose it), and short, so
 * that a redelivery on another instance sees the owner is alive (its `at` moves) within a few
 * seconds and can answer inside Teams' 15 s instead of waiting the lease out.
 */
export interface ClaimLease {
  readonly staleAfterMs: number;
  readonly renewEveryMs: number;
}

/** A lease of `staleAfterMs` (by default 30 s), renewed ten times within it (every 3 s). */
export function claimLease(staleAfterMs: number = DEFAULT_REQUEST_LEASE_MS): ClaimLease {
  return { staleAfterMs, renewEveryMs: staleAfterMs / 10 };
}

/** After this long an `uncertain` request may be tried again (the person was told to check first). */
export const UNCERTAIN_RETRY_MS = 10 * 60_000;
const WRITE_ATTEMPTS = 3;
/** A claim retried this often when the entry it lost to vanishes (released) before it is read. */
const CLAIM_ATTEMPTS = 3;

export interface ClaimOptions {
  /** A finished request older than this no longer counts as the same one (keys made from typed text). */
  readonly reuseAfterMs?: number;
}

export class RequestLedger {
  constructor(
    private readonly store: StateStore,
    private readonly now: () => number = Date.now,
    private readonly lease: ClaimLease = claimLease(),
  ) {}

  async claim(key: string, options: ClaimOptions = {}): Promise<Claim> {
    const owner = randomUUID();
    let lastError: unknown;
    for (let attempt = 1; attempt <= CLAIM_ATTEMPTS; attempt += 1) {
      const outcome = await this.tryClaim(key, owner, options);
      if (outcome.kind !== 'vanished') return outcome;
      lastError = outcome.cause;
    }
    throw new StorageFaultError('The state store did not keep a request claim', { cause: lastError });
  }

  /**
   * One attempt. `vanished`: the entry that beat this claim was gone by the time it was read (its
   * turn released it), or the store lost the create: nothing is held, so the claim is tried again.
   */
  private async tryClaim(key: string, owner: string, options: ClaimOptions): Promise<Claim | { readonly kind: 'vanished'; readonly cause: unknown }> {
    const started: LedgerEntry = { state: 'started', at: this.now(), owner };
    let createError: unknown;
    try {
      if (await this.store.create(this.storeKey(key), started)) return { kind: 'claimed', owner };
    } catch (error) {
      // The write may have landed even though its answer was lost: the read below decides.
      createError = error;
    }
    const item = await this.readItem(key);
    if (!item) return { kind: 'vanished', cause: createError };
    if ('owner' in item.value && item.value.owner === owner && item.value.state === 'started') return { kind: 'claimed', owner };

    const next = this.takeOver(item.value, options);
    if (next === undefined) return { kind: 'existing', entry: item.value };
    // A group chat POST in doubt stays its poster's: if it answers after all, it records the truth.
    const replacement: LedgerEntry =
      next === 'claim' ? started : { state: 'uncertain', at: this.now(), requestId: undefined, recordedBy: 'takeOver', ...('owner' in item.value ? { owner: item.value.owner } : {}) };
    if (await storeOperation(() => this.store.replace(this.storeKey(key), replacement, item.etag))) {
      return next === 'claim' ? { kind: 'claimed', owner } : { kind: 'existing', entry: replacement };
    }
    const current = await this.readItem(key);
    if (!current) return { kind: 'vanished', cause: undefined };
    return { kind: 'existing', entry: current.value };
  }

  /**
   * The one read: what someone looking at the request should be told, without changing it.
   * Undefined when nothing is recorded (never claimed, or released); a claim whose turn must have
   * died reads as `abandoned`, a group chat POST that never reported back as `uncertain`.
   */
  async get(key: string): Promise<RequestState | undefined> {
    const entry = (await this.readItem(key))?.value;
    if (!entry || (entry.state !== 'started' && entry.state !== 'posting')) return entry;
    const verdict = this.takeOver(entry, {});
    if (verdict === 'claim') return { state: 'abandoned', at: entry.at };
    if (verdict === 'uncertain') return { state: 'uncertain', at: entry.at, requestId: undefined, recordedBy: 'takeOver' };
    return entry;
  }

  /** Records the pending choice card, so a redelivered turn shows the same card. */
  async saveChoice(key: string, owner: string, choice: PendingChoice): Promise<void> {
    await this.replaceOwned(key, owner, { state: 'choosing', at: this.now(), owner, choice });
  }

  /**
   * Must succeed before POST /chats: from here on the request is never released, and a crashed
   * POST of a group chat becomes `uncertain` rather than being sent again.
   */
  async markPosting(key: string, owner: string, repeatable: boolean): Promise<void> {
    await this.replaceOwned(key, owner, { state: 'posting', at: this.now(), owner, repeatable });
  }

  /**
   * Records the created chat. Only while `owner` still owns the request: false (nothing written)
   * when another turn has taken it over, whose own outcome then stands.
   */
  async complete(key: string, owner: string, result: ChatResult): Promise<boolean> {
    return this.writeOwned(key, owner, { state: 'done', at: this.now(), result });
  }

  /**
   * Records that Graph did not say whether the chat exists; only while `owner` owns the request.
   * The owner reports the doubt to the person itself, so a delivery waiting on it need not.
   */
  async markUncertain(key: string, owner: string, requestId: string | undefined): Promise<boolean> {
    return this.writeOwned(key, owner, { state: 'uncertain', at: this.now(), requestId, owner, recordedBy: 'owner' });
  }

  /**
   * Renews the owner's lease on a `started` or `posting` entry. False when the entry is no longer
   * the owner's or has moved on; a lost race only means the next renewal tries again.
   */
  async renew(key: string, owner: string): Promise<boolean> {
    const item = await this.readItem(key);
    if (!item || (item.value.state !== 'started' && item.value.state !== 'posting') || item.value.owner !== owner) return false;
    return storeOperation(() => this.store.replace(this.storeKey(key), { ...item.value, at: this.now() }, item.etag));
  }

  /**
   * Nothing was created: the same request may be tried again. Only the owner's claim is removed.
   * Each delete is conditional on the etag read, so a take-over in between keeps its claim; a
   * delete lost to the owner's own lease renewal is tried again.
   */
  async release(key: string, owner: string): Promise<void> {
    for (let attempt = 1; attempt <= WRITE_ATTEMPTS; attempt += 1) {
      const item = await this.readItem(key);
      if (!item || !('owner' in item.value) || item.value.owner !== owner) return;
      await storeOperation(() => this.store.delete(this.storeKey(key), item.etag));
    }
  }

  private takeOver(entry: LedgerEntry, options: ClaimOptions): 'claim' | 'uncertain' | undefined {
    const age = this.now() - entry.at;
    switch (entry.state) {
      case 'started':
        return age > this.lease.staleAfterMs ? 'claim' : undefined;
      case 'posting':
        // A one-on-one POST may be repeated (Graph returns the existing chat); a group chat's may not.
        if (age <= this.lease.staleAfterMs) return undefined;
        return entry.repeatable ? 'claim' : 'uncertain';
      case 'uncertain':
        return age > Math.min(UNCERTAIN_RETRY_MS, options.reuseAfterMs ?? Infinity) ? 'claim' : undefined;
      case 'choosing':
      case 'done':
        return options.reuseAfterMs !== undefined && age > options.reuseAfterMs ? 'claim' : undefined;
    }
  }

  /**
   * Replaces the entry only while this turn still owns it (a stale take-over wins). A lost race
   * while still owning it is the owner's own lease renewal (or a reader's take-over that kept the
   * owner): read again and retry a few times.
   */
  private async replaceOwned(key: string, owner: string, entry: LedgerEntry): Promise<void> {
    for (let attempt = 1; attempt <= WRITE_ATTEMPTS; attempt += 1) {
      const item = await this.readItem(key);
      if (!item || !('owner' in item.value) || item.value.owner !== owner) {
        throw new StorageFaultError('This request was taken over by another turn');
      }
      if (await storeOperation(() => this.store.replace(this.storeKey(key), entry, item.etag))) return;
    }
    throw new StorageFaultError('This request kept changing while it was being recorded');
  }

  /**
   * Records an outcome while `owner` still owns the entry; a few tries when a reader's write (a
   * take-over that kept this owner) changes the etag in between. False when someone else owns it.
   */
  private async writeOwned(key: string, owner: string, entry: LedgerEntry): Promise<boolean> {
    for (let attempt = 1; attempt <= WRITE_ATTEMPTS; attempt += 1) {
      const item = await this.readItem(key);
      if (!item || !('owner' in item.value) || item.value.owner !== owner) return false;
      if (await storeOperation(() => this.store.replace(this.storeKey(key), entry, item.etag))) return true;
    }
    throw new StorageFaultError('The request ledger kept changing while an outcome was being recorded');
  }

  private readItem(key: string): Promise<StoredItem<LedgerEntry> | undefined> {
    return storeOperation(() => this.store.get<LedgerEntry>(this.storeKey(key)));
  }

  private storeKey(key: string): string {
    return `request/${key}`;
  }
}
