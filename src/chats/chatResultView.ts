import { ChatParticipant } from '../directory/chatParticipant';
import { DirectoryUser, displayAddress } from '../directory/directoryUser';
import { GraphChat } from '../graph/graphTypes';
import { chatLink } from './chatLink';
import { ChatMemberView, ChatResult } from './chatResult';

export interface ChatResultViewOptions {
  readonly homeTenantId: string;
  readonly teamsHost: string;
}

/** What the person is told about a chat that was just created (and what the ledger replays). */
export function describeCreatedChat(
  chat: GraphChat,
  chatType: ChatResult['chatType'],
  requester: DirectoryUser,
  participants: readonly ChatParticipant[],
  notes: readonly string[],
  options: ChatResultViewOptions,
): ChatResult {
  return {
    chatId: chat.id,
    chatType,
    topic: chat.topic ?? '',
    members: [memberView(requester, 'You'), ...participants.map(participantView)],
    openUrl: chatLink(chat, chat.tenantId ?? options.homeTenantId, options.teamsHost),
    notes,
  };
}

function memberView(user: DirectoryUser, note?: string): ChatMemberView {
  const notes = [note, user.userType === 'Guest' ? 'Guest' : undefined].filter((value): value is string => value !== undefined);
  const role = user.userType === 'Guest' ? 'guest' : 'owner';
  return { id: user.id, role, displayName: user.displayName, address: displayAddress(user), ...(notes.length > 0 ? { note: notes.join(', ') } : {}) };
}

function participantView(participant: ChatParticipant): ChatMemberView {
  if (participant.kind === 'directory') return memberView(participant.user);
  return { id: participant.id, role: 'owner', displayName: participant.label, address: '', note: 'Other organization' };
}
