import { CARD_INPUTS, CARD_VERBS } from '../../src/cards/cardData';
import { ACTION_COMMAND_IDS } from '../../src/messageExtension/actionCommands';
import { BotOnSandbox, cardOf, cardText, openUrls, startBotOnSandbox } from '../support/botOnSandbox';
import { kickoffCardsIn, playTeamsInstalls } from '../support/kickoffHarness';
import { PEOPLE } from '../support/people';
import { messageExtensionInvoke } from '../support/teamsActivity';

/**
 * The message extension over real HTTP: Teams-shaped `composeExtension/*` invokes into the
 * compiled bot, the sandbox tenant behind Graph, the Bot Connector stand-in for member lists and
 * the personal chat.
 */
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests reach into parsed JSON freely

describe('the message extension over HTTP', () => {
  let env: BotOnSandbox;
  beforeAll(async () => {
    env = await startBotOnSandbox();
  });
  afterAll(async () => {
    await env?.stop();
  });
  beforeEach(() => {
    env.sandbox.requests.clear();
    env.sandbox.faults.clear();
    env.connector.clear();
  });

  const base = (extra: Json = {}) => ({ serviceUrl: env.connector.serviceUrl, tenantId: env.sandbox.tenantId, fromAadObjectId: PEOPLE.alex.id, fromName: PEOPLE.alex.name, conversationId: '19:channel-thread@thread.tacv2', conversationType: 'channel' as const, ...extra });
  const chatPosts = () => env.sandbox.requests.all().filter((entry) => entry.method === 'POST' && entry.path === '/v1.0/chats');
  const graphCalls = () => env.sandbox.requests.all().filter((entry) => entry.path.startsWith('/v1.0'));
  const invoke = async (name: 'composeExtension/fetchTask' | 'composeExtension/submitAction', value: unknown, extra: Json = {}) => {
    const res = await env.bot.post(messageExtensionInvoke({ ...base(extra), name, value }));
    expect(res.status).toBe(200);
    return (res.body as { task: { type: string; value: Json } }).task;
  };
  const dialogCard = (task: { type: string; value: Json }): Json => {
    expect(task.type).toBe('continue');
    expect(task.value.card.contentType).toBe('application/vnd.microsoft.card.adaptive');
    return task.value.card.content as Json;
  };
  const input = (card: Json, id: string): Json => (card.body as Json[]).find((element) => element.id === id)!;
  const person = (who: { id: string; name: string }) => ({ user: { id: who.id, displayName: who.name, userIdentityType: 'aadUser' } });

  /** A channel post by Megan that mentions Adele and Patrick (and a bot, which is left out). */
  const post = {
    id: '1732700000000',
    createdDateTime: '2026-11-27T10:00:00.000Z',
    subject: null,
    linkToMessage: 'https://teams.microsoft.com/l/message/19:channel-thread@thread.tacv2/1732700000000',
    body: { contentType: 'html', content: '<p><at id="0">Adele</at>, <at id="1">Patrick</at>: can we settle the <b>launch checklist</b> before Friday? <at id="2">Polly</at></p>' },
    from: person(PEOPLE.megan),
    mentions: [
      { id: 0, mentionText: 'Adele', mentioned: person(PEOPLE.adele) },
      { id: 1, mentionText: 'Patrick', mentioned: person(PEOPLE.patrick) },
      { id: 2, mentionText: 'Polly', mentioned: { application: { id: '28:polly', displayName: 'Polly', applicationIdentityType: 'bot' } } },
    ],
  };
  const fetchFromPost = () => invoke('composeExtension/fetchTask', { commandId: ACTION_COMMAND_IDS.startChatAboutMessage, commandContext: 'message', context: { theme: 'default' }, messagePayload: post });
  const submitted = (people: string, topic: string, extra: Json = {}) => ({
    commandId: ACTION_COMMAND_IDS.startChatAboutMessage,
    commandContext: 'message',
    context: { theme: 'default' },
    data: { verb: CARD_VERBS.startChat, [CARD_INPUTS.people]: people, [CARD_INPUTS.topic]: topic, ...extra },
  });

  it('fetchTask on a message: a form holding exactly its author and the two people it mentions, and the proposed topic', async () => {
    const card = dialogCard(await fetchFromPost());
    expect(input(card, CARD_INPUTS.people).value).toBe([PEOPLE.megan.id, PEOPLE.adele.id, PEOPLE.patrick.id].join(','));
    expect(input(card, CARD_INPUTS.topic).value).toBe('Adele, Patrick: can we settle the launch checklist before Friday? Polly');
    expect(input(card, CARD_INPUTS.message).value).toContain(post.linkToMessage);
    // Opening the dialog looks nothing up and creates nothing.
    expect(graphCalls()).toHaveLength(0);
  });

  it('submitAction with that form: one group chat with them and the requester, answered with its link; a redelivery creates nothing more', async () => {
    const card = dialogCard(await fetchFromPost());
    const value = submitted(input(card, CARD_INPUTS.people).value as string, input(card, CARD_INPUTS.topic).value as string);
    const first = dialogCard(await invoke('composeExtension/submitAction', value, { id: 'submit-1' }));

    expect(chatPosts()).toHaveLength(1);
    const [created] = chatPosts();
    expect(created!.status).toBe(201);
    expect((created!.body as Json).chatType).toBe('group');
    expect((created!.body as Json).topic).toBe('Adele, Patrick: can we settle the launch checklist before Friday? Polly');
    const chat = created!.response as { id: string; webUrl: string };
    expect(env.sandbox.chats.list().find((entry) => entry.id === chat.id)?.members.map((member) => member.userId).sort()).toEqual(
      [PEOPLE.alex.id, PEOPLE.megan.id, PEOPLE.adele.id, PEOPLE.patrick.id].sort(),
    );
    expect(openUrls(first)).toEqual([chat.webUrl]);
    expect(cardText(first)).toContain('Patrick');

    // Teams retries a submitAction it thinks went unanswered: same activity id, or a new one.
    const again = dialogCard(await invoke('composeExtension/submitAction', value, { id: 'submit-1' }));
    const retried = dialogCard(await invoke('composeExtension/submitAction', value, { id: 'submit-2' }));
    expect(openUrls(again)).toEqual([chat.webUrl]);
    expect(openUrls(retried)).toEqual([chat.webUrl]);
    expect(chatPosts()).toHaveLength(1);
    expect(env.connector.sent()).toEqual([]);
  });

  it.each([
    ['a foreign tenant', submitted(`${PEOPLE.megan.id},${PEOPLE.adele.id}`, 'Foreign'), { tenantId: '11111111-2222-3333-4444-555555555555' }, /isn't enabled/],
    ['no people', submitted('', 'Nobody'), {}, /Pick at least one person/],
    ['people that are not ids', submitted('Megan Bowen', 'Names'), {}, /not a person/],
    ['people of the wrong type', { ...submitted('', 'Types'), data: { verb: CARD_VERBS.startChat, people: [PEOPLE.megan.id], topic: 7 } }, {}, /missing its fields/],
    ['no data', { commandId: ACTION_COMMAND_IDS.startChat, commandContext: 'compose' }, {}, /not one I know/],
    ['data that is a string', { commandId: ACTION_COMMAND_IDS.startChat, commandContext: 'compose', data: 'x' }, {}, /could not read/],
    ['a huge form', submitted(PEOPLE.megan.id, 'Huge', { padding: 'x'.repeat(20_000) }), {}, /too large/],
  ])('submitAction with %s: a clear error in the dialog, nothing looked up or created', async (_what, value, extra, message) => {
    const task = await invoke('composeExtension/submitAction', value, extra);
    expect(cardText(dialogCard(task))).toMatch(message);
    expect(graphCalls()).toHaveLength(0);
  });

  it.each([
    ['an unknown command', { commandId: 'dance', commandContext: 'compose', data: { verb: CARD_VERBS.startChat, people: PEOPLE.megan.id } }],
    ['a value that is not an object', 'composeExtension'],
  ])('submitAction with %s: a message, nothing created', async (_what, value) => {
    const task = await invoke('composeExtension/submitAction', value);
    expect(task.type).toBe('message');
    expect(task.value).toMatch(/not one Chat Starter knows/);
    expect(graphCalls()).toHaveLength(0);
  });

  it('fetchTask on a message from a foreign tenant: refused in the dialog', async () => {
    const res = await env.bot.post(
      messageExtensionInvoke({ ...base({ tenantId: '11111111-2222-3333-4444-555555555555' }), name: 'composeExtension/fetchTask', value: { commandId: ACTION_COMMAND_IDS.startChatAboutMessage, commandContext: 'message', messagePayload: post } }),
    );
    expect(res.status).toBe(200);
    expect(cardText(dialogCard((res.body as { task: { type: string; value: Json } }).task))).toMatch(/isn't enabled/);
  });

  it("fetchTask from a group chat's compose box: the form holds the chat's members, not the requester", async () => {
    const conversationId = '19:group-members@thread.v2';
    env.connector.setConversationMembers(conversationId, [
      { id: `29:${PEOPLE.alex.id}`, name: PEOPLE.alex.name, aadObjectId: PEOPLE.alex.id },
      { id: `29:${PEOPLE.megan.id}`, name: PEOPLE.megan.name, aadObjectId: PEOPLE.megan.id },
      { id: `29:${PEOPLE.lee.id}`, name: PEOPLE.lee.name, aadObjectId: PEOPLE.lee.id },
      { id: '28:another-bot', name: 'Another bot' },
    ]);
    const task = await invoke('composeExtension/fetchTask', { commandId: ACTION_COMMAND_IDS.startChat, commandContext: 'compose' }, { conversationId, conversationType: 'groupChat' });
    const card = dialogCard(task);
    expect(input(card, CARD_INPUTS.people).value).toBe([PEOPLE.megan.id, PEOPLE.lee.id].join(','));
    expect(input(card, CARD_INPUTS.people).choices).toEqual([
      { title: PEOPLE.megan.name, value: PEOPLE.megan.id },
      { title: PEOPLE.lee.name, value: PEOPLE.lee.id },
    ]);
  });

  it("fetchTask from a group chat's compose box when the connector is slow or refuses: the form opens empty", async () => {
    const slow = '19:group-slow@thread.v2';
    env.connector.setConversationMembers(slow, [{ id: `29:${PEOPLE.megan.id}`, name: PEOPLE.megan.name, aadObjectId: PEOPLE.megan.id }], { delayMs: 4_000 });
    const late = dialogCard(await invoke('composeExtension/fetchTask', { commandId: ACTION_COMMAND_IDS.startChat, commandContext: 'compose' }, { conversationId: slow, conversationType: 'groupChat' }));
    expect(input(late, CARD_INPUTS.people).value).toBe('');
    // No roster at all: the stub answers 404, as the connector does for a chat the bot is not in.
    const unknown = dialogCard(await invoke('composeExtension/fetchTask', { commandId: ACTION_COMMAND_IDS.startChat, commandContext: 'compose' }, { conversationId: '19:not-in@thread.v2', conversationType: 'groupChat' }));
    expect(input(unknown, CARD_INPUTS.people).value).toBe('');
  });

  it('when Graph is slow: "creating…" in the dialog at once, then the result in the personal chat with the bot, once', async () => {
    env.sandbox.faults.add({ method: 'POST', path: '/v1.0/chats', delayMs: 5_000, count: 1 });
    const task = await invoke('composeExtension/submitAction', submitted(`${PEOPLE.megan.id},${PEOPLE.lee.id}`, 'Slow one'), { id: 'slow-1' });
    expect(task.type).toBe('message');
    expect(task.value).toMatch(/Creating your chat/);

    const [posted] = await env.connector.waitForSent(1, 15_000);
    expect(env.connector.createdConversations).toHaveLength(1);
    const [conversation] = env.connector.createdConversations;
    expect(conversation!.parameters).toMatchObject({ isGroup: false, members: [{ id: `29:${PEOPLE.alex.id}` }], tenantId: env.sandbox.tenantId });
    expect(posted!.conversationId).toBe(conversation!.id);
    const card = cardOf(posted!.activity);
    expect(cardText(card)).toContain('Slow one');
    const chat = chatPosts()[0]!.response as { webUrl: string };
    expect(openUrls(card)).toEqual([chat.webUrl]);
    expect(chatPosts()).toHaveLength(1);
  });

  it('never logs the message, its topic or the people picked (runs after the flows above)', () => {
    const logs = env.bot.logs.join('\n');
    expect(logs).toContain('message extension opened');
    expect(logs).toContain('dialog submitted');
    for (const secret of ['launch checklist', 'Slow one', 'linkToMessage', post.linkToMessage]) expect(logs).not.toContain(secret);
  });
});

describe('the message extension with the kickoff card on', () => {
  let env: BotOnSandbox;
  let teams: ReturnType<typeof playTeamsInstalls>;
  beforeAll(async () => {
    env = await startBotOnSandbox({ KICKOFF: 'on' });
    teams = playTeamsInstalls(env.sandbox, env.connector, () => [env.bot]);
  });
  afterAll(async () => {
    teams?.stop();
    await env?.stop();
  });

  it("the dialog's first message (a quote of the post and a link back) opens the new chat, once", async () => {
    const base = { serviceUrl: env.connector.serviceUrl, tenantId: env.sandbox.tenantId, fromAadObjectId: PEOPLE.alex.id, fromName: PEOPLE.alex.name, conversationId: '19:channel-kickoff@thread.tacv2', conversationType: 'channel' as const };
    const link = 'https://teams.microsoft.com/l/message/19:channel-kickoff@thread.tacv2/1732700000001';
    const messagePayload = {
      linkToMessage: link,
      body: { contentType: 'html', content: '<p>Shall we <b>decide</b> on the venue, <at id="0">Lee</at>?</p>' },
      from: { user: { id: PEOPLE.megan.id, displayName: PEOPLE.megan.name, userIdentityType: 'aadUser' } },
      mentions: [{ id: 0, mentionText: 'Lee', mentioned: { user: { id: PEOPLE.lee.id, displayName: PEOPLE.lee.name, userIdentityType: 'aadUser' } } }],
    };
    const fetched = await env.bot.post(messageExtensionInvoke({ ...base, name: 'composeExtension/fetchTask', value: { commandId: ACTION_COMMAND_IDS.startChatAboutMessage, commandContext: 'message', messagePayload } }));
    const form = (fetched.body as { task: { value: { card: { content: { body: Json[] } } } } }).task.value.card.content;
    const value = (id: string) => form.body.find((element) => element.id === id)!.value as string;
    expect(value(CARD_INPUTS.message)).toBe(`"Shall we decide on the venue, Lee?"\n${link}`);

    const data = { verb: CARD_VERBS.startChat, [CARD_INPUTS.people]: value(CARD_INPUTS.people), [CARD_INPUTS.topic]: value(CARD_INPUTS.topic), [CARD_INPUTS.message]: value(CARD_INPUTS.message) };
    const submitted = { commandId: ACTION_COMMAND_IDS.startChatAboutMessage, commandContext: 'message', data };
    const answer = await env.bot.post(messageExtensionInvoke({ ...base, id: 'kickoff-submit', name: 'composeExtension/submitAction', value: submitted }));
    expect(answer.status).toBe(200);
    await env.bot.post(messageExtensionInvoke({ ...base, id: 'kickoff-submit-again', name: 'composeExtension/submitAction', value: submitted }));
    await teams.settled();

    const chats = env.sandbox.chats.list();
    expect(chats).toHaveLength(1);
    await env.connector.waitForSent(1);
    const kickoffs = kickoffCardsIn(env.connector, chats[0]!.id);
    expect(kickoffs).toHaveLength(1);
    expect(kickoffs[0]!.firstWords).toBe(`"Shall we decide on the venue, Lee?"\n${link}`);
  });

  it('a dialog whose kickoff fails later: the result card with the reason goes to the personal chat, once', async () => {
    env.sandbox.faults.add({ method: 'POST', path: /\/installedApps$/, status: 400, count: 1 });
    const base = { serviceUrl: env.connector.serviceUrl, tenantId: env.sandbox.tenantId, fromAadObjectId: PEOPLE.alex.id, fromName: PEOPLE.alex.name, conversationId: '19:channel-kickoff-refused@thread.tacv2', conversationType: 'channel' as const };
    const data = { verb: CARD_VERBS.startChat, [CARD_INPUTS.people]: `${PEOPLE.megan.id},${PEOPLE.lee.id}`, [CARD_INPUTS.topic]: 'Dialog refused', [CARD_INPUTS.message]: 'hello' };
    const answer = await env.bot.post(messageExtensionInvoke({ ...base, id: 'kickoff-refused-submit', name: 'composeExtension/submitAction', value: { commandId: ACTION_COMMAND_IDS.startChat, commandContext: 'compose', data } }));
    expect(answer.status).toBe(200);
    const chat = env.sandbox.chats.list().find((entry) => entry.topic === 'Dialog refused')!;
    const personal = `a:personal-29:${PEOPLE.alex.id}`;
    while (env.connector.sentTo(personal).length === 0) await env.connector.waitForSent(env.connector.sent().length + 1);
    const [told] = env.connector.sentTo(personal);
    expect(cardText(cardOf(told!.activity))).toMatch(/Dialog refused[\s\S]*Teams refused to add Chat Starter/);
    expect(openUrls(cardOf(told!.activity))).toEqual([chat.webUrl]);
    expect(kickoffCardsIn(env.connector, chat.id)).toEqual([]);
    expect(env.connector.sentTo(personal)).toHaveLength(1);
  });
});
