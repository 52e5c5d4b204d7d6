import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitForHttp } from './waitForHttp';

/** Channels the Playground CLI accepts for `-c`. */
export type PlaygroundChannelId = 'msteams' | 'directline' | 'webchat' | 'emulator' | 'agents';

/** Options for {@link startPlayground}. */
export interface PlaygroundOptions {
  /** The bot's messaging endpoint, e.g. `http://127.0.0.1:3978/api/messages`. */
  botEndpoint: string;
  /**
   * Port for the Playground's web UI and mock connector. Default 56150. `0` lets the OS pick one
   * (tests use this so they can run side by side). If a non-zero port is taken the Playground itself
   * falls back to a random one; the port actually used is reported in the result.
   */
  port?: number;
  /** Default `msteams` (activities carry Teams `channelData`). */
  channelId?: PlaygroundChannelId;
  /** A `.m365agentsplayground.yml` to use instead of the built-in mock tenant (Alex Wilber & co.). */
  configPath?: string;
  /** Fixed conversation id for the personal chat (the Playground otherwise makes one per run). */
  conversationId?: string;
  /**
   * Environment handed to the Playground process. It gets nothing else from ours: the caller decides
   * (a CLI entry point may pass `process.env`). `TEAMSAPPTESTER_BROWSER=none` is always added.
   */
  env?: Readonly<Record<string, string | undefined>>;
  /** Where the Playground writes its log. Default: a file in a temporary directory removed on stop. */
  logFile?: string;
  /** Path of the Playground's `cli.js`. Default: the installed `@microsoft/m365agentsplayground`. */
  cliPath?: string;
  /** How long to wait for the UI to answer. Default 30 s (it takes about 1.5 s here). */
  startTimeoutMs?: number;
  /** Each line the Playground prints (stdout and stderr), e.g. for a prefixed console echo. */
  onOutput?: (line: string) => void;
}

/** A running Playground. */
export interface RunningPlayground {
  /** The web UI, on 127.0.0.1, e.g. `http://127.0.0.1:56150/`. */
  url: string;
  port: number;
  /** The mock connector the bot replies to (`activity.serviceUrl`); the Playground says `localhost`. */
  serviceUrl: string;
  logFile: string;
  /** Stops the whole process group; resolves once it has exited. Safe to call twice. */
  stop(): Promise<void>;
}

/** Raised when the Playground exits or stays silent before it serves its UI. */
export class PlaygroundStartError extends Error {
  readonly code = 'PlaygroundStartFailed';

  constructor(
    message: string,
    readonly output: readonly string[],
  ) {
    super(`${message}${output.length > 0 ? `\n--- Playground output ---\n${output.join('\n')}` : ''}`);
    this.name = 'PlaygroundStartError';
  }
}

const defaultPort = 56150;
// A plain CommonJS file, found from src/dev (ts-jest) and dist-tools/dev (compiled) alike.
const LOOPBACK_PRELOAD = join(__dirname, '..', '..', 'src', 'dev', 'loopbackListen.cjs');
const stopGraceMs = 5000;
const keptOutputLines = 40;
// Printed on stdout when stdout is not a TTY (it is a pipe here), with the port actually bound.
const listeningLine = /^Listening on (\d+)$/;

/**
 * Starts Microsoft 365 Agents Playground against `botEndpoint` and resolves once its web UI answers.
 * The Playground needs no network beyond loopback when telemetry is off (`--disable-telemetry`,
 * always passed) and no client id/secret is given.
 */
export async function startPlayground(options: PlaygroundOptions): Promise<RunningPlayground> {
  const workDir = await mkdtemp(join(tmpdir(), 'playground-'));
  const logFile = options.logFile ?? join(workDir, 'playground.log');
  // The preload keeps its servers on 127.0.0.1 (the CLI has no option for it).
  const child = spawn(process.execPath, ['--require', LOOPBACK_PRELOAD, options.cliPath ?? defaultCliPath(), ...cliArgs(options)], {
    // Its own process group, so stop() can signal everything it may have started.
    detached: true,
    // It reads `.m365agentsplayground.yml` from its working directory: keep that empty and ours.
    cwd: workDir,
    env: playgroundEnv(options, logFile),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = once(async () => {
    await killGroup(child, exited);
    await rm(workDir, { recursive: true, force: true });
  });

  try {
    const port = await waitForListening(child, output, options);
    const url = `http://127.0.0.1:${port}/`;
    const gone = new AbortController();
    void exited.then(() => gone.abort(new PlaygroundStartError('the Playground exited while starting', output)));
    // The UI is mounted inside the listen callback, so "Listening on" alone does not mean it serves.
    await waitForHttp(url, { timeoutMs: options.startTimeoutMs ?? 30000, abortSignal: gone.signal });
    return { url, port, serviceUrl: `http://localhost:${port}/_connector`, logFile, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function defaultCliPath(): string {
  return require.resolve('@microsoft/m365agentsplayground/cli.js');
}

function cliArgs(options: PlaygroundOptions): string[] {
  const args = [
    '--app-endpoint',
    options.botEndpoint,
    '--channel-id',
    options.channelId ?? 'msteams',
    '--port',
    String(options.port ?? defaultPort),
    // Telemetry goes to Application Insights on the internet; nothing may leave this machine.
    '--disable-telemetry',
  ];
  if (options.conversationId !== undefined) args.push('--conversation-id', options.conversationId);
  return args;
}

function playgroundEnv(options: PlaygroundOptions, logFile: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(options.env ?? {})) {
    if (value !== undefined) env[name] = value;
  }
  // Without this it tries to open a browser and exits when there is none.
  env.TEAMSAPPTESTER_BROWSER = 'none';
  env.M365_AGENTS_PLAYGROUND_LOGFILE = logFile;
  if (options.configPath !== undefined) env.M365_AGENTS_PLAYGROUND_CONFIG_PATH = options.configPath;
  return env;
}

function waitForListening(child: ChildProcess, output: string[], options: PlaygroundOptions): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new PlaygroundStartError('the Playground did not report a port in time', output)),
      options.startTimeoutMs ?? 30000,
    );
    const onLine = (line: string): void => {
      output.push(line);
      if (output.length > keptOutputLines) output.shift();
      options.onOutput?.(line);
      const match = listeningLine.exec(line.trim());
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    forEachLine(child.stdout, onLine);
    forEachLine(child.stderr, onLine);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new PlaygroundStartError(`cannot run the Playground: ${error.message}`, output));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new PlaygroundStartError(`the Playground exited (code ${code}, signal ${signal}) before listening`, output));
    });
  });
}

function forEachLine(stream: NodeJS.ReadableStream | null, onLine: (line: string) => void): void {
  if (stream === null) return;
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) onLine(line);
  });
  stream.on('end', () => {
    if (pending !== '') onLine(pending);
  });
}

async function killGroup(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  signalGroup(child.pid, 'SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const graceOver = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), stopGraceMs);
  });
  const outcome = await Promise.race([exited, graceOver]);
  clearTimeout(timer);
  if (outcome === 'late') {
    signalGroup(child.pid, 'SIGKILL');
    await exited;
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch (error) {
    // ESRCH: the group is already gone, which is what we wanted.
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

function once(action: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => {
    running ??= action();
    return running;
  };
}
