import { sandboxBotEnv } from '../../src/dev/sandboxBotEnv';
import { SandboxTenant, startSandbox } from '../../src/sandbox';
import { BotProcess, startBotProcess } from '../support/botProcess';
import { ChannelIssuer, authenticatedBotEnv, startChannelIssuer } from '../support/channelIssuer';
import { ConnectorStub } from '../support/connectorStub';
import { callerApp, tokenFor as apiTokenFor } from '../support/chatsApiClient';
import { HostileRequest, hostileApiCorpus, hostileCorpus } from '../support/hostileCorpus';
import { PEOPLE } from '../support/people';

/**
 * The hostile corpus in CI: well over a thousand generated bodies and activities (fast-check,
 * fixed seed) sent to the compiled bot, anonymous and authenticated. Whatever arrives: no 5xx,
 * the process stays up and healthy, and nothing reaches Microsoft Graph (every entry is invalid
 * or not allowed, so not even a look-up may happen). The counts are printed.
 */
const CORPUS_SIZE = 1_100;
const CONCURRENCY = 8;

interface Counts {
  requests: number;
  '2xx': number;
  '4xx': number;
  '5xx': number;
  /** Requests that got no HTTP answer at all (the process died or hung up). */
  crashes: number;
  byStatus: Record<string, number>;
  fiveXxKinds: string[];
}

describe('the hostile corpus against the compiled bot', () => {
  let sandbox: SandboxTenant;
  let connector: ConnectorStub;
  let issuer: ChannelIssuer;
  let anonymous: BotProcess;
  let authenticated: BotProcess;

  beforeAll(async () => {
    [sandbox, issuer] = await Promise.all([startSandbox({ port: 0 }), startChannelIssuer()]);
    connector = new ConnectorStub();
    await connector.start();
    // The bots keep the default limits a real tenant gets.
    [anonymous, authenticated] = await Promise.all([
      // The chats API is on here too (its own corpus below); /api/messages is unaffected by it.
      startBotProcess(sandboxBotEnv(sandbox, { teamsServiceUrl: connector.serviceUrl })),
      startBotProcess({
        ...sandboxBotEnv(sandbox),
        ...authenticatedBotEnv(sandbox, issuer),
      }),
    ]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([anonymous?.stop(), authenticated?.stop()]);
    await connector?.stop();
    await issuer?.close();
    await sandbox?.close();
  });
  beforeEach(() => {
    sandbox.requests.clear();
    connector.clear();
  });

  const corpus = (seed: number): HostileRequest[] =>
    hostileCorpus({ serviceUrl: connector.serviceUrl, allowedTenantId: sandbox.tenantId, requesterId: PEOPLE.alex.id }, CORPUS_SIZE, seed);

  /** Sends everything, a few at a time, and counts what came back. */
  async function run(
    bot: BotProcess, requests: readonly HostileRequest[], authorize: (request: HostileRequest, index: number) => Promise<string | undefined>, path = '/api/messages',
  ): Promise<Counts> {
    const counts: Counts = { requests: 0, '2xx': 0, '4xx': 0, '5xx': 0, crashes: 0, byStatus: {}, fiveXxKinds: [] };
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < requests.length) {
        const index = next++;
        const request = requests[index]!;
        const authorization = await authorize(request, index);
        const headers = { ...request.headers, ...(authorization !== undefined ? { authorization } : {}) };
        counts.requests += 1;
        try {
          const res = await fetch(`${bot.url}${path}`, { method: 'POST', headers, body: new Uint8Array(request.body) });
          await res.arrayBuffer();
          const family = `${Math.floor(res.status / 100)}xx` as '2xx' | '4xx' | '5xx';
          if (family in counts) counts[family] += 1;
          counts.byStatus[res.status] = (counts.byStatus[res.status] ?? 0) + 1;
          if (res.status >= 500) counts.fiveXxKinds.push(request.kind);
        } catch {
          counts.crashes += 1;
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    return counts;
  }

  /** Alive by pid and healthy over HTTP. */
  async function expectAliveAndHealthy(bot: BotProcess): Promise<void> {
    expect(() => process.kill(bot.pid, 0)).not.toThrow();
    const health = await fetch(`${bot.url}/healthz`);
    expect(health.status).toBe(200);
  }

  function expectNothingReachedGraph(): void {
    const graphCalls = sandbox.requests.all().filter((entry) => entry.path.startsWith('/v1.0') || entry.path.startsWith('/beta'));
    expect(graphCalls.map((entry) => `${entry.method} ${entry.path}`)).toEqual([]);
    expect(sandbox.chats.list()).toHaveLength(0);
  }

  function report(mode: string, counts: Counts, kinds: number): void {
    const { byStatus, fiveXxKinds, ...totals } = counts;
    process.stdout.write(`hostile corpus (${mode}): ${JSON.stringify(totals)} statuses ${JSON.stringify(byStatus)} from ${kinds} families\n`);
    if (fiveXxKinds.length > 0) process.stdout.write(`  5xx from: ${[...new Set(fiveXxKinds)].join(', ')}\n`);
  }

  it('anonymous mode: no 5xx, no crash, nothing reaches Graph', async () => {
    const requests = corpus(1201);
    expect(requests.length).toBeGreaterThanOrEqual(1_000);
    const counts = await run(anonymous, requests, async () => undefined);
    report('anonymous', counts, new Set(requests.map((request) => request.kind)).size);
    expect(counts.requests).toBe(requests.length);
    expect(counts['5xx']).toBe(0);
    expect(counts.crashes).toBe(0);
    expect(counts['4xx']).toBeGreaterThan(0);
    await expectAliveAndHealthy(anonymous);
    expectNothingReachedGraph();
  }, 120_000);

  it('authenticated mode, with valid and bad tokens: no 5xx, no crash, nothing reaches Graph', async () => {
    const requests = corpus(2402);
    const tokenFor = (request: HostileRequest): Promise<string> => {
      const serviceUrl = typeof request.activity?.serviceUrl === 'string' ? request.activity.serviceUrl : connector.serviceUrl;
      return issuer.signActivityToken({ audience: sandbox.clientId, serviceUrl });
    };
    // Most requests carry a valid token (so the bot's own checks are exercised); every fifth a broken one.
    const counts = await run(authenticated, requests, async (request, index) => {
      if (index % 5 !== 0) return `Bearer ${await tokenFor(request)}`;
      const broken = [undefined, 'Bearer', 'Bearer x.y.z', `Bearer ${(await tokenFor(request)).slice(0, -8)}AAAAAAAA`, `Basic ${Buffer.from('a:b').toString('base64')}`];
      return broken[(index / 5) % broken.length];
    });
    report('authenticated', counts, new Set(requests.map((request) => request.kind)).size);
    expect(counts['5xx']).toBe(0);
    expect(counts.crashes).toBe(0);
    expect(counts.byStatus[401]).toBeGreaterThan(0);
    expect(counts['2xx']).toBeGreaterThan(0);
    await expectAliveAndHealthy(authenticated);
    expectNothingReachedGraph();
  }, 120_000);

  it('POST /api/chats, with a valid token and hostile ones: no 5xx, no crash, and no token it did not accept reached Graph', async () => {
    const requests = hostileApiCorpus(700, 3603);
    const valid = `Bearer ${await apiTokenFor(sandbox, callerApp(sandbox, 'Incident'))}`;
    // Hostile tokens first, alone: not one of them may lead to a Graph call.
    const tokenless = requests.filter((request) => request.authorization !== undefined);
    const refused = await run(anonymous, tokenless, async (request) => ((request as { authorization?: string }).authorization || undefined), '/api/chats');
    report('chats API, hostile tokens', refused, new Set(tokenless.map((request) => request.kind)).size);
    expect(refused.requests).toBe(tokenless.length);
    // 431: Node refuses headers beyond its 16 KB before the bot sees them.
    expect(Object.keys(refused.byStatus).filter((status) => status !== '401' && status !== '431')).toEqual([]);
    expect(refused.byStatus[401]).toBeGreaterThan(0);
    expectNothingReachedGraph();
    const rest = requests.filter((request) => request.authorization === undefined);
    const counts = await run(anonymous, rest, async () => valid, '/api/chats');
    report('chats API, valid token', counts, new Set(rest.map((request) => request.kind)).size);
    expect(counts.requests).toBe(rest.length);
    expect(counts['5xx']).toBe(0);
    expect(counts.crashes).toBe(0);
    expect(counts.byStatus[400]).toBeGreaterThan(0);
    expect(counts.byStatus[422]).toBeGreaterThan(0);
    await expectAliveAndHealthy(anonymous);
  }, 180_000);
});
