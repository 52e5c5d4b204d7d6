import { BotOnSandbox, startBotOnSandbox } from '../support/botOnSandbox';
import { kickoffCardsIn, playTeamsInstalls } from '../support/kickoffHarness';
import { PEOPLE } from '../support/people';
import { messageActivity } from '../support/teamsActivity';

const INSTALLS = /^\/v1\.0\/chats\/[^/]+\/installedApps$/;

/**
 * The kickoff's installs (`POST /chats/{id}/installedApps`) have their own Graph budget, 30/s per
 * app per tenant: over real HTTP, a burst of new chats installs the app into each of them at the
 * pace the bot is configured for, and a 429 from Graph pauses the installs until Retry-After.
 */
describe('installs into new chats, paced on their own budget', () => {
  let env: BotOnSandbox | undefined;
  afterEach(async () => {
    await env?.stop();
    env = undefined;
  });

  /** Each text in its own conversation at once; resolves when every new chat holds its kickoff card. */
  async function burstWithKickoffs(running: BotOnSandbox, topics: readonly string[]): Promise<string[]> {
    const teams = playTeamsInstalls(running.sandbox, running.connector, () => [running.bot]);
    try {
      const activities = topics.map((topic) => messageActivity({
        serviceUrl: running.connector.serviceUrl, tenantId: running.sandbox.tenantId, fromAadObjectId: PEOPLE.alex.id, text: `start chat with Megan Bowen, Adele Vance about ${topic} saying hello`,
      }));
      const statuses = await Promise.all(activities.map((activity) => running.bot.post(activity).then((res) => res.status)));
      expect(statuses.every((status) => status < 300)).toBe(true);
      const chatIds = (): string[] => running.sandbox.chats.list().filter((chat) => topics.includes(chat.topic ?? '')).map((chat) => chat.id);
      while (chatIds().length < topics.length || !chatIds().every((chatId) => kickoffCardsIn(running.connector, chatId).length > 0)) {
        await running.connector.waitForSent(running.connector.sent().length + 1, 60_000);
      }
      await teams.settled();
      return chatIds();
    } finally {
      teams.stop();
    }
  }

  const installAnswers = (running: BotOnSandbox): number[] =>
    running.sandbox.requests.all().filter((entry) => !entry.inBatch && entry.method === 'POST' && INSTALLS.test(entry.path)).map((entry) => entry.status);

  it('keeps a burst of installs within the configured rate: Graph, allowing the same rate, never answers 429', async () => {
    // The tenant allows 1 install a second (3 at once); the bot is told so (GRAPH_INSTALL_RATE=1).
    env = await startBotOnSandbox({ KICKOFF: 'on', GRAPH_INSTALL_RATE: '1' });
    env.sandbox.rateLimits.set({ method: 'POST', path: INSTALLS, perSecond: 1, burst: 3 });
    const topics = Array.from({ length: 6 }, (_, index) => `Paced install ${index}`);
    const chatIds = await burstWithKickoffs(env, topics);
    expect(chatIds).toHaveLength(6);
    for (const chatId of chatIds) expect(kickoffCardsIn(env.connector, chatId)).toHaveLength(1);
    expect(installAnswers(env)).toEqual([201, 201, 201, 201, 201, 201]);
  }, 120_000);

  it('waits out 429s on installs (the bot believes the default 30/s, the tenant allows 2/s): every chat gets its one kickoff card', async () => {
    env = await startBotOnSandbox({ KICKOFF: 'on' });
    env.sandbox.rateLimits.set({ method: 'POST', path: INSTALLS, perSecond: 2, burst: 1 });
    const topics = Array.from({ length: 6 }, (_, index) => `Throttled install ${index}`);
    const chatIds = await burstWithKickoffs(env, topics);
    for (const chatId of chatIds) expect(kickoffCardsIn(env.connector, chatId)).toHaveLength(1);
    const answers = installAnswers(env);
    expect(answers.filter((status) => status === 201)).toHaveLength(6);
    expect(answers.every((status) => status === 201 || status === 429)).toBe(true);
    // The 429 path ran: more install requests than chats, each 429 creating nothing.
    expect(answers.length).toBeGreaterThan(6);
  }, 120_000);
});
