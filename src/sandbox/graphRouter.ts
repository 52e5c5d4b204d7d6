import { getTeamsApp, listTeamsApps } from './appCatalogEndpoints';
import { getChat, listChatMembers, postChat } from './chatEndpoints';
import { installAppInChat, listChatInstalledApps } from './installedAppEndpoints';
import { GraphError } from './graphError';
import { getGroup, listGroupMembers, listGroups } from './groupEndpoints';
import type { GraphContext, GraphRequest, GraphResponse } from './graphTypes';
import { getByIds, getUser, listUsers, quotedUserKey } from './userEndpoints';

function segmentNotFound(segment: string): GraphError {
  return new GraphError(400, 'BadRequest', `Resource not found for the segment '${segment}'.`);
}

function methodNotAllowed(): GraphError {
  return new GraphError(405, 'Request_BadRequest', 'The specified HTTP method is not allowed for the request target.');
}

/** Dispatches one Graph v1.0 call (not `$batch`, which the server handles around this). */
export function routeGraphRequest(ctx: GraphContext, request: GraphRequest): GraphResponse {
  const [first, second, third, ...rest] = request.segments;
  if (first === undefined || first === '') throw new GraphError(400, 'BadRequest', 'Invalid request.');
  const entity = first.toLowerCase();
  const method = request.method.toUpperCase();

  if (entity === 'users') {
    if (third !== undefined) throw segmentNotFound(third);
    if (method !== 'GET') throw methodNotAllowed();
    if (second === undefined || second === '') return listUsers(ctx, request);
    return getUser(ctx, request, { key: second, quoted: false });
  }
  if (entity.startsWith('users(')) {
    if (second !== undefined) throw segmentNotFound(second);
    if (method !== 'GET') throw methodNotAllowed();
    return getUser(ctx, request, quotedUserKey(first));
  }
  if (entity === 'groups') {
    if (method !== 'GET') throw methodNotAllowed();
    if (second === undefined || second === '') return listGroups(ctx, request);
    if (third === undefined) return getGroup(ctx, request, second);
    const relationship = third.toLowerCase();
    if ((relationship !== 'members' && relationship !== 'transitivemembers') || rest.length > 1) throw segmentNotFound(rest[1] ?? third);
    return listGroupMembers(ctx, request, second, { transitive: relationship === 'transitivemembers', cast: rest[0] });
  }
  if (entity === 'directoryobjects' && second?.toLowerCase() === 'getbyids' && third === undefined) {
    if (method !== 'POST') throw methodNotAllowed();
    return getByIds(ctx, request);
  }
  if (entity === 'chats') {
    if (second === undefined || second === '') {
      if (method === 'POST') return postChat(ctx, request);
      if (method === 'GET') {
        throw new GraphError(400, 'BadRequest', 'Requested API is not supported in application-only context');
      }
      throw methodNotAllowed();
    }
    if (rest.length > 0) throw segmentNotFound(rest[0]!);
    if (third?.toLowerCase() === 'installedapps') {
      if (method === 'POST') return installAppInChat(ctx, second, request);
      if (method === 'GET') return listChatInstalledApps(ctx, second, request);
      throw methodNotAllowed();
    }
    if (method !== 'GET') throw methodNotAllowed();
    if (third === undefined) return getChat(ctx, second);
    if (third.toLowerCase() === 'members') return listChatMembers(ctx, second);
    throw segmentNotFound(third);
  }
  if (entity === 'appcatalogs') {
    if (second?.toLowerCase() !== 'teamsapps') throw segmentNotFound(second ?? first);
    if (rest.length > 0) throw segmentNotFound(rest[0]!);
    if (method !== 'GET') throw methodNotAllowed();
    return third === undefined || third === '' ? listTeamsApps(ctx, request) : getTeamsApp(ctx, third);
  }
  throw segmentNotFound(first);
}
