import type { AdaptiveCardJson } from '../cards/adaptiveCardJson';
import type { CallOptions } from '../graph/graphTypes';

/** Where a proactive message goes: the Graph chat id is the Bot Framework conversation id. */
export interface ConversationTarget {
  /** The requester's `serviceUrl` (Teams' regional Bot Connector). */
  readonly serviceUrl: string;
  readonly conversationId: string;
  readonly tenantId: string;
}

/**
 * Sends one card into a conversation the bot is not in a turn of. Implemented over botbuilder in
 * `src/bot/`; throws `ProactiveSendError` when the Bot Connector refuses.
 */
export interface ProactiveCardSender {
  sendCard(target: ConversationTarget, card: AdaptiveCardJson, options?: CallOptions): Promise<void>;
}

/**
 * Where a request came from, as far as the kickoff needs it: who to mention and which Bot
 * Connector to post through. A caller outside Teams gives the configured service URL.
 */
export interface KickoffOrigin {
  /** The requester's Teams user id (`29:…`), for the mention; empty when unknown (the Entra object id is mentioned then). */
  readonly requesterMri: string;
  /** The Bot Connector to post through: the requester's `serviceUrl`, or Teams' global one. */
  readonly serviceUrl: string;
  /** The tenant of the chat; absent: the bot's home tenant. */
  readonly tenantId: string | undefined;
  /** The system the request came through, named on the card (an HTTP API caller's display name); absent in Teams. */
  readonly askedVia?: string;
}

export interface KickoffRequest {
  readonly chatId: string;
  /** A one-on-one chat with someone of another organization: Teams allows no apps there. */
  readonly withOtherOrganization: boolean;
  readonly requester: { readonly name: string; readonly teamsUserId: string };
  readonly serviceUrl: string;
  readonly tenantId: string;
  /** Empty for a one-on-one chat. */
  readonly topic: string;
  /** Display names of the people invited, the requester left out. */
  readonly people: readonly string[];
  readonly firstWords: string;
  readonly askedVia?: string;
}

/** Why the kickoff card is not in the chat; each has a sentence for the requester (kickoffNotes). */
export type KickoffProblem =
  | 'notConfigured'
  | 'permissionMissing'
  | 'catalogAppMissing'
  | 'installRefused'
  | 'externalOneOnOne'
  | 'notDelivered'
  | 'notRecorded';

export type KickoffOutcome =
  | { readonly kind: 'posted' }
  | { readonly kind: 'notPosted'; readonly problem: KickoffProblem; readonly permission?: string };

/** What the chats side calls once a chat exists and is recorded (the kickoff's own record decides whether it may). */
export interface ChatKickoff {
  /**
   * Why the card cannot be posted, when that is known without asking Graph or Teams (a one-on-one
   * with another organization), logged; undefined when only trying will tell. Lets the person's
   * result card say so at once instead of later.
   */
  refuseAtOnce(request: KickoffRequest): KickoffOutcome | undefined;
  post(request: KickoffRequest, options?: CallOptions): Promise<KickoffOutcome>;
}
