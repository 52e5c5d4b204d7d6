import { GraphError } from './graphError';
import type { AppRegistration } from './graphTypes';

/**
 * Graph checks application permissions on every call. Real Graph reads them from the token's
 * `roles`; the sandbox reads the app's *current* grants so that a test which changes them need not
 * wait for a cached token to expire (see docs/sandbox.md).
 */
const USER_READ_FULL = ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'];
const USER_READ_BASIC = ['User.ReadBasic.All'];
const CHAT_CREATE = ['Chat.Create', 'Teamwork.Migrate.All'];
const CHAT_READ = ['ChatMember.Read.All', 'Chat.ReadBasic.All', 'Chat.Read.All', 'Chat.ReadWrite.All'];
const APP_CATALOG_READ = ['AppCatalog.Read.All', 'AppCatalog.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'];
const CHAT_APP_INSTALL_ANY = ['TeamsAppInstallation.ReadWriteForChat.All', 'TeamsAppInstallation.ReadWriteAndConsentForChat.All'];
const CHAT_APP_INSTALL_SELF = ['TeamsAppInstallation.ReadWriteSelfForChat.All', 'TeamsAppInstallation.ReadWriteAndConsentSelfForChat.All'];
/** Listing groups and their members ("List groups", "List group transitive members"). */
const GROUP_MEMBER_READ = ['GroupMember.Read.All', 'Group.Read.All', 'GroupMember.ReadWrite.All', 'Group.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'];
/** Needed besides, to list the members of a group whose membership is hidden. */
const HIDDEN_MEMBER_READ = ['Member.Read.Hidden'];
const CHAT_APP_READ = ['TeamsAppInstallation.ReadForChat.All', ...CHAT_APP_INSTALL_SELF, ...CHAT_APP_INSTALL_ANY];

export type UserReadLevel = 'full' | 'basic';

export function requireUserRead(app: AppRegistration): UserReadLevel {
  const level = userReadLevel(app);
  if (level !== 'none') return level;
  throw new GraphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
}

/** What user properties the app may see; `none`: a user member shows only its id and type. */
export function userReadLevel(app: AppRegistration): UserReadLevel | 'none' {
  if (app.permissions.some((p) => USER_READ_FULL.includes(p))) return 'full';
  if (app.permissions.some((p) => USER_READ_BASIC.includes(p))) return 'basic';
  return 'none';
}

export function requireGroupRead(app: AppRegistration): void {
  requireOneOf(app, GROUP_MEMBER_READ);
}

export function requireHiddenMemberRead(app: AppRegistration): void {
  requireOneOf(app, HIDDEN_MEMBER_READ);
}

export function requireChatCreate(app: AppRegistration): void {
  requireOneOf(app, CHAT_CREATE);
}

export function requireChatRead(app: AppRegistration): void {
  requireOneOf(app, CHAT_READ);
}

export function requireAppCatalogRead(app: AppRegistration): void {
  requireOneOf(app, APP_CATALOG_READ);
}

/** `self`: the app may install only itself into chats (the least-privilege permission). */
export function requireChatAppInstall(app: AppRegistration): 'any' | 'self' {
  if (app.permissions.some((p) => CHAT_APP_INSTALL_ANY.includes(p))) return 'any';
  requireOneOf(app, [...CHAT_APP_INSTALL_SELF, ...CHAT_APP_INSTALL_ANY]);
  return 'self';
}

export function requireChatAppRead(app: AppRegistration): void {
  requireOneOf(app, CHAT_APP_READ);
}

function requireOneOf(app: AppRegistration, accepted: string[]): void {
  if (app.permissions.some((p) => accepted.includes(p))) return;
  throw new GraphError(
    403,
    'Forbidden',
    `Missing role permissions on the request. API requires one of '${accepted.join(', ')}'. Roles on the request '${app.permissions.join(', ')}'.`,
  );
}
