import type { DirectoryUser } from './directory';
import { GraphError } from './graphError';
import type { GraphContext, GraphRequest, GraphResponse } from './graphTypes';
import {
  FilterSyntaxError, UnknownPropertyError, advancedOperators, evaluateFilter, parseFilter, type FilterSchema,
} from './odataFilter';
import { advancedQueryRequired, isEventual, pageOf, wantsCount } from './collectionQuery';
import { parseKeySegment } from './odataKey';
import { requireUserRead, type UserReadLevel } from './permissions';
import { parseSelect, projectUser, readUserProperty } from './userProjection';
import { parseSearch, searchMatches } from './userSearch';

const FILTER_SCHEMA: FilterSchema = {
  scalar: new Set(['id', 'displayName', 'givenName', 'surname', 'mail', 'userPrincipalName', 'userType', 'accountEnabled', 'jobTitle']),
  collections: new Set(['otherMails', 'proxyAddresses']),
};
const MAX_GET_BY_IDS = 1000;

function notFound(key: string): GraphError {
  return new GraphError(404, 'Request_ResourceNotFound',
    `Resource '${key}' does not exist or one of its queried reference-property objects are not present.`);
}

/**
 * The key of `/users/{id | userPrincipalName}` (`quoted: false`) or `/users('{key}')` (`quoted: true`).
 * Graph reads a bare key beginning with `$` as a system segment, so only the quoted form finds it.
 */
export interface UserKey {
  key: string;
  quoted: boolean;
}

export function quotedUserKey(segment: string): UserKey {
  const key = parseKeySegment(segment, 'users');
  if (key === undefined) throw new GraphError(400, 'BadRequest', 'Bad Request - Error in query syntax.');
  return { key, quoted: true };
}

export function getUser(ctx: GraphContext, request: GraphRequest, userKey: UserKey): GraphResponse {
  const level = requireUserRead(ctx.tenant.app);
  if (!userKey.quoted && userKey.key.startsWith('$')) {
    throw new GraphError(400, 'BadRequest', `Resource not found for the segment '${userKey.key}'.`);
  }
  const select = parseSelect(request.query['$select']);
  const user = ctx.tenant.directory.find(userKey.key);
  if (!user) throw notFound(userKey.key);
  return {
    status: 200,
    body: {
      '@odata.context': `${ctx.tenant.origin}/v1.0/$metadata#users${select ? `(${select.join(',')})` : ''}/$entity`,
      ...projectUser(user, select, level),
    },
  };
}

export function listUsers(ctx: GraphContext, request: GraphRequest): GraphResponse {
  const level = requireUserRead(ctx.tenant.app);
  const { query } = request;
  const select = parseSelect(query['$select']);
  const eventual = isEventual(request);
  const count = wantsCount(request);
  if (count && !eventual) {
    throw new GraphError(400, 'Request_BadRequest', '$count is not currently supported.');
  }
  const read = (user: DirectoryUser) => (name: string) => readUserProperty(user, name, level);

  let users: readonly DirectoryUser[] = ctx.tenant.directory.all();
  if (query['$filter'] !== undefined) {
    const filter = parseUserFilter(query['$filter']);
    const advanced = advancedOperators(filter);
    if (advanced.length > 0 && !(eventual && count)) throw advancedQueryRequired(`Operator '${advanced[0]}'`);
    users = users.filter((u) => evaluateFilter(filter, read(u)));
  }
  if (query['$search'] !== undefined) {
    if (!eventual) {
      throw new GraphError(400, 'Request_UnsupportedQuery',
        "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'");
    }
    const search = parseSearch(query['$search']);
    users = users.filter((u) => searchMatches(search, read(u)));
  }

  const context = `${ctx.tenant.origin}/v1.0/$metadata#users${select ? `(${select.join(',')})` : ''}`;
  return { status: 200, body: pageOf(users, request, ctx.tenant.origin, '/users', context, count, (u) => projectUser(u, select, level)) };
}

function parseUserFilter(text: string) {
  try {
    return parseFilter(text, FILTER_SCHEMA);
  } catch (error) {
    if (error instanceof UnknownPropertyError) throw new GraphError(400, 'Request_BadRequest', error.message);
    if (error instanceof FilterSyntaxError) throw new GraphError(400, 'Request_BadRequest', 'Invalid filter clause');
    throw error;
  }
}


/** `POST /directoryObjects/getByIds`: only users exist in this directory. Unknown ids are skipped, as in Graph. */
export function getByIds(ctx: GraphContext, request: GraphRequest): GraphResponse {
  const level: UserReadLevel = requireUserRead(ctx.tenant.app);
  const body = request.body as { ids?: unknown; types?: unknown } | undefined;
  if (!body || !Array.isArray(body.ids) || body.ids.some((id) => typeof id !== 'string')) {
    throw new GraphError(400, 'Request_BadRequest', "The request body must contain 'ids', an array of strings.");
  }
  if (body.ids.length > MAX_GET_BY_IDS) {
    throw new GraphError(400, 'Request_BadRequest', `Too many ids: at most ${MAX_GET_BY_IDS} may be requested.`);
  }
  const types = Array.isArray(body.types) ? body.types.map((t) => String(t).toLowerCase()) : undefined;
  const wantsUsers = types === undefined || types.length === 0 || types.includes('user') || types.includes('microsoft.graph.user');
  const users = wantsUsers
    ? (body.ids as string[]).map((id) => ctx.tenant.directory.findById(id)).filter((u): u is DirectoryUser => u !== undefined)
    : [];
  return {
    status: 200,
    body: {
      '@odata.context': `${ctx.tenant.origin}/v1.0/$metadata#directoryObjects`,
      value: users.map((u) => ({ '@odata.type': '#microsoft.graph.user', ...projectUser(u, undefined, level) })),
    },
  };
}
