import { StartChatOutcome } from '../../src/chats/startChatOutcome';
import { waitForOwner } from '../../src/chats/waitForOutcome';
import { ChatResult } from '../../src/chats/chatResult';

const RESULT: ChatResult = { chatId: '19:x@thread.v2', chatType: 'group', topic: 'T', members: [], openUrl: 'https://teams.microsoft.com/l/chat/x', notes: [] };

/** Reads the given outcomes in turn (the last one for ever after); counts reads and sleeps. */
function reads(...outcomes: Array<StartChatOutcome | undefined>) {
  let index = 0;
  const counts = { reads: 0, slept: 0 };
  return {
    counts,
    read: async () => {
      counts.reads += 1;
      return outcomes[Math.min(index++, outcomes.length - 1)];
    },
    sleep: async (ms: number) => {
      counts.slept += ms;
    },
  };
}

describe('waitForOwner', () => {
  it('stops as soon as the owner renews its lease: it is alive and will answer', async () => {
    const { read, sleep, counts } = reads({ kind: 'inProgress', heartbeat: 1 }, { kind: 'inProgress', heartbeat: 1 }, { kind: 'inProgress', heartbeat: 4 });
    expect(await waitForOwner(read, { timeoutMs: 32_000, sleep })).toEqual({ kind: 'ownerAlive' });
    expect(counts.reads).toBe(3);
  });

  it('returns an outcome recorded meanwhile', async () => {
    const { read, sleep } = reads({ kind: 'inProgress', heartbeat: 1 }, { kind: 'replayed', result: RESULT });
    expect(await waitForOwner(read, { timeoutMs: 32_000, sleep })).toEqual({ kind: 'replayed', result: RESULT });
  });

  it("waits out the whole bound when nothing moves (a stopped owner's lease runs out)", async () => {
    const { read, sleep, counts } = reads({ kind: 'inProgress', heartbeat: 1 });
    expect(await waitForOwner(read, { timeoutMs: 32_000, intervalMs: 250, sleep })).toEqual({ kind: 'inProgress' });
    expect(counts.slept).toBeGreaterThanOrEqual(32_000);
  });

  it('stops when nothing is recorded any more (released or abandoned): the caller tries itself', async () => {
    const { read, sleep, counts } = reads({ kind: 'inProgress', heartbeat: 1 }, undefined);
    expect(await waitForOwner(read, { timeoutMs: 32_000, sleep })).toEqual({ kind: 'inProgress' });
    expect(counts.reads).toBe(2);
  });
});
