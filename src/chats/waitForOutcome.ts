import { setTimeout as delay } from 'node:timers/promises';
import { StartChatOutcome } from './startChatOutcome';

export interface WaitOptions {
  readonly timeoutMs: number;
  readonly intervalMs?: number;
  /** Injected so tests control time. */
  readonly sleep?: (ms: number) => Promise<unknown>;
}

/**
 * Reads a request another turn (or instance) is working on until it has an outcome, so a
 * double-clicked card can show the same result instead of staying on "Creating…". Still
 * `inProgress` after `timeoutMs`, or when nothing is recorded (released, or abandoned by a dead
 * turn): then the caller tries the request itself.
 */
export async function waitForOutcome(read: () => Promise<StartChatOutcome | undefined>, options: WaitOptions): Promise<StartChatOutcome> {
  const interval = options.intervalMs ?? 250;
  const sleep = options.sleep ?? delay;
  for (let waited = 0; waited <= options.timeoutMs; waited += interval) {
    const outcome = await read();
    if (outcome === undefined) break;
    if (outcome.kind !== 'inProgress') return outcome;
    await sleep(interval);
  }
  return { kind: 'inProgress' };
}
