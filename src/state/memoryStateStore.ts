import { StateStore, StoredItem } from './stateStore';

export interface MemoryStateStoreOptions {
  /** Items older than this are forgotten, so a long-running instance does not grow forever. */
  readonly ttlMs?: number;
  readonly now?: () => number;
}

/** Every request and choice expires well within a day; Teams redelivers within minutes. */
export const DEFAULT_STATE_TTL_MS = 24 * 60 * 60_000;

/** A `StateStore` in this process's memory: one bot instance, tests and the local try-out. */
export class MemoryStateStore implements StateStore {
  private readonly items = new Map<string, { json: string; etag: string; writtenAt: number }>();
  private version = 0;
  private lastSweep = 0;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(options: MemoryStateStoreOptions = {}) {
    this.ttlMs = options.ttlMs ?? DEFAULT_STATE_TTL_MS;
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.items.size;
  }

  async create<T>(key: string, value: T): Promise<boolean> {
    this.sweep();
    if (this.live(key)) return false;
    this.write(key, value);
    return true;
  }

  async get<T>(key: string): Promise<StoredItem<T> | undefined> {
    const item = this.live(key);
    // Stored as JSON so callers can never mutate what is stored, as with a real store.
    return item ? { value: JSON.parse(item.json) as T, etag: item.etag } : undefined;
  }

  async replace<T>(key: string, value: T, etag: string): Promise<boolean> {
    const item = this.live(key);
    if (!item || item.etag !== etag) return false;
    this.write(key, value);
    return true;
  }

  async delete(key: string, etag?: string): Promise<void> {
    if (etag !== undefined && this.items.get(key)?.etag !== etag) return;
    this.items.delete(key);
  }

  private live(key: string): { json: string; etag: string; writtenAt: number } | undefined {
    const item = this.items.get(key);
    if (item && this.now() - item.writtenAt > this.ttlMs) {
      this.items.delete(key);
      return undefined;
    }
    return item;
  }

  private write<T>(key: string, value: T): void {
    this.version += 1;
    this.items.set(key, { json: JSON.stringify(value), etag: `"${this.version}"`, writtenAt: this.now() });
  }

  /**
   * Drops expired items, scanning everything at most once a minute (or once per lifetime, when
   * that is shorter) so writes stay cheap and nothing outlives its lifetime by much.
   */
  private sweep(): void {
    const now = this.now();
    if (now - this.lastSweep < Math.min(60_000, this.ttlMs)) return;
    this.lastSweep = now;
    for (const [key, item] of this.items) {
      if (now - item.writtenAt > this.ttlMs) this.items.delete(key);
    }
  }
}
