import { join } from 'node:path';
import { PREVIEW_TEXT, type PostedIntoNewChat } from '../../src/dev/devConnector';
import { DevStack, startDevStack } from '../../src/dev/devStack';
import { launchBrowser, type LaunchedBrowser } from './support/browser';
import { PlaygroundPage } from './support/playgroundPage';

const artifactsDir = join(__dirname, '..', '..', 'test-artifacts', 'e2e');
jest.setTimeout(90_000);

/**
 * The kickoff card in the try-out. The Playground is one conversation with the bot; the dev stack's
 * local Bot Connector (src/dev/devConnector.ts) answers the bot's post into the new chat as Teams
 * would and shows it in the Playground as a preview, so the person sees the card the new chat got,
 * and the result card carries no failure note.
 */
describe('the kickoff card in the Agents Playground', () => {
  let stack: DevStack;
  let browser: LaunchedBrowser;
  let ui: PlaygroundPage;
  const previews: PostedIntoNewChat[] = [];

  beforeAll(async () => {
    stack = await startDevStack({ botPort: 0, playgroundPort: 0, sandboxPort: 0, onPreview: (preview) => previews.push(preview) });
    browser = await launchBrowser();
    ui = new PlaygroundPage(await browser.context.newPage(), { url: stack.playground.url, artifactsDir });
    await ui.open();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('installs the app into the new chat and shows the card posted there as a preview', async () => {
    await ui.newConversation();
    await ui.waitForBotMessage(/Pick the people to chat with/);
    const before = await ui.botMessageCount();
    await ui.send('start chat with Megan Bowen and Adele Vance about Kickoff in the Playground saying Hello team!');
    const result = await ui.waitForBotMessage(/Chat started/);
    expect(result.text).toContain('Open chat');

    // The kickoff goes on behind the result card: the preview follows it, the heading and the card
    // (the Playground shows an activity's text and its card as two messages).
    const heading = await ui.waitForBotMessage(before + 2);
    expect(heading.text).toBe(PREVIEW_TEXT);
    const preview = await ui.waitForBotMessage(before + 3);
    expect(preview.card?.text).toContain('Hello team!');
    expect(preview.card?.text).toContain('Kickoff in the Playground');
    expect(preview.card?.text).toMatch(/With: Megan Bowen, Adele Vance/);
    expect(preview.card?.text).toMatch(/Alex Wilber started this chat/);

    const chat = stack.sandbox.chats.list().find((entry) => entry.topic === 'Kickoff in the Playground');
    expect(chat?.installedApps).toHaveLength(1);
    expect(previews.map((entry) => entry.conversationId)).toEqual([chat?.id]);

    // Nothing updates the result card to say the opening message failed.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await ui.botMessageCount()).toBe(before + 3);
    const cards = await ui.page.locator('.ac-adaptiveCard').allInnerTexts();
    expect(cards.join('\n')).not.toContain("couldn't post the opening message");
    await ui.screenshot('kickoff-preview');
  });
});
