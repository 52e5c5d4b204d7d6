/** A person in the home tenant's directory, as the bot needs them. */
export interface DirectoryUser {
  readonly id: string;
  readonly displayName: string;
  readonly userPrincipalName: string;
  readonly mail: string | undefined;
  readonly userType: 'Member' | 'Guest';
  readonly accountEnabled: boolean;
  readonly jobTitle: string | undefined;
  readonly otherMails: readonly string[];
}

/** `$select` for every user look-up: `userType`, `accountEnabled`, `otherMails` are not default. */
export const USER_SELECT = 'id,displayName,userPrincipalName,mail,userType,accountEnabled,jobTitle,otherMails';

/** Reads one user object from Graph's JSON; undefined when it is not a usable user. */
export function readDirectoryUser(raw: unknown): DirectoryUser | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const value = raw as Record<string, unknown>;
  if (typeof value.id !== 'string' || typeof value.userPrincipalName !== 'string') return undefined;
  return {
    id: value.id.toLowerCase(),
    displayName: typeof value.displayName === 'string' && value.displayName !== '' ? value.displayName : value.userPrincipalName,
    userPrincipalName: value.userPrincipalName,
    mail: typeof value.mail === 'string' && value.mail !== '' ? value.mail : undefined,
    userType: value.userType === 'Guest' ? 'Guest' : 'Member',
    // Absent means Graph did not say; only an explicit false blocks the person.
    accountEnabled: value.accountEnabled !== false,
    jobTitle: typeof value.jobTitle === 'string' && value.jobTitle !== '' ? value.jobTitle : undefined,
    otherMails: Array.isArray(value.otherMails) ? value.otherMails.filter((mail): mail is string => typeof mail === 'string') : [],
  };
}

/** The address to show for a person: their real mailbox for guests, else mail or UPN. */
export function displayAddress(user: DirectoryUser): string {
  return user.mail ?? user.otherMails[0] ?? user.userPrincipalName;
}
