import type { ObjectIdFormat } from '../directory/objectId';

/** What a person asked for, parsed from their message. Pure data. */

/** One person as the user named them; `text` is what they typed, for replies. */
export type PersonQuery =
  | { readonly kind: 'objectId'; readonly id: string; readonly text: string }
  | { readonly kind: 'address'; readonly address: string; readonly text: string }
  | { readonly kind: 'federated'; readonly id: string; readonly tenantId: string; readonly text: string }
  | { readonly kind: 'mention'; readonly memberId: string; readonly name: string; readonly text: string }
  | { readonly kind: 'name'; readonly name: string; readonly text: string };

export type Command =
  | {
      readonly kind: 'startChat';
      readonly people: readonly PersonQuery[];
      readonly topic: string | undefined;
      /** What to post first in the new chat (after `saying`), exactly as typed; absent when nothing. */
      readonly firstWords?: string;
    }
  | { readonly kind: 'showForm' }
  | { readonly kind: 'help' }
  | { readonly kind: 'unknown' };

/** A mention entity as Teams sends it, reduced to what parsing needs. */
export interface MentionRef {
  /** The exact `<at>…</at>` text that stands in the message. */
  readonly text: string;
  /** The mentioned member's id in the conversation (`29:…` or an Entra object id). */
  readonly id: string;
  readonly name: string;
}

export interface MessageInput {
  /** The message text with the bot's own mention already removed. */
  readonly text: string;
  readonly mentions: readonly MentionRef[];
  /** Which ids count as object ids; `guid` (the default) unless this is the try-out. */
  readonly objectIds?: ObjectIdFormat;
}
