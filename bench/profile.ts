import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSandbox } from '../src/sandbox';
import { sandboxEnv } from '../test/support/botOnSandbox';
import { startBotChild } from './botChild';
import { readSeededDirectory, requesterIds } from './peopleSample';
import { ReplyCatcher } from './replyCatcher';
import { runTurns } from './turnBench';

/**
 * `node dist-bench/bench/profile.js [turns] [in flight] [script]`: runs the compiled bot (or
 * `script`, e.g. `dist-bench/bench/echoBots/graphEchoBot.js`, to see what a baseline spends) under
 * `--cpu-prof`, sends it warm-up turns and then `turns` chat turns (default 16 in flight, no Graph
 * latency, pacing out of the way) and prints where its CPU time went during those turns only, by
 * package and by function (self time), with the process's CPU time per turn. Start-up and warm-up
 * (module loading, the first card's templating engine, JIT) are left out: they are not per turn.
 * The profile stays on disk for DevTools.
 */
const REPO = path.resolve(__dirname, '..', '..');
const REQUESTER_ID = '00000000-0000-0000-0000-0000000000020';
const WARMUP_TURNS = 200;

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly hitCount?: number;
}

interface Profile {
  readonly nodes: ProfileNode[];
  readonly samples: number[];
  readonly timeDeltas: number[];
  readonly startTime: number;
}

async function main(): Promise<void> {
  const turns = Number(process.argv[2] ?? '600');
  const concurrency = Number(process.argv[3] ?? '16');
  const script = process.argv[4];
  const directoryFile = path.join(REPO, 'env', 'sandbox-directory.json');
  const directory = readSeededDirectory(directoryFile);
  const sandbox = await startSandbox({ port: 0, directoryFile, stateDir: path.join(REPO, '.sandbox') });
  const catcher = new ReplyCatcher();
  await catcher.start();
  const profileDir = mkdtempSync(path.join(os.tmpdir(), 'chat-starter-profile-'));
  let measuredFrom = 0;
  let measuredTo = 0;
  let cpuMsPerTurn = 0;
  try {
    const bot = await startBotChild({
      repoRoot: REPO,
      env: {
        PATH: process.env.PATH ?? '',
        ...sandboxEnv(sandbox),
        GRAPH_CHAT_CREATE_RATE: '1000000',
        GRAPH_LOOKUP_RATE: '1000000',
        KICKOFF: 'off',
      },
      nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`],
      ...(script ? { script } : {}),
    });
    const target = { bot, catcher, sandbox, directory, requesterId: REQUESTER_ID };
    // Asked by the directory's members in turn, as in the throughput comparison (`throughputOptions`).
    const requesters = requesterIds(directory);
    await runTurns(target, { turns: WARMUP_TURNS, concurrency, firstTurn: 900_000, replyTimeoutMs: 120_000, requesterIds: requesters });
    // The profile's timestamps are the monotonic clock in microseconds, the same clock as hrtime here (Linux).
    measuredFrom = Number(process.hrtime.bigint() / 1000n);
    const cpuBefore = await bot.cpuMs();
    await runTurns(target, { turns, concurrency, firstTurn: 900_000 + WARMUP_TURNS, replyTimeoutMs: 120_000, requesterIds: requesters });
    measuredTo = Number(process.hrtime.bigint() / 1000n);
    cpuMsPerTurn = ((await bot.cpuMs()) - cpuBefore) / turns;
    await bot.stop();
  } finally {
    await catcher.stop();
    await sandbox.close();
  }
  const file = readdirSync(profileDir).find((name) => name.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no profile written in ${profileDir}`);
  const profile = JSON.parse(readFileSync(path.join(profileDir, file), 'utf8')) as Profile;
  const hits = new Map<number, number>();
  const kept: number[] = [];
  let at = profile.startTime;
  profile.samples.forEach((sample, index) => {
    at += profile.timeDeltas[index] ?? 0;
    if (at < measuredFrom || at > measuredTo) return;
    hits.set(sample, (hits.get(sample) ?? 0) + 1);
    kept.push(sample);
  });
  const total = kept.length;
  // The measured turns alone, for other tools (time deltas no longer meaningful, so left out).
  const measuredFile = path.join(profileDir, 'measured-turns.json');
  writeFileSync(measuredFile, JSON.stringify({ nodes: profile.nodes, samples: kept }));
  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const node of profile.nodes) {
    const count = hits.get(node.id) ?? 0;
    if (count === 0) continue;
    const where = packageOf(node.callFrame.url);
    byPackage.set(where, (byPackage.get(where) ?? 0) + count);
    const name = `${node.callFrame.functionName || '(anonymous)'} ${shortUrl(node.callFrame.url)}:${node.callFrame.lineNumber + 1}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + count);
  }
  const top = (map: Map<string, number>, n: number): string[] =>
    [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, n).map(([name, count]) => `${((100 * count) / total).toFixed(1).padStart(5)}%  ${name}`);
  process.stdout.write([
    `${script ?? 'dist/index.js'}: ${turns} turns after ${WARMUP_TURNS} of warm-up, ${total} samples in those turns, ${cpuMsPerTurn.toFixed(2)} ms of CPU per turn; profile: ${path.join(profileDir, file)} (measured turns only: ${measuredFile})`, '', 'By package (self time):', ...top(byPackage, 25), '', 'By function (self time):', ...top(byFunction, 40), ''].join('\n'));
}

function packageOf(url: string): string {
  if (url === '') return '(native / GC / idle)';
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + 'node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (url.startsWith('node:')) return 'node core';
  const dist = url.indexOf('/dist/');
  return dist >= 0 ? `bot: ${url.slice(dist + 6).split('/')[0]}` : url;
}

function shortUrl(url: string): string {
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) return url.slice(modules + 'node_modules/'.length);
  const dist = url.indexOf('/dist/');
  return dist >= 0 ? url.slice(dist + 1) : url;
}

main().catch((error: unknown) => {
  process.stderr.write(`profile failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
