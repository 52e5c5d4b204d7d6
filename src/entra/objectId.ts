/**
 * The shape of an Entra object id (and of a tenant id).
 *
 * - `guid`: what Entra issues, `8-4-4-4-12` hex digits. Production configuration accepts only this.
 * - `sample`: a little looser (any letters or digits, 12 or 13 in the last group), because the
 *   Agents Playground's mock ids and documented sample ids do not keep to hex; for the try-out only.
 *
 * Whether an id exists is the directory's call; this only tells an id from a name and keeps odd
 * characters out of URLs.
 */
export type ObjectIdFormat = 'guid' | 'sample';

const PATTERNS: Record<ObjectIdFormat, string> = {
  guid: '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}',
  sample: '[0-9a-zA-Z]{8}-[0-9a-zA-Z]{4}-[0-9a-zA-Z]{4}-[0-9a-zA-Z]{4}-[0-9a-zA-Z]{12,13}',
};

const WHOLE: Record<ObjectIdFormat, RegExp> = {
  guid: new RegExp(`^${PATTERNS.guid}$`),
  sample: new RegExp(`^${PATTERNS.sample}$`),
};

/** The unanchored pattern, for building larger ones (e.g. `<objectId>@<tenantId>`). */
export function objectIdPattern(format: ObjectIdFormat): string {
  return PATTERNS[format];
}

export function isObjectId(value: string, format: ObjectIdFormat): boolean {
  return WHOLE[format].test(value);
}
