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

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const arrivedAt = performance.now();
    const parts = new URL(req.url ?? '/', 'http://localhost').pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const body = await readBody(req);
    // POST /v3/conversations/{id}/activities[/{replyToId}]
    if (req.method === 'POST' && parts[0] === 'v3' && parts[1] === 'conversations' && parts[3] === 'activities') {
      const activity = (body ? JSON.parse(body) : {}) as CaughtActivity;
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
