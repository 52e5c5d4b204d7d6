import { DirectoryUser } from '../../src/directory/directoryUser';
import { pickByAddress, pickByName } from '../../src/directory/pickMatch';

const user = (id: string, displayName: string, extra: Partial<DirectoryUser> = {}): DirectoryUser => ({
  id,
  displayName,
  userPrincipalName: `${id}@contoso.com`,
  mail: `${id}@contoso.com`,
  userType: 'Member',
  accountEnabled: true,
  jobTitle: undefined,
  otherMails: [],
  ...extra,
});

describe('pickByName', () => {
  const megan = user('m1', 'Megan Bowen');
  const meganB = user('m2', 'Megan Brooks');

  it('prefers an exact display-name match, in any case, over prefix matches', () => {
    expect(pickByName('megan bowen', [meganB, megan])).toEqual({ kind: 'one', user: megan });
  });

  it('reports several candidates, sorted by name, when only a prefix matches', () => {
    expect(pickByName('Megan', [meganB, megan])).toEqual({ kind: 'several', candidates: [megan, meganB] });
  });

  it('ignores a disabled namesake when an enabled person matches', () => {
    const disabled = user('m3', 'Megan Bowen', { accountEnabled: false });
    expect(pickByName('Megan Bowen', [disabled, megan])).toEqual({ kind: 'one', user: megan });
  });

  it('returns the disabled person when that is the only match, so the reply can say why', () => {
    const disabled = user('m3', 'Old Account', { accountEnabled: false });
    expect(pickByName('Old', [disabled])).toEqual({ kind: 'one', user: disabled });
  });

  it('asks to confirm the only person whose name merely begins with a short query', () => {
    const alex = user('a1', 'Alex Darrow');
    expect(pickByName('Al', [alex])).toEqual({ kind: 'unconfirmed', user: alex });
    expect(pickByName('Megan Bo', [megan])).toEqual({ kind: 'unconfirmed', user: megan });
  });

  it('trusts one person when the name is whole words of theirs', () => {
    const patrick = user('p1', "Patrick O'Brien");
    expect(pickByName('alex', [user('a1', 'Alex Darrow')])).toEqual({ kind: 'one', user: user('a1', 'Alex Darrow') });
    expect(pickByName("o'brien", [patrick])).toEqual({ kind: 'one', user: patrick });
    expect(pickByName('Kim', [user('k1', 'Pat Kim (Fabrikam)')])).toMatchObject({ kind: 'one' });
  });

  it('finds nobody in an empty list', () => {
    expect(pickByName('Zed', [])).toEqual({ kind: 'none' });
    expect(pickByAddress([])).toEqual({ kind: 'none' });
  });

  it('counts the same user returned twice once', () => {
    expect(pickByAddress([megan, megan])).toEqual({ kind: 'one', user: megan });
  });
});
