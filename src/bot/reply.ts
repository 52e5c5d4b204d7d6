import type { AdaptiveCardJson } from '../cards';

/** What a handler wants said; the bot decides how (a message, or an invoke response). */
export type Reply =
  | { readonly kind: 'card'; readonly card: AdaptiveCardJson }
  | { readonly kind: 'text'; readonly text: string }
  /** Nothing to say (a redelivered turn whose first delivery is still working). */
  | { readonly kind: 'none' };

export const cardReply = (card: AdaptiveCardJson): Reply => ({ kind: 'card', card });
export const textReply = (text: string): Reply => ({ kind: 'text', text });
export const NO_REPLY: Reply = { kind: 'none' };
