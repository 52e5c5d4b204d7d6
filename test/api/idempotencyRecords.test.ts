import { IDEMPOTENCY_TTL_MS, IdempotencyRecords } from '../../src/api/idempotencyRecords';
import type { ApiChatAnswer } from '../../src/api/chatAnswer';
import { StorageFaultError } from '../../src/errors';
import { MemoryStateStore } from '../../src/state/memoryStateStore';

const ANSWER: ApiChatAnswer = { id: '19:x@thread.v2', webUrl: 'https://teams.microsoft.com/l/chat/x/0', chatType: 'group', topic: 'T', members: [], kickoff: { posted: true } };

describe('IdempotencyRecords', () => {
  let now: number;
  let records: IdempotencyRecords;
  let store: MemoryStateStore;
  beforeEach(() => {
    now = 1_000_000;
    store = new MemoryStateStore();
    records = new IdempotencyRecords(store, () => now);
  });

  it('binds a key to its first body: the same body is the same request (one ledger key), another body is refused', async () => {
    const first = await records.bind('caller', 'k', 'body-1');
    expect(first).toMatchObject({ kind: 'bound', fresh: true });
    const again = await records.bind('caller', 'k', 'body-1');
    expect(again).toMatchObject({ kind: 'bound', fresh: false });
    expect(again.kind === 'bound' && first.kind === 'bound' && again.ledgerKey === first.ledgerKey).toBe(true);
    expect(await records.bind('caller', 'k', 'body-2')).toEqual({ kind: 'otherBody' });
    // Keys are per caller.
    expect(await records.bind('other caller', 'k', 'body-2')).toMatchObject({ kind: 'bound', fresh: true });
  });

  it('replays the recorded answer, and forgets the key after 24 hours (a new ledger key)', async () => {
    const first = await records.bind('caller', 'k', 'body-1');
    await records.saveAnswer('caller', 'k', 'body-1', ANSWER);
    expect(await records.bind('caller', 'k', 'body-1')).toMatchObject({ kind: 'bound', answer: ANSWER });
    now += IDEMPOTENCY_TTL_MS + 1;
    const later = await records.bind('caller', 'k', 'body-2');
    expect(later).toMatchObject({ kind: 'bound', fresh: true });
    expect(later.kind === 'bound' && later.answer).toBeFalsy();
    expect(later.kind === 'bound' && first.kind === 'bound' && later.ledgerKey !== first.ledgerKey).toBe(true);
  });

  it('never records an answer for another body, and keeps the first answer', async () => {
    await records.bind('caller', 'k', 'body-1');
    await records.saveAnswer('caller', 'k', 'body-2', ANSWER);
    expect(await records.answerOf('caller', 'k')).toBeUndefined();
    await records.saveAnswer('caller', 'k', 'body-1', ANSWER);
    await records.saveAnswer('caller', 'k', 'body-1', { ...ANSWER, id: 'another' });
    expect(await records.answerOf('caller', 'k')).toEqual(ANSWER);
  });

  it('lets one of many concurrent first requests bind the key', async () => {
    const claims = await Promise.all(Array.from({ length: 10 }, () => records.bind('caller', 'k', 'body-1')));
    expect(claims.filter((claim) => claim.kind === 'bound' && claim.fresh)).toHaveLength(1);
  });

  it('reports a failing store as a storage fault', async () => {
    const broken = new IdempotencyRecords({ ...store, create: async () => Promise.reject(new Error('down')), get: store.get.bind(store), replace: store.replace.bind(store), delete: store.delete.bind(store) });
    await expect(broken.bind('caller', 'k', 'b')).rejects.toBeInstanceOf(StorageFaultError);
  });
});
