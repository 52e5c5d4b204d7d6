import type { Client } from '@microsoft/microsoft-graph-client';
import { startSandbox, type SandboxTenant } from '../../src/sandbox';
import { appToken, expectGraphError, graphClient, raw } from './sandboxClients';

describe('sandbox Graph users', () => {
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

  const get = (path: string, headers: Record<string, string> = {}) => raw(sandbox, 'GET', path, { token, headers });
  const names = (body: { value: Array<{ displayName: string }> }) => body.value.map((u) => u.displayName).sort();
  const filter = (f: string, headers: Record<string, string> = {}, extra = '') =>
    get(`/v1.0/users?$filter=${encodeURIComponent(f)}${extra}`, headers);
  const eventual = { ConsistencyLevel: 'eventual' };

  it('GET /users/{id} returns the default property set only', async () => {
    const user = await client.api('/users/00000000-0000-0000-0000-0000000000021').get();
    expect(Object.keys(user).sort()).toEqual([
      '@odata.context', 'businessPhones', 'displayName', 'givenName', 'id', 'jobTitle', 'mail', 'mobilePhone',
      'officeLocation', 'preferredLanguage', 'surname', 'userPrincipalName',
    ]);
    expect(user.displayName).toBe('Megan Bowen');
  });

  it('$select brings back accountEnabled, userType, otherMails', async () => {
    const user = await client.api('/users/diegos@contoso.com').select(['id', 'accountEnabled', 'userType', 'otherMails']).get();
    expect(user).toMatchObject({ id: '9c5a6e7f-8192-43a4-8ebf-3a4b5c6d7e85', accountEnabled: false, userType: 'Member', otherMails: [] });
    expect(user.displayName).toBeUndefined();
  });

  it("GET /users('{upn}') with quote doubling, a guest UPN with %23EXT%23, and a $-UPN", async () => {
    expect((await get(`/v1.0/users('${encodeURIComponent('alexw@example.com')}')`)).body.displayName).toBe('Alex Wilber');
    const guest = await get('/v1.0/users/pat_fabrikam.com%23EXT%23@contoso.onmicrosoft.com?$select=userType,mail');
    expect(guest.body).toMatchObject({ userType: 'Guest', mail: 'pat@fabrikam.com' });
    const dollarQuoted = await get(`/v1.0/users('${encodeURIComponent('$miriamg@contoso.com')}')`);
    expect(dollarQuoted.body.displayName).toBe('Miriam Graham');
    const dollarBare = await get(`/v1.0/users/${encodeURIComponent('$miriamg@contoso.com')}`);
    expect(dollarBare.status).toBe(400);
    const quoted = await get(`/v1.0/users('${encodeURIComponent("o''brien@contoso.com")}')`);
    expect(quoted.status).toBe(404);
    expect(quoted.body.error.message).toBe("Resource 'o'brien@contoso.com' does not exist or one of its queried reference-property objects are not present.");
  });

  it('404 Request_ResourceNotFound for an unknown user', async () => {
    const response = await get('/v1.0/users/nobody@contoso.com');
    expect(response.status).toBe(404);
    expectGraphError(response.body, 'Request_ResourceNotFound');
  });

  it('403 Authorization_RequestDenied without a user read permission', async () => {
    sandbox.setAppPermissions(['Chat.Create']);
    const response = await get('/v1.0/users/alexw@example.com');
    expect(response.status).toBe(403);
    expectGraphError(response.body, 'Authorization_RequestDenied');
    expect(response.body.error.message).toBe('Insufficient privileges to complete the operation.');
  });

  it('User.ReadBasic.All hides userType, accountEnabled and otherMails', async () => {
    sandbox.setAppPermissions(['Chat.Create', 'User.ReadBasic.All']);
    const response = await get('/v1.0/users/diegos@contoso.com?$select=displayName,userType,accountEnabled,otherMails');
    expect(response.status).toBe(200);
    expect(response.body.displayName).toBe('Diego Siciliani');
    expect(response.body).not.toHaveProperty('userType');
    expect(response.body).not.toHaveProperty('accountEnabled');
    expect(response.body).not.toHaveProperty('otherMails');
  });

  it('$filter: eq is case-insensitive; "Megan" is ambiguous, "Megan Bowen" exact', async () => {
    const megans = await filter("givenName eq 'megan'");
    expect(megans.body['@odata.context']).toBe(`${sandbox.origin}/v1.0/$metadata#users`);
    expect(names(megans.body)).toEqual(['Megan Bowen', 'Megan Brooks']);
    expect(names((await filter("displayName eq 'Megan Bowen'")).body)).toEqual(['Megan Bowen']);
  });

  it('$filter: a doubled quote is one quote; a lone quote is 400 Invalid filter clause', async () => {
    expect(names((await filter("surname eq 'O''Brien'")).body)).toEqual(["Patrick O'Brien"]);
    const lone = await filter("surname eq 'O'Brien'");
    expect(lone.status).toBe(400);
    expectGraphError(lone.body, 'Request_BadRequest');
    expect(lone.body.error.message).toBe('Invalid filter clause');
  });

  it('$filter: in, startswith, and/or with parentheses, booleans, any() lambdas', async () => {
    expect(names((await filter("userPrincipalName in ('alexw@example.com','ADELEV@example.com')")).body)).toEqual(['Adele Vance', 'Alex Wilber']);
    expect(names((await filter("startswith(displayName,'jo')")).body)).toEqual(['Johanna Lorenz', 'Joni Sherman']);
    expect(names((await filter("(givenName eq 'Alex' or givenName eq 'Lee') and accountEnabled eq true")).body)).toEqual(['Alex Darrow', 'Alex Wilber', 'Lee Gu']);
    expect(names((await filter("otherMails/any(m:m eq 'PAT@fabrikam.com')")).body)).toEqual(['Pat Kim (Fabrikam)']);
    expect(names((await filter("proxyAddresses/any(p:startswith(p,'smtp:grady@'))")).body)).toEqual(['Grady Archie']);
    expect(names((await filter("userType eq 'Guest'")).body)).toEqual(['Pat Kim (Fabrikam)']);
  });

  it('$filter: unknown property and syntax errors are 400', async () => {
    const unknown = await filter("department eq 'x'");
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain("Could not find a property named 'department'");
    expect((await filter("displayName eq 'a' and")).status).toBe(400);
    expect((await filter('otherMails eq 1')).status).toBe(400);
  });

  it('ne, not and endswith need ConsistencyLevel: eventual and $count=true', async () => {
    for (const f of ["accountEnabled ne true", "not(userType eq 'Member')", "endswith(mail,'@fabrikam.com')"]) {
      const plain = await filter(f);
      expect(plain.status).toBe(400);
      expectGraphError(plain.body, 'Request_UnsupportedQuery');
    }
    const advanced = await filter('accountEnabled ne true', eventual, '&$count=true');
    expect(advanced.status).toBe(200);
    expect(advanced.body['@odata.count']).toBe(1);
    expect(names(advanced.body)).toEqual(['Diego Siciliani']);
    expect(names((await filter("endswith(mail,'@fabrikam.com')", eventual, '&$count=true')).body)).toEqual(['Pat Kim (Fabrikam)']);
  });

  it('$search needs ConsistencyLevel: eventual and matches word prefixes', async () => {
    const search = encodeURIComponent('"displayName:meg"');
    const without = await get(`/v1.0/users?$search=${search}`);
    expect(without.status).toBe(400);
    expectGraphError(without.body, 'Request_UnsupportedQuery');
    expect(names((await get(`/v1.0/users?$search=${search}`, eventual)).body)).toEqual(['Megan Bowen', 'Megan Brooks']);
    const exact = encodeURIComponent('"displayName:Megan Bow"');
    expect(names((await get(`/v1.0/users?$search=${exact}`, eventual)).body)).toEqual(['Megan Bowen']);
  });

  it('$top pages with @odata.nextLink the real client can follow; out of range is 400', async () => {
    const first = await client.api('/users').top(5).select(['id']).get();
    expect(first.value).toHaveLength(5);
    expect(first['@odata.nextLink']).toMatch(new RegExp(`^${sandbox.origin}/v1.0/users\\?`));
    const second = await client.api(first['@odata.nextLink']).get();
    expect(second.value).toHaveLength(5);
    expect(second.value[0].id).not.toBe(first.value[0].id);
    expect((await get('/v1.0/users?$top=0')).status).toBe(400);
    expect((await get('/v1.0/users?$top=1000')).status).toBe(400);
  });

  it('POST /directoryObjects/getByIds returns known users and skips unknown ids', async () => {
    const response = await raw(sandbox, 'POST', '/v1.0/directoryObjects/getByIds', {
      token, body: { ids: ['00000000-0000-0000-0000-0000000000022', 'ffffffff-ffff-4fff-8fff-ffffffffffff'], types: ['user'] },
    });
    expect(response.status).toBe(200);
    expect(response.body.value).toEqual([expect.objectContaining({ '@odata.type': '#microsoft.graph.user', displayName: 'Adele Vance' })]);
  });
});
