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

export type UserReadLevel = 'full' | 'basic';

export function requireUserRead(app: AppRegistration): UserReadLevel {
  if (app.permissions.some((p) => USER_READ_FULL.includes(p))) return 'full';
  if (app.permissions.some((p) => USER_READ_BASIC.includes(p))) return 'basic';
  throw new GraphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
}

export function requireChatCreate(app: AppRegistration): void {
  requireOneOf(app, CHAT_CREATE);
}

export function requireChatRead(app: AppRegistration): void {
  requireOneOf(app, CHAT_READ);
}

function requireOneOf(app: AppRegistration, accepted: string[]): void {
  if (app.permissions.some((p) => accepted.includes(p))) return;
  throw new GraphError(
    403,
    'Forbidden',
    `Missing role permissions on the request. API requires one of '${accepted.join(', ')}'. Roles on the request '${app.permissions.join(', ')}'.`,
  );
}
