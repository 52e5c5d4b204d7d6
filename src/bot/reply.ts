import type { AdaptiveCardJson } from '../cards';
import type { KickoffLateNote } from '../chats/startChatOutcome';

/** What a handler wants said; the bot decides how (a message, or an invoke response). */
export type Reply =
  /** `kickoffLater`: the kickoff still being posted; the person is told if it fails (see kickoffLateNotice). */
  | { readonly kind: 'card'; readonly card: AdaptiveCardJson; readonly kickoffLater?: Promise<KickoffLateNote | undefined> }
  | { readonly kind: 'text'; readonly text: string }
  /** Nothing to say (a redelivered turn whose first delivery is still working). */
  | { readonly kind: 'none' };

export const cardReply = (card: AdaptiveCardJson, kickoffLater?: Promise<KickoffLateNote | undefined>): Reply => ({ kind: 'card', card, ...(kickoffLater ? { kickoffLater } : {}) });
export const textReply = (text: string): Reply => ({ kind: 'text', text });
export const NO_REPLY: Reply = { kind: 'none' };
