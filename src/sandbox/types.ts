/** Public shapes of the sandbox tenant. `index.ts` re-exports them; the lead's tests use exactly these names. */

export interface SandboxOptions {
  /** Default 0: an ephemeral port chosen by the OS. */
  port?: number;
  /** Default `<repo>/env/sandbox-directory.json`. */
  directoryFile?: string;
  /** Where the CA lives. Default `<repo>/.sandbox`. */
  stateDir?: string;
  /** Lifetime of issued access tokens. Default 3600. */
  tokenLifetimeSeconds?: number;
}

export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
  /** 0 when the connection was dropped by a fault rule. */
  status: number;
  response: unknown;
  /** true when this entry is a sub-request inside a $batch */
  inBatch: boolean;
}

export interface RequestLog {
  all(): LoggedRequest[];
  clear(): void;
}

export interface FaultRule {
  method?: string;
  /** Matched against the decoded path without query, version prefix included, e.g. '/v1.0/chats'. */
  path: string | RegExp;
  status?: number;
  retryAfterSeconds?: number;
  /** Apply to the next N matching requests (default: unlimited). */
  count?: number;
  /** 0..1, default 1. */
  probability?: number;
  delayMs?: number;
  /** Destroy the socket without answering. */
  drop?: boolean;
  /** Apply status/drop after the real handler ran (the chat exists, the caller sees a failure). */
  afterHandling?: boolean;
}

export interface FaultInjector {
  add(rule: FaultRule): void;
  clear(): void;
}

/** Graph's own throttling: at most `perSecond` matching requests a second per calling app. */
export interface RateLimitRule {
  method?: string;
  /** Matched like a fault rule's path, e.g. '/v1.0/chats'. */
  path: string | RegExp;
  perSecond: number;
  /** Requests that may come at once after a quiet spell; default `perSecond` (one second's worth). */
  burst?: number;
}

export interface RateLimits {
  /** Throttles matching requests from now on (replaces a rule for the same method and path). */
  set(rule: RateLimitRule): void;
  clear(): void;
}

export interface SandboxChatMember {
  /** Membership id (opaque, as in Graph). */
  id: string;
  userId: string;
  displayName: string | null;
  email: string | null;
  roles: string[];
  tenantId: string;
}

/** An app in the tenant's Teams app catalog. */
export interface SandboxTeamsApp {
  /** The catalog id (what `POST /chats/{id}/installedApps` binds to). */
  id: string;
  /** The manifest id. */
  externalId: string;
  displayName: string;
  distributionMethod: 'organization' | 'store' | 'sideloaded';
  /** The Entra app id of the app's bot: the `…Self…` install permission lets only this app install it. */
  azureADAppId: string;
}

export interface SandboxInstalledApp {
  /** The installation's id (opaque, as in Graph). */
  id: string;
  /** Catalog id of the installed app. */
  teamsAppId: string;
}

/** Told after an app was installed into a chat (Teams then adds the app's bot to the chat's roster). */
export interface AppInstalledEvent {
  chatId: string;
  teamsApp: SandboxTeamsApp;
  installationId: string;
}

export interface SandboxChat {
  id: string;
  chatType: 'oneOnOne' | 'group';
  topic: string | null;
  createdDateTime: string;
  lastUpdatedDateTime: string;
  tenantId: string;
  webUrl: string;
  members: SandboxChatMember[];
  installedApps: SandboxInstalledApp[];
}

/** The tenant's own API registration and the apps registered to call it (client secrets). */
export interface SandboxApi {
  readonly clientId: string;
  readonly applicationIdUri: string;
  /** `roles`: the API's app roles granted to the caller (empty: its tokens carry none). */
  readonly callers: readonly { readonly clientId: string; readonly clientSecret: string; readonly displayName: string; readonly roles: readonly string[] }[];
  /** The registration's `requestedAccessTokenVersion` from now on (the directory file's, by default). */
  setTokenVersion(version: 1 | 2): void;
  /** Lifetime of the API's tokens from now on (default the sandbox's); negative: issued already expired. */
  setTokenLifetimeSeconds(seconds: number | undefined): void;
}

export interface SandboxTenant {
  readonly origin: string;
  /** Present when the directory file registers an API (`api`). */
  readonly api?: SandboxApi;
  readonly caCertPath: string;
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly requests: RequestLog;
  readonly faults: FaultInjector;
  /** Rate limits answered with 429 + Retry-After, as Graph throttles (off until set). */
  readonly rateLimits: RateLimits;
  readonly chats: { list(): SandboxChat[] };
  /** The Teams app catalog, seeded from the directory file's `teamsApps`. */
  readonly teamsApps: { list(): SandboxTeamsApp[]; set(apps: SandboxTeamsApp[]): void };
  /** Calls `listener` after each install into a chat; returns a function that stops it. */
  onAppInstalled(listener: (event: AppInstalledEvent) => void): () => void;
  setAppPermissions(permissions: string[]): void;
  addClientCertificate(certificatePem: string): void;
  close(): Promise<void>;
}
