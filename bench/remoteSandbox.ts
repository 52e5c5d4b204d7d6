import { ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import type { SandboxCommand, SandboxIdentity, SandboxMessage, SandboxReport } from './sandboxProcess';

/** The sandbox tenant running in its own process (`sandboxProcess.ts`), seen from the benchmark. */
export class RemoteSandbox {
  private constructor(
    private readonly child: ChildProcess,
    readonly identity: SandboxIdentity,
  ) {}

  static async start(): Promise<RemoteSandbox> {
    const child = fork(path.join(__dirname, 'sandboxProcess.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const ready = await new Promise<SandboxMessage>((resolve, reject) => {
      child.once('message', (message: SandboxMessage) => resolve(message));
      child.once('exit', (code) => reject(new Error(`the sandbox process exited with ${String(code)}`)));
    });
    if (ready.kind !== 'ready') throw new Error(`the sandbox process said ${ready.kind} before it was ready`);
    const { origin, caCertPath, tenantId, clientId, clientSecret, teamsAppId } = ready;
    return new RemoteSandbox(child, { origin, caCertPath, tenantId, clientId, clientSecret, teamsAppId });
  }

  /** The environment that points a bot at this tenant (as `sandboxBotEnv` does for one in process). */
  botEnv(): Record<string, string> {
    const { origin, caCertPath, tenantId, clientId, clientSecret, teamsAppId } = this.identity;
    return {
      // The catalog's Chat Starter app: the kickoff finds it by this id (as `sandboxBotEnv` does).
      ...(teamsAppId !== undefined ? { TEAMS_APP_ID: teamsAppId } : {}),
      NODE_EXTRA_CA_CERTS: caCertPath,
      BOT_ID: '',
      AZURE_TENANT_ID: tenantId,
      AZURE_CLIENT_ID: clientId,
      AZURE_CLIENT_SECRET: clientSecret,
      AZURE_AUTHORITY_HOST: origin,
      GRAPH_ENDPOINT: origin,
      // One requester stands for many people here: the per-person quota would stop them at ten.
      LIMIT_CHATS_PER_MINUTE: '10000',
      LIMIT_CHATS_PER_DAY: '1000000',
    };
  }

  /** Throttles matching requests (and starts a fresh request log). */
  async throttle(method: string, requestPath: string, perSecond: number): Promise<void> {
    await this.ask({ kind: 'throttle', method, path: requestPath, perSecond });
  }

  async unthrottle(): Promise<void> {
    await this.ask({ kind: 'unthrottle' });
  }

  async report(): Promise<SandboxReport> {
    const answer = await this.ask({ kind: 'report' });
    if (answer.kind !== 'report') throw new Error(`the sandbox process answered ${answer.kind} to a report`);
    return answer;
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.send({ kind: 'close' } satisfies SandboxCommand);
    await exited;
  }

  /** Calls `listener` with each chat the app is installed into, as the sandbox does it; returns a function that stops. */
  onInstalled(listener: (chatId: string) => void): () => void {
    const onMessage = (message: SandboxMessage): void => {
      if (message.kind === 'installed') listener(message.chatId);
    };
    this.child.on('message', onMessage);
    return () => this.child.off('message', onMessage);
  }

  /** Sends a command and resolves with its answer (install events in between are not answers). */
  private ask(command: SandboxCommand): Promise<SandboxMessage> {
    return new Promise<SandboxMessage>((resolve) => {
      const onMessage = (message: SandboxMessage): void => {
        if (message.kind === 'installed') return;
        this.child.off('message', onMessage);
        resolve(message);
      };
      this.child.on('message', onMessage);
      this.child.send(command);
    });
  }
}
