import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { PlaygroundTenant, PlaygroundUser } from './playgroundConfig';

/** The part of the sandbox directory file (`env/sandbox-directory.json`) the Playground needs. */
interface DirectoryPerson {
  readonly id: string;
  readonly displayName: string;
  readonly givenName: string;
  readonly surname: string;
  readonly mail: string;
  readonly userPrincipalName: string;
}

interface DirectoryFile {
  readonly tenant: { readonly id: string };
  readonly users: readonly DirectoryPerson[];
}

/** Who is signed in to the Playground, and the five people its schema requires beside them. */
export const TRY_OUT_SIGNED_IN = 'Alex Wilber';
export const TRY_OUT_PEOPLE = ['Megan Bowen', 'Adele Vance', 'Isaiah Langer', 'Lidia Holloway', 'Lynne Robbins'] as const;

/**
 * The Playground's mock tenant made of sandbox people. Its people picker submits each person's
 * channel `id` (the built-in config's `user-id-1`), where Teams submits Entra object ids; so here
 * every person's `id` is their sandbox object id, and the form works in the try-out exactly as
 * a real Teams submission must, with nothing loosened in the bot.
 */
export function tryOutPlaygroundTenant(directory: DirectoryFile): PlaygroundTenant {
  const person = (name: string): PlaygroundUser => {
    const user = directory.users.find((candidate) => candidate.displayName === name);
    if (!user) throw new Error(`The sandbox directory has no "${name}", whom the Playground shows`);
    return {
      id: user.id,
      aadObjectId: user.id,
      name: user.displayName,
      userPrincipalName: user.userPrincipalName,
      givenName: user.givenName,
      surname: user.surname,
      email: user.mail,
    };
  };
  const [first, second, third, fourth, fifth] = TRY_OUT_PEOPLE.map(person) as [PlaygroundUser, PlaygroundUser, PlaygroundUser, PlaygroundUser, PlaygroundUser];
  return {
    tenantId: directory.tenant.id,
    bot: { id: '00000000-0000-0000-0000-00000000000011', name: 'Chat Starter' },
    currentUser: person(TRY_OUT_SIGNED_IN),
    users: [first, second, third, fourth, fifth],
    // One conversation per run, as the built-in config does, so earlier runs' requests never match.
    personalChatId: `personal-${randomUUID()}`,
  };
}

/** Reads the sandbox directory file that the sandbox tenant was seeded from. */
export async function readDirectoryFile(path: string): Promise<DirectoryFile> {
  return JSON.parse(await readFile(path, 'utf8')) as DirectoryFile;
}
