import type * as ACData from 'adaptivecards-templating';
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
 * Each template is parsed once, on its first use: building an `ACData.Template` parses every
 * `${...}` expression (an ANTLR parser), which was most of a turn's own CPU time when done per
 * render. Sharing the instance is safe because `expand` is synchronous and starts from a fresh
 * evaluation context on every call, so no render can see another's data.
 */
export function createCardRenderer(options: CardRendererOptions = {}): CardRenderer {
  const templates = options.templates ?? loadCardTemplates(options.cardsDirectory);
  const prepared = new Map<CardName, ACData.Template>();
  const expand = (name: CardName, view: object): AdaptiveCardJson => {
    let template = prepared.get(name);
    if (!template) {
      template = new (templatingEngine().Template)(templates[name]);
      prepared.set(name, template);
    }
    return expandCard(template, name, view);
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

/**
 * The templating engine, loaded with the first card rather than at start: with the expression
 * language under it (an ANTLR parser, lodash, an XML parser, date libraries) it is some 450
 * modules and the largest share of an idle bot's memory, and a bot that has not answered anyone
 * yet needs none of it. Node keeps the module once loaded.
 */
function templatingEngine(): typeof ACData {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('adaptivecards-templating') as typeof ACData;
}

/**
 * Data goes in only as `$root`: the templating engine parses expressions in the template when
 * the `Template` is built and never parses the values it substitutes, so user text containing
 * `${...}` comes out literally.
 */
function expandCard(template: ACData.Template, name: CardName, view: object): AdaptiveCardJson {
  const expanded: unknown = template.expand({ $root: view });
  if (!isAdaptiveCardJson(expanded)) {
    throw new Error(`Card template "${name}" did not expand to an AdaptiveCard`);
  }
  return expanded;
}
