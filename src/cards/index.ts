/**
 * The cards' public surface. `createCardRenderer` is the injectable form; the plain `render*`
 * functions use one renderer built when this module is first imported. That renderer is frozen
 * and holds only frozen template JSON, so it is a constant rather than mutable shared state, and
 * a missing template fails at start-up instead of on a user's first message.
 */
import type { AdaptiveCardJson } from './adaptiveCardJson';
import type {
  ChoiceCardData,
  CreatingCardData,
  ErrorCardData,
  FormCardData,
  HelpCardData,
  KickoffCardData,
  ResultCardData,
} from './cardData';
import { createCardRenderer } from './cardRenderer';

export * from './cardData';
export { type AdaptiveCardJson, isAdaptiveCardJson } from './adaptiveCardJson';
export { toAttachment } from './cardAttachment';
export { type CardRenderer, type CardRendererOptions, createCardRenderer } from './cardRenderer';
export { CARD_NAMES, type CardName, type CardTemplates, defaultCardsDirectory, loadCardTemplates } from './cardTemplates';

const defaultRenderer = createCardRenderer();

export function renderFormCard(data: FormCardData): AdaptiveCardJson {
  return defaultRenderer.renderFormCard(data);
}

export function renderResultCard(data: ResultCardData): AdaptiveCardJson {
  return defaultRenderer.renderResultCard(data);
}

export function renderChoiceCard(data: ChoiceCardData): AdaptiveCardJson {
  return defaultRenderer.renderChoiceCard(data);
}

export function renderErrorCard(data: ErrorCardData): AdaptiveCardJson {
  return defaultRenderer.renderErrorCard(data);
}

export function renderCreatingCard(data: CreatingCardData): AdaptiveCardJson {
  return defaultRenderer.renderCreatingCard(data);
}

export function renderHelpCard(data: HelpCardData): AdaptiveCardJson {
  return defaultRenderer.renderHelpCard(data);
}

export function renderKickoffCard(data: KickoffCardData): AdaptiveCardJson {
  return defaultRenderer.renderKickoffCard(data);
}
