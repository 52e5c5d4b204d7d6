import { DEFAULT_REQUEST_LEASE_MS } from '../config/turnTiming';
import type { StartChatOutcome } from './startChatOutcome';
import { waitForOutcome, waitForOwner } from './waitForOutcome';

/**
 * What a delivery does when another delivery of the same request (a double click, Teams'
 * redelivery, another instance) is working on it:
 *   - `answerNow`: answers at once that it is in progress; the other delivery tells the person
 *     (an Action.Submit message, whose twin answers in the chat; an HTTP caller, who asks again);
 *   - `waitForTwin`: waits for the twin's outcome and shows it too, since a card must show one
 *     (a card action, a dialog); if the twin gave up without creating anything, tries once more;
 *   - `waitForOwner`: waits only until the owner is seen alive, then leaves the answer to it
 *     (Teams' redelivery of typed text); if the owner's instance stopped, its lease runs out and
 *     this delivery takes the request over.
 */
export type WhenInProgress = 'answerNow' | 'waitForTwin' | 'waitForOwner';

/** Beyond the lease, how long a delivery waiting for the owner gives a busy one before taking over. */
const LEASE_MARGIN_MS = 2_000;
/** How long a double-clicked card waits for its twin's result, unless told otherwise. */
export const TWIN_WAIT_MS = 60_000;

export interface InProgressReader {
  /** Whether a turn of this process holds the request now (its owner is certainly alive). */
  isWorkingOn(key: string): boolean;
  /** The recorded outcome, without claiming; undefined when nothing is recorded or its owner died. */
  outcome(key: string): Promise<StartChatOutcome | undefined>;
}

export interface InProgressOptions {
  readonly twinWaitMs?: number;
  /** The claims' lease (REQUEST_LEASE_MS): how long an owner that stopped holds its request. */
  readonly leaseMs?: number;
}

/** Runs one delivery of a request (`run` claims it) and waits for another delivery as `when` says. */
export async function deliverOnce(
  key: string,
  when: WhenInProgress,
  run: () => Promise<StartChatOutcome>,
  reader: InProgressReader,
  options: InProgressOptions = {},
): Promise<StartChatOutcome> {
  switch (when) {
    case 'answerNow':
      return run();
    case 'waitForTwin':
      return waitForTwinOf(key, run, reader, options.twinWaitMs ?? TWIN_WAIT_MS);
    case 'waitForOwner':
      return unlessOwnerStopped(key, run, reader, options.leaseMs ?? DEFAULT_REQUEST_LEASE_MS);
  }
}

/**
 * A card whose twin click is still being worked on must not stay on "Creating…": wait for the
 * twin's result and show it too. If the twin gave up without creating anything, try once more.
 */
async function waitForTwinOf(key: string, run: () => Promise<StartChatOutcome>, reader: InProgressReader, timeoutMs: number): Promise<StartChatOutcome> {
  const first = await run();
  if (first.kind !== 'inProgress') return first;
  const settled = await waitForOutcome(() => reader.outcome(key), { timeoutMs });
  return settled.kind === 'inProgress' ? run() : settled;
}

/**
 * Another delivery is working on this request. Its outcome is its to tell: this delivery says
 * nothing further, once it knows that owner is alive. A turn of this process is alive for
 * certain, so this one answers at once; an owner on another instance shows it is alive by
 * renewing its lease (every few seconds) or moving the request on, so this one answers within
 * Teams' 15 s. If the owner's instance stopped, nothing moves until the lease runs out; then
 * this delivery claims the request again: a group chat POST in doubt becomes "Teams didn't
 * confirm", a one-on-one is posted again (Graph returns the same chat). Never silence for good,
 * never a second chat, never the owner's own "didn't confirm" said twice.
 */
async function unlessOwnerStopped(key: string, run: () => Promise<StartChatOutcome>, reader: InProgressReader, leaseMs: number): Promise<StartChatOutcome> {
  if (reader.isWorkingOn(key)) return { kind: 'inProgress' };
  const first = await run();
  if (first.kind !== 'inProgress' || reader.isWorkingOn(key)) return first;
  const settled = await waitForOwner(() => reader.outcome(key), { timeoutMs: leaseMs + LEASE_MARGIN_MS });
  if (settled.kind === 'ownerAlive' || settled.kind === 'replayed' || settled.kind === 'needsChoice' || (settled.kind === 'uncertain' && settled.toldByOwner)) {
    return { kind: 'inProgress' };
  }
  return run();
}
