import { CARD_VERBS } from '../../src/cards/cardData';
import { BotOnSandbox, cardOf, cardText, openUrls, startBotOnSandbox } from '../support/botOnSandbox';
import type { ConnectorCall } from '../support/connectorStub';
import { kickoffCardsIn, loggedEventually, occurrences, playTeamsInstalls } from '../support/kickoffHarness';
import { PEOPLE } from '../support/people';
import { cardActionInvoke, messageActivity } from '../support/teamsActivity';

const GRANTS = ['Chat.Create', 'User.Read.All', 'TeamsAppInstallation.ReadWriteSelfForChat.All', 'AppCatalog.Read.All'];
const FEDERATED = '0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9@4dc1fe35-8ac6-4f0d-904a-7ebcd364bea1';

/**
 * The kickoff card over real HTTP: the compiled bot creates a chat in the sandbox tenant, installs
 * itself there through Graph, and posts the card proactively through the Bot Connector stand-in,
 * which refuses (403 BotNotInConversationRoster) until the sandbox has the app installed in that chat.
 */
describe('the kickoff card in each new chat', () => {
  let env: BotOnSandbox;
  let teams: ReturnType<typeof playTeamsInstalls>;
  const personal = 'a:kickoff-tests-personal-chat';

  beforeAll(async () => {
    env = await startBotOnSandbox({ KICKOFF: 'on' });
    teams = playTeamsInstalls(env.sandbox, env.connector, () => [env.bot]);
  });
  afterAll(async () => {
    teams?.stop();
    await env?.stop();
  });
  beforeEach(() => {
    env.sandbox.requests.clear();
    env.sandbox.faults.clear();
    env.sandbox.setAppPermissions(GRANTS);
    env.connector.clear();
  });

  const base = () => ({ serviceUrl: env.connector.serviceUrl, tenantId: env.sandbox.tenantId, fromAadObjectId: PEOPLE.alex.id, fromName: PEOPLE.alex.name, conversationId: personal });
  const replies = (): ConnectorCall[] => env.connector.sentTo(personal);
  async function waitForReplies(count: number): Promise<ConnectorCall[]> {
    await env.connector.waitForSent(count);
    for (let i = 0; i < 80 && replies().length < count; i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(replies().length).toBeGreaterThanOrEqual(count);
    return replies();
  }
  async function say(text: string): Promise<{ card: Record<string, unknown>; chatId: string }> {
    const before = replies().length;
    const res = await env.bot.post(messageActivity({ ...base(), text }));
    expect(res.status).toBeLessThan(300);
    const card = cardOf((await waitForReplies(before + 1))[before]!.activity);
    return { card, chatId: createdChatId() };
  }
  const createdChatId = (): string => {
    const post = env.sandbox.requests.all().filter((entry) => entry.method === 'POST' && entry.path === '/v1.0/chats').pop();
    return (post!.response as { id: string }).id;
  };
  const graphCalls = () => env.sandbox.requests.all().filter((entry) => !entry.inBatch && entry.path.startsWith('/v1.0'));
  const installs = () => env.sandbox.requests.all().filter((entry) => entry.method === 'POST' && entry.path.endsWith('/installedApps'));

  function expectOneKickoff(chatId: string, firstWords: string): void {
    const cards = kickoffCardsIn(env.connector, chatId);
    expect(cards).toHaveLength(1);
    const [kickoff] = cards;
    expect(kickoff!.call.method).toBe('POST');
    expect(kickoff!.call.activity.type).toBe('message');
    expect(kickoff!.mentions).toEqual([{ type: 'mention', text: '<at>Alex Wilber</at>', mentioned: { id: `29:${PEOPLE.alex.id}`, name: 'Alex Wilber' } }]);
    expect(occurrences(kickoff!.text, '<at>Alex Wilber</at>')).toBe(1);
    expect(kickoff!.firstWords).toBe(firstWords);
    if (firstWords !== '') expect(occurrences(kickoff!.text, firstWords.split('\n')[0]!)).toBe(1);
  }

  it('group chat: exactly one kickoff card, mentioning the requester, with the topic, the people and the first words as typed', async () => {
    const words = 'Hi both! Can we fix the *launch* date?\n\n<b>Agenda</b>: ${topic}';
    const { card, chatId } = await say(`start chat with Megan Bowen and adelev@example.com about Launch saying ${words}`);
    expect(openUrls(card)).toHaveLength(1);
    expect(cardText(card)).not.toMatch(/opening message/);
    expectOneKickoff(chatId, words);
    const [kickoff] = kickoffCardsIn(env.connector, chatId);
    expect(kickoff!.text).toContain('Launch');
    expect(kickoff!.text).toContain('Megan Bowen, Adele Vance');
    // Teams' conversationUpdate for the install got no welcome or help card in the new chat.
    await teams.settled();
    expect(env.connector.sentTo(chatId)).toHaveLength(1);
    expect(await loggedEventually(env.bot, 'no welcome: the bot created this chat')).toBe(true);
    // The install needed no roster retry here; the sandbox log shows the one install.
    expect(installs().map((entry) => entry.status)).toEqual([201]);
  });

  it('warm, a request with kickoff costs three Graph requests: $batch, POST /chats, POST installedApps', async () => {
    await say('start chat with Megan Bowen and Lee Gu about Warming up'); // the catalog id is looked up once
    env.sandbox.requests.clear();
    await say('start chat with Megan Bowen and Lee Gu about Warm saying hello');
    expect(graphCalls().map((entry) => `${entry.method} ${entry.path.replace(/chats\/[^/]+\//, 'chats/{id}/')}`)).toEqual([
      'POST /v1.0/$batch', 'POST /v1.0/chats', 'POST /v1.0/chats/{id}/installedApps',
    ]);
  });

  it('one-on-one chat, then the same one-on-one again: each request gets exactly one kickoff, the install answers 409 the second time', async () => {
    const first = await say('start chat with meganb@example.com saying First words');
    expect(first.chatId).toMatch(/@unq\.gbl\.spaces$/);
    expectOneKickoff(first.chatId, 'First words');
    env.connector.clear();
    const again = await say('start chat with Megan Bowen saying Second words');
    expect(again.chatId).toBe(first.chatId);
    expect(installs().map((entry) => entry.status)).toEqual([201, 409]);
    expectOneKickoff(again.chatId, 'Second words');
    expect(cardText(again.card)).not.toMatch(/opening message/);
  });

  it('a redelivered turn (same activity, twice at once) posts one kickoff card', async () => {
    env.sandbox.faults.add({ method: 'POST', path: '/v1.0/chats', delayMs: 800, count: 1 });
    const activity = messageActivity({ ...base(), text: 'start chat with Megan Bowen and Lee Gu about Redelivered saying Once only' });
    const [one, two] = await Promise.all([env.bot.post(activity), env.bot.post(activity)]);
    expect([one.status, two.status]).toEqual([200, 200]);
    await waitForReplies(1);
    const chats = env.sandbox.chats.list().filter((chat) => chat.topic === 'Redelivered');
    expect(chats).toHaveLength(1);
    expectOneKickoff(chats[0]!.id, 'Once only');
    // And once more later, as Teams does after a slow turn: replayed, nothing posted again.
    await env.bot.post(activity);
    await waitForReplies(2);
    expect(kickoffCardsIn(env.connector, chats[0]!.id)).toHaveLength(1);
  });

  it('the form with a first message, double-clicked: one chat, one kickoff card', async () => {
    const data = { verb: CARD_VERBS.startChat, people: `${PEOPLE.megan.id},${PEOPLE.lee.id}`, topic: 'From the form', message: 'Line one\nLine two' };
    const invoke = () => env.bot.post(cardActionInvoke({ ...base(), verb: CARD_VERBS.startChat, data, replyToId: 'form-card-1' }));
    const [one, two] = await Promise.all([invoke(), invoke()]);
    expect([one.status, two.status]).toEqual([200, 200]);
    const chats = env.sandbox.chats.list().filter((chat) => chat.topic === 'From the form');
    expect(chats).toHaveLength(1);
    expectOneKickoff(chats[0]!.id, 'Line one\nLine two');
  });

  it('a refused install leaves the chat created and linked, says so on the result card, and posts nothing', async () => {
    env.sandbox.faults.add({ method: 'POST', path: /\/installedApps$/, status: 400, count: 1 });
    const { card, chatId } = await say('start chat with Megan Bowen and Lee Gu about Refused');
    expect(env.sandbox.chats.list().some((chat) => chat.id === chatId)).toBe(true);
    expect(openUrls(card)).toHaveLength(1);
    expect(cardText(card)).toMatch(/couldn't post the opening message.*Teams refused to add Chat Starter.*An admin can check/s);
    expect(env.connector.sentTo(chatId)).toEqual([]);
    expect(await loggedEventually(env.bot, '"cause":"installRefused"')).toBe(true);
  });

  it('a missing install permission: created and linked, the card names the permission for the admin, nothing posted', async () => {
    env.sandbox.setAppPermissions(['Chat.Create', 'User.Read.All', 'AppCatalog.Read.All']);
    const { card, chatId } = await say('start chat with Megan Bowen and Lee Gu about No permission');
    expect(openUrls(card)).toHaveLength(1);
    expect(cardText(card)).toMatch(/lacks the Microsoft Graph permission TeamsAppInstallation\.ReadWriteSelfForChat\.All\. An admin can grant it/);
    expect(env.connector.sentTo(chatId)).toEqual([]);
    expect(await loggedEventually(env.bot, '"cause":"permissionMissing"')).toBe(true);
  });

  it('a one-on-one with someone of another organization: created and linked, no install tried, nothing posted', async () => {
    const { card, chatId } = await say(`start chat with ${FEDERATED} saying hi`);
    expect(chatId).toMatch(/@fed\.unq\.gbl\.spaces$/);
    expect(openUrls(card)).toHaveLength(1);
    expect(cardText(card)).toMatch(/Teams allows no apps in a one-on-one chat with someone from another organization/);
    expect(installs()).toEqual([]);
    expect(env.connector.sentTo(chatId)).toEqual([]);
    expect(await loggedEventually(env.bot, '"cause":"externalOneOnOne"')).toBe(true);
  });

  it('waits out BotNotInConversationRoster after the install (Teams is slow to add the bot), then posts once', async () => {
    // Until joinRoster, this chat's roster lacks the bot even though the app is installed.
    const stopAfter = 2;
    let refusals = 0;
    env.connector.requireRoster((conversationId) => {
      if (!conversationId.startsWith('19:')) return true;
      const chat = env.sandbox.chats.list().find((entry) => entry.id === conversationId);
      if (!chat || chat.installedApps.length === 0) return false;
      refusals += 1;
      return refusals > stopAfter;
    });
    const { chatId } = await say('start chat with Megan Bowen and Lee Gu about Slow roster saying patience');
    expectOneKickoff(chatId, 'patience');
    expect(env.connector.refused.filter((entry) => entry.conversationId === chatId).map((entry) => entry.code)).toEqual(['BotNotInConversationRoster', 'BotNotInConversationRoster']);
    // The second refusal installs again; the sandbox answers 409, which is fine.
    expect(installs().map((entry) => entry.status)).toEqual([201, 409]);
    teams.stop();
    teams = playTeamsInstalls(env.sandbox, env.connector, () => [env.bot]);
  });

  it('waits out a 429 from the Bot Connector', async () => {
    env.connector.injectFailure({ status: 429, count: 1, retryAfterSeconds: 1 });
    const { chatId } = await say('start chat with Megan Bowen and Lee Gu about Throttled saying after the wait');
    expectOneKickoff(chatId, 'after the wait');
    expect(env.connector.refused.map((entry) => entry.status)).toContain(429);
  });
});

describe('the kickoff when the app is not in the catalog', () => {
  let env: BotOnSandbox;
  beforeAll(async () => {
    env = await startBotOnSandbox({ KICKOFF: 'on' });
    env.sandbox.teamsApps.set([]);
  });
  afterAll(async () => {
    await env?.stop();
  });

  it('leaves the chat created and linked, tells the admin to upload the app, posts nothing', async () => {
    const res = await env.bot.post(messageActivity({
      serviceUrl: env.connector.serviceUrl, tenantId: env.sandbox.tenantId, fromAadObjectId: PEOPLE.alex.id, fromName: PEOPLE.alex.name, text: 'start chat with Megan Bowen and Lee Gu about No app',
    }));
    expect(res.status).toBeLessThan(300);
    const [reply] = await env.connector.waitForSent(1);
    const card = cardOf(reply!.activity);
    const chat = env.sandbox.chats.list().find((entry) => entry.topic === 'No app');
    expect(chat).toBeDefined();
    expect(openUrls(card)).toEqual([chat!.webUrl]);
    expect(cardText(card)).toMatch(/isn't in your organization's Teams app catalog\. An admin can upload it/);
    expect(env.connector.sentTo(chat!.id)).toEqual([]);
    expect(env.sandbox.requests.all().filter((entry) => entry.path.endsWith('/installedApps'))).toEqual([]);
    expect(await loggedEventually(env.bot, '"cause":"notInCatalog"')).toBe(true);
  });
});
