import type { DirectoryGroup } from './directory';
import { advancedQueryRequired, isAdvancedQuery, isEventual, pageOf, wantsCount } from './collectionQuery';
import { type DirectoryMember, memberId } from './groupDirectory';
import { GraphError } from './graphError';
import type { GraphContext, GraphRequest, GraphResponse } from './graphTypes';
import { FilterSyntaxError, UnknownPropertyError, advancedOperators, evaluateFilter, parseFilter, type FilterNode, type FilterSchema } from './odataFilter';
import { requireGroupRead, requireHiddenMemberRead, userReadLevel } from './permissions';
import { parseSelect, projectUser } from './userProjection';

/** What "List groups" filters on (eq, in and startsWith by default; ne, not and endsWith as advanced queries). */
const GROUP_FILTER_SCHEMA: FilterSchema = {
  scalar: new Set(['id', 'displayName', 'description', 'mail', 'mailNickname', 'mailEnabled', 'securityEnabled', 'visibility']),
  collections: new Set(['groupTypes', 'proxyAddresses']),
  typeName: 'microsoft.graph.group',
};
const GROUP_PROPERTIES = [
  'id', 'deletedDateTime', 'description', 'displayName', 'groupTypes', 'mail', 'mailEnabled', 'mailNickname', 'proxyAddresses', 'securityEnabled', 'visibility',
] as const;
const GROUP_SELECTABLE = new Set<string>(GROUP_PROPERTIES);

/** OData casts on a member list, by the type segment (case-insensitive, namespace included). */
const CASTS: Record<string, DirectoryMember['type']> = {
  'microsoft.graph.user': 'user',
  'microsoft.graph.group': 'group',
  'microsoft.graph.orgcontact': 'orgContact',
};

function groupNotFound(id: string): GraphError {
  return new GraphError(404, 'Request_ResourceNotFound', `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);
}

function parseGroupSelect(select: string | undefined): string[] | undefined {
  if (select === undefined) return undefined;
  const names = select.split(',').map((name) => name.trim()).filter((name) => name !== '');
  const unknown = names.find((name) => !GROUP_SELECTABLE.has(name));
  if (unknown !== undefined) throw new GraphError(400, 'Request_BadRequest', `Could not find a property named '${unknown}' on type 'microsoft.graph.group'.`);
  return names;
}

function readGroupProperty(group: DirectoryGroup, name: string): string | boolean | null | readonly string[] | undefined {
  if (name === 'deletedDateTime') return null;
  return (group as unknown as Record<string, string | boolean | null | readonly string[] | undefined>)[name];
}

function projectGroup(group: DirectoryGroup, select: readonly string[] | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of select ?? GROUP_PROPERTIES) out[name] = readGroupProperty(group, name);
  return out;
}

function parseGroupFilter(text: string): FilterNode {
  try {
    return parseFilter(text, GROUP_FILTER_SCHEMA);
  } catch (error) {
    if (error instanceof UnknownPropertyError) throw new GraphError(400, 'Request_BadRequest', error.message);
    if (error instanceof FilterSyntaxError) throw new GraphError(400, 'Request_BadRequest', 'Invalid filter clause');
    throw error;
  }
}

/** `GET /groups`: `$filter` (mail, displayName, …), `$select`, `$top`, `$count` as Graph serves them. */
export function listGroups(ctx: GraphContext, request: GraphRequest): GraphResponse {
  requireGroupRead(ctx.tenant.app);
  const select = parseGroupSelect(request.query['$select']);
  const count = wantsCount(request);
  if (count && !isEventual(request)) throw new GraphError(400, 'Request_BadRequest', '$count is not currently supported.');
  if (request.query['$search'] !== undefined) throw new GraphError(400, 'Request_UnsupportedQuery', 'The sandbox does not serve $search on groups.');
  let groups = ctx.tenant.groups.all();
  const filterText = request.query['$filter'];
  if (filterText !== undefined) {
    const filter = parseGroupFilter(filterText);
    const advanced = advancedOperators(filter);
    if (advanced.length > 0 && !isAdvancedQuery(request)) throw advancedQueryRequired(`Operator '${advanced[0]}'`);
    groups = groups.filter((group) => evaluateFilter(filter, (name) => readGroupProperty(group, name)));
  }
  const context = `${ctx.tenant.origin}/v1.0/$metadata#groups${select ? `(${select.join(',')})` : ''}`;
  return { status: 200, body: pageOf(groups, request, ctx.tenant.origin, '/groups', context, count, (group) => projectGroup(group, select)) };
}

export function getGroup(ctx: GraphContext, request: GraphRequest, id: string): GraphResponse {
  requireGroupRead(ctx.tenant.app);
  const select = parseGroupSelect(request.query['$select']);
  const group = ctx.tenant.groups.find(id);
  if (!group) throw groupNotFound(id);
  return { status: 200, body: { '@odata.context': `${ctx.tenant.origin}/v1.0/$metadata#groups/$entity`, ...projectGroup(group, select) } };
}

export interface MemberListing {
  readonly transitive: boolean;
  /** The OData cast segment after the relationship, e.g. `microsoft.graph.user`. */
  readonly cast: string | undefined;
}

/**
 * `GET /groups/{id}/members` and `/transitiveMembers`, optionally cast to one type. As in Graph:
 * a cast needs the advanced query parameters; a cast to groups on a Microsoft 365 group (which
 * cannot contain groups) is `Request_UnsupportedQuery`; a hidden membership needs
 * `Member.Read.Hidden` too; user members show only id and type to an app that may not read users.
 */
export function listGroupMembers(ctx: GraphContext, request: GraphRequest, id: string, listing: MemberListing): GraphResponse {
  requireGroupRead(ctx.tenant.app);
  const group = ctx.tenant.groups.find(id);
  if (!group) throw groupNotFound(id);
  const castType = listing.cast === undefined ? undefined : CASTS[listing.cast.toLowerCase()];
  if (listing.cast !== undefined && castType === undefined) throw new GraphError(400, 'BadRequest', `Resource not found for the segment '${listing.cast}'.`);
  if (castType !== undefined && !isAdvancedQuery(request)) throw advancedQueryRequired(`OData cast '${listing.cast}'`);
  if (castType === 'group' && group.groupTypes.includes('Unified')) {
    throw new GraphError(400, 'Request_UnsupportedQuery', 'Microsoft 365 groups cannot have groups as members: the cast to microsoft.graph.group is not supported.');
  }
  if (request.query['$filter'] !== undefined || request.query['$search'] !== undefined) {
    throw new GraphError(400, 'Request_UnsupportedQuery', 'The sandbox does not serve $filter or $search on group members.');
  }
  if (group.visibility === 'HiddenMembership') {
    try {
      requireHiddenMemberRead(ctx.tenant.app);
    } catch {
      throw new GraphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
    }
  }
  const level = userReadLevel(ctx.tenant.app);
  const userSelect = castType === 'user' ? parseSelect(request.query['$select']) : undefined;
  const all = listing.transitive ? ctx.tenant.groups.transitiveMembers(group) : ctx.tenant.groups.members(group);
  const members = castType === undefined ? all : all.filter((member) => member.type === castType);
  // Counting is an advanced query: without the header, $count=true is silently ignored.
  const count = isAdvancedQuery(request);
  const relationship = listing.transitive ? 'transitiveMembers' : 'members';
  const path = `/groups/${group.id}/${relationship}${listing.cast !== undefined ? `/${listing.cast}` : ''}`;
  const context = castType === 'user' ? `${ctx.tenant.origin}/v1.0/$metadata#users` : `${ctx.tenant.origin}/v1.0/$metadata#directoryObjects`;
  const project = (member: DirectoryMember): Record<string, unknown> => {
    const type = member.type === 'orgContact' ? 'orgContact' : member.type;
    const base = { '@odata.type': `#microsoft.graph.${type}`, id: memberId(member) };
    switch (member.type) {
      case 'user':
        // An app that may not read users gets what Graph gives for inaccessible members: id and type.
        return level === 'none' ? base : { ...base, ...projectUser(member.user, userSelect, level) };
      case 'group':
        return { ...base, ...projectGroup(member.group, undefined) };
      case 'orgContact':
        return { ...base, displayName: member.contact.displayName, mail: member.contact.mail };
    }
  };
  return { status: 200, body: pageOf(members, request, ctx.tenant.origin, path, context, count, project) };
}
