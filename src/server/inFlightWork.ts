/**
 * The work a stopping process must let finish: turns being answered and card updates that go on
 * after their turn answered early. On shutdown it stops taking new turns, waits for the running
 * work within a bound, then aborts what is left through `abortSignal`: a request cut there
 * records where it stood (released before the POST, `uncertain` during a group chat POST), so
 * Teams' redelivery is answered correctly by the next instance.
 */
export class InFlightWork {
  private readonly running = new Set<Promise<unknown>>();
  private readonly cut = new AbortController();
  private open = true;

  /** False once shutdown began: new turns are refused (Teams delivers them again). */
  get accepting(): boolean {
    return this.open;
  }

  /** Aborted when the shutdown bound passes. Long work (Graph calls) listens to it. */
  get abortSignal(): AbortSignal {
    return this.cut.signal;
  }

  /** Keeps `work` in the set until it settles; returns it unchanged. */
  track<T>(work: Promise<T>): Promise<T> {
    this.running.add(work);
    const forget = (): void => {
      this.running.delete(work);
    };
    work.then(forget, forget);
    return work;
  }

  /**
   * Stops accepting, waits up to `boundMs` for the running work (including work it starts
   * meanwhile), then aborts what is left and gives it `settleMs` to record where it stood.
   * Resolves with how many pieces of work were cut.
   */
  async drain(boundMs: number, settleMs: number): Promise<{ readonly cut: number }> {
    this.open = false;
    if (await this.settleWithin(boundMs)) return { cut: 0 };
    const cut = this.running.size;
    this.cut.abort(new Error('the bot is shutting down'));
    await this.settleWithin(settleMs);
    return { cut };
  }

  private async settleWithin(ms: number): Promise<boolean> {
    const deadline = Date.now() + ms;
    while (this.running.size > 0) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) return false;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, remaining);
      });
      await Promise.race([Promise.allSettled([...this.running]), timeout]);
      clearTimeout(timer);
    }
    return true;
  }
}
