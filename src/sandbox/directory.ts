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
  /**
   * The registration of an API of the tenant's own (Chat Starter's `POST /api/chats`): other apps
   * get client-credential tokens for it, carrying the app roles they were granted on it.
   */
  api: z.object({
    clientId: z.string().min(1),
    applicationIdUri: z.string().min(1),
    displayName: z.string().default('Sandbox API'),
    appRoles: z.array(z.string()),
    /** Entra's `requestedAccessTokenVersion`: 2 puts the client id in `aud`; 1 (Entra's default) what was asked for. */
    accessTokenVersion: z.union([z.literal(1), z.literal(2)]).default(2),
  }).optional(),
  /** Apps that call that API (client secret only), with the API's app roles granted to each. */
  callerApps: z.array(z.object({
    clientId: z.string().min(1),
    displayName: z.string().min(1),
    clientSecret: z.string().min(1),
    apiRoles: z.array(z.string()),
  })).default([]),
  users: z.array(userSchema),
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
export type DirectoryFile = z.infer<typeof directorySchema>;

export async function loadDirectoryFile(file: string): Promise<DirectoryFile> {
  const text = await fs.readFile(file, 'utf8');
  const parsed = directorySchema.safeParse(JSON.parse(text));
  if (!parsed.success) {
    throw new Error(`Invalid sandbox directory ${file}: ${parsed.error.message}`);
  }
  assertUnique(parsed.data.users.map((u) => u.id.toLowerCase()), 'id', file);
  assertUnique(parsed.data.users.map((u) => u.userPrincipalName.toLowerCase()), 'userPrincipalName', file);
  return parsed.data;
}

function assertUnique(values: string[], field: string, file: string): void {
  const seen = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) throw new Error(`Invalid sandbox directory ${file}: duplicate user ${field} '${value}'`);
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
