import { DirectoryUser } from './directoryUser';

/** Someone who will be in the chat besides the requester. */
export type ChatParticipant =
  /** `viaGroup`: the group (id) this person is in the chat through, when not named themself. */
  | { readonly kind: 'directory'; readonly user: DirectoryUser; readonly viaGroup?: string }
  /** A user of another organization: never looked up in our directory. */
  | { readonly kind: 'federated'; readonly id: string; readonly tenantId: string; readonly label: string };

export function participantId(participant: ChatParticipant): string {
  return participant.kind === 'directory' ? participant.user.id : participant.id;
}
