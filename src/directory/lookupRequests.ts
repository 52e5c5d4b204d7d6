import { USER_SELECT } from './directoryUser';
import { encodePathSegment, encodeQueryValue, odataString } from './odataQuery';

/** How many candidates a name look-up fetches; enough to show a choice, small enough to be fast. */
export const NAME_CANDIDATE_LIMIT = 15;

/** `GET /users/{id}`: one user by object id. */
export function userByIdUrl(id: string): string {
  return `/users/${encodePathSegment(id)}?$select=${USER_SELECT}`;
}

/**
 * Anyone whose UPN or mailbox is this address. Guests are found by their real address, which
 * lives in `mail` and `otherMails`; `proxyAddresses` holds aliases as `smtp:…`.
 */
export function usersByAddressUrl(address: string): string {
  const literal = odataString(address);
  const smtp = odataString(`smtp:${address}`);
  const filter = `userPrincipalName eq ${literal} or mail eq ${literal} or otherMails/any(m:m eq ${literal}) or proxyAddresses/any(p:p eq ${smtp})`;
  return `/users?$filter=${encodeQueryValue(filter)}&$select=${USER_SELECT}&$top=5`;
}

/** Everyone whose display name, given name or surname starts with the text; exact matches are picked later. */
export function usersByNameUrl(name: string): string {
  const literal = odataString(name);
  const filter = `startswith(displayName,${literal}) or startswith(givenName,${literal}) or startswith(surname,${literal})`;
  return `/users?$filter=${encodeQueryValue(filter)}&$select=${USER_SELECT}&$top=${NAME_CANDIDATE_LIMIT}`;
}
