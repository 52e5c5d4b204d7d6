import { startSandbox, type SandboxTenant } from '../../src/sandbox';
import { appToken, raw } from './sandboxClients';

const LAUNCH = '00000000-0000-0000-0002-000000000001';
const DESIGN = '00000000-0000-0000-0002-000000000003';
const LEADERSHIP = '00000000-0000-0000-0002-000000000005';
const FIELD_OPS = '00000000-0000-0000-0002-000000000006';
const SEEDED_PERMISSIONS = ['Chat.Create', 'User.Read.All', 'GroupMember.Read.All'];

describe('sandbox Graph groups', () => {
  let sandbox: SandboxTenant;
  let token: string;
  beforeAll(async () => {
    sandbox = await startSandbox();
    token = await appToken(sandbox);
  });
  afterAll(async () => {
    await sandbox.close();
  });
  beforeEach(() => sandbox.setAppPermissions(SEEDED_PERMISSIONS));

  const get = (path: string, headers: Record<string, string> = {}) => raw(sandbox, 'GET', path, { token, headers });
  const eventual = { ConsistencyLevel: 'eventual' };
  const groupFilter = (filter: string, headers: Record<string, string> = {}, extra = '') => get(`/v1.0/groups?$filter=${encodeURIComponent(filter)}${extra}`, headers);
  const userMembers = (id: string, query = '$count=true', headers: Record<string, string> = eventual) =>
    get(`/v1.0/groups/${id}/transitiveMembers/microsoft.graph.user?${query}`, headers);

  it('seeds each kind of group Graph lists', async () => {
    const response = await get('/v1.0/groups?$select=displayName,groupTypes,mailEnabled,securityEnabled&$top=999');
    expect(response.status).toBe(200);
    const kinds = response.body.value.map((group: { groupTypes: string[]; mailEnabled: boolean; securityEnabled: boolean }) =>
      group.groupTypes.includes('Unified') ? 'microsoft365' : group.mailEnabled ? (group.securityEnabled ? 'mailEnabledSecurity' : 'distribution') : 'security');
    expect(new Set(kinds)).toEqual(new Set(['microsoft365', 'mailEnabledSecurity', 'distribution', 'security']));
  });

  it('filters on mail and displayName with eq and startswith, case-insensitively, without advanced parameters', async () => {
    const byMail = await groupFilter("mail eq 'LAUNCH@contoso.com'");
    expect(byMail.status).toBe(200);
    expect(byMail.body.value.map((group: { id: string }) => group.id)).toEqual([LAUNCH]);
    const byName = await groupFilter("displayName eq 'launch team'");
    expect(byName.body.value.map((group: { displayName: string }) => group.displayName)).toEqual(['Launch Team']);
    const byPrefix = await groupFilter("startswith(displayName,'Launch')");
    expect(byPrefix.body.value.map((group: { displayName: string }) => group.displayName).sort()).toEqual(['Launch Engineering', 'Launch Team']);
    const byAlias = await groupFilter("proxyAddresses/any(p:p eq 'smtp:design@contoso.com')");
    expect(byAlias.body.value.map((group: { id: string }) => group.id)).toEqual([DESIGN]);
  });

  it('serves endsWith and ne only as advanced queries, and names an unknown property', async () => {
    const plain = await groupFilter("endswith(mail,'@contoso.com')");
    expect(plain.status).toBe(400);
    expect(plain.body.error.code).toBe('Request_UnsupportedQuery');
    const advanced = await groupFilter("endswith(mail,'@contoso.com')", eventual, '&$count=true');
    expect(advanced.status).toBe(200);
    expect(advanced.body['@odata.count']).toBe(advanced.body.value.length);
    const unknown = await groupFilter("color eq 'blue'");
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain("'microsoft.graph.group'");
  });

  it('lists transitive user members: nested groups flattened, each user once, contacts and groups left out by the cast', async () => {
    const all = await get(`/v1.0/groups/${LAUNCH}/transitiveMembers`);
    const types = new Set(all.body.value.map((member: { '@odata.type': string }) => member['@odata.type']));
    expect(types).toEqual(new Set(['#microsoft.graph.user', '#microsoft.graph.group', '#microsoft.graph.orgContact']));
    expect(all.body['@odata.count']).toBeUndefined();

    const users = await userMembers(LAUNCH, '$count=true&$select=displayName,accountEnabled');
    expect(users.status).toBe(200);
    const names = users.body.value.map((user: { displayName: string }) => user.displayName);
    expect(names.sort()).toEqual(['Adele Vance', 'Alex Wilber', 'Diego Siciliani', 'Isaiah Langer', 'Lidia Holloway', 'Megan Bowen', 'Pat Kim (Fabrikam)']);
    expect(users.body['@odata.count']).toBe(7);
    expect(users.body.value.find((user: { displayName: string }) => user.displayName === 'Diego Siciliani').accountEnabled).toBe(false);
  });

  it('refuses the user cast without ConsistencyLevel: eventual and $count=true', async () => {
    for (const [query, headers] of [['$count=true', {}], ['', eventual]] as const) {
      const response = await userMembers(LAUNCH, query, headers);
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('Request_UnsupportedQuery');
    }
  });

  it('refuses the group cast on a Microsoft 365 group, which cannot contain groups', async () => {
    const response = await get(`/v1.0/groups/${DESIGN}/transitiveMembers/microsoft.graph.group?$count=true`, eventual);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('Request_UnsupportedQuery');
  });

  it('pages 300 members with @odata.nextLink and $top, the count on every page', async () => {
    const seen: string[] = [];
    let response = await userMembers(FIELD_OPS, '$count=true&$top=120&$select=id');
    for (;;) {
      expect(response.status).toBe(200);
      expect(response.body['@odata.count']).toBe(300);
      seen.push(...response.body.value.map((user: { id: string }) => user.id));
      const next: string | undefined = response.body['@odata.nextLink'];
      if (next === undefined) break;
      response = await get(next.slice(sandbox.origin.length), eventual);
    }
    expect(seen).toHaveLength(300);
    expect(new Set(seen).size).toBe(300);
    const tooBig = await userMembers(FIELD_OPS, '$count=true&$top=1000');
    expect(tooBig.status).toBe(400);
  });

  it('needs GroupMember.Read.All (or a broader permission), and Member.Read.Hidden for a hidden membership', async () => {
    sandbox.setAppPermissions(['Chat.Create', 'User.Read.All']);
    expect((await groupFilter("mail eq 'launch@contoso.com'")).status).toBe(403);
    expect((await userMembers(LAUNCH)).status).toBe(403);
    sandbox.setAppPermissions(SEEDED_PERMISSIONS);
    const hidden = await userMembers(LEADERSHIP);
    expect(hidden.status).toBe(403);
    const group = await get(`/v1.0/groups/${LEADERSHIP}?$select=displayName,visibility`);
    expect(group.body).toMatchObject({ displayName: 'Leadership Circle', visibility: 'HiddenMembership' });
    sandbox.setAppPermissions([...SEEDED_PERMISSIONS, 'Member.Read.Hidden']);
    expect((await userMembers(LEADERSHIP)).body['@odata.count']).toBe(2);
  });

  it('shows an app that may not read users only the id and type of each user member', async () => {
    sandbox.setAppPermissions(['GroupMember.Read.All']);
    const response = await userMembers(LAUNCH);
    expect(response.status).toBe(200);
    for (const member of response.body.value) expect(Object.keys(member).sort()).toEqual(['@odata.type', 'id']);
  });

  it('answers the member cast inside a $batch when the step carries the header', async () => {
    const url = `/groups/${LAUNCH}/transitiveMembers/microsoft.graph.user?$count=true&$select=id`;
    const response = await raw(sandbox, 'POST', '/v1.0/$batch', {
      token,
      body: { requests: [{ id: 'with', method: 'GET', url, headers: { ConsistencyLevel: 'eventual' } }, { id: 'without', method: 'GET', url }] },
    });
    const byId = new Map(response.body.responses.map((step: { id: string; status: number }) => [step.id, step.status]));
    expect(byId.get('with')).toBe(200);
    expect(byId.get('without')).toBe(400);
  });

  it('404s an unknown group', async () => {
    const response = await userMembers('00000000-0000-0000-0002-999999999999');
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('Request_ResourceNotFound');
  });
});
