import { join } from 'node:path';
import { DevStack, startDevStack } from '../../src/dev/devStack';
import { ACTION_COMMAND_IDS } from '../../src/messageExtension/actionCommands';
import { PEOPLE } from '../support/people';
import { launchBrowser, type LaunchedBrowser } from './support/browser';
import { MessageExtensionUi } from './support/messageExtensionUi';
import { PlaygroundPage } from './support/playgroundPage';

/**
 * The message extension in the Agents Playground, as a person uses it: "Start a chat" from the
 * compose box, and "Start a chat about this" on a message in the group chat. The Playground has
 * no manifest, so the command id is typed into its dialog; everything else is the real flow
 * (fetchTask → dialog → submitAction → result in the dialog).
 */
const artifactsDir = join(__dirname, '..', '..', 'test-artifacts', 'e2e');
jest.setTimeout(90_000);

/** The people picker of the form in a `task: continue` answer. */
function pickerIn(answer: unknown): { value: string; choices: { title: string; value: string }[] } {
  const card = (answer as { task: { value: { card: { content: { body: { id?: string }[] } } } } }).task.value.card.content;
  const picker = card.body.find((element) => element.id === 'people');
  if (!picker) throw new Error('the dialog has no people picker');
  return picker as unknown as { value: string; choices: { title: string; value: string }[] };
}

describe('the message extension in the Agents Playground', () => {
  let stack: DevStack;
  let browser: LaunchedBrowser;
  let ui: PlaygroundPage;
  let extension: MessageExtensionUi;

  const chatPosts = () => stack.sandbox.requests.all().filter((entry) => entry.method === 'POST' && entry.path === '/v1.0/chats');

  beforeAll(async () => {
    stack = await startDevStack({ botPort: 0, playgroundPort: 0, sandboxPort: 0 });
    browser = await launchBrowser();
    ui = new PlaygroundPage(await browser.context.newPage(), { url: stack.playground.url, artifactsDir });
    extension = new MessageExtensionUi(ui.page);
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

  it('"Start a chat" from the compose box opens the empty form in a dialog', async () => {
    await ui.waitForBotMessage(/Pick the people to chat with/);
    const dialog = await extension.openFromComposeBox(ACTION_COMMAND_IDS.startChat);
    expect(dialog.text).toMatch(/Pick the people to chat with/);
    expect(dialog.inputs).toMatchObject({ 'People Picker': '', 'e.g. Q3 planning': '' });
    await extension.close();
    expect(chatPosts()).toHaveLength(0);
  });

  it('"Start a chat" from the group chat\'s compose box: the bot offers the chat\'s members', async () => {
    await ui.page.getByRole('treeitem', { name: 'Group Chat' }).click();
    const dialog = await extension.openFromComposeBox(ACTION_COMMAND_IDS.startChat);
    expect(dialog.text).toMatch(/Pick the people to chat with/);
    // Listed through the Playground's connector (getPagedMembers): everyone in its group chat but Alex.
    const picker = pickerIn(dialog.answer);
    expect(picker.value.split(',')).toEqual(expect.arrayContaining([PEOPLE.megan.id, PEOPLE.adele.id]));
    expect(picker.value.split(',')).not.toContain(PEOPLE.alex.id);
    expect(picker.choices.map((choice) => choice.title)).toEqual(expect.arrayContaining([PEOPLE.megan.name, PEOPLE.adele.name]));
    // The Playground's people picker does not draw pre-selected people (docs/playground.md).
    await extension.close();
  });

  it('"Start a chat about this" on a group chat message: the topic from the message, then one chat from the dialog', async () => {
    await ui.page.getByRole('treeitem', { name: 'Group Chat' }).click();
    const message = await extension.sendWithMentions([
      { typed: 'Meg', mention: PEOPLE.megan.name },
      ' and ',
      { typed: 'Adel', mention: PEOPLE.adele.name },
      ', can we settle the launch checklist?',
    ]);
    const form = await extension.openOnMessage(message, ACTION_COMMAND_IDS.startChatAboutMessage);
    expect(form.inputs['e.g. Q3 planning']).toBe('Megan Bowen and Adele Vance, can we settle the launch checklist?');
    // Its payload names Alex for every mention, and Alex (the requester) is never listed.
    expect(pickerIn(form.answer).value).toBe('');
    await ui.screenshot('message-extension-dialog');

    // The Playground names the sender for every mention it sends (docs/playground.md), so the
    // mentioned people are picked here as a person would add anyone to the form.
    await extension.pickPerson('Meg', PEOPLE.megan.name);
    await extension.pickPerson('Adel', PEOPLE.adele.name);
    const result = await extension.clickAndWait('Start chat', /Chat started/);
    expect(result.text).toContain(PEOPLE.megan.name);
    expect(result.text).toContain(PEOPLE.adele.name);

    const posts = chatPosts();
    expect(posts).toHaveLength(1);
    expect(posts[0]!.status).toBe(201);
    const chat = posts[0]!.response as { id: string; webUrl: string; topic: string };
    expect(chat.topic).toBe('Megan Bowen and Adele Vance, can we settle the launch checklist?');
    expect(stack.sandbox.chats.list().find((entry) => entry.id === chat.id)?.members.map((member) => member.userId).sort()).toEqual(
      [PEOPLE.alex.id, PEOPLE.megan.id, PEOPLE.adele.id].sort(),
    );
    expect(result.links).toEqual([{ title: 'Open chat', url: chat.webUrl }]);
    await ui.screenshot('message-extension-result');
    await extension.close();
  });
});
