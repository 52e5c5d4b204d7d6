import type { AbuseLimitsConfig } from '../config/appConfig';
import { ChatRateLimitedError, StorageFaultError } from '../errors';
import { StateStore } from '../state/stateStore';

/** What the start-chat service asks before each POST /chats. */
export interface CreationQuota {
  /** Counts one chat for the person, or throws `ChatRateLimitedError` without counting it. */
  take(requesterId: string): Promise<void>;
}

export interface ChatCreationQuotaOptions {
  readonly store: StateStore;
  readonly limits: Pick<AbuseLimitsConfig, 'chatsPerMinute' | 'chatsPerDay'>;
  readonly now?: () => number;
}

/** One record per person: the UTC day's count and the start times of the last minute's chats. */
interface QuotaRecord {
  readonly day: string;
  readonly dayCount: number;
  readonly recent: readonly number[];
}

const MINUTE_MS = 60_000;
/** Conditional writes lost to a concurrent writer before giving up (one person, a few clicks). */
const MAX_ATTEMPTS = 8;

/**
 * How many chats one person may start: per sliding minute and per UTC day. Counted in the state
 * store with conditional writes, so every bot instance sees the same count and two concurrent
 * requests cannot both take the last unit. A refusal changes nothing.
 */
export class ChatCreationQuota implements CreationQuota {
  private readonly now: () => number;

  constructor(private readonly options: ChatCreationQuotaOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Entra object ids are unique across tenants, so the person's id alone names their record. */
  static key(requesterId: string): string {
    return `quota/${requesterId}`;
  }

  async take(requesterId: string): Promise<void> {
    const key = ChatCreationQuota.key(requesterId);
    const { chatsPerMinute, chatsPerDay } = this.options.limits;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const now = this.now();
      const stored = await this.options.store.get<unknown>(key);
      const current = currentRecord(stored?.value, now);
      if (current.recent.length >= chatsPerMinute) {
        const oldest = Math.min(...current.recent);
        throw new ChatRateLimitedError('minute', chatsPerMinute, Math.max(1, Math.ceil((oldest + MINUTE_MS - now) / 1000)));
      }
      if (current.dayCount >= chatsPerDay) {
        throw new ChatRateLimitedError('day', chatsPerDay, Math.max(1, Math.ceil((nextUtcMidnight(now) - now) / 1000)));
      }
      const next: QuotaRecord = { day: current.day, dayCount: current.dayCount + 1, recent: [...current.recent, now] };
      const written = stored ? await this.options.store.replace(key, next, stored.etag) : await this.options.store.create(key, next);
      if (written) return;
    }
    throw new StorageFaultError(`The quota of ${key} kept changing under concurrent writes`);
  }
}

/** The record as of `now`: a new day starts at zero; chats older than a minute drop out of `recent`. */
function currentRecord(value: unknown, now: number): QuotaRecord {
  const day = utcDay(now);
  const record = isQuotaRecord(value) ? value : { day, dayCount: 0, recent: [] };
  // A chat stamped a little after `now` (another instance, a later clock reading) still counts.
  const recent = record.recent.filter((at) => at > now - MINUTE_MS);
  return record.day === day ? { day, dayCount: record.dayCount, recent } : { day, dayCount: 0, recent };
}

function isQuotaRecord(value: unknown): value is QuotaRecord {
  const record = value as Partial<QuotaRecord> | undefined;
  return (
    typeof record === 'object' &&
    record !== null &&
    typeof record.day === 'string' &&
    Number.isSafeInteger(record.dayCount) &&
    Array.isArray(record.recent) &&
    record.recent.every((at) => Number.isFinite(at))
  );
}

function utcDay(now: number): string {
  return new Date(now).toISOString().slice(0, 10);
}

function nextUtcMidnight(now: number): number {
  const date = new Date(now);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + 1);
}
