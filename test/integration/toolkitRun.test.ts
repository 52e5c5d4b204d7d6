import { spawn } from 'node:child_process';
import { copyFile, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startSandbox, SandboxTenant } from '../../src/sandbox';
import { waitForHttp } from '../../src/dev/waitForHttp';
import { sandboxEnv } from '../support/botOnSandbox';

const REPO = path.resolve(__dirname, '..', '..');

/**
 * The Toolkit's local run: `m365agents.local.yml` writes the bot's variables to `.localConfigs`,
 * and `npm run dev:teamsfx` (what the Toolkit's templates start) runs the bot with them. The
 * project is laid out in a scratch directory so the developer's own `.localConfigs` is untouched.
 */
describe('the Toolkit local run', () => {
  let sandbox: SandboxTenant;
  let dir: string;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
    dir = await mkdtemp(path.join(tmpdir(), 'chat-starter-toolkit-'));
    await copyFile(path.join(REPO, 'package.json'), path.join(dir, 'package.json'));
    await symlink(path.join(REPO, 'dist'), path.join(dir, 'dist'));
    await symlink(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'));
  });
  afterAll(async () => {
    await sandbox?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('starts the bot with the values in .localConfigs', async () => {
    const { NODE_EXTRA_CA_CERTS: ca, ...fromToolkit } = sandboxEnv(sandbox);
    const lines = Object.entries({ ...fromToolkit, PORT: '0', LOG_LEVEL: 'info' }).map(([name, value]) => `${name}=${value}`);
    await writeFile(path.join(dir, '.localConfigs'), `${lines.join('\n')}\n`);

    // Only PATH and the sandbox CA come from outside: everything else must come from the file.
    const child = spawn('npm', ['run', '--silent', 'dev:teamsfx'], { cwd: dir, env: { PATH: process.env.PATH ?? '', NODE_EXTRA_CA_CERTS: ca }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    let output = '';
    try {
      const port = await new Promise<number>((resolve, reject) => {
        const onData = (chunk: Buffer): void => {
          output += chunk.toString();
          const match = /"port":(\d+)[^\n]*listening|listening[^\n]*"port":(\d+)/.exec(output);
          if (match) resolve(Number(match[1] ?? match[2]));
        };
        child.stdout!.on('data', onData);
        child.stderr!.on('data', onData);
        void exited.then(() => reject(new Error(`the bot exited:\n${output}`)));
      });
      // Healthy only once it has a Graph token: the tenant, client and secret came from the file.
      await waitForHttp(`http://127.0.0.1:${port}/healthz`, { timeoutMs: 20_000 });
      expect(output).toContain('ANONYMOUS LOCAL MODE');
    } finally {
      if (child.exitCode === null) process.kill(-child.pid!, 'SIGTERM');
      await exited;
    }
  });
});
