import pino from 'pino';
import { Activity, TestAdapter } from 'botbuilder';
import { AdaptiveCardJson, CARD_VERBS, createCardRenderer } from '../../src/cards';
import { ChatStarterBot } from '../../src/bot/chatStarterBot';
import { CardUpdater } from '../../src/bot/cardUpdater';
import { RequesterNotifier } from '../../src/bot/requesterNotifier';
import { StartChatService } from '../../src/chats/startChatService';
import { PeopleResolver } from '../../src/directory/peopleResolver';
import { MemoryStateStore } from '../../src/state/memoryStateStore';
import { FakeGraph, graphUser, ok, status } from '../support/fakeGraph';
import { cardText, openUrls } from '../support/botOnSandbox';

/** Turn tests: the real bot and card templates through botbuilder's TestAdapter, Graph faked. */
const TENANT = 'home';
const M1 = '11111111-1111-1111-1111-111111111111';
const A1 = '22222222-2222-2222-2222-222222222222';
const M2 = '33333333-3333-3333-3333-333333333333';
const users: Record<string, Record<string, unknown>> = {
  me: graphUser('me', 'Alex Wilber'),
  [M1]: graphUser(M1, 'Megan Bowen'),
  [A1]: graphUser(A1, 'Adele Vance'),
  [M2]: graphUser(M2, 'Megan Brooks'),
};

function directory(request: { url: string }) {
  // No groups in this directory.
  if (request.url.startsWith('/groups')) return ok({ value: [] });
  const byId = /^\/users\/([^?]+)\?/.exec(request.url);
  if (byId) return users[byId[1]!] ? ok(users[byId[1]!]) : status(404);
  if (request.url.includes('Megan%20B')) return ok({ value: [users[M1]] });
  if (request.url.includes('Megan')) return ok({ value: [users[M1], users[M2]] });
  if (request.url.includes('Adele')) return ok({ value: [users[A1]] });
  return ok({ value: [] });
}

class RecordingNotifier implements RequesterNotifier {
  readonly cards: AdaptiveCardJson[] = [];
  async notify(_address: unknown, card: AdaptiveCardJson): Promise<void> {
    this.cards.push(card);
  }
}

class RecordingUpdater implements CardUpdater {
  readonly updates: { activityId: string; card: AdaptiveCardJson }[] = [];
  async update(_reference: unknown, activityId: string, card: AdaptiveCardJson): Promise<void> {
    this.updates.push({ activityId, card });
  }
}

function setup(options: { invokeBudgetMs?: number } = {}) {
  const graph = new FakeGraph(directory);
  const logger = pino({ level: 'silent' });
  const service = new StartChatService({
    graph,
    resolver: new PeopleResolver({ graph, homeTenantId: TENANT }),
    store: new MemoryStateStore(),
    logger,
    graphEndpoint: 'https://graph.microsoft.com',
    homeTenantId: TENANT,
    teamsHost: 'teams.microsoft.com',
  });
  const cards = createCardRenderer();
  const updater = new RecordingUpdater();
  const bot = new ChatStarterBot({
    service,
    cards,
    cardUpdater: updater,
    requesterNotifier: new RecordingNotifier(),
    allowedTenantIds: [TENANT],
    logger,
    ...options,
  });
  const adapter = new TestAdapter((context) => bot.run(context));
  return { adapter, graph, updater };
}

const from = { id: '29:me', name: 'Alex Wilber', aadObjectId: 'me' };
const message = (text: string, tenant = TENANT): Partial<Activity> => ({ type: 'message', channelId: 'msteams', text, from, channelData: { tenant: { id: tenant } } });
const invoke = (verb: string, data: Record<string, unknown>): Partial<Activity> => ({
  type: 'invoke',
  channelId: 'msteams',
  name: 'adaptiveCard/action',
  from,
  replyToId: 'card-1',
  channelData: { tenant: { id: TENANT } },
  value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
});
const cardIn = (activity: Partial<Activity>): AdaptiveCardJson => activity.attachments![0]!.content as AdaptiveCardJson;
const invokeCard = (activity: Partial<Activity>): AdaptiveCardJson => (activity.value as { body: { value: AdaptiveCardJson } }).body.value;

describe('ChatStarterBot turns', () => {
  it('answers help with the help card', async () => {
    const { adapter } = setup();
    await adapter.send(message('help')).assertReply((reply) => {
      expect(cardText(cardIn(reply))).toMatch(/start chat with/i);
    });
  });

  it('nudges toward help for anything else', async () => {
    const { adapter } = setup();
    await adapter.send(message('good morning')).assertReply((reply) => expect(reply.text).toMatch(/help/));
  });

  it('starts a chat from text and replies with the result card and its link', async () => {
    const { adapter, graph } = setup();
    await adapter.send(message('start chat with Megan Bowen, Adele Vance about Launch')).assertReply((reply) => {
      const card = cardIn(reply);
      expect(cardText(card)).toContain('Launch');
      expect(openUrls(card)).toEqual(['https://teams.microsoft.com/l/chat/19%3A1%40thread.v2/0?tenantId=home']);
    });
    expect(graph.created).toHaveLength(1);
  });

  it('refuses a tenant that is not allowed without looking anyone up', async () => {
    const { adapter, graph } = setup();
    await adapter.send(message('start chat with Megan Bowen', 'elsewhere')).assertReply((reply) => expect(cardText(cardIn(reply))).toMatch(/isn't enabled/));
    expect(graph.batches).toHaveLength(0);
  });

  it('refuses channels other than Teams, which do not vouch for tenant and user ids', async () => {
    const { adapter, graph } = setup();
    await adapter.send({ ...message('start chat with Megan Bowen'), channelId: 'webchat' }).assertReply((reply) => expect(cardText(cardIn(reply))).toMatch(/only works inside Microsoft Teams/));
    expect(graph.batches).toHaveLength(0);
  });

  it('refuses a sender without an Entra object id', async () => {
    const { adapter, graph } = setup();
    await adapter
      .send({ ...message('start chat with Megan Bowen'), from: { id: '29:x', name: 'X' } })
      .assertReply((reply) => expect(cardText(cardIn(reply))).toMatch(/couldn't find you/i));
    expect(graph.batches).toHaveLength(0);
  });

  it('replaces the form with the result for Action.Execute', async () => {
    const { adapter, graph } = setup();
    await adapter.send(invoke(CARD_VERBS.startChat, { people: `${M1},${A1}`, topic: 'From the form' })).assertReply((reply) => {
      expect(reply.type).toBe('invokeResponse');
      const value = (reply.value as { status: number; body: { statusCode: number; type: string } });
      expect(value.status).toBe(200);
      expect(value.body.type).toBe('application/vnd.microsoft.card.adaptive');
      expect(cardText(invokeCard(reply))).toContain('Megan Bowen');
      expect(openUrls(invokeCard(reply))).toHaveLength(1);
    });
    expect(graph.created).toHaveLength(1);
  });

  it('shows a bad form again with its problem and creates nothing', async () => {
    const { adapter, graph } = setup();
    await adapter.send(invoke(CARD_VERBS.startChat, { people: '', topic: 'Kept' })).assertReply((reply) => {
      const card = invokeCard(reply);
      expect(cardText(card)).toMatch(/Pick at least one person/);
      expect(JSON.stringify(card)).toContain('"value":"Kept"');
    });
    expect(graph.batches).toHaveLength(0);
  });

  it('answers a slow card action with a progress card and replaces it when the chat exists', async () => {
    const { adapter, graph, updater } = setup({ invokeBudgetMs: 20 });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    graph.createChatImpl = async (body) => {
      await gate;
      return { id: '19:slow@thread.v2', chatType: body.chatType, topic: body.topic ?? null, webUrl: 'https://teams.microsoft.com/l/chat/slow' };
    };
    let requestKey: Record<string, unknown> = {};
    await adapter.send(invoke(CARD_VERBS.startChat, { people: `${M1},${A1}`, topic: 'Slow' })).assertReply((reply) => {
      const card = invokeCard(reply);
      expect(cardText(card)).toMatch(/Creating/i);
      const refresh = card.refresh as { action: { verb: string; data: Record<string, unknown> }; userIds: string[] };
      expect(refresh.action.verb).toBe(CARD_VERBS.checkRequest);
      expect(refresh.userIds).toEqual(['29:me']);
      expect(refresh.action.data.requester).toBe('me');
      requestKey = refresh.action.data;
    });
    expect(updater.updates).toHaveLength(0);
    // Viewed again while still in progress, the card's refresh keeps it on "Creating…".
    await adapter.send(invoke(CARD_VERBS.checkRequest, requestKey)).assertReply((reply) => expect(cardText(invokeCard(reply))).toMatch(/Creating/i));
    release();
    for (let i = 0; i < 50 && updater.updates.length === 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(updater.updates).toHaveLength(1);
    expect(updater.updates[0]!.activityId).toBe('card-1');
    expect(openUrls(updater.updates[0]!.card)).toEqual(['https://teams.microsoft.com/l/chat/slow']);
    // If that update had been lost, the refresh shows the result from the ledger.
    await adapter.send(invoke(CARD_VERBS.checkRequest, requestKey)).assertReply((reply) => {
      expect(openUrls(invokeCard(reply))).toEqual(['https://teams.microsoft.com/l/chat/slow']);
    });
    // Nobody else can read the request through its key.
    await adapter
      .send({ ...invoke(CARD_VERBS.checkRequest, requestKey), from: { id: '29:eve', name: 'Eve', aadObjectId: 'eve' } })
      .assertReply((reply) => expect(cardText(invokeCard(reply))).toMatch(/no longer open/));
    expect(graph.created).toHaveLength(1);
  });

  it("never shows a request to someone else, even when their id appears inside the request's key", async () => {
    const { adapter, graph, updater } = setup({ invokeBudgetMs: 20 });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    graph.createChatImpl = async (body) => {
      await gate;
      return { id: '19:mine@thread.v2', chatType: body.chatType, topic: body.topic ?? null, webUrl: 'https://teams.microsoft.com/l/chat/mine' };
    };
    // A conversation id holding ":eve:", as ids with colons can.
    const conversation = { id: 'a:eve:shared' };
    let refreshData: Record<string, unknown> = {};
    await adapter.send({ ...invoke(CARD_VERBS.startChat, { people: `${M1},${A1}`, topic: 'Private' }), conversation } as Partial<Activity>).assertReply((reply) => {
      const refresh = invokeCard(reply).refresh as { action: { data: Record<string, unknown> } };
      refreshData = refresh.action.data;
    });
    release();
    for (let i = 0; i < 50 && updater.updates.length === 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(updater.updates).toHaveLength(1);
    await adapter.send({ ...invoke(CARD_VERBS.checkRequest, refreshData), conversation } as Partial<Activity>).assertReply((reply) => {
      expect(openUrls(invokeCard(reply))).toEqual(['https://teams.microsoft.com/l/chat/mine']);
    });
    await adapter
      .send({ ...invoke(CARD_VERBS.checkRequest, refreshData), conversation, from: { id: '29:eve', name: 'Eve', aadObjectId: 'eve' } } as Partial<Activity>)
      .assertReply((reply) => {
        expect(openUrls(invokeCard(reply))).toEqual([]);
        expect(cardText(invokeCard(reply))).toMatch(/no longer open/);
      });
  });

  it('asks which Megan was meant, then continues from the choice card', async () => {
    const { adapter, graph } = setup();
    let requestId = '';
    await adapter.send(message('start chat with Megan, Adele Vance about Choice')).assertReply((reply) => {
      const card = cardIn(reply);
      expect(cardText(card)).toContain('Megan Brooks');
      requestId = /"requestId":"([^"]+)"/.exec(JSON.stringify(card))![1]!;
    });
    expect(graph.created).toHaveLength(0);
    await adapter.send(invoke(CARD_VERBS.choosePeople, { requestId, choice_0: M2 })).assertReply((reply) => {
      const card = invokeCard(reply);
      expect(cardText(card)).toContain('Megan Brooks');
      expect(cardText(card)).toContain('Choice');
    });
    expect(graph.created).toHaveLength(1);
    expect(graph.created[0]!.members.map((member) => member['user@odata.bind'])).toContain(`https://graph.microsoft.com/v1.0/users('${M2}')`);
  });

  it('takes the Action.Submit fallback as a message whose value holds the inputs', async () => {
    const { adapter, graph } = setup();
    await adapter
      .send({ type: 'message', channelId: 'msteams', from, replyToId: 'card-9', channelData: { tenant: { id: TENANT } }, value: { verb: CARD_VERBS.startChat, people: A1, topic: '' } })
      .assertReply((reply) => expect(cardText(cardIn(reply))).toContain('Adele Vance'));
    expect(graph.created.map((body) => body.chatType)).toEqual(['oneOnOne']);
  });

  it('answers a slow Action.Submit once, with the result, and updates nothing', async () => {
    const { adapter, graph, updater } = setup({ invokeBudgetMs: 5 });
    graph.createChatImpl = async (body) => {
      await new Promise((resolve) => setTimeout(resolve, 40));
      return { id: '19:s@thread.v2', chatType: body.chatType, topic: null, webUrl: 'https://teams.microsoft.com/l/chat/s' };
    };
    await adapter
      .send({ type: 'message', channelId: 'msteams', from, replyToId: 'card-7', channelData: { tenant: { id: TENANT } }, value: { verb: CARD_VERBS.startChat, people: `${M1},${A1}`, topic: 'Submit' } })
      .assertReply((reply) => expect(openUrls(cardIn(reply))).toEqual(['https://teams.microsoft.com/l/chat/s']));
    expect(updater.updates).toEqual([]);
  });

  it('stays silent on a second Action.Submit while the first is still creating the chat', async () => {
    const { adapter, graph } = setup();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    graph.createChatImpl = async (body) => {
      await gate;
      return { id: '19:g@thread.v2', chatType: body.chatType, topic: body.topic ?? null, webUrl: 'https://teams.microsoft.com/l/chat/g' };
    };
    const submit = (id: string): Partial<Activity> => ({
      type: 'message',
      id,
      channelId: 'msteams',
      from,
      replyToId: 'card-5',
      channelData: { tenant: { id: TENANT } },
      value: { verb: CARD_VERBS.startChat, people: `${M1},${A1}`, topic: 'Twice' },
    });
    const first = adapter.processActivity(submit('first'));
    for (let i = 0; i < 100 && graph.created.length === 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(graph.created).toHaveLength(1);
    await adapter.processActivity(submit('second'));
    const cardsSent = () => adapter.activeQueue.filter((activity) => activity.type === 'message' && (activity.attachments ?? []).length > 0);
    expect(cardsSent()).toHaveLength(0);
    release();
    await first;
    expect(cardsSent()).toHaveLength(1);
    expect(openUrls(cardIn(cardsSent()[0]!))).toEqual(['https://teams.microsoft.com/l/chat/g']);
    expect(graph.created).toHaveLength(1);
  });

  it('welcomes with the form in personal scope and with help in a group chat', async () => {
    const personal = setup();
    await personal.adapter
      .send({ type: 'conversationUpdate', channelId: 'msteams', from, membersAdded: [{ id: 'bot', name: 'Bot' }], recipient: { id: 'bot', name: 'Bot' }, channelData: { tenant: { id: TENANT } } })
      .assertReply((reply) => expect(JSON.stringify(cardIn(reply))).toContain('graph.microsoft.com/users'));
    const group = setup();
    await group.adapter
      .send({
        type: 'conversationUpdate',
        channelId: 'msteams',
        from,
        membersAdded: [{ id: 'bot', name: 'Bot' }],
        recipient: { id: 'bot', name: 'Bot' },
        conversation: { id: 'g', conversationType: 'groupChat', isGroup: true, name: '' },
        channelData: { tenant: { id: TENANT } },
      })
      .assertReply((reply) => expect(cardText(cardIn(reply))).toMatch(/start chat with/i));
  });
});
