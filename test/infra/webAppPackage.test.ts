import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { waitForHttp } from '../../src/dev/waitForHttp';
import { sandboxBotEnv } from '../../src/dev/sandboxBotEnv';
import { SandboxTenant, startSandbox } from '../../src/sandbox';

const REPO = path.resolve(__dirname, '..', '..');

interface LockEntry {
  readonly dev?: boolean;
  readonly optional?: boolean;
  readonly devOptional?: boolean;
}

/**
 * The zip App Service receives (`npm run build:webapp`, then `az webapp deploy` or the Toolkit's
 * zipDeploy): listed, it holds what `npm start` needs and nothing else; unpacked, the bot starts.
 * npm installs from its cache only (--offline): nothing leaves this machine.
 */
describe('the web app package (build/webapp.zip)', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'chat-starter-webapp-'));
  const zipPath = path.join(work, 'webapp.zip');
  let files: string[] = [];
  let zip: JSZip;

  beforeAll(async () => {
    const build = spawnSync(process.execPath, [path.join(REPO, 'scripts', 'buildWebAppPackage.mjs'), '--offline', '--out', zipPath], { cwd: REPO, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`build:webapp failed:\n${build.stdout}${build.stderr}`);
    zip = await JSZip.loadAsync(readFileSync(zipPath));
    files = Object.values(zip.files).filter((entry) => !entry.dir).map((entry) => entry.name);
  }, 300_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('holds package.json, dist/, cards/ and node_modules/ only, with every card template and the compiled bot', () => {
    expect([...new Set(files.map((file) => file.split('/')[0]))].sort()).toEqual(['cards', 'dist', 'node_modules', 'package.json']);
    expect(files).toContain('dist/index.js');
    const cards = spawnSync('git', ['ls-files', 'cards'], { cwd: REPO, encoding: 'utf8' }).stdout.trim().split('\n');
    expect(cards.length).toBeGreaterThan(0);
    expect(files.filter((file) => file.startsWith('cards/')).sort()).toEqual(cards.sort());
  });

  it('leaves out sources, tests, tools, source maps, type declarations and docs', () => {
    expect(files.filter((file) => /^(src|test|scripts|bench|infra|env|docs|appPackage|dist-tools)\//.test(file))).toEqual([]);
    expect(files.filter((file) => /^dist\/(sandbox|dev|appPackage|tools)\//.test(file))).toEqual([]);
    expect(files.filter((file) => /\.(map|ts|mts|cts)$/.test(file))).toEqual([]);
    expect(files.filter((file) => /\.(md|markdown)$/i.test(file) && !/\/licen[cs]e\.md$/i.test(file))).toEqual([]);
  });

  it('has exactly the runtime dependencies of package-lock.json: no devDependency, none missing', () => {
    const lock = JSON.parse(readFileSync(path.join(REPO, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
    const installed = new Set(files.filter((file) => file.endsWith('/package.json')).map((file) => file.slice(0, -'/package.json'.length)));
    const runtime = Object.entries(lock.packages).filter(([key, entry]) => key.startsWith('node_modules/') && !entry.dev && !entry.devOptional);
    const missing = runtime.filter(([key, entry]) => !entry.optional && !installed.has(key)).map(([key]) => key);
    expect(missing).toEqual([]);
    const development = Object.entries(lock.packages).filter(([key, entry]) => key.startsWith('node_modules/') && entry.dev).map(([key]) => key);
    expect(development.length).toBeGreaterThan(50);
    expect(development.filter((key) => installed.has(key))).toEqual([]);
    for (const tool of ['typescript', 'jest', 'azurite', 'playwright-core', '@microsoft/m365agentsplayground', 'adaptivecards']) expect(installed.has(`node_modules/${tool}`)).toBe(false);
  });

  describe('unpacked', () => {
    let sandbox: SandboxTenant;
    const app = path.join(work, 'wwwroot');
    beforeAll(async () => {
      sandbox = await startSandbox({ port: 0 });
      for (const entry of Object.values(zip.files)) {
        const target = path.join(app, entry.name);
        if (entry.dir) {
          mkdirSync(target, { recursive: true });
          continue;
        }
        mkdirSync(path.dirname(target), { recursive: true });
        writeFileSync(target, await entry.async('nodebuffer'));
        if (entry.unixPermissions) chmodSync(target, Number(entry.unixPermissions) & 0o777);
      }
    }, 180_000);
    afterAll(async () => {
      await sandbox?.close();
    });

    it('npm start runs the bot, which answers /healthz with 200', async () => {
      const child = spawn('npm', ['start', '--silent'], { cwd: app, env: { PATH: process.env.PATH ?? '', HOME: work, PORT: '0', LOG_LEVEL: 'info', ...sandboxBotEnv(sandbox) }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      try {
        const deadline = Date.now() + 30_000;
        while (!/"port":(\d+)/.test(output) && child.exitCode === null && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
        const port = /"port":(\d+)/.exec(output)?.[1];
        expect({ port, output: port ? '' : output }).toEqual({ port: expect.stringMatching(/^\d+$/), output: '' });
        await waitForHttp(`http://127.0.0.1:${port}/healthz`, { timeoutMs: 20_000 });
        // The bot loaded its code from the unpacked folder, not from this checkout.
        expect(output).not.toContain(REPO + '/dist');
      } finally {
        if (child.exitCode === null) process.kill(-child.pid!, 'SIGTERM');
        await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(undefined)));
      }
    }, 60_000);
  });

  it('npm run deploy:azure hands that zip to az webapp deploy for the web app it names', () => {
    const bin = path.join(work, 'bin');
    mkdirSync(bin, { recursive: true });
    const record = path.join(work, 'az-args.txt');
    // A stand-in for the Azure CLI that records how it was called.
    writeFileSync(path.join(bin, 'az'), `#!/bin/sh\nprintf '%s\\n' "$@" > '${record}'\n`, { mode: 0o755 });
    const env = { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}` };
    const script = path.join(REPO, 'scripts', 'deployWebApp.mjs');
    const id = '/subscriptions/0b9f6f62-8c1e-4d7e-9a4b-2f3c4d5e6f70/resourceGroups/rg-chat/providers/Microsoft.Web/sites/chatstarterdev001';
    const run = spawnSync(process.execPath, [script, '--resource-id', id, '--zip', zipPath], { env, encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(readFileSync(record, 'utf8').trim().split('\n')).toEqual([
      'webapp', 'deploy', '--subscription', '0b9f6f62-8c1e-4d7e-9a4b-2f3c4d5e6f70', '--resource-group', 'rg-chat', '--name', 'chatstarterdev001', '--src-path', zipPath, '--type', 'zip',
    ]);
    const byName = spawnSync(process.execPath, [script, '--resource-group', 'rg-chat', '--name', 'chatstarterdev001', '--zip', zipPath], { env, encoding: 'utf8' });
    expect(byName.status).toBe(0);
    expect(readFileSync(record, 'utf8')).toContain('--resource-group\nrg-chat\n--name\nchatstarterdev001\n');
    const unnamed = spawnSync(process.execPath, [script, '--zip', zipPath], { env, encoding: 'utf8' });
    expect(unnamed.status).toBe(1);
    expect(unnamed.stderr).toContain('name the web app');
  });
});
