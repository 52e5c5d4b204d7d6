import { Client } from '@microsoft/microsoft-graph-client';
import { AmbiguousCreateError, ChatStarterError, GraphFaultError, PermissionMissingError, ThrottledError } from '../errors';
import { NOT_SENT } from '../errors/faults';
import { Logger } from '../logging/createLogger';
import { PacingTimeoutError, Release, RequestPacer } from '../pacing/requestPacer';
import { NO_TELEMETRY, type GraphBudget, type Telemetry } from '../telemetry/telemetry';
import { callSignal } from './callSignal';
import { GraphFailure, describeGraphFailure } from './graphErrorInfo';
import {
  CallOptions, CatalogApp, ChatAppsApi, CreateChatBody, CreateChatOptions, GRAPH_BATCH_LIMIT, GraphApi, GraphChat, GraphSubRequest, GraphSubResponse,
} from './graphTypes';
import { DEFAULT_RETRY_POLICY, RetryPolicyOptions, decideRetry, parseRetryAfter } from './retryPolicy';
import { Sleep, realSleep } from './sleep';

export interface GraphServiceOptions {
  readonly client: Client;
  readonly logger: Logger;
  readonly retryPolicy?: RetryPolicyOptions;
  readonly sleep?: Sleep;
  /**
   * Longest wait for one Graph answer. Without it a silent connection holds the turn for
   * minutes (fetch's default); a timed-out call counts as a dropped connection.
   */
  readonly requestTimeoutMs?: number;
  /**
   * Graph's budgets, shared by every turn of the process: chat creations and look-ups queue for
   * their turn instead of colliding, and a 429 pauses the whole queue. Without them every call
   * goes at once and a 429 is retried by the retry policy alone.
   */
  readonly pacing?: GraphPacing;
  /** Graph host for `@odata.bind` references (the cloud's, e.g. https://graph.microsoft.us). */
  readonly bindEndpoint?: string;
  /** Spans around chat creation, installs and budget waits; 429s and waits counted. */
  readonly telemetry?: Telemetry;
}

export interface GraphPacing {
  readonly chatCreation: RequestPacer;
  readonly lookups: RequestPacer;
  /** `POST /chats/{id}/installedApps`: its own budget (30/s), so a burst of kickoffs never delays a chat. */
  readonly installs: RequestPacer;
}

export const DEFAULT_GRAPH_REQUEST_TIMEOUT_MS = 30_000;

interface CallShape {
  /** The budget the call spends, and how much of it. */
  readonly pacer?: RequestPacer;
  /** Which budget, as telemetry names it. */
  readonly budget: GraphBudget;
  readonly cost?: number;
  readonly onQueued?: CreateChatOptions['onQueued'];
  /** The application permission this call needs, named to the admin when it is missing. */
  readonly permission: string;
  /** Safe to repeat after an ambiguous failure (503/504/no answer). */
  readonly idempotent: boolean;
  /** For group chat creation: an ambiguous failure must not be reported as a plain fault. */
  readonly createsUnique?: boolean;
}

/** `GraphApi` over the real SDK client: retries, and Graph errors mapped to ours. */
export class GraphService implements GraphApi, ChatAppsApi {
  private readonly policy: RetryPolicyOptions;
  private readonly sleep: Sleep;
  private readonly telemetry: Telemetry;

  constructor(private readonly options: GraphServiceOptions) {
    this.policy = options.retryPolicy ?? DEFAULT_RETRY_POLICY;
    this.sleep = options.sleep ?? realSleep;
    this.telemetry = options.telemetry ?? NO_TELEMETRY;
  }

  async batch(requests: readonly GraphSubRequest[], options?: CallOptions): Promise<GraphSubResponse[]> {
    if (requests.length === 0) return [];
    if (requests.length > GRAPH_BATCH_LIMIT) throw new RangeError(`A Graph batch holds at most ${GRAPH_BATCH_LIMIT} requests`);
    const body = { requests: requests.map((request) => ({ id: request.id, method: request.method, url: request.url, ...(request.headers ? { headers: request.headers } : {}) })) };
    const lookups = this.options.pacing?.lookups;
    const answer = await this.call(
      (signal) => this.options.client.api('/$batch').option('signal', signal).post(body),
      { permission: 'User.Read.All', idempotent: true, budget: 'lookups', ...(lookups ? { pacer: lookups, cost: requests.length } : {}) },
      options?.abortSignal,
    );
    const responses = readBatchResponses(answer);
    // Steps are throttled one by one; the caller retries them, and the queue waits meanwhile.
    const throttledSteps = responses.filter((response) => response.status === 429);
    if (throttledSteps.length > 0) this.telemetry.graphThrottled({ budget: 'lookups', count: throttledSteps.length });
    if (lookups && throttledSteps.length > 0) {
      lookups.throttled(Math.max(0, ...throttledSteps.map((response) => parseRetryAfter(response.headers['retry-after']) ?? 0)) || undefined);
    }
    // Graph answers in any order; callers get request order.
    const byId = new Map(responses.map((response) => [response.id, response]));
    return requests.map((request) => {
      const response = byId.get(request.id);
      if (!response) throw new GraphFaultError(`Graph's batch answer has no response for request ${request.id}`, undefined, undefined, undefined);
      return response;
    });
  }

  async createChat(body: CreateChatBody, options?: CreateChatOptions): Promise<GraphChat> {
    // Graph returns the existing one-on-one chat instead of creating a second one, so only that
    // kind may be repeated after an ambiguous failure.
    const oneOnOne = body.chatType === 'oneOnOne';
    const pacer = this.options.pacing?.chatCreation;
    const answer = await this.telemetry.inSpan('graph.create_chat', () => this.call(
      (signal) => this.options.client.api('/chats').option('signal', signal).post(body),
      { permission: 'Chat.Create', idempotent: oneOnOne, createsUnique: !oneOnOne, budget: 'chat_creation', ...(pacer ? { pacer } : {}), ...(options?.onQueued ? { onQueued: options.onQueued } : {}) },
      options?.abortSignal,
    ), { 'chat.type': body.chatType });
    try {
      return readChat(answer);
    } catch (error) {
      // Graph said 201 but the chat cannot be read: it exists, and a group chat must not be posted again.
      if (!oneOnOne) throw new AmbiguousCreateError(undefined, { cause: error });
      throw error;
    }
  }

  async findCatalogApp(manifestId: string, options?: CallOptions): Promise<CatalogApp | undefined> {
    // Config allows only [A-Za-z0-9._-] in the id; the quote doubling is OData's rule all the same.
    const filter = encodeURIComponent(`externalId eq '${manifestId.replace(/'/g, "''")}'`);
    const answer = await this.call(
      (signal) => this.options.client.api(`/appCatalogs/teamsApps?$filter=${filter}`).option('signal', signal).get(),
      { permission: 'AppCatalog.Read.All', idempotent: true, budget: 'unpaced' },
      options?.abortSignal,
    );
    const apps = (answer as { value?: unknown } | null)?.value;
    if (!Array.isArray(apps)) throw new GraphFaultError('Graph answered the app catalog look-up without a value', undefined, undefined, undefined);
    const app = apps.find((entry: unknown): entry is { id: string; externalId?: unknown } => typeof (entry as { id?: unknown } | null)?.id === 'string');
    return app ? { id: app.id, externalId: typeof app.externalId === 'string' ? app.externalId : manifestId } : undefined;
  }

  async installAppInChat(chatId: string, catalogAppId: string, options?: CallOptions): Promise<'installed' | 'alreadyInstalled'> {
    // Installing is idempotent in effect: a repeat answers 409, which is what we want to know.
    const body = { 'teamsApp@odata.bind': `${this.options.bindEndpoint ?? 'https://graph.microsoft.com'}/v1.0/appCatalogs/teamsApps/${encodeURIComponent(catalogAppId)}` };
    const pacer = this.options.pacing?.installs;
    try {
      await this.telemetry.inSpan('kickoff.install', () => this.call(
        (signal) => this.options.client.api(`/chats/${encodeURIComponent(chatId)}/installedApps`).option('signal', signal).post(body),
        { permission: 'TeamsAppInstallation.ReadWriteSelfForChat.All', idempotent: true, budget: 'installs', ...(pacer ? { pacer } : {}) },
        options?.abortSignal,
      ));
      return 'installed';
    } catch (error) {
      if (error instanceof GraphFaultError && error.status === 409) return 'alreadyInstalled';
      throw error;
    }
  }

  private async call<T>(send: (signal: AbortSignal) => Promise<T>, shape: CallShape, abortSignal: AbortSignal | undefined): Promise<T> {
    let retries = 0;
    let waitedMs = 0;
    let throttledBefore = false;
    const pacer = shape.pacer;
    const deadline = pacer?.deadlineFromNow();
    for (;;) {
      const release = pacer ? await this.waitForTurn(pacer, shape, deadline, throttledBefore, abortSignal) : undefined;
      const call = callSignal(this.options.requestTimeoutMs ?? DEFAULT_GRAPH_REQUEST_TIMEOUT_MS, abortSignal);
      try {
        return await send(call.signal);
      } catch (error) {
        const failure = describeGraphFailure(error);
        if (failure.status === 429) this.telemetry.graphThrottled({ budget: shape.budget });
        if (pacer && failure.status === 429) {
          // Definite: Graph did nothing. The whole queue pauses; this request goes first after it,
          // and gives up only at the queue's deadline.
          pacer.throttled(parseRetryAfter(failure.retryAfter));
          this.options.logger.info({ status: 429, requestId: failure.requestId, retryAfter: failure.retryAfter }, 'graph throttled a paced call; the queue pauses');
          throttledBefore = true;
          continue;
        }
        const decision =
          failure.status === 'auth'
            ? ({ retry: false } as const)
            : decideRetry(
                { status: failure.status, retryAfterHeader: failure.retryAfter, idempotent: shape.idempotent, retriesSoFar: retries, waitedMs },
                this.policy,
              );
        if (!decision.retry) throw toChatStarterError(failure, shape, error);
        this.options.logger.info({ status: failure.status, requestId: failure.requestId, delayMs: decision.delayMs, retry: retries + 1 }, 'graph call will be retried');
        // Nothing of ours is on the wire while this call waits to try again.
        call.done();
        release?.();
        await this.sleep(decision.delayMs, abortSignal);
        waitedMs += decision.delayMs;
        retries += 1;
      } finally {
        call.done();
        release?.();
      }
    }
  }

  private waitForTurn(pacer: RequestPacer, shape: CallShape, deadline: number | undefined, retry: boolean, abortSignal: AbortSignal | undefined): Promise<Release> {
    const started = performance.now();
    return this.telemetry.inSpan('graph.budget_wait', async () => {
      try {
        return await this.acquire(pacer, shape, deadline, retry, abortSignal);
      } finally {
        this.telemetry.budgetWaited({ budget: shape.budget, seconds: (performance.now() - started) / 1000 });
      }
    }, { budget: shape.budget });
  }

  private async acquire(pacer: RequestPacer, shape: CallShape, deadline: number | undefined, retry: boolean, abortSignal: AbortSignal | undefined): Promise<Release> {
    try {
      return await pacer.acquire({
        ...(shape.cost !== undefined ? { cost: shape.cost } : {}),
        ...(deadline !== undefined ? { deadline } : {}),
        retry,
        ...(abortSignal ? { abortSignal } : {}),
        ...(shape.onQueued && !retry ? { onQueued: shape.onQueued } : {}),
      });
    } catch (error) {
      // Nothing was sent for this request: the person may simply try again later.
      if (error instanceof PacingTimeoutError) throw new ThrottledError(undefined, undefined, { cause: error });
      // Stopped (the process is shutting down) while still queued: certainly nothing was created.
      throw new GraphFaultError('The request was stopped while it waited for its turn; nothing was sent to Graph', undefined, NOT_SENT, undefined, { cause: error });
    }
  }
}

function toChatStarterError(failure: GraphFailure, shape: CallShape, cause: unknown): ChatStarterError {
  if (failure.status === 403) return new PermissionMissingError(shape.permission, failure.requestId, { cause });
  if (failure.status === 429) {
    const seconds = failure.retryAfter !== null && /^\d+$/.test(failure.retryAfter) ? Number(failure.retryAfter) : undefined;
    return new ThrottledError(seconds, failure.requestId, { cause });
  }
  const ambiguous = failure.status === 503 || failure.status === 504 || failure.status === 'network';
  if (ambiguous && shape.createsUnique) return new AmbiguousCreateError(failure.requestId, { cause });
  const status = typeof failure.status === 'number' ? failure.status : undefined;
  const what = failure.status === 'auth' ? 'The app could not sign in to Microsoft Entra ID' : `Graph answered ${String(failure.status)}`;
  return new GraphFaultError(`${what}: ${failure.code ?? ''} ${failure.message}`.trim(), status, failure.code, failure.requestId, { cause });
}

function readBatchResponses(answer: unknown): GraphSubResponse[] {
  const responses = (answer as { responses?: unknown } | null)?.responses;
  if (!Array.isArray(responses)) throw new GraphFaultError('Graph answered a batch without responses', undefined, undefined, undefined);
  return responses.map((raw: unknown) => {
    const item = raw as { id?: unknown; status?: unknown; headers?: unknown; body?: unknown };
    if (typeof item.id !== 'string' || typeof item.status !== 'number') {
      throw new GraphFaultError('Graph answered a batch with a malformed response', undefined, undefined, undefined);
    }
    const headers: Record<string, string> = {};
    if (item.headers && typeof item.headers === 'object') {
      for (const [key, value] of Object.entries(item.headers as Record<string, unknown>)) headers[key.toLowerCase()] = String(value);
    }
    return { id: item.id, status: item.status, headers, body: item.body };
  });
}

function readChat(answer: unknown): GraphChat {
  const chat = answer as Partial<GraphChat> | null;
  if (!chat || typeof chat.id !== 'string' || chat.id === '') {
    throw new GraphFaultError('Graph created a chat but returned no id', undefined, undefined, undefined);
  }
  return {
    id: chat.id,
    chatType: String(chat.chatType ?? ''),
    topic: typeof chat.topic === 'string' ? chat.topic : null,
    webUrl: typeof chat.webUrl === 'string' ? chat.webUrl : null,
    ...(typeof chat.tenantId === 'string' ? { tenantId: chat.tenantId } : {}),
    ...(typeof chat.createdDateTime === 'string' ? { createdDateTime: chat.createdDateTime } : {}),
  };
}
