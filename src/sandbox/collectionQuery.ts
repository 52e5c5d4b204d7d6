import { GraphError } from './graphError';
import type { GraphRequest } from './graphTypes';

/**
 * Query options every directory collection reads the same way: the advanced-query header,
 * `$count`, `$top` and the `$skiptoken` of a next link.
 */
export const DEFAULT_PAGE_SIZE = 100;
const MAX_PAGE_SIZE = 999;

export function isEventual(request: GraphRequest): boolean {
  return (request.headers['consistencylevel'] ?? '').toLowerCase() === 'eventual';
}

/** `$count=true`; any value other than true or false is a 400. */
export function wantsCount(request: GraphRequest): boolean {
  const count = request.query['$count'];
  if (count !== undefined && !['true', 'false'].includes(count)) {
    throw new GraphError(400, 'Request_BadRequest', `Invalid value '${count}' for $count.`);
  }
  return count === 'true';
}

/** Both advanced query parameters: `ConsistencyLevel: eventual` and `$count=true`. */
export function isAdvancedQuery(request: GraphRequest): boolean {
  return isEventual(request) && wantsCount(request);
}

/** Graph's answer to an operator or cast that only advanced queries serve. */
export function advancedQueryRequired(what: string): GraphError {
  return new GraphError(400, 'Request_UnsupportedQuery',
    `${what} is not supported because the required parameters might be missing. Try adding $count=true query parameter and ConsistencyLevel:eventual header. Refer to https://aka.ms/graph-docs/advanced-queries for more information`);
}

export function parsePageSize(top: string | undefined): number {
  if (top === undefined) return DEFAULT_PAGE_SIZE;
  const size = /^\d+$/.test(top) ? Number(top) : NaN;
  if (!(size >= 1 && size <= MAX_PAGE_SIZE)) {
    throw new GraphError(400, 'Request_BadRequest', `Invalid page size specified: '${top}'. Must be between 1 and ${MAX_PAGE_SIZE} inclusive.`);
  }
  return size;
}

function parseSkipToken(token: string | undefined): number {
  if (token === undefined) return 0;
  const offset = Number(Buffer.from(token, 'base64url').toString());
  if (!Number.isInteger(offset) || offset < 0) throw new GraphError(400, 'Request_BadRequest', 'Invalid $skiptoken.');
  return offset;
}

/**
 * One page of a collection: `value`, `@odata.nextLink` (the same query with a `$skiptoken`) when
 * more follow, and `@odata.count` when `count` is set. `path` is what follows `/v1.0`.
 */
export function pageOf<T>(
  items: readonly T[], request: GraphRequest, origin: string, path: string, context: string, count: boolean, project: (item: T) => unknown,
): Record<string, unknown> {
  const pageSize = parsePageSize(request.query['$top']);
  const offset = parseSkipToken(request.query['$skiptoken']);
  const body: Record<string, unknown> = { '@odata.context': context };
  if (count) body['@odata.count'] = items.length;
  if (offset + pageSize < items.length) {
    const next = new URLSearchParams({ ...request.query, $skiptoken: Buffer.from(String(offset + pageSize)).toString('base64url') });
    body['@odata.nextLink'] = `${origin}/v1.0${path}?${next.toString()}`;
  }
  body['value'] = items.slice(offset, offset + pageSize).map(project);
  return body;
}
