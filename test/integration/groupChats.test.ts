import { CARD_INPUTS, CARD_VERBS } from '../../src/cards/cardData';
import { ACTION_COMMAND_IDS } from '../../src/messageExtension/actionCommands';
import { BotOnSandbox, cardOf, cardText, openUrls, startBotOnSandbox } from '../support/botOnSandbox';
import { PEOPLE } from '../support/people';
import { cardActionInvoke, messageActivity, messageExtensionInvoke } from '../support/teamsActivity';

const LAUNCH_ENGINEERS = { isaiah: '8b081ef6-4792-4def-b2c9-c363a1bf41d5', lidia: '82af01c5-f7cc-4a2e-a728-3a5df21afd9d' };
const DESIGN_GROUP = '00000000-0000-0000-0002-000000000003';
const DESIGN_MEMBERS = ['8c0a1a67-50ce-4114-bb6c-da9c5dbcf6ca', '82fe7758-5bb3-4f0d-a43f-e555fd399c6f', '3626a173-f2bc-4883-bcf7-01514c3bfb82'];
const SEEDED_PERMISSIONS = ['Chat.Create', 'User.Read.All', 'TeamsAppInstallation.ReadWriteSelfForChat.All', 'AppCatalog.Read.All', 'GroupMember.Read.All'];

interface PostedMember {
  roles: string[];
  'user@odata.bind': string;
}

/**
 * Groups named where people are named, over real HTTP: Teams-shaped activities into the compiled
 * bot, the real Graph client against the sandbox tenant's groups (a distribution list with a
 * nested security group, a Microsoft 365 group, hidden, empty, 30 and 300 members).
 */
describe('starting chats with groups through the bot', () => {
  let env: BotOnSandbox;
  beforeAll(async () => {
    env = await startBotOnSandbox({ LIMIT_CHATS_PER_MINUTE: '100' });
  });
  afterAll(async () => {
    await env?.stop();
  });
  beforeEach(() => {
    env.sandbox.requests.clear();
    env.sandbox.setAppPermissions(SEEDED_PERMISSIONS);
    env.connector.clear();
  });

  const base = () => ({ serviceUrl: env.connector.serviceUrl, tenantId: env.sandbox.tenantId, fromAadObjectId: PEOPLE.alex.id, fromName: PEOPLE.alex.name });
  const say = async (text: string) => {
    const before = env.connector.sent().length;
    const res = await env.bot.post(messageActivity({ ...base(), text }));
    expect(res.status).toBeLessThan(300);
    const sent = await env.connector.waitForSent(before + 1);
    return cardOf(sent[sent.length - 1]!.activity);
  };
  const chatPosts = () => env.sandbox.requests.all().filter((entry) => entry.method === 'POST' && entry.path === '/v1.0/chats');
  const postedMembers = (index = 0) => (chatPosts()[index]!.body as { members: PostedMember[] }).members;
  const memberIds = (index = 0) => postedMembers(index).map((member) => /users\('([^']+)'\)/.exec(member['user@odata.bind'])![1]!).sort();
  const requestIdOf = (card: unknown) => /"requestId":"([^"]+)"/.exec(JSON.stringify(card))![1]!;

  const launchTeam = [PEOPLE.alex.id, PEOPLE.megan.id, PEOPLE.adele.id, PEOPLE.guest.id, LAUNCH_ENGINEERS.isaiah, LAUNCH_ENGINEERS.lidia].sort();

  it('starts one group chat with a distribution list by its address: nested group included, disabled member named and left out, the requester once', async () => {
    const card = await say('start chat with launch@contoso.com about Q3');
    expect(chatPosts()).toHaveLength(1);
    const body = chatPosts()[0]!.body as { chatType: string; topic: string };
    expect(body).toMatchObject({ chatType: 'group', topic: 'Q3' });
    expect(memberIds()).toEqual(launchTeam);
    expect(memberIds()).not.toContain(PEOPLE.diego.id);
    expect(postedMembers().find((member) => member['user@odata.bind'].includes(PEOPLE.guest.id))!.roles).toEqual(['guest']);
    const text = cardText(card);
    expect(text).toMatch(/Left out from Launch Team because their accounts are disabled: Diego Siciliani/);
    expect(text).not.toMatch(/don't need to name yourself/);
    expect(openUrls(card)).toEqual([(chatPosts()[0]!.response as { webUrl: string }).webUrl]);

    // The members were read transitively, with the cast, $count and ConsistencyLevel: eventual.
    const listing = env.sandbox.requests.all().find((entry) => entry.path.includes('/transitiveMembers/'));
    expect(listing).toMatchObject({ status: 200, inBatch: true, query: expect.objectContaining({ $count: 'true' }), headers: expect.objectContaining({ consistencylevel: 'eventual' }) });
  });

  it('starts the same chat with the group named by its display name', async () => {
    await say('start chat with the Launch team about Q3 by name');
    expect(memberIds()).toEqual(launchTeam);
  });

  it('merges a group with people named beside it', async () => {
    await say('start chat with Launch Team, Megan Bowen, Lee Gu about Merged');
    expect(memberIds()).toEqual([...launchTeam, PEOPLE.lee.id].sort());
  });

  it("takes a group from the form's groups field, beside a person picked, and a double click makes one chat", async () => {
    const data = { [CARD_INPUTS.people]: PEOPLE.lee.id, [CARD_INPUTS.groups]: 'launch@contoso.com', [CARD_INPUTS.topic]: 'Form' };
    const click = cardActionInvoke({ ...base(), verb: CARD_VERBS.startChat, replyToId: 'form-groups', data });
    const [first, second] = await Promise.all([env.bot.post(click), env.bot.post({ ...click, id: 'form-groups-again' })]);
    expect(chatPosts()).toHaveLength(1);
    expect(memberIds()).toEqual([...launchTeam, PEOPLE.lee.id].sort());
    for (const res of [first, second]) expect(cardText((res.body as { value: unknown }).value)).toMatch(/Left out from Launch Team/);
  });

  it("takes a group from the message extension dialog's groups field", async () => {
    const value = {
      commandId: ACTION_COMMAND_IDS.startChat,
      commandContext: 'compose',
      context: { theme: 'default' },
      data: { verb: CARD_VERBS.startChat, [CARD_INPUTS.people]: '', [CARD_INPUTS.groups]: 'the Launch team', [CARD_INPUTS.topic]: 'Dialog' },
    };
    const res = await env.bot.post(messageExtensionInvoke({ ...base(), name: 'composeExtension/submitAction', value }));
    expect(res.status).toBe(200);
    expect(chatPosts()).toHaveLength(1);
    expect(memberIds()).toEqual(launchTeam);
  });

  it('asks with the choice card when a name is both a group and a person, and goes on with the group picked', async () => {
    const card = await say('start chat with Design about Mockups');
    expect(chatPosts()).toHaveLength(0);
    const text = cardText(card);
    expect(text).toContain('Design Studio');
    expect(text).toContain('design@contoso.com');
    expect(text).toContain('Microsoft 365 group');
    const res = await env.bot.post(cardActionInvoke({ ...base(), verb: CARD_VERBS.choosePeople, replyToId: 'design-choice', data: { requestId: requestIdOf(card), choice_0: DESIGN_GROUP } }));
    expect(res.status).toBe(200);
    expect(chatPosts()).toHaveLength(1);
    expect(memberIds()).toEqual([PEOPLE.alex.id, ...DESIGN_MEMBERS].sort());
  });

  it('asks which group when two groups share a name', async () => {
    const text = cardText(await say('start chat with Marketing'));
    expect(text).toContain('marketing@contoso.com');
    expect(text).toContain('marketing-news@contoso.com');
    expect(chatPosts()).toHaveLength(0);
  });

  it('refuses a group of 300 with its count, creating nothing', async () => {
    const text = cardText(await say('start chat with fieldops@contoso.com about All hands'));
    expect(text).toMatch(/Field Operations has 300 people/);
    expect(text).toMatch(/at most 200/);
    expect(chatPosts()).toHaveLength(0);
    // Refused from the first page's count: no further page was read.
    expect(env.sandbox.requests.all().filter((entry) => entry.path.includes('/transitiveMembers/'))).toHaveLength(1);
  });

  it('asks to confirm a group of 30, and one confirmation clicked twice or redelivered makes one chat', async () => {
    const typed = messageActivity({ ...base(), text: 'start chat with northwind@contoso.com about Deal' });
    await env.bot.post(typed);
    const card = cardOf((await env.connector.waitForSent(1))[0]!.activity);
    expect(chatPosts()).toHaveLength(0);
    const text = cardText(card);
    expect(text).toMatch(/Start a chat with 30 people\?/);
    expect(text).toMatch(/Northwind Deal Team/);
    expect(text).toMatch(/Account Manager 01/);

    // Teams redelivers the typed message: the same question, nothing created.
    await env.bot.post(typed);
    expect(requestIdOf(cardOf((await env.connector.waitForSent(2))[1]!.activity))).toBe(requestIdOf(card));

    const confirm = cardActionInvoke({ ...base(), verb: CARD_VERBS.choosePeople, replyToId: 'confirm-card', data: { requestId: requestIdOf(card) } });
    const [first, second] = await Promise.all([env.bot.post(confirm), env.bot.post({ ...confirm, id: 'second-click' })]);
    const redelivered = await env.bot.post(confirm);
    expect(chatPosts()).toHaveLength(1);
    expect(postedMembers()).toHaveLength(31);
    const url = (chatPosts()[0]!.response as { webUrl: string }).webUrl;
    for (const res of [first, second, redelivered]) expect(openUrls((res.body as { value: unknown }).value)).toEqual([url]);
  });

  it('names GroupMember.Read.All, and who grants it, when it is missing', async () => {
    env.sandbox.setAppPermissions(['Chat.Create', 'User.Read.All']);
    const text = cardText(await say('start chat with launch@contoso.com about No permission'));
    expect(text).toContain('GroupMember.Read.All');
    expect(text).toMatch(/Global Administrator or Privileged Role Administrator/);
    expect(chatPosts()).toHaveLength(0);
    // People are still found without it.
    await say('start chat with Megan Bowen, Lee Gu about People only');
    expect(chatPosts()).toHaveLength(1);
  });

  it('says a hidden membership is hidden', async () => {
    const text = cardText(await say('start chat with leadership@contoso.com about Offsite'));
    expect(text).toMatch(/Leadership Circle keeps its membership hidden/);
    expect(text).toContain('Member.Read.Hidden');
    expect(chatPosts()).toHaveLength(0);
  });

  it('refuses an empty group clearly', async () => {
    const text = cardText(await say('start chat with retired@contoso.com, Megan Bowen about Old times'));
    expect(text).toMatch(/Retired Project is a group with no one in it/);
    expect(chatPosts()).toHaveLength(0);
  });
});
