import { RateGate } from '../../src/pacing/rateGate';

describe('RateGate', () => {
  it('says yes within the burst and the rate, no beyond, without waiting', () => {
    let now = 0;
    const gate = new RateGate(10, 2, () => now);
    expect([gate.tryTake(), gate.tryTake(), gate.tryTake()]).toEqual([true, true, false]);
    now = 100;
    expect([gate.tryTake(), gate.tryTake()]).toEqual([true, false]);
    now = 10_000;
    expect([gate.tryTake(), gate.tryTake(), gate.tryTake()]).toEqual([true, true, false]);
  });

  it('refuses a rate that is not positive', () => {
    expect(() => new RateGate(0, 1)).toThrow(RangeError);
    expect(() => new RateGate(1, 0)).toThrow(RangeError);
  });
});
