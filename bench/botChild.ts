import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { HeapReading, ProbeAnswer, ProbeRequest } from './memoryProbe';

export interface BotChild {
  readonly pid: number;
  readonly url: string;
  /** POSTs an activity to /api/messages; resolves with the HTTP status. */
  post(activity: Record<string, unknown>): Promise<number>;
  /** Resident set size of the bot process, from /proc/<pid>/status (Linux). */
  rssKiB(): Promise<number>;
  /** Peak resident set size so far (VmHWM). */
  peakRssKiB(): Promise<number>;
  /** CPU time the process has used so far (user + system, from /proc/<pid>/stat), in ms. */
  cpuMs(): Promise<number>;
  /** Only with `probe: true`: a full GC in the bot, then its heap figures. */
  heapAfterGc(): Promise<HeapReading>;
  /** Only with `probe: true`: a full GC, then a heap snapshot written to `file`. */
  writeHeapSnapshot(file: string): Promise<string>;
  stop(): Promise<void>;
}

export interface BotChildOptions {
  readonly repoRoot: string;
  /** The bot's whole environment (PATH included): this module reads no environment of its own. */
  readonly env: Readonly<Record<string, string>>;
  readonly startTimeoutMs?: number;
  /** The script to run, relative to the repository; default the bot itself, `dist/index.js`. */
  readonly script?: string;
  /** Options for node itself, before the script (e.g. `--cpu-prof`, which NODE_OPTIONS refuses). */
  readonly nodeArgs?: readonly string[];
  /**
   * Preload the memory probe (`bench/memoryProbe.ts`, with `--expose-gc` and an IPC channel) so
   * the live heap can be read; the bot's own code is unchanged.
   */
  readonly probe?: boolean;
}

/** How long a full GC or a heap snapshot may take in the bot. */
const PROBE_TIMEOUT_MS = 120_000;

/** Lines of output kept for an error message; the rest is read and dropped so the pipe never fills. */
const KEPT_LINES = 40;

/**
 * Runs the compiled bot (`dist/index.js`, as `npm start` does) on an ephemeral port and waits
 * for `/healthz`. Unlike the test helper it exposes the pid, so memory can be read.
 */
export async function startBotChild(options: BotChildOptions): Promise<BotChild> {
  const probeArgs = options.probe ? ['--expose-gc', '-r', path.join(__dirname, 'memoryProbe.js')] : [];
  const child: ChildProcess = spawn(process.execPath, [...(options.nodeArgs ?? []), ...probeArgs, path.join(options.repoRoot, options.script ?? path.join('dist', 'index.js'))], {
    cwd: options.repoRoot,
    env: { PORT: '0', LOG_LEVEL: 'info', ...options.env },
    stdio: options.probe ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
  });
  const recent: string[] = [];
  let port: number | undefined;
  const onData = (chunk: Buffer): void => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (line === '') continue;
      recent.push(line);
      if (recent.length > KEPT_LINES) recent.shift();
      const match = /"port":(\d+)/.exec(line);
      if (match && line.includes('listening')) port = Number(match[1]);
    }
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const deadline = Date.now() + (options.startTimeoutMs ?? 20_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`bot exited with ${child.exitCode}:\n${recent.join('\n')}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      await exited;
      throw new Error(`bot did not become healthy:\n${recent.join('\n')}`);
    }
    if (port !== undefined) {
      const status = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (res) => res.status,
        () => 0,
      );
      if (status === 200) break;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  const pid = child.pid;
  if (pid === undefined) throw new Error('the bot process has no pid');
  const url = `http://127.0.0.1:${port}`;
  const statusField = async (field: string): Promise<number> => {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(status);
    if (!match) throw new Error(`/proc/${pid}/status has no ${field}`);
    return Number(match[1]);
  };
  const ticksPerSecond = clockTicksPerSecond();
  let nextProbeId = 0;
  const ask = (request: ProbeRequest): Promise<ProbeAnswer> => {
    if (!options.probe || !child.send) return Promise.reject(new Error('the bot was started without the memory probe'));
    return new Promise<ProbeAnswer>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.off('message', onMessage);
        reject(new Error(`the memory probe did not answer within ${PROBE_TIMEOUT_MS} ms`));
      }, PROBE_TIMEOUT_MS);
      const onMessage = (message: ProbeAnswer): void => {
        if (message.id !== request.id) return;
        clearTimeout(timer);
        child.off('message', onMessage);
        if (message.kind === 'error') reject(new Error(`memory probe: ${message.message}`));
        else resolve(message);
      };
      child.on('message', onMessage);
      child.send?.(request);
    });
  };
  return {
    pid,
    url,
    async post(activity) {
      const res = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
      await res.arrayBuffer();
      return res.status;
    },
    rssKiB: () => statusField('VmRSS'),
    peakRssKiB: () => statusField('VmHWM'),
    async cpuMs() {
      // Fields 14 and 15 (utime, stime) in clock ticks; counted after the command name, which may hold spaces.
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
    },
    async heapAfterGc() {
      const reply = await ask({ kind: 'heap', id: nextProbeId++ });
      if (reply.kind !== 'heap') throw new Error(`memory probe answered ${reply.kind} to a heap request`);
      return reply.reading;
    },
    async writeHeapSnapshot(file) {
      const reply = await ask({ kind: 'snapshot', id: nextProbeId++, file });
      if (reply.kind !== 'snapshot') throw new Error(`memory probe answered ${reply.kind} to a snapshot request`);
      return reply.file;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}

/** The kernel's clock ticks per second, in which /proc/<pid>/stat counts CPU time (100 almost everywhere). */
function clockTicksPerSecond(): number {
  try {
    const ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    return Number.isInteger(ticks) && ticks > 0 ? ticks : 100;
  } catch {
    return 100;
  }
}
