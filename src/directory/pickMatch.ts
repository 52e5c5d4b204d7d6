import { DirectoryUser } from './directoryUser';

export type MatchOutcome =
  | { readonly kind: 'one'; readonly user: DirectoryUser }
  | { readonly kind: 'none' }
  /** Only the beginning of someone's name matched ("Al" for Alex): the person must confirm. */
  | { readonly kind: 'unconfirmed'; readonly user: DirectoryUser }
  | { readonly kind: 'several'; readonly candidates: readonly DirectoryUser[] };

/**
 * From the users a name look-up returned, the one the person meant: an exact display-name match
 * (any case) wins over prefix matches; enabled accounts win over disabled ones, so a disabled
 * namesake never makes a name ambiguous. One person is trusted only when the name is whole words
 * of theirs ("Adele", "Vance", "Megan Bowen"); a mere beginning ("Al" for Alex Darrow) is
 * `unconfirmed` even when nobody else fits, because a short prefix is too easily someone else.
 */
export function pickByName(name: string, users: readonly DirectoryUser[]): MatchOutcome {
  const wanted = name.trim().toLocaleLowerCase();
  const exact = users.filter((user) => user.displayName.toLocaleLowerCase() === wanted);
  const outcome = pickAmong(exact.length > 0 ? exact : users);
  if (outcome.kind === 'one' && outcome.user.accountEnabled && !isWholeWords(wanted, outcome.user.displayName)) {
    return { kind: 'unconfirmed', user: outcome.user };
  }
  return outcome;
}

/** True when `wanted` (lower case) is one or more consecutive whole words of `displayName`. */
function isWholeWords(wanted: string, displayName: string): boolean {
  const words = (text: string): string[] => text.toLocaleLowerCase().split(/[\s()]+/).filter((word) => word !== '');
  const name = words(displayName);
  const query = words(wanted);
  if (query.length === 0) return false;
  for (let start = 0; start + query.length <= name.length; start += 1) {
    if (query.every((word, offset) => name[start + offset] === word)) return true;
  }
  return false;
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
