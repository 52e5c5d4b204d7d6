/** How many recent chats the estimate looks back on. */
const REMEMBERED = 20;

/**
 * Learns how long Teams keeps the bot out of a chat's roster after the bot installed itself there
 * (seconds, the same order for every chat of a tenant at a time), so that the first post into the
 * next chat waits about that long instead of knocking early and backing off past the moment the
 * bot is let in. One per process, shared by every kickoff.
 *
 * Each chat tells it a lower bound (the bot was still refused that long after the install). The
 * estimate is the median of the recent ones: one chat whose posts happened to fall early (or one
 * refused for long, its roster update lost) does not move it. A chat let in on its first post says
 * only that the wait was long enough, so it records half that wait: the estimate comes down again
 * when Teams gets faster.
 */
export class RosterLag {
  private readonly lowerBounds: number[] = [];

  /** How long to wait after the install before the first post. */
  firstWaitMs(): number {
    if (this.lowerBounds.length === 0) return 0;
    const sorted = [...this.lowerBounds].sort((a, b) => a - b);
    return sorted[Math.floor((sorted.length - 1) / 2)]!;
  }

  /**
   * A chat's kickoff was let in. `lastRefusedAfterMs`: how long after the install its last post
   * was refused; undefined when its first post, `waitedFirstMs` after the install, was let in.
   */
  letIn(lastRefusedAfterMs: number | undefined, waitedFirstMs: number): void {
    this.lowerBounds.push(lastRefusedAfterMs ?? waitedFirstMs / 2);
    if (this.lowerBounds.length > REMEMBERED) this.lowerBounds.shift();
  }
}
