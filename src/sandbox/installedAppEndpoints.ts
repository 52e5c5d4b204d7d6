import { teamsAppResource } from './appCatalogEndpoints';
import { GraphError } from './graphError';
import type { GraphContext, GraphRequest, GraphResponse } from './graphTypes';
import { requireChatAppInstall, requireChatAppRead } from './permissions';
import type { SandboxChat, SandboxTeamsApp } from './types';

const CATALOG_PATH = /^v1\.0\/appCatalogs\/teamsApps\/([^/?#]+)$/i;

function findChat(ctx: GraphContext, chatId: string): SandboxChat {
  const chat = ctx.tenant.chats.get(chatId);
  if (!chat) throw new GraphError(404, 'NotFound', `Chat '${chatId}' was not found.`);
  return chat;
}

/** The catalog id in `teamsApp@odata.bind`, on Graph's own host or the sandbox's. */
function boundAppId(ctx: GraphContext, body: unknown): string {
  const bind = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['teamsApp@odata.bind'] : undefined;
  if (typeof bind !== 'string') throw new GraphError(400, 'BadRequest', "The 'teamsApp@odata.bind' property is required.");
  for (const host of ['https://graph.microsoft.com/', `${ctx.tenant.origin}/`]) {
    if (!bind.toLowerCase().startsWith(host.toLowerCase())) continue;
    const match = CATALOG_PATH.exec(bind.slice(host.length));
    if (match) return decodeURIComponent(match[1]!);
  }
  throw new GraphError(400, 'BadRequest', `Invalid 'teamsApp@odata.bind' value '${bind}'. Expected 'https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/<id>'.`);
}

function isFederatedOneOnOne(ctx: GraphContext, chat: SandboxChat): boolean {
  return chat.chatType === 'oneOnOne' && chat.members.some((m) => m.tenantId.toLowerCase() !== ctx.tenant.tenantId.toLowerCase());
}

/**
 * `POST /chats/{id}/installedApps`: 201 with an empty body. The `…Self…` permission only lets an
 * app install itself (the catalog app whose Entra app id is the caller's). Teams allows no apps in
 * a one-on-one chat with someone of another organization.
 */
export function installAppInChat(ctx: GraphContext, chatId: string, request: GraphRequest): GraphResponse {
  const scope = requireChatAppInstall(ctx.tenant.app);
  const chat = findChat(ctx, chatId);
  const appId = boundAppId(ctx, request.body);
  const app = ctx.tenant.catalog.findById(appId);
  if (!app) throw new GraphError(404, 'NotFound', `The app '${appId}' was not found in the app catalog.`);
  if (scope === 'self' && app.azureADAppId.toLowerCase() !== ctx.caller.appId.toLowerCase()) {
    throw new GraphError(403, 'Forbidden', 'The application can only install itself with the TeamsAppInstallation.ReadWriteSelfForChat.All permission.');
  }
  if (isFederatedOneOnOne(ctx, chat)) {
    throw new GraphError(403, 'Forbidden', 'Apps cannot be installed in a one-on-one chat with a user from another organization.');
  }
  if (chat.installedApps.some((installed) => installed.teamsAppId === app.id)) {
    throw new GraphError(409, 'Conflict', `The app '${app.id}' is already installed in this chat.`);
  }
  const installation = ctx.tenant.chats.install(chat.id, app.id);
  ctx.tenant.installListeners.forEach((listener) => listener({ chatId: chat.id, teamsApp: { ...app }, installationId: installation.id }));
  return { status: 201 };
}

/** `GET /chats/{id}/installedApps[?$expand=teamsApp]`. */
export function listChatInstalledApps(ctx: GraphContext, chatId: string, request: GraphRequest): GraphResponse {
  requireChatAppRead(ctx.tenant.app);
  const chat = findChat(ctx, chatId);
  const expand = (request.query['$expand'] ?? '').split(',').map((part) => part.trim().toLowerCase());
  const value = chat.installedApps.map((installed) => {
    const app: SandboxTeamsApp | undefined = ctx.tenant.catalog.findById(installed.teamsAppId);
    return {
      id: installed.id,
      ...(expand.includes('teamsapp') && app ? { teamsApp: teamsAppResource(app) } : {}),
    };
  });
  return {
    status: 200,
    body: { '@odata.context': `${ctx.tenant.origin}/v1.0/$metadata#chats('${encodeURIComponent(chatId)}')/installedApps`, value },
  };
}
