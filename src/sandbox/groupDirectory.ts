import type { DirectoryGroup, DirectoryUser, OrgContact, UserDirectory } from './directory';

/** A member as Graph lists it: a user, a group, or an org contact. */
export type DirectoryMember =
  | { readonly type: 'user'; readonly user: DirectoryUser }
  | { readonly type: 'group'; readonly group: DirectoryGroup }
  | { readonly type: 'orgContact'; readonly contact: OrgContact };

/** The tenant's groups and org contacts, and memberships resolved against the user directory. */
export class GroupDirectory {
  private readonly byId = new Map<string, DirectoryGroup>();
  private readonly contacts = new Map<string, OrgContact>();

  constructor(
    private readonly groups: readonly DirectoryGroup[],
    contacts: readonly OrgContact[],
    private readonly users: UserDirectory,
  ) {
    for (const group of groups) this.byId.set(group.id.toLowerCase(), group);
    for (const contact of contacts) this.contacts.set(contact.id.toLowerCase(), contact);
  }

  all(): readonly DirectoryGroup[] {
    return this.groups;
  }

  find(id: string): DirectoryGroup | undefined {
    return this.byId.get(id.toLowerCase());
  }

  /** The group's own members, in the order the directory lists them. */
  members(group: DirectoryGroup): DirectoryMember[] {
    return group.members.map((id) => this.member(id)).filter((member): member is DirectoryMember => member !== undefined);
  }

  /**
   * Every member, direct or through nested groups, once each (nested groups included as members
   * themselves, as Graph's `transitiveMembers` lists them). A cycle of groups ends where it began.
   */
  transitiveMembers(group: DirectoryGroup): DirectoryMember[] {
    const seen = new Set<string>([group.id.toLowerCase()]);
    const found: DirectoryMember[] = [];
    const queue = [group];
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      for (const member of this.members(next)) {
        const id = memberId(member).toLowerCase();
        if (seen.has(id)) continue;
        seen.add(id);
        found.push(member);
        if (member.type === 'group') queue.push(member.group);
      }
    }
    return found;
  }

  private member(id: string): DirectoryMember | undefined {
    const user = this.users.findById(id);
    if (user) return { type: 'user', user };
    const group = this.find(id);
    if (group) return { type: 'group', group };
    const contact = this.contacts.get(id.toLowerCase());
    return contact ? { type: 'orgContact', contact } : undefined;
  }
}

export function memberId(member: DirectoryMember): string {
  switch (member.type) {
    case 'user':
      return member.user.id;
    case 'group':
      return member.group.id;
    case 'orgContact':
      return member.contact.id;
  }
}
