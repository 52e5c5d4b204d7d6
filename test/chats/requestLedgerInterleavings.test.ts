import { randomUUID } from 'node:crypto';
import { ChatResult } from '../../src/chats/chatResult';
import { RequestLedger } from '../../src/chats/requestLedger';
import { DEFAULT_REQUEST_LEASE_MS } from '../../src/config/turnTiming';
import { createBlobContainerClient } from '../../src/state/createBlobContainerClient';
import { BlobStateStore } from '../../src/state/blobStateStore';
import { MemoryStateStore } from '../../src/state/memoryStateStore';
import { StateStore } from '../../src/state/stateStore';
import { sharedAzurite } from '../support/azurite';
import { ActorResult, Interleaver, allSchedules } from '../support/interleaver';

/**
 * The ledger under every interleaving of two turns' storage calls (a deterministic scheduler runs
 * each schedule), on the memory store and on Blob storage (Azurite).
 */
const RESULT: ChatResult = { chatId: '19:x@thread.v2', chatType: 'oneOnOne', topic: '', members: [], openUrl: 'https://teams.microsoft.com/l/chat/x', notes: [] };

// The run's Azurite; each schedule uses a container of its own.
const azurite = sharedAzurite();

async function blobStore(): Promise<StateStore> {
  const container = createBlobContainerClient({ kind: 'blob', container: `l-${randomUUID()}`, connection: { kind: 'connectionString', connectionString: azurite.connectionString } });
  const store = new BlobStateStore({ container });
  await store.ensureContainer();
  return store;
}

// Every schedule of this many steps (Blob calls are slower, so fewer; beyond it, name order).
const STORES: [string, () => Promise<StateStore>, number][] = [
  ['memory', async () => new MemoryStateStore(), 10],
  ['Blob (Azurite)', blobStore, 6],
];

function fault(result: ActorResult | undefined): string {
  if (!result) return 'did not finish';
  return result.ok ? '' : String((result.error as Error).message);
}

describe.each(STORES)('RequestLedger interleavings on the %s store', (_name, makeStore, steps) => {
  let store: StateStore;
  let now = 1_000_000;
  beforeAll(async () => {
    store = await makeStore();
  });

  it('a claim that loses the create race and then finds the claim released claims again, never a storage fault', async () => {
    const seen = new Set<string>();
    for (const schedule of allSchedules(['contender', 'holder'], steps)) {
      const key = `race-${randomUUID()}`;
      const scheduler = new Interleaver();
      const ledgerOf = (actor: string) => new RequestLedger(scheduler.storeFor(actor, store), () => now);
      const results = await scheduler.run(
        {
          holder: async () => {
            const ledger = ledgerOf('holder');
            const claim = await ledger.claim(key);
            if (claim.kind === 'claimed') await ledger.release(key, claim.owner);
            return claim.kind;
          },
          contender: async () => (await ledgerOf('contender').claim(key)).kind,
        },
        schedule,
      );
      seen.add(scheduler.trace.join(' '));
      expect({ schedule: scheduler.trace.join(' '), fault: fault(results.contender) }).toEqual({ schedule: scheduler.trace.join(' '), fault: '' });
      expect(fault(results.holder)).toBe('');
      // One of them had the claim at any moment; whoever claimed last still has it, or it was released.
      const entry = await new RequestLedger(store, () => now).get(key);
      if (results.contender?.ok && results.contender.value === 'claimed') expect(entry).toEqual(expect.objectContaining({ state: 'started' }));
    }
    // The interesting interleaving was among them: the contender's create lost, then the holder released.
    expect([...seen].some((trace) => /holder:create contender:create .*holder:delete contender:get/.test(trace))).toBe(true);
  });

  it("an owner whose claim was taken over records nothing over the new owner's claim", async () => {
    for (const schedule of allSchedules(['late', 'taker'], steps)) {
      const key = `takeover-${randomUUID()}`;
      // The first turn claimed and began a one-on-one POST, then went quiet past the stale bound.
      const setupLedger = new RequestLedger(store, () => now);
      const first = await setupLedger.claim(key);
      if (first.kind !== 'claimed') throw new Error('setup');
      await setupLedger.markPosting(key, first.owner, true);
      now += DEFAULT_REQUEST_LEASE_MS + 1;

      const scheduler = new Interleaver();
      const ledgerOf = (actor: string) => new RequestLedger(scheduler.storeFor(actor, store), () => now);
      const results = await scheduler.run(
        {
          // The first turn's POST finally answers: it records the result.
          late: async () => ledgerOf('late').complete(key, first.owner, RESULT),
          // Meanwhile another delivery takes the stale claim over and starts posting itself.
          taker: async () => {
            const ledger = ledgerOf('taker');
            const claim = await ledger.claim(key);
            if (claim.kind === 'claimed') await ledger.markPosting(key, claim.owner, true);
            return claim.kind;
          },
        },
        schedule,
      );
      const trace = scheduler.trace.join(' ');
      expect({ trace, late: fault(results.late), taker: fault(results.taker) }).toEqual({ trace, late: '', taker: '' });
      const entry = await new RequestLedger(store, () => now).get(key);
      if (results.taker?.ok && results.taker.value === 'claimed') {
        // The late owner lost the request: its write was skipped and said so.
        expect(results.late).toEqual({ ok: true, value: false });
        expect(entry).toEqual(expect.objectContaining({ state: 'posting' }));
      } else {
        expect(results.late).toEqual({ ok: true, value: true });
        expect(entry).toEqual(expect.objectContaining({ state: 'done', result: RESULT }));
      }
    }
  });
});
