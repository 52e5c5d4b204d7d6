import type { DirectoryUser } from './directory';
import { GraphError } from './graphError';
import type { UserReadLevel } from './permissions';

/** Graph's default user properties, returned when there is no `$select`. */
export const DEFAULT_USER_PROPERTIES = [
  'businessPhones', 'displayName', 'givenName', 'jobTitle', 'mail', 'mobilePhone',
  'officeLocation', 'preferredLanguage', 'surname', 'userPrincipalName', 'id',
] as const;

const SELECTABLE = new Set<string>([
  ...DEFAULT_USER_PROPERTIES, 'accountEnabled', 'userType', 'otherMails', 'proxyAddresses',
]);

/** What User.ReadBasic.All does not return. */
const HIDDEN_FROM_BASIC = new Set(['accountEnabled', 'userType', 'otherMails', 'proxyAddresses']);

export function parseSelect(select: string | undefined): string[] | undefined {
  if (select === undefined) return undefined;
  const names = select.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  for (const name of names) {
    if (!SELECTABLE.has(name)) {
      throw new GraphError(400, 'Request_BadRequest', `Could not find a property named '${name}' on type 'microsoft.graph.user'.`);
    }
  }
  return names;
}

/** A property as Graph would report it; `undefined` when the caller's permission hides it. */
export function readUserProperty(
  user: DirectoryUser, name: string, level: UserReadLevel,
): string | boolean | null | readonly string[] | undefined {
  if (level === 'basic' && HIDDEN_FROM_BASIC.has(name)) return undefined;
  switch (name) {
    case 'businessPhones':
      return [];
    case 'mobilePhone':
    case 'officeLocation':
    case 'preferredLanguage':
      return null;
    default: {
      const value = (user as Record<string, unknown>)[name];
      return value as string | boolean | null | readonly string[] | undefined;
    }
  }
}

export function projectUser(user: DirectoryUser, select: string[] | undefined, level: UserReadLevel): Record<string, unknown> {
  const names = select ?? DEFAULT_USER_PROPERTIES;
  const out: Record<string, unknown> = {};
  for (const name of names) {
    const value = readUserProperty(user, name, level);
    if (value !== undefined) out[name] = value;
  }
  return out;
}
