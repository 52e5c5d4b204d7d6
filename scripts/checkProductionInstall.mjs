#!/usr/bin/env node
// The shape of a production image: the bot's build (dist/) and its runtime dependencies only.
// In a temporary copy (so this checkout's node_modules is untouched) it runs `npm prune
// --omit=dev`, checks that the tool-only libraries and the tools' code are gone and that a card
// can be filled, then runs `npm start` there against a sandbox tenant and waits until the bot
// answers /healthz with 200 (it listens and has a Graph token). Telemetry's libraries are in the
// install, and the bot started without telemetry's variables never loads one of them (a preload
// lists, at exit, the packages the process loaded). Run after `npm run build` and `npm run build:tools`.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const repo = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const TOOL_LIBRARIES = ['playwright-core', 'node-forge', 'adaptivecards', 'jose', 'azurite', '@microsoft/m365agentsplayground', 'typescript', 'jest'];
const TOOL_FOLDERS = ['sandbox', 'dev', 'appPackage', 'tools'];
const DEADLINE_MS = 60_000;
/** Runtime libraries that only telemetry loads: present in the install, loaded only when it is on. */
const TELEMETRY_LIBRARIES = ['@opentelemetry/api', '@opentelemetry/sdk-trace-node', '@azure/monitor-opentelemetry-exporter'];
const isTelemetryLibrary = (name) => name.startsWith('@opentelemetry/') || name.startsWith('@azure/monitor-');

const work = mkdtempSync(join(tmpdir(), 'chat-starter-production-'));
const children = [];

function fail(message) {
  throw new Error(message);
}

function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
  if (result.status !== 0) fail(`${command} ${args.join(' ')} failed:\n${result.stdout}${result.stderr}`);
}

/** Starts a process in its own group (so npm's child goes too) and collects its output. */
function start(command, args, options) {
  const child = spawn(command, args, { ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  children.push(child);
  return { child, output: () => output };
}

async function waitFor(what, probe) {
  const deadline = Date.now() + DEADLINE_MS;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) fail(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 200));
  }
}

async function main() {
  if (!existsSync(join(repo, 'dist', 'index.js'))) fail('dist/index.js is missing: run `npm run build` first');
  for (const entry of ['package.json', 'package-lock.json', 'cards', 'dist']) cpSync(join(repo, entry), join(work, entry), { recursive: true });
  // Hard links are quick and take no space; prune only unlinks names in the copy. The one file
  // npm rewrites in node_modules is copied outright, so the checkout's own stays as it is.
  run('cp', ['-al', join(repo, 'node_modules'), join(work, 'node_modules')]);
  rmSync(join(work, 'node_modules', '.package-lock.json'), { force: true });
  if (existsSync(join(repo, 'node_modules', '.package-lock.json'))) copyFileSync(join(repo, 'node_modules', '.package-lock.json'), join(work, 'node_modules', '.package-lock.json'));
  run('npm', ['prune', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], work);

  const leftLibraries = TOOL_LIBRARIES.filter((name) => existsSync(join(work, 'node_modules', name)));
  if (leftLibraries.length > 0) fail(`the production install still holds tool-only libraries: ${leftLibraries.join(', ')}`);
  const leftFolders = TOOL_FOLDERS.filter((name) => existsSync(join(work, 'dist', name)));
  if (leftFolders.length > 0) fail(`dist/ still holds the tools: ${leftFolders.join(', ')}`);
  const missingTelemetry = TELEMETRY_LIBRARIES.filter((name) => !existsSync(join(work, 'node_modules', name)));
  if (missingTelemetry.length > 0) fail(`the production install lacks telemetry's libraries: ${missingTelemetry.join(', ')}`);

  // Written into the copy, so the bot's own files stay as they are: at exit, the packages loaded.
  const loadedList = join(work, 'loaded-packages.json');
  const preload = join(work, 'listLoadedPackages.cjs');
  writeFileSync(preload, `const path = require('node:path');
const root = ${JSON.stringify(join(work, 'node_modules'))} + path.sep;
process.on('exit', () => {
  const names = new Set();
  for (const file of Object.keys(require.cache)) {
    if (!file.startsWith(root)) continue;
    const parts = file.slice(root.length).split(path.sep);
    names.add(parts[0].startsWith('@') ? parts[0] + '/' + parts[1] : parts[0]);
  }
  require('node:fs').writeFileSync(${JSON.stringify(loadedList)}, JSON.stringify([...names].sort()));
});
`);

  // The cards are filled at run time by adaptivecards-templating (and Adaptive Expressions under
  // it): a card rendered from the pruned copy proves they are runtime dependencies.
  const cardScript = "const card = require('./dist/cards').createCardRenderer().renderHelpCard({ commands: [{ title: 'Start a chat', description: 'd', examples: ['e'] }] }); process.stdout.write(JSON.stringify(card).includes('Start a chat') ? 'rendered' : 'empty');";
  const card = spawnSync(process.execPath, ['-e', cardScript], { cwd: work, encoding: 'utf8' });
  if (card.stdout !== 'rendered') fail(`the production install could not fill a card:\n${card.stdout}${card.stderr}`);

  const sandbox = start(process.execPath, [join(repo, 'dist-tools', 'sandbox', 'cli.js')], { cwd: repo, env: { ...process.env, SANDBOX_PORT: '0' } });
  const sandboxEnv = await waitFor('the sandbox tenant', () => {
    const lines = sandbox.output().split('\n');
    if (!lines.some((line) => line.startsWith('AZURE_CLIENT_SECRET='))) return undefined;
    return Object.fromEntries(lines.filter((line) => /^[A-Z_]+=/.test(line)).map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
  });

  // Only what an operator would set: the sandbox's tenant in anonymous local mode, any free port.
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? work, PORT: '0', BOT_ID: '', LOG_LEVEL: 'info', ...sandboxEnv, NODE_OPTIONS: `-r ${preload}` };
  const bot = start('npm', ['start', '--silent'], { cwd: work, env });
  const port = await waitFor('the bot to listen', () => {
    if (bot.child.exitCode !== null) fail(`npm start exited with ${bot.child.exitCode}:\n${bot.output()}`);
    return /"port":(\d+)/.exec(bot.output())?.[1];
  });
  await waitFor('/healthz to answer 200', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
    return response?.status === 200 ? true : undefined;
  });
  // Stop it as a host does (SIGTERM to the group): the bot drains and exits, and the preload writes its list.
  process.kill(-bot.child.pid, 'SIGTERM');
  await waitFor('the bot to exit', () => (existsSync(loadedList) ? true : undefined));
  const loaded = JSON.parse(readFileSync(loadedList, 'utf8'));
  if (!loaded.includes('botbuilder')) fail(`the loaded-package list looks wrong (no botbuilder): ${loaded.join(', ')}`);
  const telemetryLoaded = loaded.filter(isTelemetryLibrary);
  if (telemetryLoaded.length > 0) fail(`with telemetry off the bot loaded ${telemetryLoaded.join(', ')}`);
  console.log(`npm start runs the bot from a production install (${TOOL_LIBRARIES.length} tool-only libraries absent; a card filled; /healthz 200 on port ${port}; telemetry off: none of its libraries loaded).`);
}

main()
  .catch((error) => {
    console.error(`Production install check failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  })
  .finally(() => {
    for (const child of children) {
      try {
        if (child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
    }
    rmSync(work, { recursive: true, force: true });
  });
