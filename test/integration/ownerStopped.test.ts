import { RunningBot, startBotProcess } from '../../src/dev/botProcess';
import { createBlobContainerClient } from '../../src/state/createBlobContainerClient';
import { SandboxTenant } from '../../src/sandbox';
import { Azurite, uniqueContainer } from '../support/azurite';
import { cardOf, cardText, sandboxEnv } from '../support/botOnSandbox';
import { ConnectorStub } from '../support/connectorStub';
import { StackOnAzurite, startStackOnAzurite } from '../support/stackOnAzurite';
import { PEOPLE } from '../support/people';
import { messageActivity } from '../support/teamsActivity';

jest.setTimeout(120_000);

const LEASE_MS = 5_000;

/**
 * Two compiled bot processes on Blob state (Azurite). Instance A is SIGKILLed while its
 * POST /chats is in flight (the chat still gets created); Teams redelivers the message to
 * instance B with a new activity id. B must answer once A's lease has run out, never with a
 * second chat. Both run with a 5 s lease (REQUEST_LEASE_MS) instead of 30 s: the same take-over,
 * without half a minute of waiting.
 */
describe('an owner that stopped', () => {
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

  const container = uniqueContainer('owner-stopped');
  /** Whether some request in the shared ledger is in this state (each blob holds one entry as JSON). */
  const ledgerHas = async (state: string): Promise<boolean> => {
    const client = createBlobContainerClient({ kind: 'blob', container, connection: { kind: 'connectionString', connectionString: azurite.connectionString } });
    for await (const blob of client.listBlobsFlat()) {
      // One GET for the whole blob (downloadToBuffer sizes its buffer first, and A's renewals rewrite the blob meanwhile).
      const body = (await client.getBlockBlobClient(blob.name).download()).readableStreamBody;
      if (!body) continue;
      const chunks: Buffer[] = [];
      for await (const chunk of body) chunks.push(chunk as Buffer);
      const text = Buffer.concat(chunks).toString('utf8');
      if ((JSON.parse(text) as { state?: unknown }).state === state) return true;
    }
    return false;
  };

  const start = async (): Promise<RunningBot> => {
    const bot = await startBotProcess({
      env: {
        ...sandboxEnv(sandbox),
        NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS ?? '',
        PORT: '0',
        LOG_LEVEL: 'info',
        AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
        STATE_BLOB_CONTAINER: container,
        REQUEST_LEASE_MS: String(LEASE_MS),
      },
    });
    bots.push(bot);
    return bot;
  };
  const post = (bot: RunningBot, activity: Record<string, unknown>) =>
    fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) }).then(
      (res) => res.status,
      () => 'no answer' as const,
    );
  const base = () => ({ serviceUrl: connector.serviceUrl, tenantId: sandbox.tenantId, fromAadObjectId: PEOPLE.alex.id, fromName: PEOPLE.alex.name });
  const chatPosts = () => sandbox.requests.all().filter((entry) => entry.method === 'POST' && entry.path === '/v1.0/chats');

  it('takes the request over after the lease and says Teams did not confirm, creating no second chat', async () => {
    const [a, b] = [await start(), await start()];
    sandbox.faults.add({ method: 'POST', path: '/v1.0/chats', delayMs: 3_000, count: 1 });
    const conversationId = 'a:owner-stopped';
    const text = 'start chat with Megan Bowen, Lee Gu about Owner stopped';
    const toA = post(a, messageActivity({ ...base(), conversationId, text, id: 'first-delivery' }));
    // A has recorded its POST as under way and sent it (the POST is held for 3 s): kill it there.
    // (Waiting on the ledger, not a fixed time after the look-up: on a loaded machine A may take
    // longer than that to get there, and a claim killed before `posting` is simply taken over.)
    while (!(await ledgerHas('posting'))) await new Promise((resolve) => setTimeout(resolve, 50));
    await new Promise((resolve) => setTimeout(resolve, 500));
    process.kill(a.pid, 'SIGKILL');
    expect(await a.exited).toBeNull();
    expect(await toA).toBe('no answer');

    // Teams delivers the message again, with a new id, to the other instance.
    expect(await post(b, messageActivity({ ...base(), conversationId, text, id: 'second-delivery' }))).toBe(200);
    const sent = await connector.waitForSent(1, 5_000);
    expect(sent).toHaveLength(1);
    expect(cardText(cardOf(sent[0]!.activity))).toMatch(/didn't confirm/i);

    // The killed instance's POST landed: one chat, and B never posted another.
    expect(chatPosts()).toHaveLength(1);
    expect(sandbox.chats.list().filter((chat) => chat.topic === 'Owner stopped')).toHaveLength(1);
  });
});
