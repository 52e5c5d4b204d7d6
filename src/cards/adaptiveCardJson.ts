/** An expanded Adaptive Card, ready to send (the shape the bot hands to `toAttachment`). */
export type AdaptiveCardJson = {
  type: 'AdaptiveCard';
  version: string;
  body: unknown[];
  actions?: unknown[];
  [k: string]: unknown;
};

/** Checks the outer shape of a card; the templates are ours, so a mismatch is a packaging fault. */
export function isAdaptiveCardJson(value: unknown): value is AdaptiveCardJson {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const card = value as Record<string, unknown>;
  return (
    card.type === 'AdaptiveCard' &&
    typeof card.version === 'string' &&
    Array.isArray(card.body) &&
    (card.actions === undefined || Array.isArray(card.actions))
  );
}
