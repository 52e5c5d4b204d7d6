import { type Attachment, CardFactory } from 'botbuilder';
import type { AdaptiveCardJson } from '../cards';

/** Wraps an expanded card as a Bot Framework attachment (`application/vnd.microsoft.card.adaptive`). */
export function toAttachment(card: AdaptiveCardJson): Attachment {
  return CardFactory.adaptiveCard(card);
}
