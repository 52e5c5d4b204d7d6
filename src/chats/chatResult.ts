/** What the bot tells the person after a chat was created; also what the ledger remembers. */
export interface ChatMemberView {
  /** Entra object id (absent in results recorded before it was kept). */
  readonly id?: string;
  /** The role the member was added with (absent in results recorded before it was kept). */
  readonly role?: 'owner' | 'guest';
  readonly displayName: string;
  readonly address: string;
  readonly note?: string;
}

export interface ChatResult {
  readonly chatId: string;
  readonly chatType: 'oneOnOne' | 'group';
  readonly topic: string;
  readonly members: readonly ChatMemberView[];
  readonly openUrl: string;
  readonly notes: readonly string[];
}

/** A name matched several people; the person picks, and the same request goes on. */
export interface PendingChoice {
  readonly requestId: string;
  readonly topic: string;
  readonly questions: readonly {
    readonly query: string;
    readonly inputId: string;
    readonly candidates: readonly { readonly id: string; readonly displayName: string; readonly address: string; readonly jobTitle?: string }[];
  }[];
}
