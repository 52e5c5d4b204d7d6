/**
 * Shared state behind an interface, so several bot instances can agree on what was done
 * (an in-memory store for one instance and tests; Azure Blob storage when scaled out).
 * Values are JSON. `etag` makes updates conditional: a write on a stale etag fails.
 */
export interface StoredItem<T> {
  readonly value: T;
  readonly etag: string;
}

export interface StateStore {
  /** Creates the item only if no item has the key. True when this call created it. */
  create<T>(key: string, value: T): Promise<boolean>;
  get<T>(key: string): Promise<StoredItem<T> | undefined>;
  /** Replaces the item if its etag still matches; false when someone else changed it first. */
  replace<T>(key: string, value: T, etag: string): Promise<boolean>;
  /** Deletes the item; with an etag, only if it still matches (someone else's newer write stays). */
  delete(key: string, etag?: string): Promise<void>;
}
