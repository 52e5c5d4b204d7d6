import { ConnectorCall } from '../support/connectorStub';
import { BotOnSandbox, cardOf, openUrls, startBotOnSandbox } from '../support/botOnSandbox';
import { PEOPLE } from '../support/people';
import { messageActivity } from '../support/teamsActivity';

/**
 * Many people asking at once while Graph throttles `POST /chats` (the sandbox's rate-limit mode,
 * 429 + Retry-After as Graph does), over real HTTP into the compiled bot: every request gets its
 * one chat, none twice, and a request that waits its turn says so first.
 */
describe('a burst of chat requests against a throttled Graph', () => {
  const group = (index: number): string => `start chat with Megan Bowen, Adele Vance about Burst ${index}`;

  /** Posts every text in its own conversation at once; resolves with each conversation's messages once each has a card. */
  async function burst(env: BotOnSandbox, texts: readonly string[]): Promise<ConnectorCall[][]> {
    const activities = texts.map((text) => messageActivity({ serviceUrl: env.connector.serviceUrl, tenantId: env.sandbox.tenantId, fromAadObjectId: PEOPLE.alex.id, text }));
    const conversations = activities.map((activity) => (activity.conversation as { id: string }).id);
    const statuses = await Promise.all(activities.map((activity) => env.bot.post(activity).then((res) => res.status)));
    expect(statuses.every((status) => status < 300)).toBe(true);
    const messagesOf = (conversationId: string): ConnectorCall[] => env.connector.sent().filter((call) => call.conversationId === conversationId);
    const hasCard = (call: ConnectorCall): boolean => Array.isArray(call.activity.attachments) && call.activity.attachments.length > 0;
    while (!conversations.every((conversationId) => messagesOf(conversationId).some(hasCard))) {
      await env.connector.waitForSent(env.connector.sent().length + 1, 60_000);
    }
    return conversations.map(messagesOf);
  }

  function expectOneChatPerRequest(env: BotOnSandbox, replies: readonly ConnectorCall[][], count: number): void {
    const topics = env.sandbox.chats.list().map((chat) => chat.topic ?? '').filter((topic) => topic.startsWith('Burst '));
    expect(topics).toHaveLength(count);
    expect(new Set(topics).size).toBe(count);
    // Each conversation's last message is its result card, linking to a chat that exists.
    const chatUrls = new Set(env.sandbox.chats.list().map((chat) => chat.webUrl));
    for (const messages of replies) {
      const last = messages[messages.length - 1]!;
      const urls = openUrls(cardOf(last.activity));
      expect(urls.some((url) => chatUrls.has(url))).toBe(true);
    }
  }

  it('creates every chat once when the bot thinks it has four times the budget Graph gives (429s pause the queue)', async () => {
    // The bot believes Graph's default 20/s; the tenant allows 5/s, one at a time: POSTs are answered 429.
    const env = await startBotOnSandbox();
    try {
      env.sandbox.rateLimits.set({ method: 'POST', path: '/v1.0/chats', perSecond: 5, burst: 1 });
      const replies = await burst(env, Array.from({ length: 30 }, (_, index) => group(index)));
      expectOneChatPerRequest(env, replies, 30);
      const posts = env.sandbox.requests.all().filter((entry) => !entry.inBatch && entry.method === 'POST' && entry.path === '/v1.0/chats');
      expect(posts.filter((post) => post.status === 201)).toHaveLength(30);
      expect(posts.every((post) => post.status === 201 || post.status === 429)).toBe(true);
      // The 429s happened, and each created nothing (30 chats from more than 30 POSTs).
      expect(posts.length).toBeGreaterThan(30);
    } finally {
      await env.stop();
    }
  }, 120_000);

  it('tells a person whose typed request waits its turn that it is queued, then gives the result', async () => {
    // 1 POST /chats per second (spent at 83%, 3 s of allowance): the last of 8 waits several seconds.
    const env = await startBotOnSandbox({ GRAPH_CHAT_CREATE_RATE: '1' });
    try {
      env.sandbox.rateLimits.set({ method: 'POST', path: '/v1.0/chats', perSecond: 1, burst: 3 });
      const replies = await burst(env, Array.from({ length: 8 }, (_, index) => group(100 + index)));
      expectOneChatPerRequest(env, replies, 8);
      const notices = replies.map((messages) => messages.filter((call) => typeof call.activity.text === 'string' && /queued/.test(call.activity.text as string)));
      // The first ones go at once and hear nothing; the ones that wait 3 s or more hear where they
      // stand, once, before their card. Which of the 8 waits longest depends on the order they
      // reached the bot (not the order they were sent), so the checks hold for any order.
      const heard = notices.filter((found) => found.length > 0).length;
      expect(heard).toBeGreaterThanOrEqual(1);
      expect(heard).toBeLessThan(8);
      notices.forEach((found, index) => {
        expect(found.length).toBeLessThanOrEqual(1);
        if (found.length === 0) return;
        expect(found[0]!.activity.text).toMatch(/\d+ requests? (is|are) ahead of yours/);
        expect(replies[index]!.indexOf(found[0]!)).toBeLessThan(replies[index]!.length - 1);
      });
    } finally {
      await env.stop();
    }
  }, 120_000);
});
