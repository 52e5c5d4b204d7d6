import { type AdaptiveCardJson, isAdaptiveCardJson } from './adaptiveCardJson';
import type {
  ChoiceCardData,
  CreatingCardData,
  ErrorCardData,
  FormCardData,
  HelpCardData,
  KickoffCardData,
  ResultCardData,
} from './cardData';
import { CARD_NAMES, type CardName, type CardTemplates, loadCardTemplates } from './cardTemplates';
import { type CompiledTemplate, compileTemplate } from './compiledTemplate';
import { choiceView, creatingView, errorView, formView, helpView, kickoffView, resultView } from './cardViews';

/** Fills the card templates in `cards/` with data. Stateless once built; share one per process. */
export interface CardRenderer {
  renderFormCard(data: FormCardData): AdaptiveCardJson;
  renderResultCard(data: ResultCardData): AdaptiveCardJson;
  renderChoiceCard(data: ChoiceCardData): AdaptiveCardJson;
  renderErrorCard(data: ErrorCardData): AdaptiveCardJson;
  renderCreatingCard(data: CreatingCardData): AdaptiveCardJson;
  renderHelpCard(data: HelpCardData): AdaptiveCardJson;
  renderKickoffCard(data: KickoffCardData): AdaptiveCardJson;
}

export interface CardRendererOptions {
  /** Where `<name>.json` templates live; defaults to the repository's `cards/`. */
  readonly cardsDirectory?: string;
  /** Already-loaded templates (tests); wins over `cardsDirectory`. */
  readonly templates?: CardTemplates;
}

/**
 * Builds a renderer over templates loaded once (here, from disk, synchronously) and compiled once
 * (`compiledTemplate.ts`): a render runs plain functions over the view, with no expression engine,
 * so filling a card is a small share of a turn and the templating library is never loaded. Each
 * template may use only what the compiler knows; that is checked here, at start-up.
 */
export function createCardRenderer(options: CardRendererOptions = {}): CardRenderer {
  const templates = options.templates ?? loadCardTemplates(options.cardsDirectory);
  const compiled = Object.fromEntries(CARD_NAMES.map((name) => [name, compileTemplate(templates[name])])) as Record<CardName, CompiledTemplate>;
  const expand = (name: CardName, view: object): AdaptiveCardJson => {
    const expanded = compiled[name](view);
    if (!isAdaptiveCardJson(expanded)) {
      throw new Error(`Card template "${name}" did not expand to an AdaptiveCard`);
    }
    return expanded;
  };
  return Object.freeze({
    renderFormCard: (data: FormCardData) => expand('form', formView(data)),
    renderResultCard: (data: ResultCardData) => expand('result', resultView(data)),
    renderChoiceCard: (data: ChoiceCardData) => expand('choice', choiceView(data)),
    renderErrorCard: (data: ErrorCardData) => expand('error', errorView(data)),
    renderCreatingCard: (data: CreatingCardData) => expand('creating', creatingView(data)),
    renderHelpCard: (data: HelpCardData) => expand('help', helpView(data)),
    renderKickoffCard: (data: KickoffCardData) => expand('kickoff', kickoffView(data)),
  });
}
