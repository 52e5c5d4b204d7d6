import { USER_SELECT } from './directoryUser';
import { GROUP_SELECT } from './directoryGroup';
import { encodePathSegment, encodeQueryValue, odataString } from './odataQuery';

/** Graph serves OData casts on member lists (and their count) only as advanced queries. */
export const ADVANCED_QUERY_HEADERS: Readonly<Record<string, string>> = Object.freeze({ ConsistencyLevel: 'eventual' });

/** Members per page; Graph's most for member listings. A group the bot accepts fits one page. */
export const MEMBER_PAGE_SIZE = 999;

/** How many typed names and addresses share one group look-up (a `$filter` stays short). */
export const GROUP_LOOKUPS_PER_REQUEST = 5;

/**
 * What a typed piece can mean as a group name: as typed, and without a leading "the" and a
 * trailing "team" or "group" ("the Launch team" → "Launch team", "Launch").
 */
export function groupNameForms(name: string): string[] {
  const trimmed = name.trim();
  const withoutArticle = trimmed.replace(/^the\s+/i, '');
  const withoutNoun = withoutArticle.replace(/\s+(team|group)$/i, '');
  return [...new Set([trimmed, withoutArticle, withoutNoun].filter((form) => form !== ''))];
}

/**
 * One `GET /groups` for several typed addresses and names: a group matches an address by `mail`
 * or an alias in `proxyAddresses`, and a name by its whole display name (any case). Only the
 * operators Graph serves without advanced query parameters (`eq`, `in`, `any`).
 */
export function groupsMatchingUrl(addresses: readonly string[], names: readonly string[]): string {
  const clauses: string[] = [];
  if (addresses.length > 0) {
    clauses.push(`mail in (${addresses.map(odataString).join(',')})`);
    for (const address of addresses) clauses.push(`proxyAddresses/any(p:p eq ${odataString(`smtp:${address}`)})`);
  }
  const forms = [...new Set(names.flatMap(groupNameForms))];
  if (forms.length > 0) clauses.push(`displayName in (${forms.map(odataString).join(',')})`);
  return `/groups?$filter=${encodeQueryValue(clauses.join(' or '))}&$select=${GROUP_SELECT}&$top=100`;
}

/** `GET /groups/{id}`: a group picked on a card, by id. */
export function groupByIdUrl(id: string): string {
  return `/groups/${encodePathSegment(id)}?$select=${GROUP_SELECT}`;
}

/**
 * The first page of a group's users, nested groups included: the `microsoft.graph.user` cast
 * leaves out contacts, devices and the nested groups themselves; `$count=true` says how many
 * there are before any further page is read.
 */
export function groupUsersUrl(id: string): string {
  return `/groups/${encodePathSegment(id)}/transitiveMembers/microsoft.graph.user?$count=true&$select=${USER_SELECT}&$top=${MEMBER_PAGE_SIZE}`;
}

/**
 * A `@odata.nextLink` as a batch step's URL (relative to the version root). Undefined when it does
 * not point into Graph v1.0, which a batch step cannot follow.
 */
export function nextLinkStepUrl(nextLink: string): string | undefined {
  let url: URL;
  try {
    url = new URL(nextLink);
  } catch {
    return undefined;
  }
  if (!url.pathname.startsWith('/v1.0/')) return undefined;
  return `${url.pathname.slice('/v1.0'.length)}${url.search}`;
}
