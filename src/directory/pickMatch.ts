import { DirectoryUser } from './directoryUser';

export type MatchOutcome =
  | { readonly kind: 'one'; readonly user: DirectoryUser }
  | { readonly kind: 'none' }
  | { readonly kind: 'several'; readonly candidates: readonly DirectoryUser[] };

/**
 * From the users a name look-up returned, the one the person meant: an exact display-name match
 * (any case) wins over prefix matches; enabled accounts win over disabled ones, so a disabled
 * namesake never makes a name ambiguous.
 */
export function pickByName(name: string, users: readonly DirectoryUser[]): MatchOutcome {
  const wanted = name.trim().toLocaleLowerCase();
  const exact = users.filter((user) => user.displayName.toLocaleLowerCase() === wanted);
  return pickAmong(exact.length > 0 ? exact : users);
}

/** From the users an address look-up returned (normally one). */
export function pickByAddress(users: readonly DirectoryUser[]): MatchOutcome {
  return pickAmong(users);
}

function pickAmong(users: readonly DirectoryUser[]): MatchOutcome {
  const unique = dedupeById(users);
  if (unique.length === 0) return { kind: 'none' };
  const enabled = unique.filter((user) => user.accountEnabled);
  const pool = enabled.length > 0 ? enabled : unique;
  if (pool.length === 1) return { kind: 'one', user: pool[0]! };
  return { kind: 'several', candidates: [...pool].sort((a, b) => a.displayName.localeCompare(b.displayName)) };
}

function dedupeById(users: readonly DirectoryUser[]): DirectoryUser[] {
  const seen = new Set<string>();
  return users.filter((user) => (seen.has(user.id) ? false : (seen.add(user.id), true)));
}
