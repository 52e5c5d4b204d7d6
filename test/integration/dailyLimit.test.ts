import { RunningApp, startApp } from '../../src/app';
import { loadConfig } from '../../src/config/loadConfig';
import { createLogger } from '../../src/logging/createLogger';
import { uniqueContainer } from '../support/azurite';
import { cardOf, cardText, sandboxEnv } from '../support/botOnSandbox';
import { PEOPLE } from '../support/people';
import { StackOnAzurite, startStackOnAzurite } from '../support/stackOnAzurite';
import { messageActivity } from '../support/teamsActivity';

jest.setTimeout(60_000);

/**
 * LIMIT_CHATS_PER_DAY over real HTTP: two bot instances sharing their state in Blob storage
 * (Azurite), started in this process so that their quota reads a clock the test sets (a UTC
 * midnight is crossed by setting it, not by waiting). Everything else is real: the Bot Framework
 * adapter over HTTP, the Graph client against the sandbox tenant, the connector stand-in.
 */
describe('the daily chat limit across two instances', () => {
  const DAILY_LIMIT = 3;
  let stack: StackOnAzurite;
  let apps: RunningApp[] = [];
  let now = Date.parse('2026-11-27T23:58:00.000Z');

  beforeAll(async () => {
    stack = await startStackOnAzurite();
    const config = loadConfig({
      ...sandboxEnv(stack.sandbox),
      AZURE_STORAGE_CONNECTION_STRING: stack.azurite.connectionString,
      STATE_BLOB_CONTAINER: uniqueContainer('daily-limit'),
      PORT: '0',
      HOST: '127.0.0.1',
      LIMIT_CHATS_PER_DAY: String(DAILY_LIMIT),
      LIMIT_CHATS_PER_MINUTE: '100',
    });
    const logger = createLogger({ level: 'silent' });
    apps = [await startApp(config, { logger, quotaClock: () => now }), await startApp(config, { logger, quotaClock: () => now })];
  }, 60_000);
  afterAll(async () => {
    for (const app of apps) await app.close();
    await stack?.stop();
  });

  const [a, b] = [() => apps[0]!, () => apps[1]!];
  const chatPosts = () => stack.sandbox.requests.all().filter((entry) => entry.method === 'POST' && entry.path === '/v1.0/chats');
  const chatsAbout = (topic: string) => stack.sandbox.chats.list().filter((chat) => chat.topic === topic);

  /** One typed message to an instance; the text of the card it answers with. */
  const say = async (app: RunningApp, person: { id: string; name: string }, text: string): Promise<string> => {
    const { connector, sandbox } = stack;
    const before = connector.sent().length;
    const activity = messageActivity({ serviceUrl: connector.serviceUrl, tenantId: sandbox.tenantId, fromAadObjectId: person.id, fromName: person.name, text });
    const res = await fetch(`http://127.0.0.1:${app.port}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    expect(res.status).toBe(200);
    const sent = await connector.waitForSent(before + 1);
    expect(sent).toHaveLength(before + 1);
    return cardText(cardOf(sent[before]!.activity));
  };
  const ask = (app: RunningApp, topic: string) => say(app, PEOPLE.alex, `start chat with Megan Bowen, Lee Gu about ${topic}`);

  it('refuses the request past the limit with a clear message, creating nothing, until the next UTC day', async () => {
    // Three chats on the same UTC day, split across both instances.
    expect(await ask(a(), 'Daily one')).toContain('Daily one');
    now += 5_000;
    expect(await ask(b(), 'Daily two')).toContain('Daily two');
    now += 5_000;
    expect(await ask(a(), 'Daily three')).toContain('Daily three');
    expect(chatPosts()).toHaveLength(DAILY_LIMIT);

    // The next one, on either instance, is refused and creates nothing.
    now += 5_000;
    const refused = await ask(b(), 'Daily four');
    expect(refused).toMatch(/Daily limit reached[\s\S]*at most 3 chats a day\. Nothing was created; try again tomorrow \(the count starts again at midnight UTC\)/);
    // The last millisecond of the day is still that day.
    now = Date.parse('2026-11-27T23:59:59.999Z');
    expect(await ask(a(), 'Daily five')).toMatch(/Daily limit reached/);
    expect(chatPosts()).toHaveLength(DAILY_LIMIT);
    expect(chatsAbout('Daily four')).toHaveLength(0);
    expect(chatsAbout('Daily five')).toHaveLength(0);

    // Someone else has a count of their own.
    expect(await say(b(), PEOPLE.adele, 'start chat with Megan Bowen, Lee Gu about Adele on the same day')).toContain('Adele on the same day');

    // Midnight UTC: a new day. The refused request was not held against the person: asking again works.
    now = Date.parse('2026-11-28T00:00:00.000Z');
    expect(await ask(b(), 'Daily four')).toContain('Daily four');
    expect(chatsAbout('Daily four')).toHaveLength(1);
    expect(await ask(a(), 'Daily six')).toContain('Daily six');
    expect(await ask(b(), 'Daily seven')).toContain('Daily seven');
    // The new day's limit holds as the old one did.
    expect(await ask(a(), 'Daily eight')).toMatch(/Daily limit reached/);
    expect(chatsAbout('Daily eight')).toHaveLength(0);
    expect(chatPosts()).toHaveLength(2 * DAILY_LIMIT + 1);
  });
});
