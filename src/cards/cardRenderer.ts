import * as ACData from 'adaptivecards-templating';
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
import { type CardName, type CardTemplates, loadCardTemplates } from './cardTemplates';
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
 * Builds a renderer over templates loaded once (here, from disk, synchronously).
 *
 * A fresh `ACData.Template` is made per render: `Template.expand` keeps its evaluation context on
 * the instance, so sharing one would make the renderer stateful. The template JSON itself is
 * frozen and shared.
 */
export function createCardRenderer(options: CardRendererOptions = {}): CardRenderer {
  const templates = options.templates ?? loadCardTemplates(options.cardsDirectory);
  const expand = (name: CardName, view: object): AdaptiveCardJson => expandCard(templates, name, view);
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

/**
 * Data goes in only as `$root`: the templating engine parses expressions in the template when
 * the `Template` is built and never parses the values it substitutes, so user text containing
 * `${...}` comes out literally.
 */
function expandCard(templates: CardTemplates, name: CardName, view: object): AdaptiveCardJson {
  const expanded: unknown = new ACData.Template(templates[name]).expand({ $root: view });
  if (!isAdaptiveCardJson(expanded)) {
    throw new Error(`Card template "${name}" did not expand to an AdaptiveCard`);
  }
  return expanded;
}
