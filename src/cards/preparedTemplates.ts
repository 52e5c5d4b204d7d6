import type * as ACData from 'adaptivecards-templating';
import type { CardName, CardTemplates } from './cardTemplates';

/** The parsed template for a card, ready to `expand`. */
export type PreparedTemplate = Pick<ACData.Template, 'expand'>;

/**
 * The templates as `adaptivecards-templating` parses them, each parsed once, on its first use.
 *
 * Building an `ACData.Template` parses every `${…}` in it through Adaptive Expressions (an ANTLR
 * parser): done per render, that was most of a turn's own CPU time; done once, a render only
 * evaluates. Sharing one `Template` between turns is safe because `expand` is synchronous and
 * starts from a fresh evaluation context on every call, so no render sees another's data.
 */
export function preparedTemplates(templates: CardTemplates): (name: CardName) => PreparedTemplate {
  const prepared = new Map<CardName, PreparedTemplate>();
  return (name) => {
    let template = prepared.get(name);
    if (!template) {
      template = new (templatingEngine().Template)(templates[name]);
      prepared.set(name, template);
    }
    return template;
  };
}

/**
 * The library is loaded with the first card rather than at start: with Adaptive Expressions under
 * it (the ANTLR runtime, lodash, an XML parser, date and time-zone libraries) it is some 450
 * modules, the largest share of an idle bot's memory, and a bot that has answered no one yet needs
 * none of it (docs/benchmarks.md measures both). Node keeps the module once loaded.
 */
function templatingEngine(): typeof ACData {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('adaptivecards-templating') as typeof ACData;
}
