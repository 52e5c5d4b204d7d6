import type { StateStore } from '../state/stateStore';

/** Whether a chat is one the bot created; what the welcome route asks before greeting a chat. */
export interface StartedChatsReader {
  has(chatId: string): Promise<boolean>;
}

/**
 * The chats this bot created and installed itself into, in the shared state store (so every
 * instance knows them). Installing the app makes Teams send a `conversationUpdate` with the bot
 * added, possibly twice; for these chats the kickoff card is the only greeting.
 */
export class StartedChats implements StartedChatsReader {
  constructor(private readonly store: StateStore, private readonly now: () => number = Date.now) {}

  /** Before the install, so the install's `conversationUpdate` already finds it. */
  async remember(chatId: string): Promise<void> {
    // false: already remembered (an earlier request for the same one-on-one chat), which is fine.
    await this.store.create(storeKey(chatId), { at: this.now() });
  }

  async has(chatId: string): Promise<boolean> {
    return (await this.store.get(storeKey(chatId))) !== undefined;
  }
}

function storeKey(chatId: string): string {
  return `startedChat/${chatId}`;
}
