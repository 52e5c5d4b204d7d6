import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/** The card templates in `cards/`, one file each (`cards/<name>.json`). */
export const CARD_NAMES = ['form', 'result', 'choice', 'error', 'creating', 'help', 'kickoff'] as const;
export type CardName = (typeof CARD_NAMES)[number];

/** Parsed template JSON, deep-frozen so one loaded set can be shared safely. */
export type CardTemplate = Readonly<Record<string, unknown>>;
export type CardTemplates = Readonly<Record<CardName, CardTemplate>>;

/**
 * `cards/` sits at the repository root. This file runs from `src/cards` under ts-jest and from
 * `dist/cards` when compiled; both are two levels below the root.
 */
export function defaultCardsDirectory(): string {
  return path.resolve(__dirname, '..', '..', 'cards');
}

/**
 * Reads and parses every template once. Synchronous on purpose: it runs at start-up, and a
 * missing or malformed template should stop the bot there rather than fail its first reply.
 */
export function loadCardTemplates(cardsDirectory: string = defaultCardsDirectory()): CardTemplates {
  const entries = CARD_NAMES.map((name) => [name, loadCardTemplate(cardsDirectory, name)] as const);
  return Object.freeze(Object.fromEntries(entries) as Record<CardName, CardTemplate>);
}

function loadCardTemplate(cardsDirectory: string, name: CardName): CardTemplate {
  const file = path.join(cardsDirectory, `${name}.json`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`Card template ${file} could not be read as JSON`, { cause: error });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`Card template ${file} is not a JSON object`);
  }
  const template = parsed as Record<string, unknown>;
  if (template.type !== 'AdaptiveCard') {
    throw new Error(`Card template ${file} is not an AdaptiveCard`);
  }
  return deepFreeze(template);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
