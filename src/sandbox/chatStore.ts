import { randomUUID } from 'node:crypto';
import type { SandboxChat, SandboxInstalledApp } from './types';

/** Chats created so far. One-on-one chats are indexed by their two participants: Graph keeps only one. */
export class ChatStore {
  private readonly byId = new Map<string, SandboxChat>();
  private readonly oneOnOneByPair = new Map<string, SandboxChat>();

  static pairKey(a: { tenantId: string; userId: string }, b: { tenantId: string; userId: string }): string {
    return [a, b].map((m) => `${m.tenantId.toLowerCase()}:${m.userId.toLowerCase()}`).sort().join('|');
  }

  findOneOnOne(pairKey: string): SandboxChat | undefined {
    return this.oneOnOneByPair.get(pairKey);
  }

  add(chat: SandboxChat, pairKey?: string): void {
    this.byId.set(chat.id, chat);
    if (pairKey !== undefined) this.oneOnOneByPair.set(pairKey, chat);
  }

  get(id: string): SandboxChat | undefined {
    return this.byId.get(id);
  }

  /** Records an installation; the caller has checked that the chat exists and lacks the app. */
  install(chatId: string, teamsAppId: string): SandboxInstalledApp {
    const chat = this.byId.get(chatId);
    if (!chat) throw new Error(`no chat ${chatId}`);
    const installation = { id: Buffer.from(`${chatId}##${teamsAppId}##${randomUUID()}`).toString('base64'), teamsAppId };
    chat.installedApps.push(installation);
    return { ...installation };
  }

  /** Deep copies, so a test cannot change the sandbox's state by accident. */
  list(): SandboxChat[] {
    return [...this.byId.values()].map((chat) => structuredClone(chat));
  }
}
