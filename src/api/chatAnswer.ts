import type { ChatResult } from '../chats/chatResult';

/** The kickoff card: whether it is in the chat, and if not, why (a sentence for an admin). */
export interface KickoffReport {
  readonly posted: boolean;
  readonly reason?: string;
}

/** The `201 Created` body of `POST /api/chats` (docs/openapi.json, `Chat`). */
export interface ApiChatAnswer {
  readonly id: string;
  readonly webUrl: string;
  readonly chatType: 'oneOnOne' | 'group';
  /** Null for a one-on-one chat (Teams allows no topic there). */
  readonly topic: string | null;
  readonly members: readonly { readonly id: string; readonly displayName: string; readonly role: 'owner' | 'guest' }[];
  readonly kickoff: KickoffReport;
}

/** The chat as the service recorded it, in the API's shape. */
export function chatAnswerOf(result: ChatResult, kickoff: KickoffReport): ApiChatAnswer {
  return {
    id: result.chatId,
    webUrl: result.openUrl,
    chatType: result.chatType,
    topic: result.chatType === 'group' && result.topic !== '' ? result.topic : null,
    members: result.members.map((member) => ({ id: member.id ?? '', displayName: member.displayName, role: member.role ?? 'owner' })),
    kickoff,
  };
}
