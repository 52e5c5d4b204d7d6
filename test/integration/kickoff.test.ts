import { CARD_VERBS } from '../../src/cards/cardData';
import { RunningBot, startBotProcess } from '../../src/dev/botProcess';
import { SandboxTenant, startSandbox } from '../../src/sandbox';
import { BotOnSandbox, cardOf, cardText, kickoffEnv, openUrls, startBotOnSandbox } from '../support/botOnSandbox';
import { type ConnectorCall, ConnectorStub } from '../support/connectorStub';
import { kickoffCardsIn, loggedEventually, occurrences, playTeamsInstalls } from '../support/kickoffHarness';
import { PEOPLE } from '../support/people';
import { cardActionInvoke, cardSubmitMessage, messageActivity } from '../support/teamsActivity';

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
  /** The bot's messages in the requester's conversation (updates of them left out). */
  const replies = (): ConnectorCall[] => env.connector.sentTo(personal).filter((call) => call.method === 'POST');
  const updatesOf = (replyId: string): ConnectorCall[] => env.connector.sentTo(personal).filter((call) => call.method === 'PUT' && call.activityId === replyId);
  async function waitForReplies(count: number): Promise<ConnectorCall[]> {
    await env.connector.waitForSent(count);
    for (let i = 0; i < 80 && replies().length < count; i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(replies().length).toBeGreaterThanOrEqual(count);
    return replies();
  }
  /** Sends a typed request; its result card as first sent (the kickoff may still be under way). */
  async function say(text: string): Promise<{ card: Record<string, unknown>; chatId: string; replyId: string }> {
    const before = replies().length;
    const res = await env.bot.post(messageActivity({ ...base(), text }));
    expect(res.status).toBeLessThan(300);
    const reply = (await waitForReplies(before + 1))[before]!;
    return { card: cardOf(reply.activity), chatId: createdChatId(), replyId: reply.id };
  }
  /** The kickoff has settled: its card is in the chat, or the result card was updated to say it is not. */
  async function kickoffSettled(chatId: string, replyId: string): Promise<void> {
    while (kickoffCardsIn(env.connector, chatId).length === 0 && updatesOf(replyId).length === 0) {
      await env.connector.waitForSent(env.connector.sent().length + 1, 30_000);
    }
  }
  /** Sends a typed request whose kickoff fails; the result card as updated with the reason (once). */
  /** Waits for `condition`, failing after `timeoutMs` (the old in-turn kickoff never satisfies some of these). */
  async function until(condition: () => boolean, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error('waited in vain');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
  const toldLines = (): number => env.bot.logs.filter((line) => line.includes('told the requester the kickoff was not posted')).length;
  async function sayAndSettle(text: string): Promise<{ first: Record<string, unknown>; updated: Record<string, unknown>; chatId: string }> {
    const toldBefore = toldLines();
    const { card, chatId, replyId } = await say(text);
    await kickoffSettled(chatId, replyId);
    // The bot has finished telling (its log says so): only now is "exactly one update" final.
    await until(() => toldLines() > toldBefore);
    const updates = updatesOf(replyId);
    expect(updates).toHaveLength(1);
    return { first: card, updated: cardOf(updates[0]!.activity), chatId };
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
    const { card, chatId, replyId } = await say(`start chat with Megan Bowen and adelev@example.com about Launch saying ${words}`);
    expect(openUrls(card)).toHaveLength(1);
    expect(cardText(card)).not.toMatch(/opening message/);
    await kickoffSettled(chatId, replyId);
    expectOneKickoff(chatId, words);
    expect(updatesOf(replyId)).toEqual([]);
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
    const warming = await say('start chat with Megan Bowen and Lee Gu about Warming up'); // the catalog id is looked up once
    await kickoffSettled(warming.chatId, warming.replyId);
    env.sandbox.requests.clear();
    const warm = await say('start chat with Megan Bowen and Lee Gu about Warm saying hello');
    await kickoffSettled(warm.chatId, warm.replyId);
    expect(graphCalls().map((entry) => `${entry.method} ${entry.path.replace(/chats\/[^/]+\//, 'chats/{id}/')}`)).toEqual([
      'POST /v1.0/$batch', 'POST /v1.0/chats', 'POST /v1.0/chats/{id}/installedApps',
    ]);
  });

  it('one-on-one chat, then the same one-on-one again: each request gets exactly one kickoff, the install answers 409 the second time', async () => {
    const first = await say('start chat with meganb@example.com saying First words');
    expect(first.chatId).toMatch(/@unq\.gbl\.spaces$/);
    await kickoffSettled(first.chatId, first.replyId);
    expectOneKickoff(first.chatId, 'First words');
    env.connector.clear();
    const again = await say('start chat with Megan Bowen saying Second words');
    expect(again.chatId).toBe(first.chatId);
    await kickoffSettled(again.chatId, again.replyId);
    expect(installs().map((entry) => entry.status)).toEqual([201, 409]);
    expectOneKickoff(again.chatId, 'Second words');
    expect(cardText(again.card)).not.toMatch(/opening message/);
  });

  it('a redelivered turn (same activity, twice at once) posts one kickoff card', async () => {
    env.sandbox.faults.add({ method: 'POST', path: '/v1.0/chats', delayMs: 800, count: 1 });
    const activity = messageActivity({ ...base(), text: 'start chat with Megan Bowen and Lee Gu about Redelivered saying Once only' });
    const [one, two] = await Promise.all([env.bot.post(activity), env.bot.post(activity)]);
    expect([one.status, two.status]).toEqual([200, 200]);
    const [reply] = await waitForReplies(1);
    const chats = env.sandbox.chats.list().filter((chat) => chat.topic === 'Redelivered');
    expect(chats).toHaveLength(1);
    await kickoffSettled(chats[0]!.id, reply!.id);
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
    while (kickoffCardsIn(env.connector, chats[0]!.id).length === 0) await env.connector.waitForSent(env.connector.sent().length + 1);
    expectOneKickoff(chats[0]!.id, 'Line one\nLine two');
  });

  it('answers with the result card while the kickoff still waits for Teams to add the bot, then posts the kickoff once', async () => {
    // Teams keeps the bot out of the new chat's roster until the test lets it in.
    let rosterOpen = false;
    env.connector.requireRoster((conversationId) => !conversationId.startsWith('19:') || rosterOpen);
    try {
      const { card, chatId, replyId } = await say('start chat with Megan Bowen and Lee Gu about Not yet in the roster saying in a moment');
      // The turn is over and the person has the chat's link: the kickoff has not been posted yet.
      expect(openUrls(card)).toEqual([env.sandbox.chats.list().find((chat) => chat.id === chatId)!.webUrl]);
      expect(cardText(card)).not.toMatch(/opening message/);
      expect(kickoffCardsIn(env.connector, chatId)).toEqual([]);
      rosterOpen = true;
      await kickoffSettled(chatId, replyId);
      expectOneKickoff(chatId, 'in a moment');
      expect(updatesOf(replyId)).toEqual([]);
    } finally {
      teams.stop();
      teams = playTeamsInstalls(env.sandbox, env.connector, () => [env.bot]);
    }
  });

  it('a kickoff that fails after the result card was sent: that card is updated once with the reason, nothing posted in the chat', async () => {
    env.connector.requireRoster((conversationId) => !conversationId.startsWith('19:'));
    try {
      const toldBefore = toldLines();
      const { card, chatId, replyId } = await say('start chat with Megan Bowen and Lee Gu about Fails later saying never shown');
      expect(cardText(card)).not.toMatch(/opening message/);
      // The Bot Connector refuses the kickoff's next try outright (a failed send is never repeated).
      env.connector.injectFailure({ status: 400, count: 1 });
      await kickoffSettled(chatId, replyId);
      await until(() => toldLines() > toldBefore);
      const updates = updatesOf(replyId);
      expect(updates).toHaveLength(1);
      const updated = cardOf(updates[0]!.activity);
      expect(openUrls(updated)).toEqual(openUrls(card));
      expect(cardText(updated)).toMatch(/I couldn't post the opening message in the chat: Teams didn't deliver it\. Write the first message yourself/);
      expect(kickoffCardsIn(env.connector, chatId)).toEqual([]);
      // A redelivery now replays the result as recorded, with the reason, and posts nothing.
      const replayed = await say('start chat with Megan Bowen and Lee Gu about Fails later saying never shown');
      expect(cardText(replayed.card)).toMatch(/Teams didn't deliver it/);
      expect(kickoffCardsIn(env.connector, chatId)).toEqual([]);
    } finally {
      teams.stop();
      teams = playTeamsInstalls(env.sandbox, env.connector, () => [env.bot]);
    }
  });

  it('a form whose kickoff fails: the result card that answered the click is replaced once with the reason', async () => {
    env.sandbox.faults.add({ method: 'POST', path: /\/installedApps$/, status: 400, count: 1 });
    const toldBefore = toldLines();
    const data = { verb: CARD_VERBS.startChat, people: `${PEOPLE.megan.id},${PEOPLE.lee.id}`, topic: 'Form refused', message: 'hi' };
    const res = await env.bot.post(cardActionInvoke({ ...base(), verb: CARD_VERBS.startChat, data, replyToId: 'form-card-refused' }));
    const answered = (res.body as { value: Record<string, unknown> }).value;
    expect(openUrls(answered)).toHaveLength(1);
    await until(() => toldLines() > toldBefore);
    const updates = env.connector.sentTo(personal).filter((call) => call.method === 'PUT' && call.activityId === 'form-card-refused');
    expect(updates).toHaveLength(1);
    expect(cardText(cardOf(updates[0]!.activity))).toMatch(/Teams refused to add Chat Starter/);
    expect(openUrls(cardOf(updates[0]!.activity))).toEqual(openUrls(answered));
  });

  it('the form sent as a message (Action.Submit) whose kickoff fails: the reason follows the result card, once', async () => {
    env.sandbox.faults.add({ method: 'POST', path: /\/installedApps$/, status: 400, count: 1 });
    const toldBefore = toldLines();
    const before = replies().length;
    const value = { verb: CARD_VERBS.startChat, people: `${PEOPLE.megan.id},${PEOPLE.lee.id}`, topic: 'Submitted refused', message: 'hi' };
    const res = await env.bot.post(cardSubmitMessage({ ...base(), replyToId: 'form-card-submitted', value }));
    expect(res.status).toBe(200);
    await until(() => toldLines() > toldBefore);
    const [result, note, ...more] = replies().slice(before);
    expect(cardText(cardOf(result!.activity))).toMatch(/Submitted refused/);
    expect(note!.activity.text).toMatch(/^I couldn't post the opening message in the chat: Teams refused to add Chat Starter/);
    expect(more).toEqual([]);
  });

  it('a refused install leaves the chat created and linked, says so on the result card (updated once), and posts nothing', async () => {
    env.sandbox.faults.add({ method: 'POST', path: /\/installedApps$/, status: 400, count: 1 });
    const { first, updated: card, chatId } = await sayAndSettle('start chat with Megan Bowen and Lee Gu about Refused');
    expect(env.sandbox.chats.list().some((chat) => chat.id === chatId)).toBe(true);
    expect(openUrls(first)).toEqual(openUrls(card));
    expect(openUrls(card)).toHaveLength(1);
    expect(cardText(card)).toMatch(/couldn't post the opening message.*Teams refused to add Chat Starter.*An admin can check/s);
    expect(env.connector.sentTo(chatId)).toEqual([]);
    expect(await loggedEventually(env.bot, '"cause":"installRefused"')).toBe(true);
  });

  it('a missing install permission: created and linked, the card names the permission for the admin, nothing posted', async () => {
    env.sandbox.setAppPermissions(['Chat.Create', 'User.Read.All', 'AppCatalog.Read.All']);
    const { updated: card, chatId } = await sayAndSettle('start chat with Megan Bowen and Lee Gu about No permission');
    expect(openUrls(card)).toHaveLength(1);
    expect(cardText(card)).toMatch(/lacks the Microsoft Graph permission TeamsAppInstallation\.ReadWriteSelfForChat\.All\. An admin can grant it/);
    expect(env.connector.sentTo(chatId)).toEqual([]);
    expect(await loggedEventually(env.bot, '"cause":"permissionMissing"')).toBe(true);
  });

  it('a one-on-one with someone of another organization: created and linked, said at once on the result card, no install tried, nothing posted', async () => {
    const { card, chatId, replyId } = await say(`start chat with ${FEDERATED} saying hi`);
    expect(chatId).toMatch(/@fed\.unq\.gbl\.spaces$/);
    expect(openUrls(card)).toHaveLength(1);
    expect(cardText(card)).toMatch(/Teams allows no apps in a one-on-one chat with someone from another organization/);
    expect(installs()).toEqual([]);
    expect(env.connector.sentTo(chatId)).toEqual([]);
    expect(await loggedEventually(env.bot, '"cause":"externalOneOnOne"')).toBe(true);
    expect(updatesOf(replyId)).toEqual([]);
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
    const { chatId, replyId } = await say('start chat with Megan Bowen and Lee Gu about Slow roster saying patience');
    await kickoffSettled(chatId, replyId);
    expectOneKickoff(chatId, 'patience');
    expect(env.connector.refused.filter((entry) => entry.conversationId === chatId).map((entry) => entry.code)).toEqual(['BotNotInConversationRoster', 'BotNotInConversationRoster']);
    // Refused for well under the six seconds after which it installs again: one install (installing again is in test/kickoff).
    expect(installs().map((entry) => entry.status)).toEqual([201]);
    teams.stop();
    teams = playTeamsInstalls(env.sandbox, env.connector, () => [env.bot]);
  });

  it('waits out a 429 from the Bot Connector', async () => {
    env.connector.injectFailure({ status: 429, count: 1, retryAfterSeconds: 1 });
    const { chatId, replyId } = await say('start chat with Megan Bowen and Lee Gu about Throttled saying after the wait');
    await kickoffSettled(chatId, replyId);
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
    const [reply, update] = await env.connector.waitForSent(2);
    // The result card first, then, once the kickoff gave up, the same card updated with the reason.
    expect(reply!.method).toBe('POST');
    expect(update).toMatchObject({ method: 'PUT', activityId: reply!.id, conversationId: reply!.conversationId });
    const card = cardOf(update!.activity);
    const chat = env.sandbox.chats.list().find((entry) => entry.topic === 'No app');
    expect(chat).toBeDefined();
    expect(openUrls(cardOf(reply!.activity))).toEqual([chat!.webUrl]);
    expect(openUrls(card)).toEqual([chat!.webUrl]);
    expect(cardText(card)).toMatch(/isn't in your organization's Teams app catalog\. An admin can upload it/);
    expect(env.connector.sentTo(chat!.id)).toEqual([]);
    expect(env.sandbox.requests.all().filter((entry) => entry.path.endsWith('/installedApps'))).toEqual([]);
    expect(await loggedEventually(env.bot, '"cause":"notInCatalog"')).toBe(true);
  });
});

describe('the kickoff when the bot is stopped while it waits for Teams', () => {
  let sandbox: SandboxTenant | undefined;
  let connector: ConnectorStub | undefined;
  let bot: RunningBot | undefined;
  afterAll(async () => {
    await bot?.stop();
    await connector?.stop();
    await sandbox?.close();
  });

  it('finishes the kickoff within the shutdown grace (the in-flight work registry holds it), then exits 0', async () => {
    sandbox = await startSandbox({ port: 0 });
    connector = new ConnectorStub();
    await connector.start();
    const lines: string[] = [];
    bot = await startBotProcess({
      env: { ...kickoffEnv(sandbox), NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS ?? '', PORT: '0', LOG_LEVEL: 'info', SHUTDOWN_GRACE_SECONDS: '15' },
      onLine: (line) => lines.push(line),
    });
    let rosterOpen = false;
    connector.requireRoster((conversationId) => !conversationId.startsWith('19:') || rosterOpen);
    const activity = messageActivity({ serviceUrl: connector.serviceUrl, tenantId: sandbox.tenantId, fromAadObjectId: PEOPLE.alex.id, fromName: PEOPLE.alex.name, text: 'start chat with Megan Bowen and Lee Gu about Stopping saying still here' });
    const res = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    expect(res.status).toBe(200);
    const [reply] = await connector.waitForSent(1);
    expect(openUrls(cardOf(reply!.activity))).toHaveLength(1);
    const chat = sandbox.chats.list().find((entry) => entry.topic === 'Stopping')!;
    // The kickoff is waiting out Teams' roster refusals when the process is told to stop.
    while (!connector.refused.some((entry) => entry.conversationId === chat.id)) await connector.waitForSent(connector.sent().length + 1, 200).catch(() => undefined);
    process.kill(bot.pid, 'SIGTERM');
    while (!lines.some((line) => line.includes('"stopping'))) await new Promise((resolve) => setTimeout(resolve, 20));
    rosterOpen = true;
    expect(await bot.exited).toBe(0);
    expect(kickoffCardsIn(connector, chat.id)).toHaveLength(1);
    expect(lines.some((line) => line.includes('every request in flight finished'))).toBe(true);
  }, 60_000);
});
