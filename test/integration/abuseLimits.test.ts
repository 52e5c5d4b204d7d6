import type { SandboxTenant } from '../../src/sandbox';
import { CARD_VERBS } from '../../src/cards';
import { cardOf, cardText } from '../support/botOnSandbox';
import type { BotProcess } from '../support/botProcess';
import { ConnectorStub } from '../support/connectorStub';
import { PEOPLE } from '../support/people';
import { byId } from '../cards/cardTree';
import { cardActionInvoke, messageActivity } from '../support/teamsActivity';
import { TwoInstances, startTwoInstances } from '../support/twoInstances';

/**
 * The abuse limits over real HTTP, counted across two compiled bot instances that share their
 * state in Blob storage (Azurite): a person cannot get around the per-minute quota by landing on
 * the other instance, a refusal creates nothing, and the people and text limits answer clearly.
 */
describe('abuse limits across two bot instances', () => {
  let instances: TwoInstances;
  let sandbox: SandboxTenant;
  let connector: ConnectorStub;
  let bots: readonly BotProcess[] = [];

  beforeAll(async () => {
    instances = await startTwoInstances('abuse-limits', { LIMIT_CHATS_PER_MINUTE: '2', LIMIT_CHATS_PER_DAY: '50', LIMIT_PEOPLE_PER_CHAT: '3', LIMIT_TEXT_LENGTH: '120' });
    ({ sandbox, connector, bots } = instances);
  }, 60_000);
  afterAll(async () => {
    await instances?.stop();
  });
  beforeEach(() => {
    sandbox.requests.clear();
    connector.clear();
  });

  const [a, b] = [() => bots[0]!, () => bots[1]!];
  const as = (person: { id: string; name: string }) => ({ serviceUrl: connector.serviceUrl, tenantId: sandbox.tenantId, fromAadObjectId: person.id, fromName: person.name });
  const chatPosts = () => sandbox.requests.all().filter((entry) => entry.method === 'POST' && entry.path === '/v1.0/chats');
  const chatsAbout = (topic: string) => sandbox.chats.list().filter((chat) => chat.topic === topic);
  /** Sends one message to a bot and returns the text of the card it answers with. */
  const say = async (bot: BotProcess, person: { id: string; name: string }, text: string): Promise<string> => {
    const before = connector.sent().length;
    const res = await bot.post(messageActivity({ ...as(person), text }));
    expect(res.status).toBe(200);
    const sent = await connector.waitForSent(before + 1);
    return cardText(cardOf(sent[sent.length - 1]!.activity));
  };

  it('counts one person\'s chats on both instances together, and refuses the third within a minute without creating it', async () => {
    expect(await say(a(), PEOPLE.alex, 'start chat with Megan Bowen, Lee Gu about Quota one')).toContain('Quota one');
    expect(await say(b(), PEOPLE.alex, 'start chat with Megan Bowen, Lee Gu about Quota two')).toContain('Quota two');
    const refused = await say(a(), PEOPLE.alex, 'start chat with Megan Bowen, Lee Gu about Quota three');
    expect(refused).toMatch(/Slow down a little[\s\S]*at most 2 chats a minute\. Nothing was created; try again in \d+ seconds/);
    expect(chatPosts()).toHaveLength(2);
    expect(chatsAbout('Quota three')).toHaveLength(0);
    // Someone else is counted on their own.
    expect(await say(b(), PEOPLE.adele, 'start chat with Megan Bowen, Lee Gu about Adele\'s own')).toContain("Adele's own");
  });

  it('lets exactly the remaining chats through when one person\'s requests hit both instances at once', async () => {
    const requests = Array.from({ length: 6 }, (_, index) => messageActivity({ ...as(PEOPLE.megan), text: `start chat with Adele Vance, Lee Gu about Burst ${index}` }));
    const responses = await Promise.all(requests.map((activity, index) => (index % 2 === 0 ? a() : b()).post(activity)));
    expect(responses.map((res) => res.status)).toEqual([200, 200, 200, 200, 200, 200]);
    const sent = await connector.waitForSent(6);
    const texts = sent.map((call) => cardText(cardOf(call.activity)));
    expect(texts.filter((text) => /Slow down a little/.test(text))).toHaveLength(4);
    expect(chatPosts()).toHaveLength(2);
    expect(sandbox.chats.list().filter((chat) => chat.topic?.startsWith('Burst '))).toHaveLength(2);
  });

  it('refuses more people than the limit before looking anyone up; the form says the limit and shows itself again over it', async () => {
    const typed = await say(a(), PEOPLE.lee, 'start chat with Megan Bowen, Adele Vance, Alex Wilber about Too many');
    expect(typed).toMatch(/Too many people[\s\S]*at most 3 people/);
    // The form tells the person before they press Start: the configured limit, less themself.
    expect(await say(b(), PEOPLE.lee, 'start chat')).toContain('People (up to 2 besides you)');
    const form = cardActionInvoke({ ...as(PEOPLE.lee), verb: CARD_VERBS.startChat, replyToId: 'form-limits', data: { people: `${PEOPLE.megan.id},${PEOPLE.adele.id},${PEOPLE.alex.id}`, topic: 'Too many' } });
    const res = await b().post(form);
    expect(res.status).toBe(200);
    const shown = (res.body as { value: Record<string, unknown> }).value;
    expect(cardText(shown)).toMatch(/at most 3 people, you included: you picked 3 besides you/);
    expect(JSON.stringify(shown)).toContain('Input.ChoiceSet');
    expect(byId(shown, 'topic')?.value).toBe('Too many');
    expect(sandbox.requests.all().filter((entry) => entry.path.startsWith('/v1.0'))).toHaveLength(0);
  });

  it('refuses a message longer than the limit, saying how long it may be', async () => {
    const text = await say(b(), PEOPLE.lee, `start chat with Megan Bowen about ${'a long topic '.repeat(12)}`);
    expect(text).toMatch(/Message too long[\s\S]*up to 120 characters/);
    expect(chatPosts()).toHaveLength(0);
  });
});
