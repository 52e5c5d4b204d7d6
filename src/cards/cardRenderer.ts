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
import { preparedTemplates } from './preparedTemplates';
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
 * Builds a renderer over templates read once (here, from disk, synchronously, so a missing or
 * malformed file stops the bot at start-up) and filled by `adaptivecards-templating`, the
 * library the Adaptive Cards Designer previews with: whatever the Designer accepts in a template,
 * the bot renders the same way. The library loads, and each template is parsed, on first use.
 */
export function createCardRenderer(options: CardRendererOptions = {}): CardRenderer {
  const templateFor = preparedTemplates(options.templates ?? loadCardTemplates(options.cardsDirectory));
  const expand = (name: CardName, view: object): AdaptiveCardJson => {
    // The view goes in only as `$root`: the library parses expressions in the template, never in
    // the values it substitutes, so user text containing `${…}` comes out as written.
    const expanded: unknown = templateFor(name).expand({ $root: view });
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
