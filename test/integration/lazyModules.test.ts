import path from 'node:path';
import { CARD_VERBS } from '../../src/cards/cardData';
import { BotOnSandbox, startBotOnSandbox } from '../support/botOnSandbox';
import { cardActionInvoke } from '../support/teamsActivity';

const REQUESTER_ID = '00000000-0000-0000-0000-0000000000020';
const PRELOAD = path.resolve(__dirname, '..', 'support', 'loadedPackages.cjs');

/** Asks the running bot (SIGUSR2, answered by the preload) which packages it has loaded. */
async function loadedPackagesOf(stack: BotOnSandbox): Promise<string[]> {
  const seen = stack.bot.logs.length;
  process.kill(stack.bot.pid, 'SIGUSR2');
  for (let waited = 0; waited < 10_000; waited += 50) {
    const line = stack.bot.logs.slice(seen).find((entry) => entry.includes('"loaded packages"'));
    if (line) return (JSON.parse(line) as { packages: string[] }).packages;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the bot did not list its loaded packages');
}

/**
 * What the running bot has loaded, asked of the process itself: libraries for features nobody
 * has used yet stay unloaded at start (memory at rest), and load when the feature is first used.
 */
describe('telemetry, when its variables are set', () => {
  let stack: BotOnSandbox;
  beforeAll(async () => {
    stack = await startBotOnSandbox({ NODE_OPTIONS: `-r ${PRELOAD}`, OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9' });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('loads OpenTelemetry (so the check of the bot without them could see it)', async () => {
    expect(await loadedPackagesOf(stack)).toEqual(expect.arrayContaining(['@opentelemetry/api', '@opentelemetry/sdk-trace-node']));
  });
});

describe('libraries loaded on first use', () => {
  let stack: BotOnSandbox;
  beforeAll(async () => {
    stack = await startBotOnSandbox({ NODE_OPTIONS: `-r ${PRELOAD}` });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const loadedPackages = () => loadedPackagesOf(stack);

  it('starts without zod, the templating engine or the Blob SDK, and loads zod and the templating engine with the first card action', async () => {
    const atStart = await loadedPackages();
    // The preload itself works: the libraries every turn needs are there.
    expect(atStart).toEqual(expect.arrayContaining(['botbuilder', 'restify', '@microsoft/microsoft-graph-client', 'pino']));
    expect(atStart).not.toContain('zod');
    expect(atStart).not.toContain('adaptivecards-templating');
    expect(atStart).not.toContain('adaptive-expressions');
    expect(atStart).not.toContain('@azure/storage-blob');
    // Telemetry is off without its variables: not one OpenTelemetry module, nor Azure Monitor's exporter.
    expect(atStart.filter((name) => name.startsWith('@opentelemetry/') || name.startsWith('@azure/monitor-'))).toEqual([]);

    const invoke = cardActionInvoke({
      serviceUrl: stack.connector.serviceUrl,
      tenantId: stack.sandbox.tenantId,
      fromAadObjectId: REQUESTER_ID,
      verb: CARD_VERBS.showForm,
      data: {},
      replyToId: 'card-1',
    });
    const answer = await stack.bot.post(invoke);
    expect(answer.status).toBe(200);
    expect(JSON.stringify(answer.body)).toContain('AdaptiveCard');

    const afterCard = await loadedPackages();
    expect(afterCard).toContain('zod');
    // The card was filled by adaptivecards-templating, over Adaptive Expressions.
    expect(afterCard).toContain('adaptivecards-templating');
    expect(afterCard).toContain('adaptive-expressions');
    expect(afterCard).not.toContain('@azure/storage-blob');
    expect(afterCard.filter((name) => name.startsWith('@opentelemetry/') || name.startsWith('@azure/monitor-'))).toEqual([]);
  });
});
