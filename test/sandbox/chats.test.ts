import type { Client, GraphError } from '@microsoft/microsoft-graph-client';
import { startSandbox, type SandboxTenant } from '../../src/sandbox';
import { appToken, expectGraphError, graphClient, raw } from './sandboxClients';

const TYPE = '#microsoft.graph.aadUserConversationMember';
const bind = (key: string): string => `https://graph.microsoft.com/v1.0/users('${key}')`;
const owner = (key: string, extra: Record<string, unknown> = {}) => ({ '@odata.type': TYPE, roles: ['owner'], 'user@odata.bind': bind(key), ...extra });
const guest = (key: string) => ({ '@odata.type': TYPE, roles: ['guest'], 'user@odata.bind': bind(key) });

// The request bodies of the five examples on Graph's "Create chat" page.
const example1 = { chatType: 'oneOnOne', members: [owner('8b081ef6-4792-4def-b2c9-c363a1bf41d5'), owner('82af01c5-f7cc-4a2e-a728-3a5df21afd9d')] };
const example2 = {
  chatType: 'group', topic: 'Group chat title',
  members: [owner('8c0a1a67-50ce-4114-bb6c-da9c5dbcf6ca'), owner('82fe7758-5bb3-4f0d-a43f-e555fd399c6f'), owner('3626a173-f2bc-4883-bcf7-01514c3bfb82')],
};
const example3 = { chatType: 'oneOnOne', members: [owner('jacob@contoso.com'), owner('alex@contoso.com')] };
const example4 = {
  chatType: 'group', topic: 'Group chat title',
  members: [owner('8c0a1a67-50ce-4114-bb6c-da9c5dbcf6ca'), owner('82fe7758-5bb3-4f0d-a43f-e555fd399c6f'), guest('8ba98gf6-7fc2-4eb2-c7f2-aef9f21fd98g')],
};
const example5 = {
  chatType: 'oneOnOne',
  members: [owner('8b081ef6-4792-4def-b2c9-c363a1bf41d5'), owner('82af01c5-f7cc-4a2e-a728-3a5df21afd9d', { tenantId: '4dc1fe35-8ac6-4f0d-904a-7ebcd364bea1' })],
};

describe('sandbox Graph POST /chats', () => {
  let sandbox: SandboxTenant;
  let client: Client;
  let token: string;
  beforeAll(async () => {
    sandbox = await startSandbox();
    client = graphClient(sandbox);
    token = await appToken(sandbox);
  });
  afterAll(async () => {
    await sandbox.close();
  });
  afterEach(() => sandbox.setAppPermissions(['Chat.Create', 'User.Read.All']));

  const post = (body: unknown) => raw(sandbox, 'POST', '/v1.0/chats', { token, body });

  function expectChatShape(chat: Record<string, unknown>, chatType: string, topic: string | null): void {
    expect(chat).toMatchObject({
      '@odata.context': `${sandbox.origin}/v1.0/$metadata#chats/$entity`,
      topic,
      chatType,
      tenantId: sandbox.tenantId,
      isHiddenForAllMembers: false,
      createdDateTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      lastUpdatedDateTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(chat['webUrl']).toBe(`https://teams.microsoft.com/l/chat/${encodeURIComponent(String(chat['id']))}/0?tenantId=${sandbox.tenantId}`);
  }

  it('example 1: one-on-one by object id through the real Graph client', async () => {
    const chat = await client.api('/chats').post(example1);
    expectChatShape(chat, 'oneOnOne', null);
    expect(chat.id).toBe('19:82af01c5-f7cc-4a2e-a728-3a5df21afd9d_8b081ef6-4792-4def-b2c9-c363a1bf41d5@unq.gbl.spaces');
  });

  it('example 2: group chat with a topic; every POST makes a new chat', async () => {
    const first = await post(example2);
    const second = await post(example2);
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expectChatShape(first.body, 'group', 'Group chat title');
    expect(first.body.id).toMatch(/^19:[0-9a-f]{32}@thread\.v2$/);
    expect(second.body.id).not.toBe(first.body.id);
  });

  it('example 3: one-on-one by userPrincipalName', async () => {
    const response = await post(example3);
    expect(response.status).toBe(201);
    expectChatShape(response.body, 'oneOnOne', null);
    expect(response.body.id).toMatch(/^19:[0-9a-f-]+_[0-9a-f-]+@unq\.gbl\.spaces$/);
  });

  it('example 4: group chat with an in-tenant guest in the guest role', async () => {
    const response = await post(example4);
    expect(response.status).toBe(201);
    expectChatShape(response.body, 'group', 'Group chat title');
    const stored = sandbox.chats.list().find((c) => c.id === response.body.id);
    expect(stored?.members.map((m) => m.roles[0])).toEqual(['owner', 'owner', 'guest']);
  });

  it('example 5: one-on-one with a federated user, who is not looked up', async () => {
    const response = await post(example5);
    expect(response.status).toBe(201);
    expectChatShape(response.body, 'oneOnOne', null);
    expect(response.body.id).toBe('19:82af01c5-f7cc-4a2e-a728-3a5df21afd9d_8b081ef6-4792-4def-b2c9-c363a1bf41d5@fed.unq.gbl.spaces');
    const stored = sandbox.chats.list().find((c) => c.id === response.body.id);
    expect(stored?.members[1]).toMatchObject({ tenantId: '4dc1fe35-8ac6-4f0d-904a-7ebcd364bea1', displayName: null });
  });

  it('returns the existing one-on-one chat (same id, still 201), whatever the member order', async () => {
    const first = await post({ chatType: 'oneOnOne', members: [owner('alexw@example.com'), owner('meganb@example.com')] });
    const again = await post({ chatType: 'oneOnOne', members: [owner('00000000-0000-0000-0000-0000000000021'), owner('00000000-0000-0000-0000-0000000000020')] });
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(sandbox.chats.list().filter((c) => c.id === first.body.id)).toHaveLength(1);
  });

  it("accepts the sandbox's own origin in the bind URL", async () => {
    const member = (key: string) => ({ '@odata.type': TYPE, roles: ['owner'], 'user@odata.bind': `${sandbox.origin}/v1.0/users('${key}')` });
    const response = await post({ chatType: 'group', topic: 'Own origin', members: [member('alexw@example.com'), member('adelev@example.com')] });
    expect(response.status).toBe(201);
  });

  it('reads a doubled quote in the bind key as one quote', async () => {
    const response = await post({ chatType: 'group', members: [owner('alexw@example.com'), owner("o''brien@contoso.com")] });
    expect(response.status).toBe(404);
    expect(response.body.error.message).toContain("'o'brien@contoso.com'");
  });

  const alex = owner('alexw@example.com');
  const megan = owner('meganb@example.com');
  const errorCases: Array<[string, unknown, number, string, RegExp]> = [
    ['missing chatType', { members: [alex, megan] }, 400, 'BadRequest', /chatType/],
    ['unknown chatType', { chatType: 'meeting', members: [alex, megan] }, 400, 'BadRequest', /chatType/],
    ['missing members', { chatType: 'group' }, 400, 'BadRequest', /Chat members cannot be null/],
    ['empty members', { chatType: 'group', members: [] }, 400, 'BadRequest', /Chat members cannot be null/],
    ['role member', { chatType: 'group', members: [alex, { ...megan, roles: ['member'] }] }, 400, 'BadRequest', /The passed-in role 'member' is not supported/],
    ['two roles', { chatType: 'group', members: [alex, { ...megan, roles: ['owner', 'guest'] }] }, 400, 'BadRequest', /exactly one role/],
    ['wrong member type', { chatType: 'group', members: [alex, { ...megan, '@odata.type': '#microsoft.graph.conversationMember' }] }, 400, 'BadRequest', /not supported/],
    ['bind to another host', { chatType: 'group', members: [alex, { ...megan, 'user@odata.bind': "https://evil.example/v1.0/users('meganb@example.com')" }] }, 400, 'BadRequest', /user@odata.bind/],
    ['bind without quotes', { chatType: 'group', members: [alex, { ...megan, 'user@odata.bind': 'https://graph.microsoft.com/v1.0/users/meganb@example.com' }] }, 400, 'BadRequest', /user@odata.bind/],
    ['unknown UPN', { chatType: 'group', members: [alex, owner('nobody@contoso.com')] }, 404, 'NotFound', /Failed to find users with user principal name/],
    ['unknown id', { chatType: 'group', members: [alex, owner('99999999-9999-4999-8999-999999999999')] }, 404, 'NotFound', /Failed to find users/],
    ['disabled account', { chatType: 'group', members: [alex, owner('diegos@contoso.com')] }, 400, 'BadRequest', /disabled/],
    ['guest given owner', { chatType: 'group', members: [alex, owner('8ba98gf6-7fc2-4eb2-c7f2-aef9f21fd98g')] }, 400, 'BadRequest', /guest/],
    ['member given guest', { chatType: 'group', members: [alex, guest('meganb@example.com')] }, 400, 'BadRequest', /guest/],
    ['federated given guest', { chatType: 'group', members: [alex, { ...guest('abc'), tenantId: '4dc1fe35-8ac6-4f0d-904a-7ebcd364bea1' }] }, 400, 'BadRequest', /owner/],
    ['no home-tenant member', { chatType: 'oneOnOne', members: [owner('a', { tenantId: '4dc1fe35-8ac6-4f0d-904a-7ebcd364bea1' }), owner('b', { tenantId: '4dc1fe35-8ac6-4f0d-904a-7ebcd364bea1' })] }, 400, 'BadRequest', /At least one member/],
    ['one-on-one with three', { chatType: 'oneOnOne', members: [alex, megan, owner('adelev@example.com')] }, 400, 'BadRequest', /exactly 2/],
    ['one-on-one with a topic', { chatType: 'oneOnOne', topic: 'Hi', members: [alex, megan] }, 400, 'BadRequest', /Setting topic is not allowed for 1-on-1 chats/],
    ['group of one', { chatType: 'group', members: [alex] }, 400, 'BadRequest', /at least 2/],
    ['duplicate members', { chatType: 'group', members: [alex, megan, owner('00000000-0000-0000-0000-0000000000021')] }, 400, 'BadRequest', /Duplicate/],
    ['more than 250', { chatType: 'group', members: Array.from({ length: 251 }, (_, i) => owner(`u${i}`, { tenantId: '4dc1fe35-8ac6-4f0d-904a-7ebcd364bea1' })) }, 400, 'BadRequest', /at most 250/],
    ['malformed JSON', '{"chatType": ', 400, 'BadRequest', /Unable to read JSON request payload/],
  ];
  it.each(errorCases)('%s', async (_name, body, status, code, message) => {
    const before = sandbox.chats.list().length;
    const response = await post(body);
    expect(response.status).toBe(status);
    expectGraphError(response.body, code);
    expect(response.body.error.message).toMatch(message);
    expect(sandbox.chats.list()).toHaveLength(before);
  });

  it('403 without Chat.Create, with Graph\'s message, through the real client', async () => {
    sandbox.setAppPermissions(['User.Read.All']);
    const failure = (await client.api('/chats').post(example2).catch((e: unknown) => e)) as GraphError;
    expect(failure.statusCode).toBe(403);
    expect(failure.code).toBe('Forbidden');
    expect(failure.message).toBe("Missing role permissions on the request. API requires one of 'Chat.Create, Teamwork.Migrate.All'. Roles on the request 'User.Read.All'.");
  });

  it('GET /chats/{id} and /members need a chat read permission, then return the chat', async () => {
    const created = await post(example4);
    const id = encodeURIComponent(created.body.id);
    const denied = await raw(sandbox, 'GET', `/v1.0/chats/${id}`, { token });
    expect(denied.status).toBe(403);
    sandbox.setAppPermissions(['Chat.Create', 'User.Read.All', 'Chat.ReadBasic.All']);
    const chat = await raw(sandbox, 'GET', `/v1.0/chats/${id}`, { token });
    expect(chat.status).toBe(200);
    expect(chat.body.id).toBe(created.body.id);
    const members = await raw(sandbox, 'GET', `/v1.0/chats/${id}/members`, { token });
    expect(members.body.value).toEqual([
      expect.objectContaining({ '@odata.type': TYPE, userId: '8c0a1a67-50ce-4114-bb6c-da9c5dbcf6ca', displayName: 'Lynne Robbins', email: 'lynner@contoso.com', roles: ['owner'], tenantId: sandbox.tenantId }),
      expect.objectContaining({ userId: '82fe7758-5bb3-4f0d-a43f-e555fd399c6f', roles: ['owner'] }),
      expect.objectContaining({ userId: '8ba98gf6-7fc2-4eb2-c7f2-aef9f21fd98g', roles: ['guest'], email: 'pat@fabrikam.com' }),
    ]);
    const missing = await raw(sandbox, 'GET', '/v1.0/chats/19%3Anope%40thread.v2', { token });
    expect(missing.status).toBe(404);
  });
});
