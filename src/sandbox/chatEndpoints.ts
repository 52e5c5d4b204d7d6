import { createChat } from './chatCreation';
import { GraphError } from './graphError';
import type { GraphContext, GraphRequest, GraphResponse } from './graphTypes';
import { requireChatCreate, requireChatRead } from './permissions';
import type { SandboxChat } from './types';

function chatResource(ctx: GraphContext, chat: SandboxChat): Record<string, unknown> {
  return {
    '@odata.context': `${ctx.tenant.origin}/v1.0/$metadata#chats/$entity`,
    id: chat.id,
    topic: chat.topic,
    createdDateTime: chat.createdDateTime,
    lastUpdatedDateTime: chat.lastUpdatedDateTime,
    chatType: chat.chatType,
    webUrl: chat.webUrl,
    tenantId: chat.tenantId,
    isHiddenForAllMembers: false,
    onlineMeetingInfo: null,
  };
}

/** Always 201, even when an existing one-on-one chat is returned (Graph's page documents only 201). */
export function postChat(ctx: GraphContext, request: GraphRequest): GraphResponse {
  requireChatCreate(ctx.tenant.app);
  const { chat } = createChat(ctx.tenant, request.body);
  return {
    status: 201,
    headers: { Location: `${ctx.tenant.origin}/v1.0/chats('${encodeURIComponent(chat.id)}')` },
    body: chatResource(ctx, chat),
  };
}

function findChat(ctx: GraphContext, id: string): SandboxChat {
  requireChatRead(ctx.tenant.app);
  const chat = ctx.tenant.chats.get(id);
  if (!chat) throw new GraphError(404, 'NotFound', `Chat '${id}' was not found.`);
  return chat;
}

export function getChat(ctx: GraphContext, id: string): GraphResponse {
  return { status: 200, body: chatResource(ctx, findChat(ctx, id)) };
}

export function listChatMembers(ctx: GraphContext, id: string): GraphResponse {
  const chat = findChat(ctx, id);
  return {
    status: 200,
    body: {
      '@odata.context': `${ctx.tenant.origin}/v1.0/$metadata#chats('${encodeURIComponent(id)}')/members`,
      '@odata.count': chat.members.length,
      value: chat.members.map((m) => ({
        '@odata.type': '#microsoft.graph.aadUserConversationMember',
        id: m.id,
        roles: m.roles,
        displayName: m.displayName,
        visibleHistoryStartDateTime: '0001-01-01T00:00:00Z',
        userId: m.userId,
        email: m.email,
        tenantId: m.tenantId,
      })),
    },
  };
}
