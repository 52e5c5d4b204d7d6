import { callSignal } from '../../src/graph/callSignal';
import { heldBySignal } from '../support/signalHolds';

describe('callSignal', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('aborts with a TimeoutError once the time is up, as AbortSignal.timeout does', () => {
    const call = callSignal(1_000, undefined);
    jest.advanceTimersByTime(999);
    expect(call.signal.aborted).toBe(false);
    jest.advanceTimersByTime(1);
    expect(call.signal.aborted).toBe(true);
    expect(call.signal.reason).toBeInstanceOf(DOMException);
    expect((call.signal.reason as DOMException).name).toBe('TimeoutError');
  });

  it('aborts with the outer signal\'s reason when that aborts first', () => {
    const outer = new AbortController();
    const call = callSignal(1_000, outer.signal);
    const reason = new Error('shutting down');
    outer.abort(reason);
    expect(call.signal.aborted).toBe(true);
    expect(call.signal.reason).toBe(reason);
  });

  it('starts aborted when the outer signal already is', () => {
    const outer = new AbortController();
    outer.abort('stop');
    const call = callSignal(1_000, outer.signal);
    expect(call.signal.aborted).toBe(true);
    expect(call.signal.reason).toBe('stop');
  });

  it('once done, neither the timer nor the outer signal aborts it, and no timer is left', () => {
    const outer = new AbortController();
    const call = callSignal(1_000, outer.signal);
    call.done();
    expect(jest.getTimerCount()).toBe(0);
    outer.abort('later');
    jest.advanceTimersByTime(5_000);
    expect(call.signal.aborted).toBe(false);
  });

  it('leaves nothing on the outer signal once done, however many calls used it', () => {
    const outer = new AbortController();
    const calls = Array.from({ length: 1_000 }, () => callSignal(1_000, outer.signal));
    expect(heldBySignal(outer.signal)).toBe(1_000);
    for (const call of calls) call.done();
    expect(heldBySignal(outer.signal)).toBe(0);
  });
});
