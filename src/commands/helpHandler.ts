import type { CardRenderer } from '../cards';
import { Reply, cardReply, textReply } from '../turn/reply';
import { COMMANDS } from './catalog';

export function helpReply(cards: CardRenderer): Reply {
  return cardReply(cards.renderHelpCard({ commands: COMMANDS }));
}

/** Anything the parser does not understand gets a nudge, not a lecture. */
export function unknownCommandReply(): Reply {
  return textReply('I start Teams chats for you. Try "start chat with Megan Bowen about Q3 planning", or type "help".');
}
