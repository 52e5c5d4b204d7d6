import { callSignal } from '../../src/graph/callSignal';
import { heldBySignal } from '../support/signalHolds';

describe('callSignal', () => {
  it('aborts with a TimeoutError when the time is up', async () => {
    const { signal } = callSignal(5);
    await new Promise((resolve) => signal.addEventListener('abort', resolve));
    expect((signal.reason as DOMException).name).toBe('TimeoutError');
  });

  it('aborts with the outer reason when the outer signal aborts, and at once when it already has', () => {
    const outer = new AbortController();
    const call = callSignal(60_000, outer.signal);
    const reason = new Error('the bot is shutting down');
    outer.abort(reason);
    expect(call.signal.reason).toBe(reason);
    call.release();
    expect(callSignal(60_000, outer.signal).signal.reason).toBe(reason);
  });

  it('does not abort after release, and leaves nothing on the outer signal however many calls were made', async () => {
    const outer = new AbortController();
    const calls = Array.from({ length: 1_000 }, () => callSignal(5, outer.signal));
    expect(heldBySignal(outer.signal)).toBe(1_000);
    for (const call of calls) call.release();
    expect(heldBySignal(outer.signal)).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(calls.some((call) => call.signal.aborted)).toBe(false);
  });
});
