import pino from 'pino';
import { Activity, TestAdapter } from 'botbuilder';
import { AdaptiveCardJson, CARD_INPUTS, CARD_VERBS, createCardRenderer } from '../../src/cards';
import { CardUpdater } from '../../src/bot/cardUpdater';
import { ChatStarterBot } from '../../src/bot/chatStarterBot';
import { RequesterAddress, RequesterNotifier } from '../../src/bot/requesterNotifier';
import { CREATING_MESSAGE } from '../../src/bot/routes/messageExtension/submitAction';
import { StartChatService } from '../../src/chats/startChatService';
import { PeopleResolver } from '../../src/directory/peopleResolver';
import { ACTION_COMMAND_IDS } from '../../src/messageExtension/actionCommands';
import { FETCH_TASK_MESSAGES } from '../../src/messageExtension/startChatDialog';
import { MemoryStateStore } from '../../src/state/memoryStateStore';
import { FakeGraph, graphUser, ok, status } from '../support/fakeGraph';
import { cardText, openUrls } from '../support/botOnSandbox';
import { byId, topActions } from '../cards/cardTree';

/**
 * Turn tests of the message extension through botbuilder's TestAdapter (Graph faked): the
 * compose-box and command-box contexts, the dialog's submission, its redelivery, bad payloads
 * and a slow Graph. The message context over real HTTP is in test/integration.
 */
const TENANT = 'home';
const ME = '00000000-0000-0000-0000-000000000020';
const MEGAN = '11111111-1111-1111-1111-111111111111';
const ADELE = '22222222-2222-2222-2222-222222222222';
const users: Record<string, Record<string, unknown>> = {
  [ME]: graphUser(ME, 'Alex Wilber'),
  [MEGAN]: graphUser(MEGAN, 'Megan Bowen'),
  [ADELE]: graphUser(ADELE, 'Adele Vance'),
};

class RecordingNotifier implements RequesterNotifier {
  readonly sent: { address: RequesterAddress; card: AdaptiveCardJson }[] = [];
  private waiters: (() => void)[] = [];
  async notify(address: RequesterAddress, card: AdaptiveCardJson): Promise<void> {
    this.sent.push({ address, card });
    this.waiters.splice(0).forEach((wake) => wake());
  }
  async next(): Promise<void> {
    await new Promise<void>((resolve) => this.waiters.push(resolve));
  }
}

const noUpdates: CardUpdater = {
  update: async () => {
    throw new Error('the message extension never updates a card');
  },
};

function setup(options: { invokeBudgetMs?: number } = {}) {
  const graph = new FakeGraph((request) => {
    const id = /^\/users\/([^?]+)\?/.exec(request.url)?.[1];
    return id && users[id] ? ok(users[id]) : status(404);
  });
  const logger = pino({ level: 'silent' });
  const service = new StartChatService({ graph, resolver: new PeopleResolver({ graph, homeTenantId: TENANT }), store: new MemoryStateStore(), logger, graphEndpoint: 'https://graph.microsoft.com', homeTenantId: TENANT, teamsHost: 'teams.microsoft.com' });
  const notifier = new RecordingNotifier();
  const bot = new ChatStarterBot({ service, cards: createCardRenderer(), cardUpdater: noUpdates, requesterNotifier: notifier, allowedTenantIds: [TENANT], logger, ...options });
  const adapter = new TestAdapter((context) => bot.run(context));
  return { adapter, graph, notifier };
}

const from = { id: '29:alex', name: 'Alex Wilber', aadObjectId: ME };

function actionInvoke(name: 'composeExtension/fetchTask' | 'composeExtension/submitAction', value: unknown, overrides: Partial<Activity> = {}): Partial<Activity> {
  return {
    type: 'invoke',
    name,
    channelId: 'msteams',
    from,
    recipient: { id: '28:bot', name: 'Chat Starter' },
    conversation: { id: 'personal-alex', conversationType: 'personal', isGroup: false, name: '' },
    channelData: { tenant: { id: TENANT }, source: { name: 'compose' } },
    value,
    ...overrides,
  };
}

const groupChat = { conversation: { id: '19:group@thread.v2', conversationType: 'groupChat', isGroup: true, name: '' } } as Partial<Activity>;

/** The invoke response the bot gave: its HTTP status and the task module body. */
async function answerTo(adapter: TestAdapter, activity: Partial<Activity>): Promise<{ status: number; task: { type: string; value: unknown } }> {
  let answer: { status: number; body: { task: { type: string; value: unknown } } } | undefined;
  await adapter.send(activity).assertReply((reply) => {
    expect(reply.type).toBe('invokeResponse');
    answer = reply.value as typeof answer;
  });
  return { status: answer!.status, task: answer!.body.task };
}

function dialogCard(task: { type: string; value: unknown }): AdaptiveCardJson {
  expect(task.type).toBe('continue');
  const value = task.value as { card: { contentType: string; content: AdaptiveCardJson } };
  expect(value.card.contentType).toBe('application/vnd.microsoft.card.adaptive');
  return value.card.content;
}

const submit = (data: unknown, commandId: string = ACTION_COMMAND_IDS.startChat) => ({ commandId, commandContext: 'compose', data });
const form = (people: string, topic: string) => ({ verb: CARD_VERBS.startChat, [CARD_INPUTS.people]: people, [CARD_INPUTS.topic]: topic });

describe('message extension turns: fetchTask', () => {
  it.each(['compose', 'commandbox'])('from the %s of the personal chat: the empty form in a dialog, submitted with Action.Submit', async (commandContext) => {
    const { adapter } = setup();
    const { status, task } = await answerTo(adapter, actionInvoke('composeExtension/fetchTask', { commandId: ACTION_COMMAND_IDS.startChat, commandContext, context: { theme: 'default' } }));
    expect(status).toBe(200);
    const card = dialogCard(task);
    expect(task.value).toMatchObject({ title: 'Start a chat' });
    expect(byId(card, CARD_INPUTS.people)?.value).toBe('');
    expect(byId(card, CARD_INPUTS.topic)?.value).toBe('');
    expect(topActions(card).map((action) => action.type)).toEqual(['Action.Submit']);
  });

  it("from a group chat's command box: an empty form (the command box is not the chat)", async () => {
    const { adapter } = setup();
    const { task } = await answerTo(adapter, actionInvoke('composeExtension/fetchTask', { commandId: ACTION_COMMAND_IDS.startChat, commandContext: 'commandbox' }, groupChat));
    expect(byId(dialogCard(task), CARD_INPUTS.people)?.value).toBe('');
  });

  it("from a group chat's compose box when its members cannot be listed: still the form, empty", async () => {
    // TestAdapter has no Bot Connector, so listing members fails as it would for a chat the bot is not in.
    const { adapter } = setup();
    const { status, task } = await answerTo(adapter, actionInvoke('composeExtension/fetchTask', { commandId: ACTION_COMMAND_IDS.startChat, commandContext: 'compose' }, groupChat));
    expect(status).toBe(200);
    expect(byId(dialogCard(task), CARD_INPUTS.people)?.value).toBe('');
  });

  it('refuses a tenant that is not allowed, in the dialog', async () => {
    const { adapter } = setup();
    const { task } = await answerTo(adapter, actionInvoke('composeExtension/fetchTask', { commandId: ACTION_COMMAND_IDS.startChat, commandContext: 'compose' }, { channelData: { tenant: { id: 'elsewhere' } } }));
    expect(cardText(dialogCard(task))).toMatch(/isn't enabled/);
  });

  it.each([null, 'text', 42, [], { commandId: 'dance' }])('answers a value of %p with a message, not a fault', async (value) => {
    const { adapter } = setup();
    const { status, task } = await answerTo(adapter, actionInvoke('composeExtension/fetchTask', value));
    expect(status).toBe(200);
    expect(task).toEqual({ type: 'message', value: FETCH_TASK_MESSAGES.unknownCommand });
  });
});

describe('message extension turns: submitAction', () => {
  it('creates the chat with the picked people and the requester, and shows the result in the dialog', async () => {
    const { adapter, graph, notifier } = setup();
    const { status, task } = await answerTo(adapter, actionInvoke('composeExtension/submitAction', submit(form(`${MEGAN},${ADELE}`, 'Launch'))));
    expect(status).toBe(200);
    const card = dialogCard(task);
    expect(task.value).toMatchObject({ title: 'Chat started' });
    expect(cardText(card)).toContain('Launch');
    expect(openUrls(card)).toEqual(['https://teams.microsoft.com/l/chat/19%3A1%40thread.v2/0?tenantId=home']);
    expect(graph.created).toHaveLength(1);
    expect(graph.created[0]!.members.map((member) => member['user@odata.bind'])).toEqual([ME, MEGAN, ADELE].map((id) => `https://graph.microsoft.com/v1.0/users('${id}')`));
    expect(notifier.sent).toEqual([]);
  });

  it('from the command box too, and a redelivery shows the same chat without creating another', async () => {
    const { adapter, graph } = setup();
    const invoke = actionInvoke('composeExtension/submitAction', { ...submit(form(`${MEGAN},${ADELE}`, 'Launch')), commandContext: 'commandbox' });
    const first = await answerTo(adapter, invoke);
    const again = await answerTo(adapter, { ...invoke, id: 'a-new-activity-id' });
    expect(openUrls(dialogCard(again.task))).toEqual(openUrls(dialogCard(first.task)));
    expect(graph.created).toHaveLength(1);
  });

  it.each([
    ['no people', form('', 'Launch'), /Pick at least one person/],
    ['a name instead of an id', form('Megan Bowen', 'Launch'), /not a person/],
    ['people of the wrong type', { verb: CARD_VERBS.startChat, people: [MEGAN], topic: 'Launch' }, /missing its fields/],
    ['a topic over 250 characters', form(MEGAN, 'x'.repeat(251)), /at most 250/],
    ['no verb', { people: MEGAN, topic: 'Launch' }, /not one I know/],
    ['another verb', { verb: CARD_VERBS.checkRequest, requestKey: 'dialog:x:y:z' }, /could not read/],
    ['data that is not an object', 'start a chat please', /could not read/],
  ])('shows the form again for %s, creating nothing', async (_what, data, problem) => {
    const { adapter, graph } = setup();
    const { status, task } = await answerTo(adapter, actionInvoke('composeExtension/submitAction', submit(data)));
    expect(status).toBe(200);
    const card = dialogCard(task);
    expect(cardText(card)).toMatch(problem);
    expect(byId(card, CARD_INPUTS.people)?.type).toBe('Input.ChoiceSet');
    expect(graph.created).toHaveLength(0);
    expect(graph.batches).toHaveLength(0);
  });

  it('keeps the valid people and the topic on a form shown again', async () => {
    const { adapter } = setup();
    const { task } = await answerTo(adapter, actionInvoke('composeExtension/submitAction', submit(form(`${MEGAN},Mallory`, 'Launch'))));
    const card = dialogCard(task);
    expect(byId(card, CARD_INPUTS.people)?.value).toBe(MEGAN);
    expect(byId(card, CARD_INPUTS.topic)?.value).toBe('Launch');
  });

  it('refuses a foreign tenant and an unknown command, creating nothing', async () => {
    const { adapter, graph } = setup();
    const foreign = await answerTo(adapter, actionInvoke('composeExtension/submitAction', submit(form(MEGAN, 'x')), { channelData: { tenant: { id: 'elsewhere' } } }));
    expect(cardText(dialogCard(foreign.task))).toMatch(/isn't enabled/);
    const unknown = await answerTo(adapter, actionInvoke('composeExtension/submitAction', submit(form(MEGAN, 'x'), 'dance')));
    expect(unknown.task).toEqual({ type: 'message', value: FETCH_TASK_MESSAGES.unknownCommand });
    expect(graph.created).toHaveLength(0);
    expect(graph.batches).toHaveLength(0);
  });

  it('names the people it could not add, in the dialog', async () => {
    const { adapter, graph } = setup();
    const stranger = '99999999-9999-9999-9999-999999999999';
    const { task } = await answerTo(adapter, actionInvoke('composeExtension/submitAction', submit(form(`${MEGAN},${stranger}`, 'Launch'))));
    expect(cardText(dialogCard(task))).toContain(stranger);
    expect(graph.created).toHaveLength(0);
  });

  it('when Graph is slow: answers "creating…" at once and sends the result to the personal chat', async () => {
    const { adapter, graph, notifier } = setup({ invokeBudgetMs: 20 });
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    const normal = graph.createChatImpl;
    graph.createChatImpl = async (body) => {
      await released;
      return normal(body);
    };
    const { task } = await answerTo(adapter, actionInvoke('composeExtension/submitAction', submit(form(`${MEGAN},${ADELE}`, 'Slow one'))));
    expect(task).toEqual({ type: 'message', value: CREATING_MESSAGE });
    expect(notifier.sent).toEqual([]);
    const posted = notifier.next();
    release();
    await posted;
    expect(notifier.sent).toHaveLength(1);
    expect(notifier.sent[0]!.address).toEqual({ serviceUrl: expect.any(String), channelId: 'msteams', tenantId: TENANT, botId: '28:bot', userId: '29:alex' });
    expect(cardText(notifier.sent[0]!.card)).toContain('Slow one');
    expect(openUrls(notifier.sent[0]!.card)).toHaveLength(1);
    expect(graph.created).toHaveLength(1);
  });
});
