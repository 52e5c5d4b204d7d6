import { GraphChat } from '../graph/graphTypes';

/**
 * The link that opens a chat in Teams. Graph's `webUrl` is opaque and authoritative when present;
 * otherwise the documented deep link, on the cloud's Teams host.
 */
export function chatLink(chat: GraphChat, tenantId: string, teamsHost: string): string {
  if (typeof chat.webUrl === 'string' && /^https:\/\//i.test(chat.webUrl)) return chat.webUrl;
  return `https://${teamsHost}/l/chat/${encodeURIComponent(chat.id)}/0?tenantId=${encodeURIComponent(tenantId)}`;
}
