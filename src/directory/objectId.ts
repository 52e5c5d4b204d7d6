/**
 * The shape of an Entra object id. Real ids are GUIDs; this is deliberately a little looser
 * (any letters or digits, 12 or 13 in the last group) because documented sample ids and the
 * Agents Playground's mock ids do not keep to hex. Whether an id exists is the directory's call;
 * this only tells an id from a name and keeps odd characters out of URLs.
 */
export const OBJECT_ID_PATTERN = '[0-9a-zA-Z]{8}-[0-9a-zA-Z]{4}-[0-9a-zA-Z]{4}-[0-9a-zA-Z]{4}-[0-9a-zA-Z]{12,13}';

const OBJECT_ID = new RegExp(`^${OBJECT_ID_PATTERN}$`);

export function isObjectId(value: string): boolean {
  return OBJECT_ID.test(value);
}
