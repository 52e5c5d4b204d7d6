import path from 'node:path';
import { readDirectoryFile, tryOutPlaygroundTenant, TRY_OUT_PEOPLE } from '../../src/dev/tryOutPlaygroundTenant';
import { PEOPLE } from '../support/people';

const directoryFile = path.join(__dirname, '..', '..', 'env', 'sandbox-directory.json');

describe('the Playground tenant of the try-out', () => {
  it('is made of sandbox people whose ids are their object ids, as Teams\' people picker submits', async () => {
    const tenant = tryOutPlaygroundTenant(await readDirectoryFile(directoryFile));
    expect(tenant.tenantId).toBe('00000000-0000-0000-0000-0000000000001');
    expect(tenant.currentUser).toMatchObject({ id: PEOPLE.alex.id, aadObjectId: PEOPLE.alex.id, name: PEOPLE.alex.name, userPrincipalName: PEOPLE.alex.upn });
    expect(tenant.users.map((user) => user.name)).toEqual([...TRY_OUT_PEOPLE]);
    expect(tenant.users[0]).toMatchObject({ id: PEOPLE.megan.id, aadObjectId: PEOPLE.megan.id });
    for (const user of tenant.users) expect(user.id).toBe(user.aadObjectId);
  });

  it('names a person the directory lacks', () => {
    expect(() => tryOutPlaygroundTenant({ tenant: { id: 't' }, users: [] })).toThrow(/has no "Megan Bowen"/);
  });
});
