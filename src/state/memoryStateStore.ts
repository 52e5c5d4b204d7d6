import { StateStore, StoredItem } from './stateStore';

/** A `StateStore` in this process's memory: one bot instance, tests and the local try-out. */
export class MemoryStateStore implements StateStore {
  private readonly items = new Map<string, { json: string; etag: string }>();
  private version = 0;

  async create<T>(key: string, value: T): Promise<boolean> {
    if (this.items.has(key)) return false;
    this.items.set(key, { json: JSON.stringify(value), etag: this.nextEtag() });
    return true;
  }

  async get<T>(key: string): Promise<StoredItem<T> | undefined> {
    const item = this.items.get(key);
    // Stored as JSON so callers can never mutate what is stored, as with a real store.
    return item ? { value: JSON.parse(item.json) as T, etag: item.etag } : undefined;
  }

  async replace<T>(key: string, value: T, etag: string): Promise<boolean> {
    const item = this.items.get(key);
    if (!item || item.etag !== etag) return false;
    this.items.set(key, { json: JSON.stringify(value), etag: this.nextEtag() });
    return true;
  }

  async delete(key: string): Promise<void> {
    this.items.delete(key);
  }

  private nextEtag(): string {
    this.version += 1;
    return `"${this.version}"`;
  }
}
