import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { readBody, send } from '../test/support/connectorStub';

/** What the bot sent, as far as the benchmarks look at it. */
export interface CaughtActivity {
  readonly type?: string;
  readonly text?: string;
  readonly attachments?: readonly { readonly contentType?: string; readonly content?: unknown }[];
}

export interface CaughtReply {
  readonly arrivedAt: number;
  readonly activity: CaughtActivity;
}

/** What one chat the bot created saw of its posts, while the roster delay is played. */
export interface RosterVisit {
  /** `performance.now()` when the app was installed into the chat (undefined: not yet). */
  installedAt: number | undefined;
  /** `performance.now()` of the bot's first post into the chat. */
  firstTryAt: number | undefined;
  /** Posts refused as not in the roster. */
  refusals: number;
  /** `performance.now()` of each post taken (the kickoff card: one expected). */
  readonly cards: number[];
}

/**
 * A Bot Connector stand-in for timing: notes when the first real reply (not a typing
 * indicator) of a conversation arrives. Keeps nothing but pending waits, so a thousand turns
 * cost it no memory. Loopback only.
 */
export class ReplyCatcher {
  private server: Server | undefined;
  /** Per conversation: takes a reply, says whether it was the one waited for. */
  private readonly waiting = new Map<string, (arrivedAt: number, activity: CaughtActivity) => boolean>();
  private counter = 0;
  /** Playing Teams' roster delay for chats the bot created: see `admitToNewChatsAfter`. */
  private roster: { readonly lagMs: number; readonly chats: Map<string, RosterVisit> } | undefined;

  get serviceUrl(): string {
    const address = this.server?.address() as AddressInfo | undefined;
    if (!address) throw new Error('reply catcher not started');
    return `http://127.0.0.1:${address.port}/`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        res.writeHead(500).end(String(error));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Resolves with `performance.now()` at the arrival of the conversation's next reply. */
  async nextReply(conversationId: string, timeoutMs: number): Promise<number> {
    return (await this.reply(conversationId, timeoutMs)).arrivedAt;
  }

  /**
   * The conversation's next reply that `isFinal` accepts (default: any that is not a typing
   * indicator), with its arrival time; earlier replies (e.g. "queued") are passed over.
   */
  reply(conversationId: string, timeoutMs: number, isFinal: (activity: CaughtActivity) => boolean = () => true): Promise<CaughtReply> {
    return new Promise<CaughtReply>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(conversationId);
        reject(new Error(`no reply in conversation ${conversationId} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting.set(conversationId, (arrivedAt, activity) => {
        if (!isFinal(activity)) return false;
        clearTimeout(timer);
        resolve({ arrivedAt, activity });
        return true;
      });
    });
  }

  /**
   * From now on, plays Teams' roster delay: a post into a chat the bot created (a Graph chat id,
   * `19:…`) is refused with `403 BotNotInConversationRoster` until `lagMs` after the app was
   * installed there (`installed`), then taken. Returns what each such chat saw.
   */
  admitToNewChatsAfter(lagMs: number): ReadonlyMap<string, RosterVisit> {
    this.roster = { lagMs, chats: new Map() };
    return this.roster.chats;
  }

  /** The app is now installed in this chat: the bot joins its roster `lagMs` later. */
  installed(chatId: string): void {
    if (!this.roster) return;
    const visit = this.visit(chatId, this.roster.chats);
    visit.installedAt ??= performance.now();
  }

  private visit(chatId: string, chats: Map<string, RosterVisit>): RosterVisit {
    const visit = chats.get(chatId) ?? { installedAt: undefined, firstTryAt: undefined, refusals: 0, cards: [] };
    chats.set(chatId, visit);
    return visit;
  }

  /** Back to taking every post at once. */
  admitAtOnce(): void {
    this.roster = undefined;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const arrivedAt = performance.now();
    const parts = new URL(req.url ?? '/', 'http://localhost').pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const body = await readBody(req);
    // POST /v3/conversations/{id}/activities[/{replyToId}]
    if (req.method === 'POST' && parts[0] === 'v3' && parts[1] === 'conversations' && parts[3] === 'activities') {
      const activity = (body ? JSON.parse(body) : {}) as CaughtActivity;
      const conversationId = parts[2]!;
      if (this.roster && conversationId.startsWith('19:')) {
        const visit = this.visit(conversationId, this.roster.chats);
        visit.firstTryAt ??= arrivedAt;
        if (visit.installedAt === undefined || arrivedAt - visit.installedAt < this.roster.lagMs) {
          visit.refusals += 1;
          return send(res, 403, { error: { code: 'BotNotInConversationRoster', message: 'The bot is not part of the conversation roster.' } });
        }
        visit.cards.push(arrivedAt);
      }
      if (activity.type !== 'typing') {
        const wake = this.waiting.get(parts[2]!);
        if (wake?.(arrivedAt, activity)) this.waiting.delete(parts[2]!);
      }
      this.counter += 1;
      return send(res, 200, { id: `bench-activity-${this.counter}` });
    }
    send(res, 404, { error: { code: 'NotFound', message: `${req.method ?? ''} ${req.url ?? ''}` } });
  }
}
