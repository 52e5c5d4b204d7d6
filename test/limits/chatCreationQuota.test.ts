import { randomUUID } from 'node:crypto';
import { ChatRateLimitedError } from '../../src/errors';
import { ChatCreationQuota } from '../../src/limits/chatCreationQuota';
import { BlobStateStore } from '../../src/state/blobStateStore';
import { createBlobContainerClient } from '../../src/state/createBlobContainerClient';
import { MemoryStateStore } from '../../src/state/memoryStateStore';
import { StateStore } from '../../src/state/stateStore';
import { sharedAzurite } from '../support/azurite';

const ALEX = '00000000-0000-4000-8000-000000000020';
const MEGAN = '00000000-0000-4000-8000-000000000021';
const NOON = Date.UTC(2026, 10, 27, 12, 0, 0);

/** A clock the test moves by hand. */
function clock(start = NOON): { now: () => number; advance: (ms: number) => void; set: (at: number) => void } {
  let at = start;
  return { now: () => at, advance: (ms) => (at += ms), set: (value) => (at = value) };
}

const rejection = async (promise: Promise<unknown>): Promise<ChatRateLimitedError> => {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ChatRateLimitedError);
  return error as ChatRateLimitedError;
};

describe('ChatCreationQuota (memory store)', () => {
  it('allows the per-minute number of chats, then refuses with the seconds until one drops out', async () => {
    const time = clock();
    const quota = new ChatCreationQuota({ store: new MemoryStateStore({ now: time.now }), limits: { chatsPerMinute: 3, chatsPerDay: 100 }, now: time.now });
    await quota.take(ALEX);
    time.advance(10_000);
    await quota.take(ALEX);
    await quota.take(ALEX);
    const refused = await rejection(quota.take(ALEX));
    expect(refused).toMatchObject({ window: 'minute', limit: 3, retryAfterSeconds: 50 });
    // The window slides: once the first chat is a minute old, one more fits, and only one.
    time.advance(50_000);
    await quota.take(ALEX);
    await rejection(quota.take(ALEX));
  });

  it('counts a chat another instance stamped a moment later than this clock reads', async () => {
    const store = new MemoryStateStore();
    const ahead = new ChatCreationQuota({ store, limits: { chatsPerMinute: 1, chatsPerDay: 100 }, now: () => NOON + 5 });
    const behind = new ChatCreationQuota({ store, limits: { chatsPerMinute: 1, chatsPerDay: 100 }, now: () => NOON });
    await ahead.take(ALEX);
    await rejection(behind.take(ALEX));
  });

  it('counts each person on their own', async () => {
    const time = clock();
    const quota = new ChatCreationQuota({ store: new MemoryStateStore({ now: time.now }), limits: { chatsPerMinute: 1, chatsPerDay: 100 }, now: time.now });
    await quota.take(ALEX);
    await quota.take(MEGAN);
    await rejection(quota.take(ALEX));
  });

  it('refuses beyond the daily number until midnight UTC, then starts again', async () => {
    const time = clock(Date.UTC(2026, 10, 27, 23, 0, 0));
    const quota = new ChatCreationQuota({ store: new MemoryStateStore({ now: time.now }), limits: { chatsPerMinute: 10, chatsPerDay: 2 }, now: time.now });
    await quota.take(ALEX);
    time.advance(120_000);
    await quota.take(ALEX);
    time.advance(120_000);
    const refused = await rejection(quota.take(ALEX));
    expect(refused).toMatchObject({ window: 'day', limit: 2, retryAfterSeconds: 56 * 60 });
    time.set(Date.UTC(2026, 10, 28, 0, 0, 1));
    await quota.take(ALEX);
  });

  it('reads a damaged record as no chats rather than failing the request', async () => {
    const time = clock();
    const store = new MemoryStateStore({ now: time.now });
    await store.create(ChatCreationQuota.key(ALEX), { day: 5, recent: 'x' });
    const quota = new ChatCreationQuota({ store, limits: { chatsPerMinute: 1, chatsPerDay: 1 }, now: time.now });
    await quota.take(ALEX);
    await rejection(quota.take(ALEX));
  });
});

describe('ChatCreationQuota shared through Blob storage (Azurite)', () => {
  // The run's Azurite; each test uses containers of its own.
  const azurite = sharedAzurite();

  const blobStore = async (container: string): Promise<StateStore> => {
    const store = new BlobStateStore({ container: createBlobContainerClient({ kind: 'blob', container, connection: { kind: 'connectionString', connectionString: azurite.connectionString } }) });
    await store.ensureContainer();
    return store;
  };

  it('two instances taking at once never exceed the limit between them', async () => {
    const container = `q-${randomUUID()}`;
    const limits = { chatsPerMinute: 4, chatsPerDay: 100 };
    const [first, second] = [new ChatCreationQuota({ store: await blobStore(container), limits }), new ChatCreationQuota({ store: await blobStore(container), limits })];
    const attempts = Array.from({ length: 10 }, (_, index) => (index % 2 === 0 ? first : second).take(ALEX));
    const results = await Promise.allSettled(attempts);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(4);
    const refused = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected').map((result) => result.reason as unknown);
    expect(refused).toHaveLength(6);
    for (const reason of refused) expect(reason).toBeInstanceOf(ChatRateLimitedError);
  });
});
