import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startSandbox, SandboxTenant } from '../../src/sandbox';
import { sandboxEnv } from '../support/botOnSandbox';
import { startBotProcess as startCompiledBot } from '../../src/dev/botProcess';
import { runBotExpectingExit } from '../support/botProcess';
import { listeningAddresses } from '../support/listeningAddresses';

/** The compiled bot's start-up: bad configuration stops it; a bad secret keeps it unhealthy. */
describe('bot start-up', () => {
  it.each([
    [{}, 'AZURE_TENANT_ID'],
    [{ AZURE_TENANT_ID: '72f988bf-86f1-41af-91ab-2d7cd011db47', AZURE_CLIENT_ID: 'c', AZURE_CLIENT_SECRET: 's', GRAPH_ENDPOINT: 'http://graph.local' }, 'GRAPH_ENDPOINT'],
    [{ AZURE_TENANT_ID: '72f988bf-86f1-41af-91ab-2d7cd011db47', AZURE_CLIENT_ID: 'c', AZURE_CLIENT_SECRET: 's', PORT: '99999' }, 'PORT'],
  ])('exits non-zero naming the bad variable (%#)', async (env, variable) => {
    const { code, output } = await runBotExpectingExit(env as Record<string, string>);
    expect(code).toBe(1);
    expect(output).toContain(`Chat Starter cannot start: ${variable}:`);
  });

  it('reads a .env file in its working directory, with the process environment winning', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'chat-starter-env-'));
    try {
      await writeFile(path.join(dir, '.env'), 'AZURE_TENANT_ID=72f988bf-86f1-41af-91ab-2d7cd011db47\nAZURE_CLIENT_ID=c\nAZURE_CLIENT_SECRET=s\nNODE_ENV=production\nPORT=eighty\n');
      const fromFile = await runBotExpectingExit({}, dir);
      expect(fromFile.code).toBe(1);
      expect(fromFile.output).toContain('Chat Starter cannot start: PORT:');
      // PORT from the environment wins, so the next problem in the file is the one reported.
      const overridden = await runBotExpectingExit({ PORT: '0' }, dir);
      expect(overridden.code).toBe(1);
      expect(overridden.output).toContain('Chat Starter cannot start: BOT_ID:');
      await writeFile(path.join(dir, '.env'), 'this is not an env line\n');
      const broken = await runBotExpectingExit({}, dir);
      expect(broken.code).toBe(1);
      expect(broken.output).toContain('Chat Starter cannot start: .env:1: expected KEY=value');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  describe('with a wrong client secret', () => {
    let sandbox: SandboxTenant;
    beforeAll(async () => {
      sandbox = await startSandbox({ port: 0 });
    });
    afterAll(async () => {
      await sandbox?.close();
    });

    it('listens on loopback only in anonymous mode', async () => {
      const bot = await startCompiledBot({ env: { PORT: '0', ...sandboxEnv(sandbox) } });
      try {
        expect(listeningAddresses(bot.port)).toEqual(['127.0.0.1']);
        // Healthy (startCompiledBot waited for /healthz), and ready: Graph token and state store both answer.
        const ready = await fetch(`${bot.url}/readyz`);
        expect(await ready.json()).toEqual({ status: 'ok', graph: 'ok', store: 'ok' });
        expect(ready.status).toBe(200);
      } finally {
        await bot.stop();
      }
    });

    it('answers /healthz with 503 and logs what to check, never the secret', async () => {
      const child = spawn(process.execPath, [path.resolve(__dirname, '..', '..', 'dist', 'index.js')], {
        env: { PATH: process.env.PATH ?? '', PORT: '0', ...sandboxEnv(sandbox), AZURE_CLIENT_SECRET: 'wrong-secret-value' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      try {
        const deadline = Date.now() + 15_000;
        while (!/could not obtain a Graph token/.test(output) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
        const port = Number(/"port":(\d+)/.exec(output)?.[1]);
        const res = await fetch(`http://127.0.0.1:${port}/healthz`);
        expect(res.status).toBe(503);
        const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
        expect(ready.status).toBe(503);
        expect(await ready.json()).toEqual({ status: 'not ready', graph: 'starting', store: 'ok' });
        expect(output).toMatch(/check AZURE_TENANT_ID, AZURE_CLIENT_ID and the secret or certificate/);
        expect(output).not.toContain('wrong-secret-value');
      } finally {
        if (child.exitCode === null) {
          const exited = new Promise((resolve) => child.once('exit', resolve));
          child.kill('SIGTERM');
          await exited;
        }
      }
    });
  });
});
