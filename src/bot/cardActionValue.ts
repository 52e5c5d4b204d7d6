import { isJsonRecord } from './jsonRecord';

/**
 * The shape of an `adaptiveCard/action` invoke's `value` that botbuilder and the card routes
 * read (`action.type`, `action.verb`, `action.data`). The verb's own data is checked later, per
 * verb (`cardSubmissions.ts`). Checked by hand: it runs on every card action, before the
 * submission's own schema (and the schema library) is needed.
 */
export function isCardActionValue(value: unknown): boolean {
  if (!isJsonRecord(value) || !isJsonRecord(value.action)) return false;
  const { type, verb, data } = value.action;
  return (
    typeof type === 'string' &&
    type.length <= 64 &&
    (verb === undefined || (typeof verb === 'string' && verb.length <= 256)) &&
    (data === undefined || isJsonRecord(data))
  );
}
