import { request } from 'node:http';
import { RunningBot, startBotProcess } from '../../src/dev/botProcess';
import { SandboxTenant } from '../../src/sandbox';
import { Azurite, uniqueContainer } from '../support/azurite';
import { cardOf, cardText, openUrls, sandboxEnv } from '../support/botOnSandbox';
import { ConnectorStub } from '../support/connectorStub';
import { StackOnAzurite, startStackOnAzurite } from '../support/stackOnAzurite';
import { PEOPLE } from '../support/people';
import { cardActionInvoke, messageActivity } from '../support/teamsActivity';
import { CARD_VERBS } from '../../src/cards/cardData';

/**
 * Stopping the compiled bot with a real signal while Graph is slow: it stops accepting, lets the
 * turn in flight finish (or cuts it at the bound where a redelivery resolves it), and exits 0.
 */
describe('shutdown on a signal', () => {
  let sandbox: SandboxTenant;
  let azurite: Azurite;
  let connector: ConnectorStub;
  const bots: RunningBot[] = [];

  let stack: StackOnAzurite | undefined;

  beforeAll(async () => {
    stack = await startStackOnAzurite();
    ({ sandbox, azurite, connector } = stack);
  }, 60_000);
  afterAll(async () => {
    for (const bot of bots) await bot.stop();
    await stack?.stop();
  });
  beforeEach(() => {
    sandbox.requests.clear();
    sandbox.faults.clear();
    connector.clear();
  });

  const logs = new Map<RunningBot, string[]>();
  const start = async (env: Record<string, string> = {}): Promise<RunningBot> => {
    const lines: string[] = [];
    const bot = await startBotProcess({
      env: { ...sandboxEnv(sandbox), NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS ?? '', PORT: '0', LOG_LEVEL: 'info', ...env },
      onLine: (line) => lines.push(line),
    });
    logs.set(bot, lines);
    bots.push(bot);
    return bot;
  };
  /** The signal has been handled: the bot said it is stopping. */
  const stopping = async (bot: RunningBot): Promise<void> => {
    while (!logs.get(bot)!.some((line) => line.includes('"stopping'))) await new Promise((resolve) => setTimeout(resolve, 20));
  };
  const post = (bot: RunningBot, activity: Record<string, unknown>) =>
    fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) }).then(
      (res) => res.status,
      () => 'refused' as const,
    );
  const base = () => ({ serviceUrl: connector.serviceUrl, tenantId: sandbox.tenantId, fromAadObjectId: PEOPLE.alex.id, fromName: PEOPLE.alex.name });
  const chatPosts = () => sandbox.requests.all().filter((entry) => entry.method === 'POST' && entry.path === '/v1.0/chats');
  /** The people were looked up: the turn is now waiting on POST /chats. */
  const lookedUp = async (): Promise<void> => {
    while (!sandbox.requests.all().some((entry) => entry.path === '/v1.0/$batch')) await new Promise((resolve) => setTimeout(resolve, 20));
  };

  it('stops accepting, finishes the turn in flight and its late card update, then exits 0', async () => {
    // A 1 s invoke budget (4 s by default), so Graph need only be slower than that: the form is
    // answered with "Creating…" and updated later.
    const bot = await start({ INVOKE_BUDGET_MS: '1000' });
    sandbox.faults.add({ method: 'POST', path: '/v1.0/chats', delayMs: 3_000, count: 1 });
    const form = cardActionInvoke({ ...base(), verb: CARD_VERBS.startChat, replyToId: 'form-card', data: { people: `${PEOPLE.megan.id},${PEOPLE.lee.id}`, topic: 'Drained' } });
    const inFlight = postClosing(`${bot.url}/api/messages`, form);
    await lookedUp();
    process.kill(bot.pid, 'SIGTERM');
    await stopping(bot);

    // A new turn after the signal is not taken (503, or the port is already closed).
    const late = await post(bot, messageActivity({ ...base(), text: 'start chat with Adele Vance, Lee Gu about Too late' }));
    expect([503, 'refused']).toContain(late);

    const answered = await inFlight;
    expect(answered.status).toBe(200);
    expect(cardText((answered.body as { value: unknown }).value)).toMatch(/Creating/);
    expect(await bot.exited).toBe(0);
    const chats = sandbox.chats.list().filter((chat) => chat.topic === 'Drained');
    expect(chats).toHaveLength(1);
    expect(sandbox.chats.list().filter((chat) => chat.topic === 'Too late')).toHaveLength(0);
    // The "Creating…" card was replaced with the result before the process went.
    const updates = connector.sent().filter((call) => call.method === 'PUT');
    expect(updates).toHaveLength(1);
    expect(updates[0]!.activityId).toBe('form-card');
    expect(openUrls(cardOf(updates[0]!.activity))).toEqual([chats[0]!.webUrl]);
  });

  it('cuts a turn still in flight at the bound, exits 0, and the redelivery is answered without a second chat', async () => {
    const shared = { AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString, STATE_BLOB_CONTAINER: uniqueContainer('shutdown') };
    const first = await start({ ...shared, SHUTDOWN_GRACE_SECONDS: '1' });
    sandbox.faults.add({ method: 'POST', path: '/v1.0/chats', delayMs: 8_000, count: 1 });
    const activity = messageActivity({ ...base(), text: 'start chat with Megan Bowen, Lee Gu about Cut short' });
    const inFlight = post(first, activity);
    await lookedUp();
    process.kill(first.pid, 'SIGINT');
    expect(await first.exited).toBe(0);
    await inFlight;
    // The person was told before the process went: Teams did not confirm.
    const told = connector.sent().map((call) => cardText(cardOf(call.activity)));
    expect(told.join('\n')).toMatch(/didn't confirm/i);

    // Teams delivers the turn again, to the next instance: the same answer, and no second POST.
    connector.clear();
    const second = await start(shared);
    expect(await post(second, activity)).toBe(200);
    const again = await connector.waitForSent(1);
    expect(cardText(cardOf(again[0]!.activity))).toMatch(/didn't confirm/i);
    // The cut POST still lands in the sandbox (its delay runs out): one chat, never a second.
    while (chatPosts().length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(chatPosts()).toHaveLength(1);
    expect(sandbox.chats.list().filter((chat) => chat.topic === 'Cut short')).toHaveLength(1);
  });
});

/** One POST on its own connection, closed after the answer (as a proxy may do): nothing keeps the server busy but the bot's own work. */
function postClosing(url: string, activity: Record<string, unknown>): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify(activity);
    const req = request(url, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), connection: 'close' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text === '' ? undefined : (JSON.parse(text) as unknown) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
