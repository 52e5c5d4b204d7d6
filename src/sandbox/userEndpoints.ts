import type { DirectoryUser } from './directory';
import { GraphError } from './graphError';
import type { GraphContext, GraphRequest, GraphResponse } from './graphTypes';
import {
  FilterSyntaxError, UnknownPropertyError, advancedOperators, evaluateFilter, parseFilter, type FilterSchema,
} from './odataFilter';
import { parseKeySegment } from './odataKey';
import { requireUserRead, type UserReadLevel } from './permissions';
import { parseSelect, projectUser, readUserProperty } from './userProjection';
import { parseSearch, searchMatches } from './userSearch';

const FILTER_SCHEMA: FilterSchema = {
  scalar: new Set(['id', 'displayName', 'givenName', 'surname', 'mail', 'userPrincipalName', 'userType', 'accountEnabled', 'jobTitle']),
  collections: new Set(['otherMails', 'proxyAddresses']),
};
const DEFAULT_PAGE_SIZE = 100;
const MAX_GET_BY_IDS = 1000;

function isEventual(request: GraphRequest): boolean {
  return (request.headers['consistencylevel'] ?? '').toLowerCase() === 'eventual';
}

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
  const wantsCount = query['$count'] === 'true';
  if (query['$count'] !== undefined && !['true', 'false'].includes(query['$count'])) {
    throw new GraphError(400, 'Request_BadRequest', `Invalid value '${query['$count']}' for $count.`);
  }
  if (wantsCount && !eventual) {
    throw new GraphError(400, 'Request_BadRequest', '$count is not currently supported.');
  }
  const pageSize = parsePageSize(query['$top']);
  const read = (user: DirectoryUser) => (name: string) => readUserProperty(user, name, level);

  let users: readonly DirectoryUser[] = ctx.tenant.directory.all();
  if (query['$filter'] !== undefined) {
    const filter = parseUserFilter(query['$filter']);
    const advanced = advancedOperators(filter);
    if (advanced.length > 0 && !(eventual && wantsCount)) {
      throw new GraphError(400, 'Request_UnsupportedQuery',
        `Operator '${advanced[0]}' is not supported because the required parameters might be missing. Try adding $count=true query parameter and ConsistencyLevel:eventual header. Refer to https://aka.ms/graph-docs/advanced-queries for more information`);
    }
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

  const offset = parseSkipToken(query['$skiptoken']);
  const page = users.slice(offset, offset + pageSize);
  const body: Record<string, unknown> = {
    '@odata.context': `${ctx.tenant.origin}/v1.0/$metadata#users${select ? `(${select.join(',')})` : ''}`,
  };
  if (wantsCount) body['@odata.count'] = users.length;
  if (offset + pageSize < users.length) {
    const next = new URLSearchParams({ ...query, $skiptoken: Buffer.from(String(offset + pageSize)).toString('base64url') });
    body['@odata.nextLink'] = `${ctx.tenant.origin}/v1.0/users?${next.toString()}`;
  }
  body['value'] = page.map((u) => projectUser(u, select, level));
  return { status: 200, body };
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

function parsePageSize(top: string | undefined): number {
  if (top === undefined) return DEFAULT_PAGE_SIZE;
  const size = /^\d+$/.test(top) ? Number(top) : NaN;
  if (!(size >= 1 && size <= 999)) {
    throw new GraphError(400, 'Request_BadRequest', `Invalid page size specified: '${top}'. Must be between 1 and 999 inclusive.`);
  }
  return size;
}

function parseSkipToken(token: string | undefined): number {
  if (token === undefined) return 0;
  const offset = Number(Buffer.from(token, 'base64url').toString());
  if (!Number.isInteger(offset) || offset < 0) throw new GraphError(400, 'Request_BadRequest', 'Invalid $skiptoken.');
  return offset;
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
