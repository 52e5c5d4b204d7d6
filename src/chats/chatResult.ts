/** What the bot tells the person after a chat was created; also what the ledger remembers. */
export interface ChatMemberView {
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

/**
 * A question before the chat is created; the person answers, and the same request goes on: a name
 * matched several people (or groups), or the groups named make a large chat to confirm.
 */
export interface PendingChoice {
  readonly requestId: string;
  readonly topic: string;
  readonly questions: readonly {
    readonly query: string;
    readonly inputId: string;
    readonly candidates: readonly { readonly id: string; readonly displayName: string; readonly address: string; readonly jobTitle?: string; readonly kind?: 'group' }[];
  }[];
  /** Present when the groups named bring more people than GROUP_CONFIRM_ABOVE: asked before creating. */
  readonly confirmation?: GroupConfirmation;
}

/** What the person confirms: how many people the chat will have, and through which groups. */
export interface GroupConfirmation {
  /** People in the chat besides the requester. */
  readonly peopleCount: number;
  readonly groups: readonly { readonly displayName: string; readonly address: string; readonly memberCount: number }[];
  /** A few of the names, so the person recognises the group. */
  readonly sampleNames: readonly string[];
  /** Members left out (disabled accounts). */
  readonly leftOut: readonly string[];
}
