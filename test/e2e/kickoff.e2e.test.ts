import { join } from 'node:path';
import { DevStack, startDevStack } from '../../src/dev/devStack';
import { launchBrowser, type LaunchedBrowser } from './support/browser';
import { PlaygroundPage } from './support/playgroundPage';

const artifactsDir = join(__dirname, '..', '..', 'test-artifacts', 'e2e');
jest.setTimeout(90_000);

/**
 * What the Agents Playground can show of the kickoff card: the Playground is one conversation
 * with the bot, and its mock Bot Connector answers `404 Conversation not found` for any other, so
 * the card posted into the new chat cannot appear there. The rest really happens (the sandbox
 * installs the app into the chat), and the result card, updated once the kickoff gave up, says
 * plainly that the card was not posted.
 */
describe('the kickoff card in the Agents Playground', () => {
  let stack: DevStack;
  let browser: LaunchedBrowser;
  let ui: PlaygroundPage;
  const botLines: string[] = [];

  beforeAll(async () => {
    stack = await startDevStack({ botPort: 0, playgroundPort: 0, sandboxPort: 0, onBotLine: (line) => botLines.push(line) });
    browser = await launchBrowser();
    ui = new PlaygroundPage(await browser.context.newPage(), { url: stack.playground.url, artifactsDir });
    await ui.open();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('installs the app into the new chat, cannot show the card there, and says so on the result card', async () => {
    await ui.newConversation();
    await ui.waitForBotMessage(/Pick the people to chat with/);
    const before = await ui.botMessageCount();
    await ui.send('start chat with Megan Bowen and Adele Vance about Kickoff in the Playground saying Hello team!');
    // The result card comes first; the kickoff goes on behind it, and when it fails the same card
    // is updated in place to say so (no second message).
    const first = await ui.waitForBotMessage(/Chat started/);
    expect(first.text).toContain('Open chat');
    const result = await ui.waitForBotMessage(/couldn't post the opening message in the chat/);
    expect(result.text).toMatch(/Chat started/);
    expect(result.text).not.toContain('Hello team!');
    expect(await ui.botMessageCount()).toBe(before + 1);

    const chat = stack.sandbox.chats.list().find((entry) => entry.topic === 'Kickoff in the Playground');
    expect(chat?.installedApps).toHaveLength(1);
    const isKickoffFailure = (line: string): boolean => line.includes('"kickoff":true') && line.includes('"cause":"sendFailed"');
    // The bot's log comes through a pipe and may trail the reply: wait for it.
    for (let i = 0; i < 100 && !botLines.some(isKickoffFailure); i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
    const kickoffLog = botLines.find(isKickoffFailure);
    expect(kickoffLog).toContain('"status":404');
    await ui.screenshot('kickoff-result');
  });
});
