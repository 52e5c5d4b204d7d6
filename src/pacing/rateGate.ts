/**
 * A token bucket that never makes anyone wait: `tryTake` says whether there is budget right now.
 * For things worth doing only when cheap (a typing indicator), not for work that must happen.
 */
export class RateGate {
  private tokens: number;
  private at: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    if (!(perSecond > 0) || !(burst >= 1)) throw new RangeError('a rate gate needs a positive rate and a burst of at least 1');
    this.tokens = burst;
    this.at = now();
  }

  tryTake(): boolean {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.at) * this.perSecond) / 1000);
    this.at = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
