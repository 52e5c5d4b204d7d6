import { PendingChoice, ChatResult } from './chatResult';
import { LedgerEntry, RequestState } from './requestLedger';

/** What became of a start-chat request, as the bot shows it. */
export type StartChatOutcome =
  /** The chat was created by this delivery (its kickoff, if any, goes on after). */
  | { readonly kind: 'created'; readonly result: ChatResult }
  /** The same request was already completed: show that result again, create nothing. */
  | { readonly kind: 'replayed'; readonly result: ChatResult }
  /** `heartbeat`: when the owner last renewed its lease (or moved the request on), when known. */
  | { readonly kind: 'inProgress'; readonly heartbeat?: number }
  /** `toldByOwner`: the turn whose POST is in doubt recorded it, and told the person itself. */
  | { readonly kind: 'uncertain'; readonly requestId: string | undefined; readonly toldByOwner: boolean }
  | { readonly kind: 'needsChoice'; readonly choice: PendingChoice };

/**
 * What a recorded request means for a turn that did not do the work; undefined when the turn
 * working on it died without creating anything (the person, or the caller, starts again).
 */
export function outcomeOf(state: RequestState): StartChatOutcome | undefined {
  return state.state === 'abandoned' ? undefined : outcomeOfEntry(state);
}

/** What a ledger entry another turn wrote means for this one. */
export function outcomeOfEntry(state: LedgerEntry): StartChatOutcome {
  switch (state.state) {
    case 'done':
      return { kind: 'replayed', result: state.result };
    case 'uncertain':
      return { kind: 'uncertain', requestId: state.requestId, toldByOwner: state.recordedBy === 'owner' };
    case 'choosing':
      return { kind: 'needsChoice', choice: state.choice };
    case 'started':
    case 'posting':
      return { kind: 'inProgress', heartbeat: state.at };
  }
}
