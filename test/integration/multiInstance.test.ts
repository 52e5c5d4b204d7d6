import { CARD_VERBS } from '../../src/cards/cardData';
import { SandboxTenant } from '../../src/sandbox';
import { Azurite } from '../support/azurite';
import { TwoInstances, startTwoInstances } from '../support/twoInstances';
import { cardOf, cardText, openUrls, sandboxEnv } from '../support/botOnSandbox';
import { BotProcess, startBotProcess } from '../support/botProcess';
import { ConnectorStub } from '../support/connectorStub';
import { PEOPLE } from '../support/people';
import { cardActionInvoke, messageActivity } from '../support/teamsActivity';

/**
 * Two compiled bot processes sharing state in Azure Blob storage (Azurite), one sandbox tenant,
 * one Bot Connector stand-in: whichever instance Teams delivers to, a request creates one chat.
 */
describe('two bot instances sharing Blob state', () => {
  let sandbox: SandboxTenant;
  let azurite: Azurite;
  let connector: ConnectorStub;
  let bots: BotProcess[] = [];

  let instances: TwoInstances;

  beforeAll(async () => {
    // Its own Azurite: the last test stops it.
    instances = await startTwoInstances('multi-instance', {}, { azurite: 'own' });
    ({ sandbox, azurite, connector } = instances);
    bots = [...instances.bots];
  }, 60_000);
  afterAll(async () => {
    await instances?.stop();
  });
  beforeEach(() => {
    sandbox.requests.clear();
    sandbox.faults.clear();
    connector.clear();
  });

  const [a, b] = [() => bots[0]!, () => bots[1]!];
  const base = () => ({ serviceUrl: connector.serviceUrl, tenantId: sandbox.tenantId, fromAadObjectId: PEOPLE.alex.id, fromName: PEOPLE.alex.name });
  const chatPosts = () => sandbox.requests.all().filter((entry) => entry.method === 'POST' && entry.path === '/v1.0/chats');
  const chatsAbout = (topic: string) => sandbox.chats.list().filter((chat) => chat.topic === topic);
  /** Holds the first POST /chats long enough that the other instance finds the claim in progress. */
  const slowFirstCreate = () => sandbox.faults.add({ method: 'POST', path: '/v1.0/chats', delayMs: 1_500, count: 1 });

  it('both instances use Blob storage', () => {
    for (const bot of bots) expect(bot.logs.some((line) => line.includes('shared state in Azure Blob storage'))).toBe(true);
  });

  it('creates one chat when the same message reaches both instances at the same moment; the other stays silent', async () => {
    slowFirstCreate();
    const activity = messageActivity({ ...base(), text: 'start chat with Megan Bowen, Lee Gu about Twice' });
    const responses = await Promise.all([a().post(activity), b().post(activity)]);
    expect(responses.map((res) => res.status)).toEqual([200, 200]);

    expect(chatPosts()).toHaveLength(1);
    expect(chatPosts()[0]!.status).toBe(201);
    const chats = chatsAbout('Twice');
    expect(chats).toHaveLength(1);
    // Both turns have finished (the adapter answers after the turn): one result card in all.
    const sent = await connector.waitForSent(1);
    expect(sent).toHaveLength(1);
    const card = cardOf(sent[0]!.activity);
    expect(cardText(card)).toContain('Twice');
    expect(openUrls(card)).toEqual([chats[0]!.webUrl]);
  });

  it('replays the same result when Teams redelivers a finished turn to the other instance', async () => {
    const activity = messageActivity({ ...base(), text: 'start chat with Megan Bowen, Lee Gu about Redelivered elsewhere' });
    await a().post(activity);
    await b().post(activity);
    const sent = await connector.waitForSent(2);
    expect(chatPosts()).toHaveLength(1);
    const chats = chatsAbout('Redelivered elsewhere');
    expect(chats).toHaveLength(1);
    expect(sent.map((call) => openUrls(cardOf(call.activity)))).toEqual([[chats[0]!.webUrl], [chats[0]!.webUrl]]);
  });

  it('creates one chat for a double-clicked form split across the instances', async () => {
    slowFirstCreate();
    const data = { people: `${PEOPLE.megan.id},${PEOPLE.lee.id}`, topic: 'Double click across instances' };
    const first = cardActionInvoke({ ...base(), verb: CARD_VERBS.startChat, replyToId: 'form-multi', data });
    const second = { ...cardActionInvoke({ ...base(), verb: CARD_VERBS.startChat, replyToId: 'form-multi', data }), conversation: first.conversation };
    const responses = await Promise.all([a().post(first), b().post(second)]);

    expect(chatPosts()).toHaveLength(1);
    const chats = chatsAbout('Double click across instances');
    expect(chats).toHaveLength(1);
    // The click that found the request in progress waits for its twin and shows the same chat.
    const cards = responses.map((res) => (res.body as { value: unknown }).value);
    for (const card of cards) expect(openUrls(card)).toEqual([chats[0]!.webUrl]);
  });

  it('never logs the storage account key', () => {
    const key = /AccountKey=([^;]+)/.exec(azurite.connectionString)![1]!;
    for (const bot of bots) expect(bot.logs.join('\n')).not.toContain(key);
  });

  // Stops Azurite: keep these last.
  it('answers with an apology and a correlation id, and creates nothing, when storage is down', async () => {
    await azurite.stop();
    const activity = messageActivity({ ...base(), text: 'start chat with Megan Bowen, Lee Gu about Storage down' });
    await a().post(activity);
    const [reply] = await connector.waitForSent(1);
    const text = cardText(cardOf(reply!.activity));
    expect(text).toMatch(/Sorry/);
    expect(text).toContain(String(activity.id));
    expect(text).not.toMatch(/Error:|\.ts:|\.js:/);
    expect(chatPosts()).toHaveLength(0);
    expect(chatsAbout('Storage down')).toHaveLength(0);
    expect(a().logs.some((line) => line.includes('STORAGE_FAULT') && line.includes(String(activity.id)))).toBe(true);
  });

  it('still starts with storage unreachable, logging why', async () => {
    const bot = await startBotProcess({ ...sandboxEnv(sandbox), AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString });
    try {
      expect(bot.logs.some((line) => line.includes('could not reach the state storage account'))).toBe(true);
      // Alive (it has its Graph token), but not ready: readiness asks the store, liveness does not.
      expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
      const ready = await fetch(`${bot.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({ status: 'not ready', graph: 'ok', store: 'unavailable' });
    } finally {
      await bot.stop();
    }
  });
});
