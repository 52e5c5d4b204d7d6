import type { AdaptiveCardJson } from '../cards';
import type { ActionResponse } from '../messageExtension/taskModuleResponse';

/**
 * What every route answers, whatever the activity: the bot decides how it travels (a message in
 * the conversation, or the invoke response; `sendAnswer.ts`).
 */
export type Answer =
  | { readonly kind: 'card'; readonly card: AdaptiveCardJson }
  | { readonly kind: 'text'; readonly text: string }
  /** A message extension dialog's answer (a task module response). */
  | { readonly kind: 'dialog'; readonly response: ActionResponse }
  /** An invoke refused as it came, with the status and body Teams reads (malformed, not supported). */
  | { readonly kind: 'refused'; readonly status: number; readonly body: unknown }
  /** Nothing to say (a redelivered turn, or a twin submission, whose first delivery will answer). */
  | { readonly kind: 'none' };

export const cardAnswer = (card: AdaptiveCardJson): Answer => ({ kind: 'card', card });
export const textAnswer = (text: string): Answer => ({ kind: 'text', text });
export const dialogAnswer = (response: ActionResponse): Answer => ({ kind: 'dialog', response });
export const NO_ANSWER: Answer = { kind: 'none' };
