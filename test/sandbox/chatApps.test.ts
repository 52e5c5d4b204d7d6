import type { Client } from '@microsoft/microsoft-graph-client';
import { startSandbox, type AppInstalledEvent, type SandboxTenant } from '../../src/sandbox';
import { appToken, expectGraphError, graphClient, raw } from './sandboxClients';

const TYPE = '#microsoft.graph.aadUserConversationMember';
const owner = (key: string, extra: Record<string, unknown> = {}) => ({ '@odata.type': TYPE, roles: ['owner'], 'user@odata.bind': `https://graph.microsoft.com/v1.0/users('${key}')`, ...extra });
const MANIFEST_ID = '00000000-0000-0000-0000-0000000000a9';
const GRANTS = ['Chat.Create', 'User.Read.All', 'TeamsAppInstallation.ReadWriteSelfForChat.All', 'AppCatalog.Read.All'];

describe('sandbox Teams app catalog and chat app installations', () => {
  let sandbox: SandboxTenant;
  let client: Client;
  let token: string;
  let catalogId: string;
  beforeAll(async () => {
    sandbox = await startSandbox();
    client = graphClient(sandbox);
    token = await appToken(sandbox);
    catalogId = sandbox.teamsApps.list()[0]!.id;
  });
  afterAll(async () => {
    await sandbox.close();
  });
  const seeded = () => sandbox.teamsApps.list();
  let original: ReturnType<typeof seeded>;
  beforeAll(() => {
    original = seeded();
  });
  afterEach(() => {
    sandbox.setAppPermissions(GRANTS);
    sandbox.teamsApps.set(original);
    sandbox.faults.clear();
  });

  const bindTo = (id: string) => ({ 'teamsApp@odata.bind': `https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/${id}` });
  const install = (chatId: string, body: unknown = bindTo(catalogId)) =>
    raw(sandbox, 'POST', `/v1.0/chats/${encodeURIComponent(chatId)}/installedApps`, { token, body });
  async function groupChat(): Promise<string> {
    const chat = await client.api('/chats').post({ chatType: 'group', topic: 'Apps', members: [owner('alexw@example.com'), owner('meganb@example.com')] });
    return chat.id as string;
  }

  it('seeds the Chat Starter app, found by its manifest id through the real Graph client', async () => {
    const filter = `externalId eq '${MANIFEST_ID}'`;
    const found = await client.api('/appCatalogs/teamsApps').filter(filter).get();
    expect(found.value).toEqual([{ id: catalogId, externalId: MANIFEST_ID, displayName: 'Chat Starter', distributionMethod: 'organization' }]);
    expect(catalogId).not.toBe(MANIFEST_ID);
    const none = await client.api('/appCatalogs/teamsApps').filter("externalId eq 'someone-else'").get();
    expect(none.value).toEqual([]);
    expect((await client.api(`/appCatalogs/teamsApps/${catalogId}`).get()).externalId).toBe(MANIFEST_ID);
  });

  it('catalog: a bad filter is 400, an unknown id 404, a missing AppCatalog.Read.All 403', async () => {
    const bad = await raw(sandbox, 'GET', `/v1.0/appCatalogs/teamsApps?$filter=${encodeURIComponent("externalId eq 'x")}`, { token });
    expect(bad.status).toBe(400);
    expectGraphError(bad.body, 'BadRequest');
    const unknownProperty = await raw(sandbox, 'GET', `/v1.0/appCatalogs/teamsApps?$filter=${encodeURIComponent("color eq 'x'")}`, { token });
    expect(unknownProperty.status).toBe(400);
    expect(unknownProperty.body.error.message).toContain('microsoft.graph.teamsApp');
    const missing = await raw(sandbox, 'GET', '/v1.0/appCatalogs/teamsApps/nope', { token });
    expect(missing.status).toBe(404);
    expectGraphError(missing.body, 'NotFound');
    sandbox.setAppPermissions(['Chat.Create', 'User.Read.All']);
    const denied = await raw(sandbox, 'GET', '/v1.0/appCatalogs/teamsApps', { token });
    expect(denied.status).toBe(403);
    expectGraphError(denied.body, 'Forbidden');
    expect(denied.body.error.message).toContain('AppCatalog.Read.All');
  });

  it('installs into a group chat (201, empty body), tells listeners, lists it, and answers 409 the second time', async () => {
    const chatId = await groupChat();
    const events: AppInstalledEvent[] = [];
    const stop = sandbox.onAppInstalled((event) => events.push(event));
    const first = await install(chatId);
    stop();
    expect(first.status).toBe(201);
    expect(first.body).toBeUndefined();
    expect(events).toEqual([{ chatId, teamsApp: expect.objectContaining({ id: catalogId, externalId: MANIFEST_ID }), installationId: expect.any(String) }]);
    expect(sandbox.chats.list().find((chat) => chat.id === chatId)?.installedApps).toEqual([{ id: events[0]!.installationId, teamsAppId: catalogId }]);

    const listed = await client.api(`/chats/${encodeURIComponent(chatId)}/installedApps`).expand('teamsApp').get();
    expect(listed.value).toEqual([{ id: events[0]!.installationId, teamsApp: expect.objectContaining({ id: catalogId, externalId: MANIFEST_ID }) }]);

    const again = await install(chatId);
    expect(again.status).toBe(409);
    expectGraphError(again.body, 'Conflict');
    expect(sandbox.chats.list().find((chat) => chat.id === chatId)?.installedApps).toHaveLength(1);
  });

  it('installs into an in-tenant one-on-one chat, which keeps the app when Graph returns it again', async () => {
    const body = { chatType: 'oneOnOne', members: [owner('alexw@example.com'), owner('adelev@example.com')] };
    const chat = await client.api('/chats').post(body);
    expect((await install(chat.id)).status).toBe(201);
    const again = await client.api('/chats').post(body);
    expect(again.id).toBe(chat.id);
    expect((await install(again.id)).status).toBe(409);
  });

  it('refuses a one-on-one chat with someone of another organization, as Teams does', async () => {
    const chat = await client.api('/chats').post({
      chatType: 'oneOnOne',
      members: [owner('alexw@example.com'), owner('0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9', { tenantId: '4dc1fe35-8ac6-4f0d-904a-7ebcd364bea1' })],
    });
    expect(chat.id).toMatch(/@fed\.unq\.gbl\.spaces$/);
    const refused = await install(chat.id);
    expect(refused.status).toBe(403);
    expectGraphError(refused.body, 'Forbidden');
    expect(sandbox.chats.list().find((entry) => entry.id === chat.id)?.installedApps).toEqual([]);
  });

  it('a federated group chat takes apps', async () => {
    const chat = await client.api('/chats').post({
      chatType: 'group', topic: 'With Fabrikam',
      members: [owner('alexw@example.com'), owner('meganb@example.com'), owner('0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9', { tenantId: '4dc1fe35-8ac6-4f0d-904a-7ebcd364bea1' })],
    });
    expect((await install(chat.id)).status).toBe(201);
  });

  it('404 for an unknown chat or an app missing from the catalog; 400 for a bad bind', async () => {
    const chatId = await groupChat();
    const noChat = await install('19:0000@thread.v2');
    expect(noChat.status).toBe(404);
    expectGraphError(noChat.body, 'NotFound');
    const noApp = await install(chatId, bindTo('not-in-the-catalog'));
    expect(noApp.status).toBe(404);
    expectGraphError(noApp.body, 'NotFound');
    for (const body of [{}, { 'teamsApp@odata.bind': 42 }, { 'teamsApp@odata.bind': 'https://evil.example/v1.0/appCatalogs/teamsApps/x' }, { 'teamsApp@odata.bind': 'https://graph.microsoft.com/v1.0/users/x' }]) {
      const bad = await install(chatId, body);
      expect(bad.status).toBe(400);
      expectGraphError(bad.body, 'BadRequest');
    }
    sandbox.teamsApps.set([]);
    expect((await install(chatId)).status).toBe(404);
    expect(sandbox.chats.list().find((chat) => chat.id === chatId)?.installedApps).toEqual([]);
  });

  it('checks the install permission: none → 403 naming it; Self installs only the caller itself; ReadWriteForChat any app', async () => {
    const chatId = await groupChat();
    sandbox.setAppPermissions(['Chat.Create', 'User.Read.All', 'AppCatalog.Read.All']);
    const denied = await install(chatId);
    expect(denied.status).toBe(403);
    expectGraphError(denied.body, 'Forbidden');
    expect(denied.body.error.message).toContain('TeamsAppInstallation.ReadWriteSelfForChat.All');
    const deniedList = await raw(sandbox, 'GET', `/v1.0/chats/${encodeURIComponent(chatId)}/installedApps`, { token });
    expect(deniedList.status).toBe(403);

    sandbox.setAppPermissions(GRANTS);
    sandbox.teamsApps.set([...original, { id: 'other-app', externalId: 'other-manifest', displayName: 'Other', distributionMethod: 'organization', azureADAppId: 'someone-else' }]);
    const notSelf = await install(chatId, bindTo('other-app'));
    expect(notSelf.status).toBe(403);
    expectGraphError(notSelf.body, 'Forbidden');

    sandbox.setAppPermissions([...GRANTS, 'TeamsAppInstallation.ReadWriteForChat.All']);
    expect((await install(chatId, bindTo('other-app'))).status).toBe(201);
  });

  it('fault rules apply to installs, top-level and inside $batch, and a 405 for other methods', async () => {
    const chatId = await groupChat();
    sandbox.faults.add({ method: 'POST', path: /\/installedApps$/, status: 429, retryAfterSeconds: 2, count: 1 });
    const throttled = await install(chatId);
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('2');
    expect(sandbox.chats.list().find((chat) => chat.id === chatId)?.installedApps).toEqual([]);

    sandbox.faults.add({ method: 'POST', path: /\/installedApps$/, status: 400, count: 1 });
    const batch = await raw(sandbox, 'POST', '/v1.0/$batch', {
      token,
      body: { requests: [{ id: '1', method: 'POST', url: `/chats/${encodeURIComponent(chatId)}/installedApps`, headers: { 'Content-Type': 'application/json' }, body: bindTo(catalogId) }] },
    });
    expect(batch.body.responses[0].status).toBe(400);
    expect((await install(chatId)).status).toBe(201);
    expect((await raw(sandbox, 'DELETE', `/v1.0/chats/${encodeURIComponent(chatId)}/installedApps`, { token })).status).toBe(405);
    expect(sandbox.requests.all().filter((entry) => entry.path.endsWith('/installedApps') && entry.method === 'POST').map((entry) => entry.status)).toEqual(
      expect.arrayContaining([429, 400, 201]),
    );
  });
});
