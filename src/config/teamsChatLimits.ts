/**
 * Two limits of Teams chats that the bot is bounded by. They differ on purpose: a group chat may
 * grow to 250 people, but Graph's `POST /chats` adds at most 200 when it creates one.
 */

/** Teams: the most people a group chat can hold (members of an existing chat, a message's mentions). */
export const GROUP_CHAT_MAX_MEMBERS = 250;

/** Graph: the most members `POST /chats` adds when it creates a chat, the requester included. */
export const MEMBERS_AT_CREATION_MAX = 200;
