import type { AdaptiveCardJson } from '../cards/adaptiveCardJson';

/**
 * What a message extension's action invokes (`composeExtension/fetchTask`, `…/submitAction`)
 * answer with: a dialog showing a card (`continue`), or a short message in a dialog (`message`).
 * The shapes are Teams' own (Bot Framework `MessagingExtensionActionResponse.task`), declared here
 * so that building them needs no Bot Framework import.
 */
export type DialogSize = number | 'small' | 'medium' | 'large';

export interface CardDialogResponse {
  readonly task: {
    readonly type: 'continue';
    readonly value: {
      readonly title: string;
      readonly width: DialogSize;
      readonly height: DialogSize;
      readonly card: { readonly contentType: typeof ADAPTIVE_CARD_CONTENT_TYPE; readonly content: AdaptiveCardJson };
    };
  };
}

export interface MessageDialogResponse {
  readonly task: { readonly type: 'message'; readonly value: string };
}

export type ActionResponse = CardDialogResponse | MessageDialogResponse;

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/** Every dialog of Chat Starter has the same title and room for the people picker's list. */
export const DIALOG_TITLE = 'Start a chat';

export function cardDialog(card: AdaptiveCardJson, options: { title?: string; width?: DialogSize; height?: DialogSize } = {}): CardDialogResponse {
  return {
    task: {
      type: 'continue',
      value: {
        title: options.title ?? DIALOG_TITLE,
        width: options.width ?? 'medium',
        height: options.height ?? 'large',
        card: { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: card },
      },
    },
  };
}

export function messageDialog(text: string): MessageDialogResponse {
  return { task: { type: 'message', value: text } };
}
