import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SandboxTenant, startSandbox } from '../../src/sandbox';
import { cardOf, openUrls, sandboxEnv } from '../support/botOnSandbox';
import { authenticatedBotEnv, ChannelIssuer, startChannelIssuer } from '../support/channelIssuer';
import { ConnectorStub } from '../support/connectorStub';
import { PEOPLE } from '../support/people';
import { messageActivity } from '../support/teamsActivity';

const REPO = path.resolve(__dirname, '..', '..');
/** Made by buildLocalNodeImage.sh (npm run test:container) as a stand-in for node:24-bookworm-slim. */
const BASE_IMAGE = process.env.CONTAINER_BASE_IMAGE ?? 'localhost/chat-starter-node:24-bookworm-slim';
const IMAGE = 'localhost/chat-starter:test';
const NAME = `chat-starter-test-${process.pid}`;
const GRACE_SECONDS = 10;
const MAX_GROWTH_MB = 150;
// This machine's podman: runc (crun fails on its cgroups), host network, ulimits it accepts.
const PODMAN = ['--runtime', '/usr/sbin/runc'];
const RUN_LIMITS = ['--network=host', '--ulimit', 'nofile=1024:1024', '--ulimit', 'nproc=1024:1024'];

function podman(args: string[], timeoutMs = 60_000): string {
  const result = spawnSync('podman', [...PODMAN, ...args], { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`podman ${args.join(' ')} failed (${result.status}):\n${result.stdout}${result.stderr}`);
  return result.stdout.trim();
}

const imageBytes = (image: string): number => Number(podman(['image', 'inspect', '--format', '{{.Size}}', image]));

/**
 * The Dockerfile, built on a locally made base and run as a host would run it: against the
 * sandbox tenant, a local Bot Connector and a local token issuer (the image's default is
 * NODE_ENV=production, which takes only GUID ids; the sandbox's sample ids need it off).
 */
describe('the container image', () => {
  let sandbox: SandboxTenant;
  let connector: ConnectorStub;
  let issuer: ChannelIssuer;
  let container: ChildProcess;
  let output = '';
  let port = 0;
  let exitCode: Promise<number | null>;

  beforeAll(async () => {
    const started = Date.now();
    podman(['build', ...RUN_LIMITS, '--build-arg', `NODE_IMAGE=${BASE_IMAGE}`, '-t', IMAGE, REPO], 900_000);
    const buildSeconds = Math.round((Date.now() - started) / 1000);
    const growthMb = (imageBytes(IMAGE) - imageBytes(BASE_IMAGE)) / 1e6;
    mkdirSync(path.join(REPO, 'test-artifacts'), { recursive: true });
    writeFileSync(path.join(REPO, 'test-artifacts', 'container-image.json'), `${JSON.stringify({ image: IMAGE, base: BASE_IMAGE, buildSeconds, growthMb: Number(growthMb.toFixed(1)) })}\n`);
    process.stdout.write(`container image: ${growthMb.toFixed(1)} MB over its base, built in ${buildSeconds} s\n`);

    [sandbox, issuer] = await Promise.all([startSandbox({ port: 0 }), startChannelIssuer()]);
    connector = new ConnectorStub();
    await connector.start();
    const env = {
      ...sandboxEnv(sandbox),
      ...authenticatedBotEnv(sandbox, issuer),
      NODE_ENV: 'development',
      NODE_EXTRA_CA_CERTS: '/run/sandbox-ca.pem',
      PORT: '0',
      SHUTDOWN_GRACE_SECONDS: String(GRACE_SECONDS),
    };
    const envArgs = Object.entries(env).flatMap(([key, value]) => ['-e', `${key}=${value}`]);
    podman(['rm', '--force', '--ignore', NAME]);
    container = spawn('podman', [...PODMAN, 'run', '--name', NAME, ...RUN_LIMITS, '-v', `${sandbox.caCertPath}:/run/sandbox-ca.pem:ro`, ...envArgs, IMAGE], { stdio: ['ignore', 'pipe', 'pipe'] });
    exitCode = new Promise((resolve) => container.once('exit', (code) => resolve(code)));
    container.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    container.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const deadline = Date.now() + 60_000;
    while (!/"port":(\d+)/.test(output)) {
      if (container.exitCode !== null || Date.now() > deadline) throw new Error(`the container did not start:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    port = Number(/"port":(\d+)/.exec(output)![1]);
  }, 1_000_000);

  afterAll(async () => {
    spawnSync('podman', [...PODMAN, 'rm', '--force', '--ignore', NAME]);
    await connector?.stop();
    await issuer?.close();
    await sandbox?.close();
  });

  const typed = async (text: string): Promise<Response> => {
    const activity = messageActivity({ serviceUrl: connector.serviceUrl, tenantId: sandbox.tenantId, fromAadObjectId: PEOPLE.alex.id, fromName: PEOPLE.alex.name, text });
    const token = await issuer.signActivityToken({ audience: sandbox.clientId, serviceUrl: connector.serviceUrl });
    return fetch(`http://127.0.0.1:${port}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(activity) });
  };
  const chatPosts = () => sandbox.requests.all().filter((entry) => entry.method === 'POST' && entry.path === '/v1.0/chats');

  it(`is at most ${MAX_GROWTH_MB} MB over its base, and defaults to production`, () => {
    expect(imageBytes(IMAGE) - imageBytes(BASE_IMAGE)).toBeLessThanOrEqual(MAX_GROWTH_MB * 1e6);
    expect(podman(['image', 'inspect', '--format', '{{json .Config.Env}}', IMAGE])).toContain('NODE_ENV=production');
  });

  it('answers /healthz with 200', async () => {
    for (let tries = 0; ; tries += 1) {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
      if (res?.status === 200 || tries > 100) {
        expect(res?.status).toBe(200);
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  });

  it('runs node as PID 1, not as root', () => {
    expect(podman(['exec', NAME, 'cat', '/proc/1/cmdline']).split('\0').filter(Boolean)).toEqual(['node', 'dist/index.js']);
    const uid = /^Uid:\s+(\d+)\s+(\d+)/m.exec(podman(['exec', NAME, 'cat', '/proc/1/status']));
    expect(uid).not.toBeNull();
    expect(Number(uid![1])).not.toBe(0);
    expect(Number(uid![2])).not.toBe(0);
  });

  it('a typed request creates exactly one chat and the reply links it', async () => {
    sandbox.requests.clear();
    connector.clear();
    const res = await typed('start chat with Megan Bowen and Adele Vance about Container');
    expect(res.status).toBeLessThan(300);
    const [reply] = await connector.waitForSent(1);
    expect(chatPosts()).toHaveLength(1);
    const chat = chatPosts()[0]!.response as { webUrl: string };
    expect(openUrls(cardOf(reply!.activity))).toEqual([chat.webUrl]);
  });

  it(`podman stop during a slow request lets it finish, and the bot exits 0 within SHUTDOWN_GRACE_SECONDS (${GRACE_SECONDS})`, async () => {
    sandbox.requests.clear();
    connector.clear();
    sandbox.faults.add({ method: 'POST', path: '/v1.0/chats', delayMs: 4_000, count: 1 });
    const inFlight = typed('start chat with Megan Bowen and Lee Gu about Drain');
    while (!sandbox.requests.all().some((entry) => entry.path === '/v1.0/$batch')) await new Promise((resolve) => setTimeout(resolve, 20));
    const stopAt = Date.now();
    // podman's own timeout is well past the grace: only the bot's drain decides when it exits.
    const stop = spawn('podman', [...PODMAN, 'stop', '--time', String(GRACE_SECONDS * 3), NAME], { stdio: 'ignore' });
    const answered = await inFlight;
    expect(answered.status).toBeLessThan(300);
    const code = await exitCode;
    const stoppedMs = Date.now() - stopAt;
    await new Promise((resolve) => (stop.exitCode === null ? stop.once('exit', resolve) : resolve(undefined)));
    expect(code).toBe(0);
    expect(podman(['inspect', '--format', '{{.State.ExitCode}}', NAME])).toBe('0');
    expect(stoppedMs).toBeLessThan(GRACE_SECONDS * 1000);
    expect(output).toMatch(/"signal":"SIGTERM"/);
    const [reply] = await connector.waitForSent(1);
    expect(chatPosts()).toHaveLength(1);
    expect(openUrls(cardOf(reply!.activity))).toEqual([(chatPosts()[0]!.response as { webUrl: string }).webUrl]);
  }, 60_000);
});
