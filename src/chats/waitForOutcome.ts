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
  return poll<never>(read, options, () => undefined);
}

/**
 * What a redelivery needs to know about a request another instance works on: its outcome, or
 * that its owner is alive (its lease was renewed, or the request moved on, while this one looked),
 * so the owner will answer. `inProgress` when neither showed within `timeoutMs` (the lease of a
 * stopped owner has run out by then) or nothing is recorded.
 */
export async function waitForOwner(read: () => Promise<StartChatOutcome | undefined>, options: WaitOptions): Promise<StartChatOutcome | { readonly kind: 'ownerAlive' }> {
  let firstSeen: number | undefined;
  return poll(read, options, ({ heartbeat }) => {
    if (heartbeat === undefined) return undefined;
    firstSeen ??= heartbeat;
    return heartbeat !== firstSeen ? ({ kind: 'ownerAlive' } as const) : undefined;
  });
}

/**
 * Reads every `intervalMs` until the request has an outcome, `whileInProgress` has something to
 * say about a reading still in progress, or `timeoutMs` has passed; `inProgress` then, or when
 * nothing is recorded.
 */
async function poll<T>(
  read: () => Promise<StartChatOutcome | undefined>,
  options: WaitOptions,
  whileInProgress: (outcome: Extract<StartChatOutcome, { kind: 'inProgress' }>) => T | undefined,
): Promise<StartChatOutcome | T> {
  const interval = options.intervalMs ?? 250;
  const sleep = options.sleep ?? delay;
  for (let waited = 0; waited <= options.timeoutMs; waited += interval) {
    const outcome = await read();
    if (outcome === undefined) break;
    if (outcome.kind !== 'inProgress') return outcome;
    const said = whileInProgress(outcome);
    if (said !== undefined) return said;
    await sleep(interval);
  }
  return { kind: 'inProgress' };
}
