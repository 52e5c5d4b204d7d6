import { z } from 'zod';

/**
 * The shape of an `adaptiveCard/action` invoke's `value` that botbuilder and the card routes
 * read (`action.type`, `action.verb`, `action.data`). The verb's own data is checked later, per
 * verb (`cardSubmissions.ts`).
 */
export const cardActionValueSchema = z.looseObject({
  action: z.looseObject({
    type: z.string().max(64),
    verb: z.string().max(256).optional(),
    data: z.record(z.string(), z.unknown()).optional(),
  }),
});

export function isCardActionValue(value: unknown): boolean {
  return cardActionValueSchema.safeParse(value).success;
}
