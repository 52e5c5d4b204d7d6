/** The slice of Graph v1.0 the bot speaks, typed at the boundary. */

/** One request inside a JSON batch; `url` is relative to the version root, e.g. `/users/{id}`. */
export interface GraphSubRequest {
  readonly id: string;
  readonly method: 'GET';
  readonly url: string;
  /** Headers of this step alone, e.g. `ConsistencyLevel: eventual` for an advanced query. */
  readonly headers?: Readonly<Record<string, string>>;
}

export interface GraphSubResponse {
  readonly id: string;
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

export interface ConversationMemberBody {
  readonly '@odata.type': '#microsoft.graph.aadUserConversationMember';
  readonly roles: readonly ['owner'] | readonly ['guest'];
  readonly 'user@odata.bind': string;
  readonly tenantId?: string;
}

export interface CreateChatBody {
  readonly chatType: 'oneOnOne' | 'group';
  readonly topic?: string;
  readonly members: readonly ConversationMemberBody[];
}

export interface GraphChat {
  readonly id: string;
  readonly chatType: string;
  readonly topic: string | null;
  readonly webUrl?: string | null;
  readonly tenantId?: string;
  readonly createdDateTime?: string;
}

export interface CallOptions {
  readonly abortSignal?: AbortSignal;
}

export interface CreateChatOptions extends CallOptions {
  /**
   * Called once when the creation has to wait for Graph's budget (others are ahead of it), with
   * how many are ahead and about how long it will take.
   */
  readonly onQueued?: (position: { readonly ahead: number; readonly estimatedWaitMs: number }) => void;
}

/** The bot's narrow view of Graph: one JSON batch round trip, and chat creation. */
export interface GraphApi {
  /** Sends up to 20 GET requests in one `POST /$batch`; answers in request order. */
  batch(requests: readonly GraphSubRequest[], options?: CallOptions): Promise<GraphSubResponse[]>;
  createChat(body: CreateChatBody, options?: CreateChatOptions): Promise<GraphChat>;
}

export const GRAPH_BATCH_LIMIT = 20;

/** An app in the tenant's Teams app catalog. */
export interface CatalogApp {
  /** The catalog id (what an installation binds to); not the manifest id. */
  readonly id: string;
  readonly externalId: string;
}

/** Installing the bot's own Teams app into chats (for the kickoff card). */
export interface ChatAppsApi {
  /** `GET /appCatalogs/teamsApps?$filter=externalId eq '<manifest id>'`; undefined when not in the catalog. */
  findCatalogApp(manifestId: string, options?: CallOptions): Promise<CatalogApp | undefined>;
  /** `POST /chats/{id}/installedApps`; an existing installation (409) is reported, not thrown. */
  installAppInChat(chatId: string, catalogAppId: string, options?: CallOptions): Promise<'installed' | 'alreadyInstalled'>;
}
