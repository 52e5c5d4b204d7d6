import { join } from 'node:path';
import { startPlayground, type RunningPlayground } from '../../src/dev/playground';
import { launchBrowser, type LaunchedBrowser } from './support/browser';
import { echoCardLinkUrl, startEchoBot, type RunningEchoBot } from './support/echoBot';
import { PlaygroundPage } from './support/playgroundPage';

// Needs Debian's Chromium (/usr/bin/chromium). The Playground runs on an ephemeral port, so this
// file can run beside others.
const artifactsDir = join(__dirname, '..', '..', 'test-artifacts', 'e2e');
const playgroundTenantId = '00000000-0000-0000-0000-0000000000001';
const alexObjectId = '00000000-0000-0000-0000-0000000000020';

jest.setTimeout(60000);

describe('Agents Playground harness (echo bot, headless Chromium)', () => {
  let bot: RunningEchoBot;
  let playground: RunningPlayground;
  let browser: LaunchedBrowser;
  let ui: PlaygroundPage;

  beforeAll(async () => {
    bot = await startEchoBot();
    playground = await startPlayground({ botEndpoint: bot.endpoint, port: 0 });
    browser = await launchBrowser();
    ui = new PlaygroundPage(await browser.context.newPage(), { url: playground.url, artifactsDir });
    await ui.open();
  });

  afterAll(async () => {
    await browser?.close();
    await playground?.stop();
    await bot?.close();
  });

  beforeEach(async () => {
    await ui.newConversation();
  });

  it('delivers what Alex types to the bot as a Teams message and shows the echo', async () => {
    await ui.send('hello');

    const echo = await ui.waitForBotMessage('Echo: hello');
    expect(echo.text).toBe('Echo: hello');
    const message = bot.received.find((a) => a.type === 'message' && a.text === 'hello');
    expect(message).toMatchObject({
      channelId: 'msteams',
      from: { id: 'user-id-0', name: 'Alex Wilber', aadObjectId: alexObjectId },
      conversation: { conversationType: 'personal', tenantId: playgroundTenantId },
      channelData: { tenant: { id: playgroundTenantId } },
      serviceUrl: playground.serviceUrl,
    });
  });

  it('shows the card with its text, buttons, link target and choices', async () => {
    await ui.send('cards please');

    const message = await ui.waitForBotMessage('You said cards please');
    expect(message.card).toEqual({
      text: expect.stringContaining('You said cards please'),
      buttons: ['Continue'],
      links: [{ title: 'Open chat', url: echoCardLinkUrl }],
      choices: [
        { label: 'Megan Bowen', value: 'megan', checked: true },
        { label: 'Adele Vance', value: 'adele', checked: false },
      ],
    });
    await ui.screenshot('harness-card');
  });

  it('sends the chosen option with Action.Execute and shows the replaced card', async () => {
    await ui.send('pick');
    await ui.waitForBotMessage('You said pick');
    const botMessagesBefore = await ui.botMessageCount();

    await ui.chooseOption('Adele Vance');
    expect((await ui.lastCard()).choices.find((c) => c.label === 'Adele Vance')?.checked).toBe(true);
    await ui.clickCardButton('Continue');

    const replaced = await ui.waitForBotMessage('choosePerson: Adele Vance for "pick"');
    expect(replaced.card?.buttons).toEqual([]);
    // Replaced in place, not posted as a new message.
    expect(await ui.botMessageCount()).toBe(botMessagesBefore);
    expect(await ui.page.getByText('You said pick').count()).toBe(0);
    const invoke = bot.received.find((a) => a.type === 'invoke');
    expect(invoke).toMatchObject({
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb: 'choosePerson', data: { said: 'pick', person: 'adele' } } },
    });
    await ui.screenshot('harness-card-replaced');
  });

  it('opens the OpenUrl target in a popup, which never leaves the machine', async () => {
    await ui.send('link');
    await ui.waitForBotMessage('You said link');

    const url = await ui.followOpenUrl('Open chat');

    expect(url).toBe(echoCardLinkUrl);
    expect(browser.blocked).toContainEqual({ url: echoCardLinkUrl, isNavigation: true });
  });

  it('starts each test with an empty chat on screen', async () => {
    expect(await ui.botMessageCount()).toBe(0);
  });
});
