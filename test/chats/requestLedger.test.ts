import { RequestLedger, UNCERTAIN_RETRY_MS } from '../../src/chats/requestLedger';
import { DEFAULT_REQUEST_LEASE_MS } from '../../src/config/turnTiming';
import { ChatResult } from '../../src/chats/chatResult';
import { StorageFaultError } from '../../src/errors';
import { MemoryStateStore } from '../../src/state/memoryStateStore';
import { StateStore } from '../../src/state/stateStore';

const RESULT: ChatResult = { chatId: '19:x@thread.v2', chatType: 'group', topic: 'T', members: [], openUrl: 'https://teams.microsoft.com/l/chat/x', notes: [] };

function setup() {
  let now = 1_000_000;
  const store = new MemoryStateStore({ now: () => now });
  const ledger = new RequestLedger(store, () => now);
  return { store, ledger, advance: (ms: number) => (now += ms) };
}

async function claimOwner(ledger: RequestLedger, key: string): Promise<string> {
  const claim = await ledger.claim(key);
  if (claim.kind !== 'claimed') throw new Error(`expected to claim ${key}, found ${JSON.stringify(claim)}`);
  return claim.owner;
}

describe('RequestLedger', () => {
  it('lets one turn claim a key; the others see its state', async () => {
    const { ledger } = setup();
    const owner = await claimOwner(ledger, 'k');
    expect(await ledger.claim('k')).toEqual({ kind: 'existing', entry: expect.objectContaining({ state: 'started' }) });
    await ledger.markPosting('k', owner, false);
    expect(await ledger.claim('k')).toEqual({ kind: 'existing', entry: expect.objectContaining({ state: 'posting' }) });
    expect(await ledger.complete('k', owner, RESULT)).toBe(true);
    expect(await ledger.claim('k')).toEqual({ kind: 'existing', entry: expect.objectContaining({ state: 'done', result: RESULT }) });
  });

  it('keeps a working owner\'s claim fresh: a renewed lease is not taken over; a lapsed one is', async () => {
    const { ledger, advance } = setup();
    const owner = await claimOwner(ledger, 'k');
    await ledger.markPosting('k', owner, false);
    advance(DEFAULT_REQUEST_LEASE_MS - 1);
    expect(await ledger.renew('k', owner)).toBe(true);
    advance(DEFAULT_REQUEST_LEASE_MS - 1);
    expect((await ledger.claim('k')).kind).toBe('existing');
    expect(await ledger.get('k')).toEqual(expect.objectContaining({ state: 'posting', owner }));
    expect(await ledger.renew('k', 'someone else')).toBe(false);
    advance(2);
    // The owner stopped renewing: a group chat POST in doubt is `uncertain` for whoever asks.
    expect(await ledger.claim('k')).toEqual({ kind: 'existing', entry: expect.objectContaining({ state: 'uncertain' }) });
    expect(await ledger.renew('k', owner)).toBe(false);
  });

  it("writes an outcome only while the writer owns the request, and lets a doubted POST's owner record the truth", async () => {
    const { ledger, advance } = setup();
    const group = await claimOwner(ledger, 'group');
    await ledger.markPosting('group', group, false);
    const oneOnOne = await claimOwner(ledger, 'oneOnOne');
    await ledger.markPosting('oneOnOne', oneOnOne, true);
    advance(DEFAULT_REQUEST_LEASE_MS + 1);
    // A stale group POST becomes uncertain but stays its poster's; a stale one-on-one is taken over.
    expect((await ledger.claim('group')).kind).toBe('existing');
    const taker = await claimOwner(ledger, 'oneOnOne');
    expect(await ledger.complete('oneOnOne', oneOnOne, RESULT)).toBe(false);
    expect(await ledger.markUncertain('oneOnOne', oneOnOne, 'req')).toBe(false);
    expect(await ledger.get('oneOnOne')).toEqual(expect.objectContaining({ state: 'started', owner: taker }));
    expect(await ledger.complete('group', group, RESULT)).toBe(true);
    expect(await ledger.get('group')).toEqual(expect.objectContaining({ state: 'done', result: RESULT }));
    expect(await ledger.complete('missing', group, RESULT)).toBe(false);
  });

  it('recognises its own claim when the answer to the claiming write was lost', async () => {
    const inner = new MemoryStateStore();
    const lossy: StateStore = {
      create: async (key, value) => {
        await inner.create(key, value);
        throw new Error('socket hang up');
      },
      get: (key) => inner.get(key),
      replace: (key, value, etag) => inner.replace(key, value, etag),
      delete: (key) => inner.delete(key),
    };
    const claim = await new RequestLedger(lossy).claim('k');
    expect(claim.kind).toBe('claimed');
  });

  it('fails with a StorageFaultError when the claim cannot be written at all', async () => {
    const down: StateStore = {
      create: async () => {
        throw new Error('ECONNREFUSED');
      },
      get: async () => undefined,
      replace: async () => false,
      delete: async () => undefined,
    };
    await expect(new RequestLedger(down).claim('k')).rejects.toBeInstanceOf(StorageFaultError);
  });

  it('takes over a stale start, but never re-posts a stale group chat', async () => {
    const { ledger, advance } = setup();
    await claimOwner(ledger, 'started');
    const group = await claimOwner(ledger, 'group');
    await ledger.markPosting('group', group, false);
    const oneOnOne = await claimOwner(ledger, 'oneOnOne');
    await ledger.markPosting('oneOnOne', oneOnOne, true);
    advance(DEFAULT_REQUEST_LEASE_MS + 1);
    expect((await ledger.claim('started')).kind).toBe('claimed');
    expect((await ledger.claim('oneOnOne')).kind).toBe('claimed');
    expect(await ledger.claim('group')).toEqual({ kind: 'existing', entry: expect.objectContaining({ state: 'uncertain' }) });
  });

  it('lets a turn that lost its claim neither post nor release the new owner', async () => {
    const { ledger, advance } = setup();
    const slow = await claimOwner(ledger, 'k');
    advance(DEFAULT_REQUEST_LEASE_MS + 1);
    const fresh = await claimOwner(ledger, 'k');
    await expect(ledger.markPosting('k', slow, false)).rejects.toBeInstanceOf(StorageFaultError);
    await ledger.release('k', slow);
    await ledger.markPosting('k', fresh, false);
    expect(await ledger.get('k')).toEqual(expect.objectContaining({ state: 'posting', owner: fresh }));
  });

  it('tells a viewer that a dead turn abandoned its request, and that a dead group POST is uncertain', async () => {
    const { ledger, store, advance } = setup();
    await claimOwner(ledger, 'started');
    const group = await claimOwner(ledger, 'group');
    await ledger.markPosting('group', group, false);
    expect(await ledger.get('started')).toEqual(expect.objectContaining({ state: 'started' }));
    advance(DEFAULT_REQUEST_LEASE_MS + 1);
    expect(await ledger.get('started')).toEqual({ state: 'abandoned', at: expect.any(Number) });
    expect(await ledger.get('group')).toEqual(expect.objectContaining({ state: 'uncertain' }));
    expect(await ledger.get('missing')).toBeUndefined();
    // Looking changes nothing.
    expect((await store.get('request/group'))?.value).toEqual(expect.objectContaining({ state: 'posting' }));
  });

  it('says who recorded a doubt: the posting turn itself (it told the person) or a take-over of a dead one', async () => {
    const { ledger, advance } = setup();
    const told = await claimOwner(ledger, 'told');
    await ledger.markPosting('told', told, false);
    expect(await ledger.markUncertain('told', told, 'req')).toBe(true);
    expect(await ledger.get('told')).toEqual(expect.objectContaining({ state: 'uncertain', recordedBy: 'owner' }));

    const dead = await claimOwner(ledger, 'dead');
    await ledger.markPosting('dead', dead, false);
    advance(DEFAULT_REQUEST_LEASE_MS + 1);
    expect(await ledger.get('dead')).toEqual(expect.objectContaining({ state: 'uncertain', recordedBy: 'takeOver' }));
    expect(await ledger.claim('dead')).toEqual({ kind: 'existing', entry: expect.objectContaining({ state: 'uncertain', recordedBy: 'takeOver', owner: dead }) });
    // The dead turn's POST answers after all: its owner records the doubt itself, and it told the person.
    expect(await ledger.markUncertain('dead', dead, 'req-late')).toBe(true);
    expect(await ledger.get('dead')).toEqual(expect.objectContaining({ state: 'uncertain', recordedBy: 'owner', requestId: 'req-late' }));
  });

  it("moves the request on even when the owner's own lease renewal lands between its read and its write", async () => {
    const { store, ledger } = setup();
    let renewBeforeNextReplace = false;
    // Renews the lease (as the owner's timer does) just before the ledger's next conditional write.
    const racing: StateStore = {
      create: (key, value) => store.create(key, value),
      get: (key) => store.get(key),
      delete: (key, etag) => store.delete(key, etag),
      replace: async (key, value, etag) => {
        if (renewBeforeNextReplace) {
          renewBeforeNextReplace = false;
          expect(await ledger.renew('k', owner)).toBe(true);
        }
        return store.replace(key, value, etag);
      },
    };
    const racingLedger = new RequestLedger(racing);
    const owner = await claimOwner(racingLedger, 'k');
    renewBeforeNextReplace = true;
    await racingLedger.markPosting('k', owner, false);
    expect(await ledger.get('k')).toEqual(expect.objectContaining({ state: 'posting', owner }));
  });

  it("releases its claim even when the owner's own lease renewal lands between its read and its delete", async () => {
    const { store, ledger } = setup();
    let renewBeforeNextDelete = false;
    const racing: StateStore = {
      create: (key, value) => store.create(key, value),
      get: (key) => store.get(key),
      replace: (key, value, etag) => store.replace(key, value, etag),
      delete: async (key, etag) => {
        if (renewBeforeNextDelete) {
          renewBeforeNextDelete = false;
          expect(await ledger.renew('k', owner)).toBe(true);
        }
        return store.delete(key, etag);
      },
    };
    const racingLedger = new RequestLedger(racing);
    const owner = await claimOwner(racingLedger, 'k');
    renewBeforeNextDelete = true;
    await racingLedger.release('k', owner);
    expect(await ledger.get('k')).toBeUndefined();
  });

  it('releases its own claim', async () => {
    const { ledger } = setup();
    const owner = await claimOwner(ledger, 'k');
    await ledger.release('k', owner);
    expect(await ledger.get('k')).toBeUndefined();
  });

  it('allows an uncertain request again after a while, and a finished one only with a reuse window', async () => {
    const { ledger, advance } = setup();
    expect(await ledger.markUncertain('u', await claimOwner(ledger, 'u'), 'req')).toBe(true);
    expect(await ledger.complete('d', await claimOwner(ledger, 'd'), RESULT)).toBe(true);
    advance(UNCERTAIN_RETRY_MS - 1);
    expect((await ledger.claim('u')).kind).toBe('existing');
    advance(2);
    expect((await ledger.claim('u')).kind).toBe('claimed');
    expect((await ledger.claim('d')).kind).toBe('existing');
    expect((await ledger.claim('d', { reuseAfterMs: 60_000 })).kind).toBe('claimed');
  });
});
