import type { AdaptiveCardJson, CardRenderer, FormCardData } from '../cards';
import { TurnInfo } from '../turn/turnInfo';

export interface FormCardOptions {
  readonly pickerScope?: FormCardData['pickerScope'] | undefined;
  /** Pre-filled after a failed submission, with the problem shown on the form. */
  readonly topic?: string;
  readonly message?: string;
  readonly problem?: string;
}

/** The start-chat form; in group chats and channels it can limit the picker to the members. */
export function formCard(cards: CardRenderer, turn: Pick<TurnInfo, 'conversationType'>, options: FormCardOptions = {}): AdaptiveCardJson {
  return cards.renderFormCard({
    pickerScope: options.pickerScope ?? 'organization',
    offerScopeToggle: turn.conversationType !== 'personal',
    topic: options.topic ?? '',
    message: options.message ?? '',
    problem: options.problem ?? '',
  });
}
