import type { ChatStore } from './chatStore';
import type { ClientCertificateRegistry } from './clientCertificates';
import type { TeamsAppCatalog } from './teamsAppCatalog';
import type { AppInstalledEvent } from './types';
import type { UserDirectory } from './directory';
import type { GroupDirectory } from './groupDirectory';
import type { AccessTokenService, VerifiedToken } from './accessTokens';

/** The registered application, with the permissions an admin has granted it right now. */
export interface AppRegistration {
  clientId: string;
  displayName: string;
  clientSecret: string;
  /** Object id of the app's service principal in the home tenant (the token's `oid`/`sub`). */
  servicePrincipalId: string;
  permissions: string[];
}

/** Everything the endpoints share about the one home tenant. */
export interface TenantState {
  origin: string;
  tenantId: string;
  tenantDisplayName: string;
  domains: string[];
  app: AppRegistration;
  directory: UserDirectory;
  groups: GroupDirectory;
  chats: ChatStore;
  catalog: TeamsAppCatalog;
  installListeners: Set<(event: AppInstalledEvent) => void>;
  certificates: ClientCertificateRegistry;
  tokens: AccessTokenService;
}

/** One Graph call, top-level or inside a $batch. `path` is decoded and has no version prefix. */
export interface GraphRequest {
  method: string;
  /** Path segments after `/v1.0`, each percent-decoded. */
  segments: string[];
  query: Record<string, string>;
  /** Lower-cased names. */
  headers: Record<string, string>;
  body: unknown;
}

export interface GraphResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface GraphContext {
  tenant: TenantState;
  caller: VerifiedToken;
}
