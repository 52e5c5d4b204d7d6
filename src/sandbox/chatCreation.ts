import { randomBytes } from 'node:crypto';
import { ChatStore } from './chatStore';
import type { DirectoryUser } from './directory';
import { GraphError } from './graphError';
import type { TenantState } from './graphTypes';
import { parseKeySegment } from './odataKey';
import type { SandboxChat, SandboxChatMember } from './types';

const MEMBER_TYPE = '#microsoft.graph.aadUserConversationMember';
const MAX_MEMBERS = 250;
const MIN_GROUP_MEMBERS = 2;

export interface CreateChatResult {
  chat: SandboxChat;
  /** false when an existing one-on-one chat was returned. */
  created: boolean;
}

interface ResolvedMember {
  userId: string;
  tenantId: string;
  role: 'owner' | 'guest';
  user?: DirectoryUser;
}

function badRequest(message: string): GraphError {
  return new GraphError(400, 'BadRequest', message);
}

/**
 * `POST /chats` with the rules of Graph's "Create chat" page and the errors seen in the wild.
 * Validation order: chat shape, member count, each member, then cross-member rules.
 */
export function createChat(tenant: TenantState, body: unknown): CreateChatResult {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest('Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.');
  }
  const input = body as Record<string, unknown>;
  const chatType = input['chatType'];
  if (chatType === undefined || chatType === null) throw badRequest("The 'chatType' property is required.");
  if (chatType !== 'oneOnOne' && chatType !== 'group') {
    throw badRequest(`Invalid value '${String(chatType)}' for 'chatType'. Supported values are 'oneOnOne' and 'group'.`);
  }
  const members = input['members'];
  if (!Array.isArray(members) || members.length === 0) throw badRequest('Chat members cannot be null or empty.');
  const topic = input['topic'] ?? null;
  if (topic !== null && typeof topic !== 'string') throw badRequest("The 'topic' property must be a string.");
  if (chatType === 'oneOnOne') {
    if (topic !== null) throw badRequest('Setting topic is not allowed for 1-on-1 chats.');
    if (members.length !== 2) throw badRequest(`A one-on-one chat must have exactly 2 members; ${members.length} were given.`);
  } else {
    if (members.length < MIN_GROUP_MEMBERS) {
      throw badRequest(`A group chat must have at least ${MIN_GROUP_MEMBERS} members; ${members.length} were given.`);
    }
    if (members.length > MAX_MEMBERS) {
      throw badRequest(`A chat can have at most ${MAX_MEMBERS} members; ${members.length} were given.`);
    }
  }

  const resolved = members.map((m: unknown) => resolveMember(tenant, m));
  const seen = new Set<string>();
  for (const member of resolved) {
    const key = `${member.tenantId.toLowerCase()}:${member.userId.toLowerCase()}`;
    if (seen.has(key)) throw badRequest(`Duplicate member '${member.userId}' in the members list.`);
    seen.add(key);
  }
  if (!resolved.some((m) => sameTenant(m.tenantId, tenant.tenantId))) {
    throw badRequest(`At least one member must belong to the tenant '${tenant.tenantId}' of the calling application.`);
  }

  if (chatType === 'oneOnOne') {
    const pairKey = ChatStore.pairKey(resolved[0]!, resolved[1]!);
    const existing = tenant.chats.findOneOnOne(pairKey);
    if (existing) return { chat: existing, created: false };
    const federated = resolved.some((m) => !sameTenant(m.tenantId, tenant.tenantId));
    const ids = resolved.map((m) => m.userId).sort();
    const id = `19:${ids[0]}_${ids[1]}@${federated ? 'fed.unq.gbl.spaces' : 'unq.gbl.spaces'}`;
    const chat = buildChat(tenant, id, 'oneOnOne', null, resolved);
    tenant.chats.add(chat, pairKey);
    return { chat, created: true };
  }
  const id = `19:${randomBytes(16).toString('hex')}@thread.v2`;
  const chat = buildChat(tenant, id, 'group', topic as string | null, resolved);
  tenant.chats.add(chat);
  return { chat, created: true };
}

function sameTenant(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** Accepts Graph's own host or the sandbox's origin in front of `/v1.0/users('…')`. */
function bindKey(tenant: TenantState, bind: string): string | undefined {
  for (const host of ['https://graph.microsoft.com', tenant.origin]) {
    const prefix = `${host}/v1.0/`;
    if (bind.toLowerCase().startsWith(prefix.toLowerCase())) {
      return parseKeySegment(bind.slice(prefix.length), 'users');
    }
  }
  return undefined;
}

function resolveMember(tenant: TenantState, raw: unknown): ResolvedMember {
  if (typeof raw !== 'object' || raw === null) throw badRequest('Each member must be an object.');
  const member = raw as Record<string, unknown>;
  const type = member['@odata.type'];
  if (type !== MEMBER_TYPE) {
    throw badRequest(`The member type '${String(type)}' is not supported. Use '${MEMBER_TYPE}'.`);
  }
  const roles = member['roles'];
  if (!Array.isArray(roles)) throw badRequest("Member 'roles' must be an array containing 'owner' or 'guest'.");
  for (const role of roles) {
    if (role !== 'owner' && role !== 'guest') throw badRequest(`The passed-in role '${String(role)}' is not supported.`);
  }
  if (roles.length !== 1) throw badRequest("Each member must have exactly one role: 'owner' or 'guest'.");
  const role = roles[0] as 'owner' | 'guest';
  const bind = member['user@odata.bind'];
  if (typeof bind !== 'string') throw badRequest("Each member must have a 'user@odata.bind' property.");
  const key = bindKey(tenant, bind);
  if (key === undefined || key.length === 0) {
    throw badRequest(`Invalid 'user@odata.bind' value '${bind}'. Expected 'https://graph.microsoft.com/v1.0/users('<id or userPrincipalName>')'.`);
  }
  const memberTenant = member['tenantId'];
  if (memberTenant !== undefined && memberTenant !== null && typeof memberTenant !== 'string') {
    throw badRequest("The member's 'tenantId' must be a string.");
  }
  if (typeof memberTenant === 'string' && !sameTenant(memberTenant, tenant.tenantId)) {
    // A federated user lives in another tenant: the home directory cannot look them up.
    if (role !== 'owner') throw badRequest(`A user from another tenant ('${memberTenant}') must have the role 'owner'.`);
    return { userId: key, tenantId: memberTenant, role };
  }
  const user = tenant.directory.find(key);
  if (!user) {
    throw new GraphError(404, 'NotFound', key.includes('@')
      ? `Failed to find users with user principal name '${key}'.`
      : `Failed to find users with ids '${key}'.`);
  }
  if (!user.accountEnabled) {
    throw badRequest(`The user '${user.id}' is disabled (accountEnabled is false) and cannot be added to a chat.`);
  }
  if (user.userType === 'Guest' && role !== 'guest') {
    throw badRequest(`The guest user '${user.id}' must be added with the role 'guest'.`);
  }
  if (user.userType !== 'Guest' && role === 'guest') {
    throw badRequest(`The user '${user.id}' is not a guest of the tenant and cannot be added with the role 'guest'.`);
  }
  return { userId: user.id, tenantId: tenant.tenantId, role, user };
}

function buildChat(
  tenant: TenantState, id: string, chatType: 'oneOnOne' | 'group', topic: string | null, members: ResolvedMember[],
): SandboxChat {
  const now = new Date().toISOString();
  return {
    id,
    chatType,
    topic,
    createdDateTime: now,
    lastUpdatedDateTime: now,
    tenantId: tenant.tenantId,
    webUrl: `https://teams.microsoft.com/l/chat/${encodeURIComponent(id)}/0?tenantId=${tenant.tenantId}`,
    members: members.map((m): SandboxChatMember => ({
      id: Buffer.from(`0#${m.tenantId}#${id}#${m.userId}`).toString('base64'),
      userId: m.userId,
      displayName: m.user?.displayName ?? null,
      email: m.user?.mail ?? null,
      roles: [m.role],
      tenantId: m.tenantId,
    })),
    installedApps: [],
  };
}
