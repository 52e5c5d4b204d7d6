/**
 * The sandbox tenant: a local Entra ID + Microsoft Graph v1.0 stand-in over HTTPS.
 * Independent of the bot: nothing here imports from other `src/` folders.
 */
export { startSandbox, ensureSandboxCa } from './sandboxTenant';
export type {
  SandboxOptions, SandboxTenant, LoggedRequest, RequestLog, FaultRule, FaultInjector, RateLimitRule, RateLimits, SandboxChat, SandboxChatMember,
  SandboxTeamsApp, SandboxInstalledApp, AppInstalledEvent, SandboxApi,
} from './types';
