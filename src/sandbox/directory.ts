import { promises as fs } from 'node:fs';
import { z } from 'zod';

/** The seeded directory file (`env/sandbox-directory.json`), validated at load so a typo fails loudly. */
const userSchema = z.object({
  id: z.string().min(1),
  displayName: z.string().min(1),
  givenName: z.string().nullable(),
  surname: z.string().nullable(),
  mail: z.string().nullable(),
  userPrincipalName: z.string().min(3),
  userType: z.enum(['Member', 'Guest']),
  accountEnabled: z.boolean(),
  jobTitle: z.string().nullable(),
  otherMails: z.array(z.string()),
  proxyAddresses: z.array(z.string()),
});

/**
 * A group as Graph describes one: Microsoft 365 (`groupTypes: ["Unified"]`), security
 * (`securityEnabled`, not mail-enabled), mail-enabled security, or a distribution list
 * (mail-enabled, not security). `members` names users, other groups or org contacts by id.
 */
const groupSchema = z.object({
  id: z.string().min(1),
  displayName: z.string().min(1),
  description: z.string().nullable().default(null),
  mail: z.string().nullable(),
  mailNickname: z.string().min(1),
  mailEnabled: z.boolean(),
  securityEnabled: z.boolean(),
  groupTypes: z.array(z.string()).default([]),
  /** `HiddenMembership`: only apps granted Member.Read.Hidden may list the members. */
  visibility: z.enum(['Public', 'Private', 'HiddenMembership']).nullable().default(null),
  proxyAddresses: z.array(z.string()).default([]),
  members: z.array(z.string()).default([]),
});

/** A mail contact (outside the tenant) that can be a member of a distribution list; not a user. */
const orgContactSchema = z.object({
  id: z.string().min(1),
  displayName: z.string().min(1),
  mail: z.string().nullable(),
});

/**
 * Many similar users written as one line (a group of 300 would otherwise be 300 entries): `{n}`
 * in a field becomes the number, padded to the width of `count`; ids end in the number, 12 digits.
 */
const generatedUsersSchema = z.object({
  count: z.number().int().min(1).max(5000),
  idPrefix: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-$/),
  displayName: z.string().includes('{n}'),
  userPrincipalName: z.string().includes('{n}'),
  jobTitle: z.string().nullable().default(null),
  /** Groups (by id) every generated user is a direct member of. */
  memberOf: z.array(z.string()).default([]),
});

const directorySchema = z.object({
  tenant: z.object({
    id: z.string().regex(/^[0-9a-zA-Z-.]+$/),
    displayName: z.string(),
    domains: z.array(z.string()).min(1),
  }),
  app: z.object({
    clientId: z.string().min(1),
    displayName: z.string().default('Sandbox app'),
    clientSecret: z.string().min(1),
    permissions: z.array(z.string()),
  }),
  users: z.array(userSchema),
  generatedUsers: z.array(generatedUsersSchema).default([]),
  groups: z.array(groupSchema).default([]),
  orgContacts: z.array(orgContactSchema).default([]),
  /** The Teams app catalog; an app's `azureADAppId` defaults to the registered app's client id. */
  teamsApps: z.array(z.object({
    id: z.string().min(1),
    externalId: z.string().min(1),
    displayName: z.string().min(1),
    distributionMethod: z.enum(['organization', 'store', 'sideloaded']).default('organization'),
    azureADAppId: z.string().min(1).optional(),
  })).default([]),
});

export type DirectoryUser = z.infer<typeof userSchema>;
export type DirectoryGroup = z.infer<typeof groupSchema>;
export type OrgContact = z.infer<typeof orgContactSchema>;
type GeneratedUsers = z.infer<typeof generatedUsersSchema>;
/** The file as loaded: generated users already written out into `users`. */
export type DirectoryFile = Omit<z.infer<typeof directorySchema>, 'generatedUsers'>;

export async function loadDirectoryFile(file: string): Promise<DirectoryFile> {
  const text = await fs.readFile(file, 'utf8');
  const parsed = directorySchema.safeParse(JSON.parse(text));
  if (!parsed.success) {
    throw new Error(`Invalid sandbox directory ${file}: ${parsed.error.message}`);
  }
  const { generatedUsers, ...rest } = parsed.data;
  const generated = generatedUsers.map((spec) => ({ spec, users: generateUsers(spec) }));
  const users = [...rest.users, ...generated.flatMap((entry) => entry.users)];
  for (const { spec, users: made } of generated) {
    for (const groupId of spec.memberOf) {
      const group = rest.groups.find((g) => g.id.toLowerCase() === groupId.toLowerCase());
      if (!group) throw new Error(`Invalid sandbox directory ${file}: generated users join an unknown group '${groupId}'`);
      group.members.push(...made.map((user) => user.id));
    }
  }
  assertUnique(users.map((u) => u.id.toLowerCase()), 'user id', file);
  assertUnique(users.map((u) => u.userPrincipalName.toLowerCase()), 'user userPrincipalName', file);
  assertUnique([...users.map((u) => u.id), ...rest.groups.map((g) => g.id), ...rest.orgContacts.map((c) => c.id)].map((id) => id.toLowerCase()), 'object id', file);
  const known = new Set([...users.map((u) => u.id), ...rest.groups.map((g) => g.id), ...rest.orgContacts.map((c) => c.id)].map((id) => id.toLowerCase()));
  for (const group of rest.groups) {
    const unknown = group.members.find((id) => !known.has(id.toLowerCase()));
    if (unknown !== undefined) throw new Error(`Invalid sandbox directory ${file}: group '${group.displayName}' has an unknown member '${unknown}'`);
    if (group.groupTypes.includes('Unified') && group.members.some((id) => rest.groups.some((g) => g.id.toLowerCase() === id.toLowerCase()))) {
      // As in Entra: a Microsoft 365 group cannot contain groups.
      throw new Error(`Invalid sandbox directory ${file}: Microsoft 365 group '${group.displayName}' cannot have groups as members`);
    }
  }
  return { ...rest, users };
}

function generateUsers(spec: GeneratedUsers): DirectoryUser[] {
  const width = String(spec.count).length;
  return Array.from({ length: spec.count }, (_unused, index) => {
    const n = String(index + 1).padStart(width, '0');
    const fill = (text: string): string => text.replace(/\{n\}/g, n);
    const upn = fill(spec.userPrincipalName);
    const displayName = fill(spec.displayName);
    const [givenName, ...surname] = displayName.split(' ');
    return {
      id: `${spec.idPrefix}${String(index + 1).padStart(12, '0')}`,
      displayName,
      givenName: givenName ?? null,
      surname: surname.length > 0 ? surname.join(' ') : null,
      mail: upn,
      userPrincipalName: upn,
      userType: 'Member' as const,
      accountEnabled: true,
      jobTitle: spec.jobTitle,
      otherMails: [],
      proxyAddresses: [`SMTP:${upn}`],
    };
  });
}

function assertUnique(values: string[], field: string, file: string): void {
  const seen = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) throw new Error(`Invalid sandbox directory ${file}: duplicate ${field} '${value}'`);
    seen.add(value);
  }
}

/** Lookups over the users of the home tenant. Ids and UPNs compare case-insensitively, as in Entra. */
export class UserDirectory {
  private readonly byId = new Map<string, DirectoryUser>();
  private readonly byUpn = new Map<string, DirectoryUser>();

  constructor(private readonly users: readonly DirectoryUser[]) {
    for (const user of users) {
      this.byId.set(user.id.toLowerCase(), user);
      this.byUpn.set(user.userPrincipalName.toLowerCase(), user);
    }
  }

  all(): readonly DirectoryUser[] {
    return this.users;
  }

  /** An object id or a userPrincipalName, as `/users/{id | userPrincipalName}` accepts. */
  find(idOrUpn: string): DirectoryUser | undefined {
    const key = idOrUpn.toLowerCase();
    return this.byId.get(key) ?? this.byUpn.get(key);
  }

  findById(id: string): DirectoryUser | undefined {
    return this.byId.get(id.toLowerCase());
  }
}
