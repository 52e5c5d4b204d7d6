/** A person in the Playground's mock tenant. */
export interface PlaygroundUser {
  /** Channel account id (`activity.from.id`); the built-in config uses `user-id-0` … `user-id-5`. */
  id: string;
  name: string;
  userPrincipalName: string;
  /** Entra object id (`activity.from.aadObjectId`). */
  aadObjectId: string;
  givenName: string;
  surname: string;
  email: string;
}

/** The mock tenant the Playground pretends to be (its `.m365agentsplayground.yml`, version 0.1.1). */
export interface PlaygroundTenant {
  /** Sent as `conversation.tenantId` and `channelData.tenant.id`. */
  tenantId: string;
  bot: { id: string; name: string };
  /** The signed-in person: everything typed in the UI comes from them. */
  currentUser: PlaygroundUser;
  /** The Playground's schema demands exactly five (they make up the group chat and the team). */
  users: readonly [PlaygroundUser, PlaygroundUser, PlaygroundUser, PlaygroundUser, PlaygroundUser];
  /** Conversation id of the personal chat with the bot. */
  personalChatId: string;
  groupChat?: { id: string; name: string };
  team?: { id: string; name: string; aadGroupId: string; channels: ReadonlyArray<{ id: string; name: string }> };
}

/**
 * Renders a Playground config file. JSON is valid YAML, and the Playground's YAML parser reads it,
 * so no YAML writer is needed. Note the Playground's own (misspelt) key `userPrincipleName`.
 */
export function renderPlaygroundConfig(tenant: PlaygroundTenant): string {
  const user = (u: PlaygroundUser): Record<string, string> => ({
    id: u.id,
    name: u.name,
    userPrincipleName: u.userPrincipalName,
    aadObjectId: u.aadObjectId,
    givenName: u.givenName,
    surname: u.surname,
    email: u.email,
  });
  const config = {
    version: '0.1.1',
    tenantId: tenant.tenantId,
    bot: { id: tenant.bot.id, name: tenant.bot.name },
    currentUser: user(tenant.currentUser),
    users: tenant.users.map(user),
    personalChat: { id: tenant.personalChatId },
    groupChat: tenant.groupChat ?? { id: 'group-chat-id', name: 'Group Chat' },
    team: tenant.team ?? {
      id: 'team-id',
      name: 'My Team',
      aadGroupId: '00000000-0000-0000-0000-000000000031',
      channels: [{ id: 'channel-announcements-id', name: 'Announcements' }],
    },
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}
