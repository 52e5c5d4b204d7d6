import { CARD_INPUTS, CARD_VERBS } from '../../src/cards/cardData';
import { byId } from '../cards/cardTree';
import { BotOnSandbox, cardOf, cardText, openUrls, startBotOnSandbox } from '../support/botOnSandbox';
import { PEOPLE } from '../support/people';
import { cardActionInvoke, cardSubmitMessage, messageActivity } from '../support/teamsActivity';

/**
 * The core flows over real HTTP: Teams-shaped activities into the compiled bot, replies captured
 * by the Bot Connector stand-in, Graph and Entra ID served by the sandbox tenant.
 */
describe('starting chats through the bot', () => {
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

  const base = () => ({ serviceUrl: env.connector.serviceUrl, tenantId: env.sandbox.tenantId, fromAadObjectId: PEOPLE.alex.id, fromName: PEOPLE.alex.name });
  const say = async (text: string, extra: Partial<Parameters<typeof messageActivity>[0]> = {}) => {
    const before = env.connector.sent().length;
    const res = await env.bot.post(messageActivity({ ...base(), text, ...extra }));
    expect(res.status).toBeLessThan(300);
    const sent = await env.connector.waitForSent(before + 1);
    return sent[sent.length - 1]!.activity;
  };
  const chatPosts = () => env.sandbox.requests.all().filter((entry) => entry.method === 'POST' && entry.path === '/v1.0/chats');
  const graphCalls = () => env.sandbox.requests.all().filter((entry) => !entry.inBatch && entry.path.startsWith('/v1.0'));

  it('starts a group chat from a message with an @mention of the bot, display names and a topic', async () => {
    const reply = await say('start chat with Megan Bowen and adelev@example.com about Launch', { mentionBot: true });
    const card = cardOf(reply);
    const text = cardText(card);
    expect(text).toContain('Launch');
    expect(text).toContain('Megan Bowen');
    expect(text).toContain('Adele Vance');
    const [post] = chatPosts();
    expect(post!.status).toBe(201);
    expect((post!.body as { chatType: string }).chatType).toBe('group');
    const chat = post!.response as { id: string; webUrl: string };
    expect(openUrls(card)).toEqual([chat.webUrl]);
    expect(env.sandbox.chats.list().find((entry) => entry.id === chat.id)?.members.map((member) => member.userId).sort()).toEqual(
      [PEOPLE.alex.id, PEOPLE.megan.id, PEOPLE.adele.id].sort(),
    );
  });

  it('makes a one-on-one chat for one person and says the topic was not used', async () => {
    const reply = await say('start chat with meganb@example.com about Ignored topic');
    const text = cardText(cardOf(reply));
    expect(text).toMatch(/topic you typed was not used/);
    expect((chatPosts()[0]!.body as Record<string, unknown>).topic).toBeUndefined();
    expect((chatPosts()[0]!.body as { chatType: string }).chatType).toBe('oneOnOne');
  });

  it('removes duplicates and the requester naming themself', async () => {
    await say('start chat with Megan Bowen, meganb@example.com, 00000000-0000-0000-0000-0000000000021, Alex Wilber, Adele Vance about Dupes');
    const members = (chatPosts()[0]!.body as { members: { 'user@odata.bind': string }[] }).members.map((member) => member['user@odata.bind']);
    expect(members).toHaveLength(3);
    expect(new Set(members).size).toBe(3);
  });

  it('gives a guest the guest role, found by their real address', async () => {
    await say('start chat with pat@fabrikam.com, Megan Bowen about Guests');
    const members = (chatPosts()[0]!.body as { members: { roles: string[]; 'user@odata.bind': string }[] }).members;
    const guest = members.find((member) => member['user@odata.bind'].includes(PEOPLE.guest.id));
    expect(guest?.roles).toEqual(['guest']);
  });

  it("resolves a name with an apostrophe (escaped for OData)", async () => {
    await say("start chat with Patrick O'Brien, Lee Gu about Quotes");
    expect(chatPosts()).toHaveLength(1);
    const filters = env.sandbox.requests.all().filter((entry) => entry.inBatch && entry.query.$filter !== undefined).map((entry) => entry.query.$filter);
    expect(filters.some((filter) => filter!.includes("'Patrick O''Brien'"))).toBe(true);
  });

  it('resolves @mentions through the Bot Connector member look-up', async () => {
    env.connector.addMember({ id: '29:megan-in-chat', name: PEOPLE.megan.name, aadObjectId: PEOPLE.megan.id, tenantId: env.sandbox.tenantId });
    await say('start chat with <at>Megan Bowen</at> about Mentions', { mentions: [{ id: '29:megan-in-chat', name: PEOPLE.megan.name }] });
    const members = (chatPosts()[0]!.body as { members: { 'user@odata.bind': string }[] }).members.map((member) => member['user@odata.bind']);
    expect(members.some((bind) => bind.includes(PEOPLE.megan.id))).toBe(true);
  });

  it('creates nothing and names each person who is not found, disabled or a mention that is not a user', async () => {
    const reply = await say('start chat with Nobody Atall, diegos@contoso.com, <at>Sales</at>, Megan Bowen', { mentions: [{ id: '29:sales-tag', name: 'Sales' }] });
    const text = cardText(cardOf(reply));
    expect(chatPosts()).toHaveLength(0);
    expect(text).toContain('Nobody Atall');
    expect(text).toMatch(/No one in your organization matches/);
    expect(text).toMatch(/Diego Siciliani's account is disabled/);
    expect(text).toContain('Sales');
  });

  it('lists the candidates when a name is ambiguous alongside other problems', async () => {
    const reply = await say('start chat with Megan, nobody@contoso.com');
    const text = cardText(cardOf(reply));
    expect(text).toContain('meganb@example.com');
    expect(text).toContain('meganbr@contoso.com');
    expect(chatPosts()).toHaveLength(0);
  });

  it('asks which person was meant and continues the same request from the choice card', async () => {
    const reply = await say('start chat with Megan, Adele Vance about Choice flow');
    const card = cardOf(reply);
    expect(chatPosts()).toHaveLength(0);
    const submit = JSON.stringify(card).match(/"requestId":"([^"]+)"/);
    expect(submit).not.toBeNull();
    const requestId = submit![1]!;
    expect(cardText(card)).toContain('Megan Brooks');

    const invoke = cardActionInvoke({ ...base(), verb: CARD_VERBS.choosePeople, replyToId: 'choice-card-1', data: { requestId, choice_0: PEOPLE.meganBrooks.id } });
    const res = await env.bot.post(invoke);
    expect(res.status).toBe(200);
    const body = res.body as { statusCode: number; type: string; value: unknown };
    expect(body.statusCode).toBe(200);
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardText(body.value)).toContain('Megan Brooks');
    expect(cardText(body.value)).toContain('Choice flow');
    const members = (chatPosts()[0]!.body as { members: { 'user@odata.bind': string }[] }).members.map((member) => member['user@odata.bind']);
    expect(members.some((bind) => bind.includes(PEOPLE.meganBrooks.id))).toBe(true);

    // The same choice clicked again shows the same result and creates nothing new.
    const again = await env.bot.post({ ...invoke, id: 'second-click' });
    expect(cardText((again.body as { value: unknown }).value)).toContain('Megan Brooks');
    expect(chatPosts()).toHaveLength(1);
  });

  it('asks to confirm the only person a partial name fits, with a one-option choice card', async () => {
    // "Joh" only begins Johanna Lorenz's name: never trusted silently.
    const reply = await say('start chat with Joh, Lee Gu about Lone prefix');
    const card = cardOf(reply);
    expect(chatPosts()).toHaveLength(0);
    expect(cardText(card)).toContain('Johanna Lorenz');
    const requestId = JSON.stringify(card).match(/"requestId":"([^"]+)"/)![1]!;
    const choices = JSON.stringify(card).match(/"choices":\[[^\]]*\]/g) ?? [];
    expect(choices).toHaveLength(1);
    expect(choices[0]!.match(/"value":/g)).toHaveLength(1);

    const johanna = 'cf8d91a2-b4c5-46d7-b1e2-6d7e8f90a1b8';
    const res = await env.bot.post(cardActionInvoke({ ...base(), verb: CARD_VERBS.choosePeople, replyToId: 'choice-card-lone', data: { requestId, choice_0: johanna } }));
    expect(cardText((res.body as { value: unknown }).value)).toContain('Johanna Lorenz');
    expect(chatPosts()).toHaveLength(1);

    // Whole words of a name are trusted: "Lorenz" is Johanna Lorenz's surname.
    await say('start chat with Lorenz, Lee Gu about Whole word');
    expect(chatPosts()).toHaveLength(2);
  });

  it('rejects a choice that was not offered, creating nothing', async () => {
    const reply = await say('start chat with Megan about Bad choice');
    const requestId = JSON.stringify(cardOf(reply)).match(/"requestId":"([^"]+)"/)![1]!;
    const res = await env.bot.post(cardActionInvoke({ ...base(), verb: CARD_VERBS.choosePeople, replyToId: 'choice-card-2', data: { requestId, choice_0: PEOPLE.lee.id } }));
    expect(cardText((res.body as { value: unknown }).value)).toMatch(/not one of the people offered/);
    expect(chatPosts()).toHaveLength(0);
  });

  it('creates one chat when Teams redelivers the same activity', async () => {
    const activity = messageActivity({ ...base(), text: 'start chat with Megan Bowen, Lee Gu about Redelivery' });
    await env.bot.post(activity);
    await env.bot.post(activity);
    await env.connector.waitForSent(1);
    expect(chatPosts()).toHaveLength(1);
  });

  it('creates one chat when Teams redelivers the message with a new activity id', async () => {
    const activity = messageActivity({ ...base(), text: 'start chat with Megan Bowen, Lee Gu about New id' });
    await env.bot.post(activity);
    await env.bot.post({ ...activity, id: `${String(activity.id)}-again` });
    const sent = await env.connector.waitForSent(2);
    expect(chatPosts()).toHaveLength(1);
    const chat = chatPosts()[0]!.response as { webUrl: string };
    for (const call of sent) expect(openUrls(cardOf(call.activity))).toEqual([chat.webUrl]);
  });

  it('creates one chat for a double-clicked Start on the form (Action.Execute)', async () => {
    const data = { people: `${PEOPLE.megan.id},${PEOPLE.lee.id}`, topic: 'Double click' };
    const first = cardActionInvoke({ ...base(), verb: CARD_VERBS.startChat, replyToId: 'form-1', data });
    const second = { ...cardActionInvoke({ ...base(), verb: CARD_VERBS.startChat, replyToId: 'form-1', data }), conversation: first.conversation };
    const [a, b] = await Promise.all([env.bot.post(first), env.bot.post(second)]);
    expect(chatPosts()).toHaveLength(1);
    const chat = chatPosts()[0]!.response as { webUrl: string };
    // Both clicks show the one chat: the second waits for the first instead of staying on "Creating…".
    for (const res of [a, b]) expect(openUrls((res.body as { value: unknown }).value)).toEqual([chat.webUrl]);
  });

  it('accepts the Action.Submit fallback as a message with the inputs in value', async () => {
    const before = env.connector.sent().length;
    await env.bot.post(cardSubmitMessage({ ...base(), replyToId: 'form-2', value: { verb: CARD_VERBS.startChat, people: PEOPLE.adele.id, topic: '' } }));
    const sent = await env.connector.waitForSent(before + 1);
    expect(cardText(cardOf(sent[sent.length - 1]!.activity))).toContain('Adele Vance');
    expect((chatPosts()[0]!.body as { chatType: string }).chatType).toBe('oneOnOne');
  });

  it.each([
    ['no people', { people: '' }, /Pick at least one person/],
    ['a value that is not a person', { people: 'not-an-id' }, /not a person/],
    ['a topic that is too long', { people: PEOPLE.megan.id, topic: 'x'.repeat(251) }, /at most 250 characters/],
    ['an oversized payload', { people: PEOPLE.megan.id, junk: 'y'.repeat(20_000) }, /too large/],
    ['a wrong type', { people: 42 }, /missing its fields/],
  ])('shows the problem on the form and creates nothing for %s', async (_what, data, message) => {
    const res = await env.bot.post(cardActionInvoke({ ...base(), verb: CARD_VERBS.startChat, replyToId: 'form-bad', data }));
    expect(res.status).toBe(200);
    const card = (res.body as { value: Record<string, unknown> }).value;
    expect(cardText(card)).toMatch(message);
    expect(JSON.stringify(card)).toContain('Input.ChoiceSet');
    expect(graphCalls()).toHaveLength(0);
  });

  it('answers an unknown verb with a clear message', async () => {
    const res = await env.bot.post(cardActionInvoke({ ...base(), verb: 'somethingElse', replyToId: 'x', data: {} }));
    expect(cardText((res.body as { value: unknown }).value)).toMatch(/not one I know/);
  });

  it('shows help, the form, and a hint for anything else', async () => {
    expect(cardText(cardOf(await say('help')))).toMatch(/start chat with/i);
    expect(JSON.stringify(cardOf(await say('start chat')))).toContain('graph.microsoft.com/users');
    const hint = await say('what can you do?');
    expect(hint.text).toMatch(/help/);
  });

  it('opens the form pre-filled with the topic and first words when no people are named, and looks nobody up', async () => {
    const form = cardOf(await say('start chat about Q3 Launch saying Hi ALL,\nthe *plan* is ready'));
    expect(byId(form, CARD_INPUTS.topic)?.value).toBe('Q3 Launch');
    expect(byId(form, CARD_INPUTS.message)?.value).toBe('Hi ALL,\nthe *plan* is ready');
    expect(byId(form, CARD_INPUTS.people)).toMatchObject({ type: 'Input.ChoiceSet', label: 'People (up to 199 besides you)' });
    expect(byId(cardOf(await say('start chat saying see you there')), CARD_INPUTS.message)?.value).toBe('see you there');
    expect(graphCalls()).toHaveLength(0);
  });

  it('refuses another tenant before looking anything up', async () => {
    const reply = await say('start chat with Megan Bowen', { tenantId: '11111111-2222-3333-4444-555555555555' });
    expect(cardText(cardOf(reply))).toMatch(/isn't enabled for your organization/);
    expect(graphCalls()).toHaveLength(0);
  });

  it('names the missing permission and who must grant it, with a correlation id', async () => {
    env.sandbox.setAppPermissions(['User.Read.All']);
    try {
      const reply = await say('start chat with Megan Bowen, Lee Gu about No permission');
      const text = cardText(cardOf(reply));
      expect(text).toContain('Chat.Create');
      expect(text).toMatch(/Global Administrator|Privileged Role Administrator/);
      expect(text).toMatch(/[0-9]{6,}/);
      expect(text).not.toMatch(/at .*\.js:\d+/);
    } finally {
      env.sandbox.setAppPermissions(['Chat.Create', 'User.Read.All']);
    }
  });

  it('waits out a 429 as Retry-After says and creates the chat once', async () => {
    env.sandbox.faults.add({ method: 'POST', path: '/v1.0/chats', status: 429, retryAfterSeconds: 1, count: 1 });
    const reply = await say('start chat with Megan Bowen, Lee Gu about Throttled');
    expect(cardText(cardOf(reply))).toContain('Throttled');
    expect(chatPosts().map((post) => post.status)).toEqual([429, 201]);
    // The turn took over a second: Teams was shown "typing…" meanwhile.
    expect(env.connector.calls.some((call) => call.activity.type === 'typing')).toBe(true);
  });

  it('retries only the throttled look-ups inside a batch', async () => {
    env.sandbox.faults.add({ method: 'GET', path: /^\/v1\.0\/users$/, status: 429, retryAfterSeconds: 1, count: 1 });
    await say('start chat with Megan Bowen, leeg@contoso.com about Batch throttle');
    const batches = env.sandbox.requests.all().filter((entry) => entry.path === '/v1.0/$batch');
    expect(batches).toHaveLength(2);
    expect(((batches[1]!.body as { requests: unknown[] }).requests).length).toBe(1);
    expect(chatPosts()).toHaveLength(1);
  });

  it('never retries a group chat POST after an ambiguous 503, and says so', async () => {
    env.sandbox.faults.add({ method: 'POST', path: '/v1.0/chats', status: 503, count: 1, afterHandling: true });
    const activity = messageActivity({ ...base(), text: 'start chat with Megan Bowen, Lee Gu about Ambiguous' });
    await env.bot.post(activity);
    const [reply] = await env.connector.waitForSent(1);
    expect(cardText(cardOf(reply!.activity))).toMatch(/didn't answer whether the chat was created/);
    // Teams redelivers: still no second POST.
    await env.bot.post(activity);
    expect(chatPosts()).toHaveLength(1);
    expect(env.sandbox.chats.list().filter((chat) => chat.topic === 'Ambiguous')).toHaveLength(1);
  });

  it('retries a one-on-one POST after a 503, since Graph returns the existing chat', async () => {
    env.sandbox.faults.add({ method: 'POST', path: '/v1.0/chats', status: 503, count: 1, afterHandling: true });
    const reply = await say('start chat with Lee Gu');
    expect(openUrls(cardOf(reply))).toHaveLength(1);
    expect(chatPosts().map((post) => post.status)).toEqual([503, 201]);
  });

  it('answers a slow card action with a progress card, then replaces it with the result', async () => {
    env.sandbox.faults.add({ method: 'POST', path: '/v1.0/chats', delayMs: 5_000, count: 1 });
    const res = await env.bot.post(
      cardActionInvoke({ ...base(), verb: CARD_VERBS.startChat, replyToId: 'form-slow', data: { people: `${PEOPLE.megan.id},${PEOPLE.adele.id}`, topic: 'Slow' } }),
    );
    expect(cardText((res.body as { value: unknown }).value)).toMatch(/Creating/i);
    const sent = await env.connector.waitForSent(1, 15_000);
    const update = sent.find((call) => call.method === 'PUT');
    expect(update?.activityId).toBe('form-slow');
    expect(cardText(cardOf(update!.activity))).toContain('Slow');
    expect(openUrls(cardOf(update!.activity))).toHaveLength(1);
  });

  it('reports a Graph fault with an apology and a correlation id, never a stack trace', async () => {
    env.sandbox.faults.add({ method: 'POST', path: '/v1.0/$batch', status: 500, count: 1 });
    const reply = await say('start chat with Megan Bowen, Lee Gu about Fault');
    const text = cardText(cardOf(reply));
    expect(text).toMatch(/Sorry/);
    expect(text).not.toMatch(/Error:|\.ts:|\.js:/);
    expect(chatPosts()).toHaveLength(0);
  });

  it('never logs what people typed, their topics, or the app secret (runs after the flows above)', () => {
    const logs = env.bot.logs.join('\n');
    expect(logs).toContain('message received');
    for (const secret of ['start chat with', 'about Launch', 'Double click', 'Choice flow', "O'Brien", env.sandbox.clientSecret]) {
      expect(logs).not.toContain(secret);
    }
  });

  it('welcomes a person with the form when the bot is added in personal scope', async () => {
    const before = env.connector.sent().length;
    await env.bot.post({
      ...messageActivity({ ...base(), text: '' }),
      type: 'conversationUpdate',
      text: undefined,
      membersAdded: [{ id: '28:chat-starter-bot', name: 'Chat Starter' }],
    });
    const sent = await env.connector.waitForSent(before + 1);
    expect(JSON.stringify(cardOf(sent[sent.length - 1]!.activity))).toContain('Input.ChoiceSet');
  });
});
