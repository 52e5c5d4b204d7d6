/** Helpers for looking inside expanded cards in tests. */
export type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every object in the card (elements, actions, inlines, choices, fallbacks), depth first. */
export function allObjects(root: unknown): JsonObject[] {
  const found: JsonObject[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
    } else if (isObject(node)) {
      found.push(node);
      Object.values(node).forEach(visit);
    }
  };
  visit(root);
  return found;
}

/** Every string value in the card. */
export function allStrings(root: unknown): string[] {
  const found: string[] = [];
  const visit = (node: unknown): void => {
    if (typeof node === 'string') found.push(node);
    else if (Array.isArray(node)) node.forEach(visit);
    else if (isObject(node)) Object.values(node).forEach(visit);
  };
  visit(root);
  return found;
}

/** Every key used anywhere in the card (to prove `$when`/`$data` were consumed). */
export function allKeys(root: unknown): string[] {
  return allObjects(root).flatMap((object) => Object.keys(object));
}

export function ofType(root: unknown, type: string): JsonObject[] {
  return allObjects(root).filter((object) => object.type === type);
}

export function byId(root: unknown, id: string): JsonObject | undefined {
  return allObjects(root).find((object) => object.id === id);
}

/** The text a reader sees in TextBlocks and TextRuns, in order. */
export function visibleTexts(root: unknown): string[] {
  return allObjects(root)
    .filter((object) => object.type === 'TextBlock' || object.type === 'TextRun')
    .map((object) => String(object.text));
}

export function topActions(card: { actions?: unknown[] }): JsonObject[] {
  return (card.actions ?? []).filter(isObject);
}

/** Strings still holding a template expression, i.e. bindings that did not resolve. */
export function leftoverExpressions(root: unknown): string[] {
  return allStrings(root).filter((value) => value.includes('${'));
}
