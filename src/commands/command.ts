/** What a person asked for, parsed from their message. Pure data. */
import type { PersonQuery } from '../directory/personQuery';
import type { ObjectIdFormat } from '../entra/objectId';

export type Command =
  | {
      readonly kind: 'startChat';
      readonly people: readonly PersonQuery[];
      readonly topic: string | undefined;
      /** What to post first in the new chat (after `saying`), exactly as typed; absent when nothing. */
      readonly firstWords?: string;
    }
  /**
   * The form, pre-filled with what was typed when no people were named
   * (`start chat about X saying Y`); both absent for a bare `start chat`.
   */
  | { readonly kind: 'showForm'; readonly topic?: string; readonly firstWords?: string }
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
