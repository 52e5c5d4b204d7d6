import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

/** What the bot sent to the Bot Connector: a new activity (reply or message) or an update. */
export interface ConnectorCall {
  readonly method: 'POST' | 'PUT';
  readonly conversationId: string;
  /** The reply-to id (POST) or the updated activity's id (PUT). */
  readonly activityId: string | undefined;
  /** The id the stub gave the message (POST), which a later update (PUT) names; the updated id for a PUT. */
  readonly id: string;
  readonly activity: Record<string, unknown>;
  /** The request's `Authorization` header as sent (the Bot Connector requires a bot token). */
  readonly authorization?: string;
}

export interface MemberRecord {
  readonly id: string;
  readonly name: string;
  readonly aadObjectId?: string;
  readonly userPrincipalName?: string;
  readonly tenantId?: string;
}

/** A send the stub refused (roster or injected failure), for assertions on retries. */
export interface RefusedCall {
  readonly conversationId: string;
  readonly status: number;
  readonly code: string;
}

/** Answers the next `count` sends (in any conversation) with `status`, as the Bot Connector would. */
export interface ConnectorFailure {
  readonly status: number;
  readonly count: number;
  readonly retryAfterSeconds?: number;
}

/**
 * A local stand-in for the Bot Connector service (the `serviceUrl` Teams puts on activities):
 * records what the bot sends and answers `TeamsInfo.getMember`. Loopback only.
 *
 * Like Teams, it can refuse to deliver into a conversation whose roster lacks the bot
 * (`403 BotNotInConversationRoster`): call `requireRoster` with a membership test, which can ask
 * the sandbox tenant whether the app is installed in that chat, or be told through `joinRoster`.
 */
export class ConnectorStub {
  readonly calls: ConnectorCall[] = [];
  readonly refused: RefusedCall[] = [];
  private isMember: ((conversationId: string) => boolean) | undefined;
  private readonly joined = new Set<string>();
  private failures: { status: number; remaining: number; retryAfterSeconds?: number }[] = [];
  private readonly members = new Map<string, MemberRecord>();
  private readonly rosters = new Map<string, { members: readonly MemberRecord[]; delayMs: number }>();
  /** "Create conversation" requests (e.g. to write to a person's personal chat with the bot). */
  readonly createdConversations: { readonly id: string; readonly parameters: Record<string, unknown> }[] = [];
  private server: Server | undefined;
  private waiters: (() => void)[] = [];
  private counter = 0;

  get serviceUrl(): string {
    const address = this.server?.address() as AddressInfo | undefined;
    if (!address) throw new Error('connector stub not started');
    return `http://127.0.0.1:${address.port}/`;
  }

  addMember(member: MemberRecord): void {
    this.members.set(member.id, member);
  }

  /**
   * The members `GET /v3/conversations/{id}/pagedmembers` lists for a conversation (none by default:
   * 404), answered after `delayMs` (a slow connector).
   */
  setConversationMembers(conversationId: string, members: readonly MemberRecord[], options: { delayMs?: number } = {}): void {
    this.rosters.set(conversationId, { members, delayMs: options.delayMs ?? 0 });
  }

  /** From now on, sends into a conversation are refused unless `isMember` says yes or `joinRoster` was called for it. */
  requireRoster(isMember: (conversationId: string) => boolean): void {
    this.isMember = isMember;
  }

  /** The bot is now in this conversation's roster (what an install does in Teams). */
  joinRoster(conversationId: string): void {
    this.joined.add(conversationId);
  }

  injectFailure(failure: ConnectorFailure): void {
    this.failures.push({ status: failure.status, remaining: failure.count, ...(failure.retryAfterSeconds !== undefined ? { retryAfterSeconds: failure.retryAfterSeconds } : {}) });
  }

  /** Messages the bot sent into one conversation (typing indicators left out). */
  sentTo(conversationId: string): ConnectorCall[] {
    return this.sent().filter((call) => call.conversationId === conversationId);
  }

  /** Messages the bot sent (typing indicators left out). */
  sent(): ConnectorCall[] {
    return this.calls.filter((call) => call.activity.type !== 'typing');
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      void this.handle(req, res);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  clear(): void {
    this.calls.length = 0;
  }

  /** Resolves once at least `count` non-typing calls were recorded. */
  async waitForSent(count: number, timeoutMs = 15_000): Promise<ConnectorCall[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.sent().length < count) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`expected ${count} bot messages, saw ${this.sent().length}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(remaining, 250));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.sent();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const body = await readBody(req);
    // /v3/conversations/{id}/members/{memberId}
    if (req.method === 'GET' && parts[0] === 'v3' && parts[1] === 'conversations' && parts[3] === 'members' && parts[4]) {
      const member = this.members.get(parts[4]);
      if (!member) return send(res, 404, { error: { code: 'MemberNotFoundInConversation', message: 'The member was not found in the conversation.' } });
      return send(res, 200, member);
    }
    // /v3/conversations/{id}/pagedmembers: one page holds everyone (the bot asks for pages of 100).
    if (req.method === 'GET' && parts[0] === 'v3' && parts[1] === 'conversations' && parts[3] === 'pagedmembers') {
      const roster = this.rosters.get(parts[2]!);
      if (!roster) return send(res, 404, { error: { code: 'ConversationNotFound', message: 'The bot is not part of the conversation roster.' } });
      if (roster.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, roster.delayMs));
      return send(res, 200, { members: roster.members });
    }
    // POST /v3/conversations: Teams answers the existing personal chat for one member and the bot.
    if (req.method === 'POST' && parts[0] === 'v3' && parts[1] === 'conversations' && parts.length === 2) {
      const parameters = body ? (JSON.parse(body) as Record<string, unknown>) : {};
      const member = (parameters.members as { id?: string }[] | undefined)?.[0]?.id;
      if (parameters.isGroup !== false || !member) return send(res, 400, { error: { code: 'BadArgument', message: 'Only personal conversations are stubbed.' } });
      const id = `a:personal-${member}`;
      this.createdConversations.push({ id, parameters });
      return send(res, 201, { id });
    }
    // /v3/conversations/{id}/activities[/{activityId}]
    if (parts[0] === 'v3' && parts[1] === 'conversations' && parts[3] === 'activities' && (req.method === 'POST' || req.method === 'PUT')) {
      const conversationId = parts[2]!;
      const refusal = this.refusalFor(conversationId);
      if (refusal) {
        this.refused.push({ conversationId, status: refusal.status, code: refusal.code });
        this.wakeWaiters();
        res.writeHead(refusal.status, { 'content-type': 'application/json', ...refusal.headers });
        res.end(JSON.stringify({ error: { code: refusal.code, message: refusal.message } }));
        return;
      }
      const activity = body ? (JSON.parse(body) as Record<string, unknown>) : {};
      const authorization = req.headers.authorization;
      this.counter += 1;
      const id = req.method === 'PUT' ? parts[4]! : `bot-activity-${this.counter}`;
      this.calls.push({ method: req.method, conversationId: parts[2]!, activityId: parts[4], id, activity, ...(authorization !== undefined ? { authorization } : {}) });
      this.wakeWaiters();
      return send(res, 200, { id });
    }
    send(res, 404, { error: { code: 'NotFound', message: `${req.method} ${url.pathname}` } });
  }

  private wakeWaiters(): void {
    const waiters = this.waiters;
    this.waiters = [];
    waiters.forEach((wake) => wake());
  }

  private refusalFor(conversationId: string): { status: number; code: string; message: string; headers: Record<string, string> } | undefined {
    const failure = this.failures.find((entry) => entry.remaining > 0);
    if (failure) {
      failure.remaining -= 1;
      const headers: Record<string, string> = failure.retryAfterSeconds !== undefined ? { 'retry-after': String(failure.retryAfterSeconds) } : {};
      return { status: failure.status, code: failure.status === 429 ? 'TooManyRequests' : 'ServiceError', message: `Injected ${failure.status}.`, headers };
    }
    if (this.isMember && !this.joined.has(conversationId) && !this.isMember(conversationId)) {
      return { status: 403, code: 'BotNotInConversationRoster', message: 'The bot is not part of the conversation roster.', headers: {} };
    }
    return undefined;
  }
}

/** The whole request body as text. */
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Answers with a JSON body. */
export function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
