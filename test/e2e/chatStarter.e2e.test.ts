import { join } from 'node:path';
import { DevStack, startDevStack } from '../../src/dev/devStack';
import { PEOPLE } from '../support/people';
import { launchBrowser, type LaunchedBrowser } from './support/browser';
import { PlaygroundPage } from './support/playgroundPage';

/**
 * End to end, as a person would use it: the `npm run dev` stack (sandbox tenant, compiled bot,
 * Microsoft 365 Agents Playground) driven through headless Chromium. Checks what is on the
 * screen, and through the sandbox's request log, that exactly the expected chats were created.
 */
const artifactsDir = join(__dirname, '..', '..', 'test-artifacts', 'e2e');
jest.setTimeout(90_000);

describe('Chat Starter in the Agents Playground', () => {
  let stack: DevStack;
  let browser: LaunchedBrowser;
  let ui: PlaygroundPage;

  const chatPosts = () => stack.sandbox.requests.all().filter((entry) => entry.method === 'POST' && entry.path === '/v1.0/chats');

  beforeAll(async () => {
    stack = await startDevStack({ botPort: 0, playgroundPort: 0, sandboxPort: 0 });
    browser = await launchBrowser();
    ui = new PlaygroundPage(await browser.context.newPage(), { url: stack.playground.url, artifactsDir });
    await ui.open();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  beforeEach(async () => {
    await ui.newConversation();
    stack.sandbox.requests.clear();
  });

  it('welcomes the person with the start-chat form when the chat opens', async () => {
    const welcome = await ui.waitForBotMessage(/Pick the people to chat with/);
    expect(welcome.card?.buttons).toContain('Start chat');
    expect(welcome.card?.text).toMatch(/Topic/);
    await ui.screenshot('welcome');
  });

  it('starts a chat from the form, picking the person in the people picker', async () => {
    await ui.waitForBotMessage(/Pick the people to chat with/);
    await ui.pickPerson('Meg', PEOPLE.megan.name);
    await ui.fillCardText('Topic (group chats only)', 'Form launch');
    await ui.clickCardButton('Start chat');
    // The form is replaced in place by the result.
    const result = await ui.waitForBotMessage(/Chat started/);
    expect(result.card?.text).toContain(PEOPLE.megan.name);
    const posts = chatPosts();
    expect(posts).toHaveLength(1);
    expect(posts[0]!.status).toBe(201);
    const chat = posts[0]!.response as { id: string; webUrl: string };
    const created = stack.sandbox.chats.list().find((entry) => entry.id === chat.id);
    expect(created?.members.map((member) => member.userId).sort()).toEqual([PEOPLE.alex.id, PEOPLE.megan.id].sort());
    expect(result.card?.links).toEqual([{ title: 'Open chat', url: chat.webUrl }]);
    await ui.screenshot('form-people-picker');
  });

  it('shows help with the commands and examples', async () => {
    await ui.send('help');
    const message = await ui.waitForBotMessage(/start chat with/i);
    expect(message.card?.text).toMatch(/start chat with Megan Bowen/);
    expect(message.card?.buttons).toContain('Start a chat');
    await ui.screenshot('help');
  });

  it('starts a one-on-one chat by text and links to it', async () => {
    await ui.send('start chat with Megan Bowen');
    // The result card; the kickoff card's preview (which names Megan too) follows it.
    const message = await ui.waitForBotMessage(/Chat started/);
    expect(message.card?.text).toContain('Megan Bowen');
    const posts = chatPosts();
    expect(posts).toHaveLength(1);
    expect(posts[0]!.status).toBe(201);
    const chat = posts[0]!.response as { id: string; webUrl: string; chatType: string };
    expect(chat.chatType).toBe('oneOnOne');
    expect(message.card?.links).toEqual([{ title: 'Open chat', url: chat.webUrl }]);
    expect(await ui.followOpenUrl('Open chat')).toBe(chat.webUrl);
    await ui.screenshot('one-on-one');
  });

  it('starts a group chat with a topic by text', async () => {
    await ui.send('start chat with Megan Bowen and Adele Vance about Launch');
    const message = await ui.waitForBotMessage(/Chat started/);
    expect(message.card?.text).toContain('Launch');
    expect(message.card?.text).toContain('Adele Vance');
    const posts = chatPosts();
    expect(posts).toHaveLength(1);
    const chat = posts[0]!.response as { id: string; webUrl: string; topic: string };
    expect(chat.topic).toBe('Launch');
    expect(message.card?.links.map((link) => link.url)).toEqual([chat.webUrl]);
    const created = stack.sandbox.chats.list().find((entry) => entry.id === chat.id);
    expect(created?.members.map((member) => member.userId).sort()).toEqual([PEOPLE.alex.id, PEOPLE.megan.id, PEOPLE.adele.id].sort());
    await ui.screenshot('group-chat');
  });

  it('says who was not found and creates nothing', async () => {
    await ui.send('start chat with Nobody Here, Adele Vance');
    const message = await ui.waitForBotMessage(/Nobody Here/);
    expect(message.card?.text).toMatch(/No one in your organization matches/);
    expect(chatPosts()).toHaveLength(0);
    await ui.screenshot('not-found');
  });

  it('resolves an ambiguous name through the choice card', async () => {
    await ui.send('start chat with Megan and Adele Vance about Pick one');
    const choice = await ui.waitForBotMessage(/Megan Brooks/);
    expect(choice.card?.choices.map((option) => option.label).join(' | ')).toMatch(/Megan Bowen.*Megan Brooks|Megan Brooks.*Megan Bowen/);
    expect(chatPosts()).toHaveLength(0);
    await ui.screenshot('choice');

    const brooks = choice.card!.choices.find((option) => option.label.includes('Megan Brooks'))!;
    await ui.chooseOption(brooks.label);
    await ui.clickCardButton('Continue');
    // The choice card is replaced in place, so wait for the result card's own heading.
    const result = await ui.waitForBotMessage(/Chat started/);
    expect(result.card?.text).toContain('Megan Brooks');
    const posts = chatPosts();
    expect(posts).toHaveLength(1);
    const chat = posts[0]!.response as { id: string; webUrl: string };
    const created = stack.sandbox.chats.list().find((entry) => entry.id === chat.id);
    expect(created?.members.map((member) => member.userId)).toContain(PEOPLE.meganBrooks.id);
    expect(result.card?.links.map((link) => link.url)).toEqual([chat.webUrl]);
    await ui.screenshot('choice-resolved');
  });
});
