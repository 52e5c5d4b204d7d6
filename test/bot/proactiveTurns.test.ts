import { CloudAdapter, ConfigurationBotFrameworkAuthentication, ConversationReference } from 'botbuilder';
import { ConnectorCardUpdater } from '../../src/bot/cardUpdater';
import { ConnectorRequesterNotifier } from '../../src/bot/requesterNotifier';
import { createCardRenderer } from '../../src/cards';
import { ConnectorStub } from '../support/connectorStub';

/**
 * CloudAdapter hands an error thrown inside a proactive turn to `onTurnError` and resolves as if
 * it had worked; the bot's proactive senders must instead fail to their caller.
 */
describe('proactive turns report their failures to the caller', () => {
  const connector = new ConnectorStub();
  const card = createCardRenderer().renderHelpCard({ commands: [{ title: 'help', description: 'What I do', examples: ['help'] }] });
  let adapter: CloudAdapter;
  let turnErrors: Error[];

  beforeAll(() => connector.start());
  afterAll(() => connector.stop());
  beforeEach(() => {
    connector.clear();
    adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
    turnErrors = [];
    adapter.onTurnError = async (_context, error) => {
      turnErrors.push(error);
    };
  });

  function reference(): Partial<ConversationReference> {
    return {
      channelId: 'msteams',
      serviceUrl: connector.serviceUrl,
      bot: { id: 'bot', name: 'Chat Starter' },
      user: { id: '29:alex', name: 'Alex' },
      conversation: { id: 'a:personal-chat', isGroup: false, conversationType: 'personal', name: '' },
    };
  }

  it('a card update the connector refuses rejects, and onTurnError never sees it', async () => {
    connector.injectFailure({ status: 404, count: 1 });
    await expect(new ConnectorCardUpdater(adapter, '').update(reference(), 'activity-1', card)).rejects.toMatchObject({ statusCode: 404 });
    expect(turnErrors).toEqual([]);
    expect(connector.sent()).toEqual([]);
  });

  it('a card update the connector accepts resolves', async () => {
    await expect(new ConnectorCardUpdater(adapter, '').update(reference(), 'activity-1', card)).resolves.toBeUndefined();
    expect(turnErrors).toEqual([]);
  });

  it('a message to the requester the connector refuses rejects, and onTurnError never sees it', async () => {
    const notifier = new ConnectorRequesterNotifier(adapter, '');
    connector.injectFailure({ status: 404, count: 1 });
    const address = { serviceUrl: connector.serviceUrl, channelId: 'msteams', tenantId: 'tenant-1', botId: 'bot', userId: '29:alex' };
    await expect(notifier.notify(address, card)).rejects.toBeDefined();
    expect(turnErrors).toEqual([]);
  });
});
