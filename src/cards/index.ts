/**
 * The cards' public surface. `createCardRenderer` builds the renderer (the app builds one at
 * start-up, so a missing template fails then rather than on a user's first message).
 */
export * from './cardData';
export { type AdaptiveCardJson, isAdaptiveCardJson } from './adaptiveCardJson';
export { type CardRenderer, type CardRendererOptions, createCardRenderer } from './cardRenderer';
export { CARD_NAMES, type CardName, type CardTemplates, defaultCardsDirectory, loadCardTemplates } from './cardTemplates';
