import path from 'node:path';
import { startSandbox } from '../src/sandbox';

/**
 * The sandbox tenant in a process of its own, for the burst: with 300 requests at once, a Graph
 * stand-in that shares an event loop with the load generator and the reply catcher measures
 * them as much as the bot. Driven over the IPC channel by `remoteSandbox.ts`.
 */
export type SandboxCommand =
  | { readonly kind: 'throttle'; readonly method: string; readonly path: string; readonly perSecond: number }
  | { readonly kind: 'unthrottle' }
  | { readonly kind: 'report' }
  | { readonly kind: 'close' };

export interface SandboxIdentity {
  readonly origin: string;
  readonly caCertPath: string;
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The Chat Starter app's manifest id in the sandbox's app catalog (for the kickoff). */
  readonly teamsAppId: string | undefined;
}

export interface SandboxReport {
  readonly chats: readonly { readonly id: string; readonly topic: string | null }[];
  /** Statuses of the top-level `POST /chats` requests, in order. */
  readonly chatPostStatuses: readonly number[];
  /** Statuses of the `POST /chats/{id}/installedApps` requests (the kickoff's installs), in order. */
  readonly installStatuses: readonly number[];
}

export type SandboxMessage =
  | ({ readonly kind: 'ready' } & SandboxIdentity)
  | { readonly kind: 'done' }
  /** Told as it happens (not an answer to a command): the app was installed into a chat. */
  | { readonly kind: 'installed'; readonly chatId: string }
  | ({ readonly kind: 'report' } & SandboxReport);

const REPO = path.resolve(__dirname, '..', '..');

async function main(): Promise<void> {
  const send = (message: SandboxMessage): void => {
    process.send?.(message);
  };
  const sandbox = await startSandbox({ port: 0, directoryFile: path.join(REPO, 'env', 'sandbox-directory.json'), stateDir: path.join(REPO, '.sandbox') });
  sandbox.onAppInstalled((event) => send({ kind: 'installed', chatId: event.chatId }));
  process.on('message', (raw: SandboxCommand) => {
    switch (raw.kind) {
      case 'throttle':
        sandbox.rateLimits.set({ method: raw.method, path: raw.path, perSecond: raw.perSecond });
        sandbox.requests.clear();
        return send({ kind: 'done' });
      case 'unthrottle':
        sandbox.rateLimits.clear();
        return send({ kind: 'done' });
      case 'report': {
        const posts = sandbox.requests.all().filter((entry) => !entry.inBatch && entry.method === 'POST' && entry.path === '/v1.0/chats');
        const installs = sandbox.requests.all().filter((entry) => !entry.inBatch && entry.method === 'POST' && /^\/v1\.0\/chats\/[^/]+\/installedApps$/.test(entry.path));
        return send({
          kind: 'report',
          chats: sandbox.chats.list().map((chat) => ({ id: chat.id, topic: chat.topic })),
          chatPostStatuses: posts.map((entry) => entry.status),
          installStatuses: installs.map((entry) => entry.status),
        });
      }
      case 'close':
        void sandbox.close().finally(() => process.exit(0));
        return;
    }
  });
  send({
    kind: 'ready',
    origin: sandbox.origin,
    caCertPath: sandbox.caCertPath,
    tenantId: sandbox.tenantId,
    clientId: sandbox.clientId,
    clientSecret: sandbox.clientSecret,
    teamsAppId: sandbox.teamsApps.list()[0]?.externalId,
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`sandbox process failed: ${String(error)}\n`);
  process.exit(1);
});
