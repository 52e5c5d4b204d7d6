import type { AdaptiveCardJson, CardRenderer, FormCardData } from '../cards';
import { FIRST_WORDS_MAX_LENGTH } from '../cards/cardData';
import { CHAT_TOPIC_MAX_LENGTH } from '../chats/buildCreateChatBody';
import { TurnInfo } from '../turn/turnInfo';

/** What every form is drawn with: the renderer, and the configured people limit it announces. */
export interface FormCardDeps {
  readonly cards: CardRenderer;
  /** LIMIT_PEOPLE_PER_CHAT: the requester included. */
  readonly peoplePerChat: number;
}

export interface FormCardOptions {
  readonly pickerScope?: FormCardData['pickerScope'] | undefined;
  /** Pre-filled after a failed submission, or from what was typed, with the problem shown on the form. */
  readonly topic?: string;
  readonly message?: string;
  readonly groups?: string;
  readonly problem?: string;
}

/** The start-chat form; in group chats and channels it can limit the picker to the members. */
export function formCard(deps: FormCardDeps, turn: Pick<TurnInfo, 'conversationType'>, options: FormCardOptions = {}): AdaptiveCardJson {
  return deps.cards.renderFormCard({
    pickerScope: options.pickerScope ?? 'organization',
    offerScopeToggle: turn.conversationType !== 'personal',
    topic: options.topic ?? '',
    message: options.message ?? '',
    groups: options.groups ?? '',
    problem: options.problem ?? '',
    peopleMax: deps.peoplePerChat,
  });
}

/**
 * `start chat about X saying Y` named nobody: the form, pre-filled with what was typed. Text
 * beyond the form's limits is cut there, and the form says so, rather than lost silently.
 */
export function typedFormValues(topic: string | undefined, firstWords: string | undefined): FormCardOptions {
  const typedTopic = topic ?? '';
  const typedMessage = firstWords ?? '';
  const cut = [
    typedTopic.length > CHAT_TOPIC_MAX_LENGTH ? `the topic to ${CHAT_TOPIC_MAX_LENGTH} characters` : undefined,
    typedMessage.length > FIRST_WORDS_MAX_LENGTH ? `the first message to ${FIRST_WORDS_MAX_LENGTH} characters` : undefined,
  ].filter((part): part is string => part !== undefined);
  return {
    topic: typedTopic.slice(0, CHAT_TOPIC_MAX_LENGTH),
    message: typedMessage.slice(0, FIRST_WORDS_MAX_LENGTH),
    ...(cut.length > 0 ? { problem: `I cut ${cut.join(' and ')}; please check it before you start.` } : {}),
  };
}
