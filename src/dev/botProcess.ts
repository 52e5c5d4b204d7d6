import { setTimeout as delay } from 'node:timers/promises';
import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { waitForHttp } from './waitForHttp';

export interface StartBotOptions {
  /** The bot's whole environment (nothing is inherited but PATH). */
  readonly env: Readonly<Record<string, string>>;
  /** Called with each line the bot prints (pino JSON). */
  readonly onLine?: (line: string) => void;
  readonly timeoutMs?: number;
}

export interface RunningBot {
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  /** Resolves with the exit code (null when a signal ended it) once the process has exited. */
  readonly exited: Promise<number | null>;
  stop(): Promise<void>;
}

const REPO = path.resolve(__dirname, '..', '..');

/**
 * Runs the compiled bot (`dist/index.js`, exactly what `npm start` runs) and waits until
 * `/healthz` answers 200. With `PORT=0` the port is read from the bot's "listening" log line,
 * which needs LOG_LEVEL info or lower.
 */
export async function startBotProcess(options: StartBotOptions): Promise<RunningBot> {
  const child: ChildProcess = spawn(process.execPath, [path.join(REPO, 'dist', 'index.js')], {
    cwd: REPO,
    env: { PATH: process.env.PATH ?? '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const recent: string[] = [];
  let port: number | undefined;
  let portFound: (() => void) | undefined;
  const portKnown = new Promise<void>((resolve) => (portFound = resolve));
  const onData = (chunk: Buffer): void => {
    for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
      recent.push(line);
      if (recent.length > 40) recent.shift();
      options.onLine?.(line);
      const match = /"port":(\d+)/.exec(line);
      if (match && line.includes('listening')) {
        port = Number(match[1]);
        portFound?.();
      }
    }
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const abort = new AbortController();
  void exited.then(() => abort.abort());

  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
  };
  try {
    const timeoutMs = options.timeoutMs ?? 20_000;
    await Promise.race([
      portKnown,
      exited.then((code) => Promise.reject(new Error(`the bot exited with code ${String(code)}`))),
      delay(timeoutMs, undefined, { ref: false }).then(() => Promise.reject(new Error('the bot did not start listening in time'))),
    ]);
    await waitForHttp(`http://127.0.0.1:${port}/healthz`, { timeoutMs, abortSignal: abort.signal });
  } catch (error) {
    await stop();
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${recent.join('\n')}`);
  }
  return { url: `http://127.0.0.1:${port}`, port: port!, pid: child.pid!, exited, stop };
}
