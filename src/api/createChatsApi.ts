import { ApiTokenValidator } from '../apiAuth/apiTokenValidator';
import type { AppConfig } from '../config/appConfig';
import type { ApiConfig } from '../config/apiConfig';
import type { PeopleResolver } from '../directory/peopleResolver';
import { ChatCreationQuota } from '../limits/chatCreationQuota';
import type { Logger } from '../logging/createLogger';
import type { StateStore } from '../state/stateStore';
import { ChatsEndpoint, type ChatStarter } from './chatsEndpoint';
import { IdempotencyRecords } from './idempotencyRecords';
import { openApiText } from './openApiDocument';

export interface ChatsApiDependencies {
  readonly config: AppConfig;
  readonly api: ApiConfig;
  readonly service: ChatStarter;
  readonly people: Pick<PeopleResolver, 'findPerson'>;
  readonly store: StateStore;
  readonly logger: Logger;
  readonly keepAlive?: (work: Promise<unknown>) => void;
  readonly abortSignal?: AbortSignal;
}

/** The API's parts for one process; loaded only when the API is configured (jose stays unloaded otherwise). */
export interface ChatsApi {
  readonly endpoint: ChatsEndpoint;
  /** `GET /api/openapi.json`, byte for byte `docs/openapi.json`. */
  readonly openApi: string;
}

export function createChatsApi(deps: ChatsApiDependencies): ChatsApi {
  const { config, api } = deps;
  const endpoint = new ChatsEndpoint({
    config: api,
    tenantId: config.graph.tenantId,
    objectIds: config.objectIds,
    peoplePerChat: config.limits.peoplePerChat,
    validator: new ApiTokenValidator({ authorityHost: config.graph.authorityHost, tenantId: config.graph.tenantId, audiences: api.audiences, callers: api.callers }),
    service: deps.service,
    people: deps.people,
    records: new IdempotencyRecords(deps.store),
    // Per caller app; its day is not limited (the requester's own quotas still are).
    callerQuota: new ChatCreationQuota({ store: deps.store, limits: { chatsPerMinute: api.chatsPerMinute, chatsPerDay: Number.MAX_SAFE_INTEGER } }),
    kickoffEnabled: config.kickoff.enabled,
    logger: deps.logger,
    ...(deps.keepAlive ? { keepAlive: deps.keepAlive } : {}),
    ...(deps.abortSignal ? { abortSignal: deps.abortSignal } : {}),
  });
  return { endpoint, openApi: openApiText() };
}
