import { spawn } from 'node:child_process';
import path from 'node:path';
import { startBotProcess as startCompiledBot } from '../../src/dev/botProcess';

export interface BotProcess {
  readonly url: string;
  readonly pid: number;
  /** Everything the bot printed (pino JSON lines). */
  readonly logs: string[];
  /** POSTs an activity to /api/messages and returns the HTTP status and body. */
  post(activity: Record<string, unknown>, headers?: Record<string, string>): Promise<{ status: number; body: unknown }>;
  stop(): Promise<void>;
}

const REPO = path.resolve(__dirname, '..', '..');

/** The compiled bot on an ephemeral port with the given environment, healthy before it returns. */
export async function startBotProcess(env: Record<string, string>, timeoutMs = 20_000): Promise<BotProcess> {
  const logs: string[] = [];
  const bot = await startCompiledBot({
    env: { NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS ?? '', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    onLine: (line) => logs.push(line),
    timeoutMs,
  });
  return {
    url: bot.url,
    pid: bot.pid,
    logs,
    async post(activity, headers = {}) {
      const res = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(activity) });
      const text = await res.text();
      return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
    },
    stop: () => bot.stop(),
  };
}

/** Runs the compiled bot expecting it to refuse to start; returns its exit code and output. */
export function runBotExpectingExit(env: Record<string, string>, cwd = REPO): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(REPO, 'dist', 'index.js')], {
      cwd,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}
