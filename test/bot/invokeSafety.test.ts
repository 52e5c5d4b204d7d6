import pino from 'pino';
import { Activity, TestAdapter } from 'botbuilder';
import { createCardRenderer } from '../../src/cards';
import { ChatStarterBot } from '../../src/bot/chatStarterBot';
import { StartChatService } from '../../src/chats/startChatService';
import { PeopleResolver } from '../../src/directory/peopleResolver';
import { MemoryStateStore } from '../../src/state/memoryStateStore';
import { cardText } from '../support/botOnSandbox';
import { FakeGraph, graphUser, ok } from '../support/fakeGraph';

/** Turn tests for what an attacker (or a broken client) can send: the real bot through TestAdapter. */
const TENANT = 'aaaaaaaa-0000-4000-8000-00000000000a';
const OTHER_TENANT = 'bbbbbbbb-0000-4000-8000-00000000000b';

function setup(textLength?: number) {
  const graph = new FakeGraph(() => ok({ value: [graphUser('x', 'Someone')] }));
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
  const bot = new ChatStarterBot({
    service,
    cards: createCardRenderer(),
    cardUpdater: { update: async () => undefined },
    requesterNotifier: { notify: async () => undefined },
    allowedTenantIds: [TENANT],
    logger,
    ...(textLength !== undefined ? { textLength } : {}),
  });
  return { adapter: new TestAdapter((context) => bot.run(context)), graph };
}

const from = { id: '29:me', name: 'Alex Wilber', aadObjectId: 'me' };
const base = { channelId: 'msteams', from, conversation: { id: 'c1', tenantId: TENANT } as Activity['conversation'], channelData: { tenant: { id: TENANT } } };
const cardAction = (value: unknown): Partial<Activity> => ({ ...base, type: 'invoke', name: 'adaptiveCard/action', replyToId: 'card-1', value });

describe('invokes and messages the bot must refuse without a 5xx or a chat message', () => {
  it.each([
    ['a string value', 'start'],
    ['an empty value', {}],
    ['no value', undefined],
    ['an action that is a list', { action: [] }],
    ['data that is a string', { action: { type: 'Action.Execute', verb: 'startChat', data: 'x' } }],
    ['a verb that is a number', { action: { type: 'Action.Execute', verb: 7 } }],
  ])('answers a card action with %s by a 400 invoke response and nothing else', async (_name, value) => {
    const { adapter, graph } = setup();
    await adapter
      .send(cardAction(value))
      .assertReply((reply) => {
        expect(reply.type).toBe('invokeResponse');
        expect(reply.value).toMatchObject({ status: 400, body: { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest' } } });
      })
      .assertNoReply();
    expect(graph.created).toHaveLength(0);
  });

  it("answers an adaptiveCard/action whose action type is not Action.Execute with a 400 NotSupported, as botbuilder did", async () => {
    const { adapter } = setup();
    await adapter
      .send(cardAction({ action: { type: 'Action.Submit', verb: 'startChat', data: {} } }))
      .assertReply((reply) => expect(reply.value).toMatchObject({ status: 400, body: { value: { code: 'NotSupported' } } }))
      .assertNoReply();
  });

  it.each(['composeExtension/query', 'signin/verifyState', 'task/fetch', 'no/such/invoke', ''])('answers the invoke "%s", which it has no route for, with 400 NotSupported (never 501)', async (name) => {
    const { adapter } = setup();
    await adapter
      .send({ ...base, type: 'invoke', name, value: {} })
      .assertReply((reply) => {
        expect(reply.type).toBe('invokeResponse');
        expect(reply.value).toEqual({ status: 400, body: { code: 'NotSupported', message: expect.any(String) } });
      })
      .assertNoReply();
  });

  it('refuses a message longer than the limit before parsing it, and looks nobody up', async () => {
    const { adapter, graph } = setup(40);
    await adapter.send({ ...base, type: 'message', text: `start chat with ${'Megan, '.repeat(10)}` }).assertReply((reply) => {
      expect(cardText(reply.attachments![0]!.content)).toMatch(/Message too long[\s\S]*up to 40 characters; yours has 86/);
    });
    expect(graph.batches).toHaveLength(0);
  });

  it('refuses an activity whose two tenant ids disagree, even when one is allowed, and looks nobody up', async () => {
    const { adapter, graph } = setup();
    await adapter
      .send({ ...base, conversation: { id: 'c1', tenantId: OTHER_TENANT } as Activity['conversation'], type: 'message', text: 'start chat with Megan about Launch' })
      .assertReply((reply) => expect(cardText(reply.attachments![0]!.content)).toMatch(/Not available here/));
    expect(graph.batches).toHaveLength(0);
    expect(graph.created).toHaveLength(0);
  });
});
