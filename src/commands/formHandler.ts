import type { CardRenderer, FormCardData } from '../cards';
import { Reply, cardReply } from '../turn/reply';
import { TurnInfo } from '../turn/turnInfo';

/** The start-chat form; in group chats and channels it can limit the picker to the members. */
export function formReply(
  cards: CardRenderer,
  turn: Pick<TurnInfo, 'conversationType'>,
  options: { pickerScope?: FormCardData['pickerScope'] | undefined; topic?: string; problem?: string } = {},
): Reply {
  const inConversation = turn.conversationType !== 'personal';
  return cardReply(
    cards.renderFormCard({
      pickerScope: options.pickerScope ?? 'organization',
      offerScopeToggle: inConversation,
      topic: options.topic ?? '',
      problem: options.problem ?? '',
    }),
  );
}
