import type { ObjectIdFormat } from '../entra/objectId';
import type { ApiConfig } from './apiConfig';
import type { KickoffConfig } from './kickoffConfig';
import type { PacingConfig } from './pacingConfig';
import type { TurnTimingConfig } from './turnTiming';

/** The bot's configuration, read once at start-up from the environment and frozen. */
export type BotAppType = 'MultiTenant' | 'SingleTenant' | 'UserAssignedMsi';

export interface BotIdentityConfig {
  /** Empty: anonymous local mode (inbound authentication off). Never allowed in production. */
  readonly appId: string;
  readonly appPassword: string;
  readonly appType: BotAppType;
  readonly tenantId: string;
  /**
   * Overrides of the Bot Framework's inbound token validation (OpenID metadata and issuer).
   * Only for tests and sovereign deployments; when one is given, all are.
   */
  readonly channelAuth?: {
    readonly openIdMetadataUrl: string;
    readonly tokenIssuer: string;
  };
  /**
   * Where the bot gets its own token for replies (the Bot Framework's `ToChannelFromBotLoginUrl`):
   * `<authority>/<tenant>`. Only for tests and private or sovereign authorities.
   */
  readonly loginUrl?: string;
}

export type GraphCredentialConfig =
  | { readonly kind: 'secret'; readonly clientSecret: string }
  | { readonly kind: 'certificate'; readonly certificatePath: string }
  | { readonly kind: 'managedIdentity' };

export interface GraphConfig {
  readonly tenantId: string;
  readonly clientId: string;
  readonly credential: GraphCredentialConfig;
  /** e.g. https://login.microsoftonline.com; a private host skips instance discovery. */
  readonly authorityHost: string;
  /** e.g. https://graph.microsoft.com (no version, no trailing slash). */
  readonly endpoint: string;
  /** Host of the Teams web client for deep links on this cloud. */
  readonly teamsHost: string;
}

export interface AppConfig {
  readonly port: number;
  /** Interface to listen on: loopback in anonymous mode unless HOST says otherwise. */
  readonly host: string;
  readonly production: boolean;
  /** `guid` in production; the try-out also takes the Playground's and sandbox's sample ids. */
  readonly objectIds: ObjectIdFormat;
  readonly logLevel: string;
  /** On SIGTERM/SIGINT, how long turns in flight and late card updates may take before they are cut. */
  readonly shutdownGraceMs: number;
  /** The request lease and the invoke budget. */
  readonly timing: TurnTimingConfig;
  readonly bot: BotIdentityConfig;
  readonly graph: GraphConfig;
  /** Activities from any other tenant are refused before anything is looked up. */
  readonly allowedTenantIds: readonly string[];
  /** Where request claims live; `blob` lets several instances agree (see docs/state.md). */
  readonly state: StateConfig;
  /** How fast the bot spends Graph's budgets (chat creation, look-ups). */
  readonly pacing: PacingConfig;
  /** The kickoff card posted into each new chat. */
  readonly kickoff: KickoffConfig;
  /** How much one person may ask of the bot (counted in the state store, across instances). */
  readonly limits: AbuseLimitsConfig;
  /** What a request body may be before the bot reads it as an activity. */
  readonly edge: EdgeConfig;
  /** `POST /api/chats` for other systems; absent: off (404). */
  readonly api?: ApiConfig;
}

export interface AbuseLimitsConfig {
  /** Chats one person may start in any 60 seconds. */
  readonly chatsPerMinute: number;
  /** Chats one person may start per UTC day. */
  readonly chatsPerDay: number;
  /** People in one new chat, the requester included (Graph adds at most 200 at a time). */
  readonly peoplePerChat: number;
  /** Characters in one typed message. */
  readonly textLength: number;
  /** Groups that bring more people than this (besides the requester) are confirmed before the chat is created. */
  readonly groupConfirmAbove: number;
}

export interface EdgeConfig {
  /** Body size, measured after any Content-Encoding is undone. */
  readonly maxBodyBytes: number;
  /** Inflated bytes per compressed byte received: stops decompression bombs early. */
  readonly maxInflationRatio: number;
  /** A body that has not fully arrived by then gets 408. */
  readonly bodyReadTimeoutMs: number;
}

/** How the bot reaches the storage account that holds shared state. */
export type BlobConnectionConfig =
  /** A connection string (a secret: never logged). Also how tests reach Azurite. */
  | { readonly kind: 'connectionString'; readonly connectionString: string }
  /** The account's blob endpoint with a managed identity; no client id: system-assigned. */
  | { readonly kind: 'managedIdentity'; readonly accountUrl: string; readonly clientId?: string };

export interface BlobStateConfig {
  readonly kind: 'blob';
  readonly connection: BlobConnectionConfig;
  /** Created at start-up if missing. */
  readonly container: string;
}

/** `memory`: this process only, so one instance. */
export type StateConfig = { readonly kind: 'memory' } | BlobStateConfig;
