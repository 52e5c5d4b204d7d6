/**
 * Draws `docs/telemetry-workbook-sample.png`: the workbook's charts from a local sample run. It
 * starts the sandbox tenant, a stand-in of Application Insights' ingestion endpoint and a Bot
 * Connector that takes every reply, runs the compiled bot with telemetry on, sends a mix of
 * requests (typed, the form, the choice card, refused ones, with a few Graph 429s), stops the bot
 * (it flushes), and draws what the stand-in received in headless Chromium.
 * Run: `npm run telemetry:sample` (builds first). Nothing leaves 127.0.0.1.
 */
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { CARD_VERBS } from '../cards/cardData';
import { startBotProcess } from '../dev/botProcess';
import { sandboxBotEnv } from '../dev/sandboxBotEnv';
import { startSandbox } from '../sandbox';
import { startIngestionStandIn } from '../sandbox/telemetryReceivers';
import { launchChromium } from './launchChromium';
import { workbookCharts, workbookPage } from './telemetrySample/workbookCharts';

const REQUESTER = '00000000-0000-0000-0000-0000000000020';
const OUTPUT = path.resolve(__dirname, '..', '..', 'docs', 'telemetry-workbook-sample.png');
const BIN_SECONDS = 10;

/** A Bot Connector that answers every reply with an id: the sample needs no conversation. */
async function startConnector(): Promise<{ url: string; close(): void }> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: randomUUID() }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, close: () => server.close() };
}

async function main(): Promise<void> {
  const sandbox = await startSandbox({ port: 0 });
  const ingestion = await startIngestionStandIn();
  const connector = await startConnector();
  const bot = await startBotProcess({
    env: {
      ...sandboxBotEnv(sandbox),
      NODE_EXTRA_CA_CERTS: sandbox.caCertPath,
      PORT: '0',
      APPLICATIONINSIGHTS_CONNECTION_STRING: ingestion.connectionString,
      LIMIT_CHATS_PER_MINUTE: '1000',
      LOG_LEVEL: 'info',
    },
  });
  const activity = (extra: Record<string, unknown>) => ({
    id: `1${Date.now()}${Math.floor(Math.random() * 1000)}`,
    timestamp: new Date().toISOString(),
    serviceUrl: connector.url,
    channelId: 'msteams',
    from: { id: `29:${REQUESTER}`, name: 'Alex Wilber', aadObjectId: REQUESTER },
    conversation: { id: `a:${randomUUID()}`, conversationType: 'personal', tenantId: sandbox.tenantId },
    recipient: { id: '28:chat-starter-bot', name: 'Chat Starter' },
    channelData: { tenant: { id: sandbox.tenantId } },
    ...extra,
  });
  const post = async (body: Record<string, unknown>): Promise<string> => {
    const res = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return res.text();
  };
  const say = (text: string) => post(activity({ type: 'message', text }));
  const invoke = (verb: string, data: Record<string, unknown>) =>
    post(activity({ type: 'invoke', name: 'adaptiveCard/action', replyToId: `card-${randomUUID()}`, value: { action: { type: 'Action.Execute', verb, data } } }));

  try {
    const people = ['Megan Bowen', 'Adele Vance', 'Lee Gu', 'Isaiah Langer', 'Lidia Holloway', 'Nestor Wilke', 'Joni Sherman', 'Miriam Graham', 'Grady Archie'];
    for (let round = 0; round < 6; round += 1) {
      // A 429 from Graph now and then: paced, waited out, counted.
      if (round % 2 === 0) sandbox.faults.add({ method: 'POST', path: '/v1.0/chats', status: 429, retryAfterSeconds: 1, count: 1 });
      for (let index = 0; index < 4; index += 1) {
        const pair = [people[(round + index) % people.length]!, people[(round + index + 3) % people.length]!];
        await say(`start chat with ${pair.join(' and ')} about Sample ${round}.${index}`);
      }
      // Someone nobody has: refused as not found.
      await say(`start chat with Nobody Known${round}`);
      if (round % 2 === 1) await say('start chat with Diego Siciliani');
      if (round % 3 === 0) await invoke(CARD_VERBS.startChat, { people: '00000000-0000-0000-0000-0000000000021,00000000-0000-0000-0000-0000000000022', topic: `Form ${round}` });
      if (round % 3 === 1) {
        const choice = await say(`start chat with Megan, Lee Gu about Choice ${round}`);
        const requestId = /"requestId":"([^"]+)"/.exec(choice)?.[1];
        if (requestId) await invoke(CARD_VERBS.choosePeople, { requestId, choice_0: '00000000-0000-0000-0000-0000000000021' });
      }
      await new Promise((resolve) => setTimeout(resolve, 3_000));
    }
    await new Promise((resolve) => setTimeout(resolve, 3_000));
  } finally {
    await bot.stop();
  }
  const charts = workbookCharts(ingestion.envelopes, BIN_SECONDS);
  const note = `${ingestion.envelopes.length} envelopes received on ${new Date().toISOString().slice(0, 10)}.`;
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1030, height: 400 } });
    await page.setContent(workbookPage(charts, note));
    writeFileSync(OUTPUT, await page.screenshot({ fullPage: true }));
  } finally {
    await browser.close();
  }
  await ingestion.close();
  connector.close();
  await sandbox.close();
  process.stdout.write(`${path.relative(process.cwd(), OUTPUT)}: ${JSON.stringify(charts)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
