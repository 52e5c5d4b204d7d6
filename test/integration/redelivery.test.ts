import { SandboxTenant } from '../../src/sandbox';
import { cardOf, cardText, openUrls } from '../support/botOnSandbox';
import { BotProcess } from '../support/botProcess';
import { ConnectorStub } from '../support/connectorStub';
import { PEOPLE } from '../support/people';
import { messageActivity } from '../support/teamsActivity';
import { TwoInstances, startTwoInstances } from '../support/twoInstances';

jest.setTimeout(90_000);

/**
 * Teams gives a bot about 15 s to answer a message and then delivers it again (FACTS.md, Bot
 * Framework). A test client with that budget stands in for Teams: a delivery it gives up on is
 * one Teams would deliver once more, and the person would wait longer still.
 */
const TEAMS_TURN_BUDGET_MS = 15_000;

/**
 * Redeliveries of a typed message while the first delivery is still being worked on, on one
 * instance and across two sharing Blob state (Azurite): each delivery gets its HTTP answer within
 * Teams' budget, the person gets one answer, and one chat is created.
 */
describe('a typed message delivered again while its first delivery is working', () => {
  let instances: TwoInstances;
  let sandbox: SandboxTenant;
  let connector: ConnectorStub;
  let a: BotProcess;
  let b: BotProcess;

  beforeAll(async () => {
    instances = await startTwoInstances('redelivery');
    ({ sandbox, connector } = instances);
    [a, b] = instances.bots;
  }, 60_000);
  afterAll(async () => {
    await instances?.stop();
  });
  beforeEach(() => {
    sandbox.requests.clear();
    sandbox.faults.clear();
    connector.clear();
  });

  const activity = (conversationId: string, text: string, id: string): Record<string, unknown> =>
    messageActivity({ serviceUrl: connector.serviceUrl, tenantId: sandbox.tenantId, fromAadObjectId: PEOPLE.alex.id, fromName: PEOPLE.alex.name, conversationId, text, id });

  /** As Teams delivers: the HTTP status, or 'no answer' when its budget ran out first. */
  const deliverLikeTeams = (bot: BotProcess, body: Record<string, unknown>): Promise<number | 'no answer'> =>
    fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(TEAMS_TURN_BUDGET_MS) }).then(
      async (res) => {
        await res.text();
        return res.status;
      },
      () => 'no answer' as const,
    );
  /** The first delivery, awaited whatever it takes: its answer to the person goes through the connector. */
  const deliverAndWait = (bot: BotProcess, body: Record<string, unknown>): Promise<number> =>
    fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(async (res) => {
      await res.text();
      return res.status;
    });
  const chatPosts = () => sandbox.requests.all().filter((entry) => entry.method === 'POST' && entry.path === '/v1.0/chats');
  /** The people were looked up, so the first delivery holds the request's claim. */
  const firstDeliveryIsWorking = async (): Promise<void> => {
    while (!sandbox.requests.all().some((entry) => entry.path === '/v1.0/$batch')) await new Promise((resolve) => setTimeout(resolve, 20));
  };

  // Same instance: the owner is a turn of that process, alive for certain (same activity id, as Teams
  // redelivers a slow turn). Other instance: the copy waits until it sees the owner renew its lease
  // (a new activity id, as Teams sometimes sends).
  it.each([
    ['the same instance', 'same', 'delivery-1'],
    ['the other instance', 'other', 'delivery-2'],
  ] as const)('on %s: the copy answers within the budget and says nothing; the owner answers once, one chat', async (_where, instance, copyId) => {
    // The owner's POST /chats takes longer than Teams' whole budget.
    sandbox.faults.add({ method: 'POST', path: '/v1.0/chats', delayMs: TEAMS_TURN_BUDGET_MS + 2_000, count: 1 });
    const conversationId = `a:redelivered-${instance}-instance`;
    const topic = `Redelivered to the ${instance} instance while working`;
    const text = `start chat with Megan Bowen, Lee Gu about ${topic}`;
    const owner = deliverAndWait(a, activity(conversationId, text, 'delivery-1'));
    await firstDeliveryIsWorking();

    expect(await deliverLikeTeams(instance === 'same' ? a : b, activity(conversationId, text, copyId))).toBe(200);
    expect(await owner).toBe(200);

    const sent = connector.sentTo(conversationId);
    expect(sent).toHaveLength(1);
    const chats = sandbox.chats.list().filter((chat) => chat.topic === topic);
    expect(chats).toHaveLength(1);
    expect(openUrls(cardOf(sent[0]!.activity))).toEqual([chats[0]!.webUrl]);
    expect(chatPosts()).toHaveLength(1);
  });

  it("does not say \"didn't confirm\" twice when the owner recorded it and told the person", async () => {
    // The group chat is created, but Graph's answer is a 503: the owner cannot know, says so, never posts again.
    sandbox.faults.add({ method: 'POST', path: '/v1.0/chats', delayMs: 3_000, status: 503, afterHandling: true, count: 1 });
    const conversationId = 'a:uncertain-told-once';
    const text = 'start chat with Megan Bowen, Lee Gu about Uncertain told once';
    const owner = deliverAndWait(a, activity(conversationId, text, 'uncertain-1'));
    await firstDeliveryIsWorking();

    // Teams delivers the message again, with a new id, to the other instance, which waits for the owner.
    expect(await deliverLikeTeams(b, activity(conversationId, text, 'uncertain-2'))).toBe(200);
    expect(await owner).toBe(200);

    // Both turns have answered (replies are sent inside a turn): one message in all.
    const sent = connector.sentTo(conversationId);
    expect(sent).toHaveLength(1);
    expect(cardText(cardOf(sent[0]!.activity))).toMatch(/didn't answer whether the chat was created/);
    expect(chatPosts()).toHaveLength(1);
    expect(sandbox.chats.list().filter((chat) => chat.topic === 'Uncertain told once')).toHaveLength(1);
  });
});
