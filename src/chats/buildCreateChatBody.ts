import { ChatParticipant } from '../directory/chatParticipant';
import { DirectoryUser } from '../directory/directoryUser';
import { ConversationMemberBody, CreateChatBody } from '../graph/graphTypes';

/** The longest topic the bot accepts (the form's field has the same limit). */
export const CHAT_TOPIC_MAX_LENGTH = 250;

export interface ChatPlan {
  readonly body: CreateChatBody;
  /** A topic was typed for a one-on-one chat, where Graph does not allow one. */
  readonly topicDropped: boolean;
}

/**
 * The `POST /chats` body for the requester and the resolved people, in the shape of Graph's
 * "Create chat" examples. One other person makes a one-on-one chat (no topic allowed);
 * two or more make a group chat. Guests of our tenant must be `guest`; everyone else `owner`.
 */
export function buildCreateChatBody(graphEndpoint: string, requester: DirectoryUser, participants: readonly ChatParticipant[], topic: string | undefined): ChatPlan {
  const members: ConversationMemberBody[] = [directoryMember(graphEndpoint, requester), ...participants.map((participant) => memberOf(graphEndpoint, participant))];
  const trimmedTopic = topic?.trim() ?? '';
  if (participants.length === 1) {
    return { body: { chatType: 'oneOnOne', members }, topicDropped: trimmedTopic !== '' };
  }
  return {
    body: { chatType: 'group', ...(trimmedTopic !== '' ? { topic: trimmedTopic } : {}), members },
    topicDropped: false,
  };
}

function memberOf(graphEndpoint: string, participant: ChatParticipant): ConversationMemberBody {
  if (participant.kind === 'directory') return directoryMember(graphEndpoint, participant.user);
  return {
    '@odata.type': '#microsoft.graph.aadUserConversationMember',
    roles: ['owner'],
    'user@odata.bind': userBind(graphEndpoint, participant.id),
    tenantId: participant.tenantId,
  };
}

function directoryMember(graphEndpoint: string, user: DirectoryUser): ConversationMemberBody {
  return {
    '@odata.type': '#microsoft.graph.aadUserConversationMember',
    roles: user.userType === 'Guest' ? ['guest'] : ['owner'],
    'user@odata.bind': userBind(graphEndpoint, user.id),
  };
}

/** `https://graph.microsoft.com/v1.0/users('<id>')`, quotes doubled as OData requires. */
export function userBind(graphEndpoint: string, id: string): string {
  return `${graphEndpoint}/v1.0/users('${id.replace(/'/g, "''")}')`;
}
