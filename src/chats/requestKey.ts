/**
 * Whose request, and which one. Kept as two fields so that "is this the requester's own request?"
 * is a comparison of ids, never a search inside a string that other people's ids may appear in.
 */
export interface RequestKey {
  /** The requester's Entra object id (lower case), as the turn read it. */
  readonly requesterId: string;
  /** Which of their requests: the source and what identifies it (e.g. `form:<conversation>:<card>:<values>`). */
  readonly request: string;
}

/**
 * The ledger's key. The requester's id is percent-encoded, so it holds no `/`, and no request
 * text can make one requester's key equal another's.
 */
export function ledgerKeyOf(key: RequestKey): string {
  return `${encodeURIComponent(key.requesterId)}/${key.request}`;
}
