import { SandboxTenant, startSandbox } from '../../src/sandbox';
import { sharedAzurite, uniqueContainer } from '../support/azurite';
import { kickoffEnv } from '../support/botOnSandbox';
import { BotProcess, startBotProcess } from '../support/botProcess';
import { ConnectorStub } from '../support/connectorStub';
import { kickoffCardsIn, occurrences, playTeamsInstalls } from '../support/kickoffHarness';
import { PEOPLE } from '../support/people';
import { messageActivity } from '../support/teamsActivity';

/**
 * Two compiled bot processes sharing Blob state (Azurite): the same message delivered to both at
 * once makes one chat and one kickoff card, and neither instance welcomes the new chat.
 */
describe('the kickoff card with two bot instances', () => {
  let sandbox: SandboxTenant;
  let connector: ConnectorStub;
  let bots: BotProcess[] = [];
  let teams: ReturnType<typeof playTeamsInstalls>;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
    connector = new ConnectorStub();
    await connector.start();
    const env = { ...kickoffEnv(sandbox), AZURE_STORAGE_CONNECTION_STRING: sharedAzurite().connectionString, STATE_BLOB_CONTAINER: uniqueContainer('kickoff-multi-instance') };
    bots = await Promise.all([startBotProcess(env), startBotProcess(env)]);
    teams = playTeamsInstalls(sandbox, connector, () => bots);
  }, 60_000);
  afterAll(async () => {
    teams?.stop();
    await Promise.all(bots.map((bot) => bot.stop()));
    await connector?.stop();
    await sandbox?.close();
  });

  it('one chat, one kickoff card with the first words once, no welcome from either instance', async () => {
    sandbox.faults.add({ method: 'POST', path: '/v1.0/chats', delayMs: 1_500, count: 1 });
    const activity = messageActivity({
      serviceUrl: connector.serviceUrl, tenantId: sandbox.tenantId, fromAadObjectId: PEOPLE.alex.id, fromName: PEOPLE.alex.name,
      conversationId: 'a:two-instances', text: 'start chat with Megan Bowen, Lee Gu about Two instances saying Only once, please.',
    });
    const responses = await Promise.all([bots[0]!.post(activity), bots[1]!.post(activity)]);
    expect(responses.map((res) => res.status)).toEqual([200, 200]);
    await connector.waitForSent(1);

    const chats = sandbox.chats.list().filter((chat) => chat.topic === 'Two instances');
    expect(chats).toHaveLength(1);
    const chatId = chats[0]!.id;
    // The kickoff is posted after the result card, in the background of the instance that created the chat.
    while (kickoffCardsIn(connector, chatId).length === 0) await connector.waitForSent(connector.sent().length + 1);
    await teams.settled();
    const cards = kickoffCardsIn(connector, chatId);
    expect(cards).toHaveLength(1);
    expect(cards[0]!.firstWords).toBe('Only once, please.');
    expect(occurrences(cards[0]!.text, 'Only once, please.')).toBe(1);
    expect(cards[0]!.mentions.map((mention) => mention.mentioned.id)).toEqual([`29:${PEOPLE.alex.id}`]);
    // Both instances got Teams' conversationUpdate for the install; the Blob record silenced both.
    expect(teams.installs.filter((install) => install.chatId === chatId)).toHaveLength(1);
    expect(connector.sentTo(chatId)).toHaveLength(1);
  });
});
