import { AddressInfo } from 'node:net';
import { createCardRenderer } from './cards';
import { AppConfig } from './config/appConfig';
import { KickoffStep } from './chats/kickoffStep';
import { StartChatService } from './chats/startChatService';
import { ChatStarterBot } from './bot/chatStarterBot';
import { ConnectorCardUpdater } from './bot/cardUpdater';
import { ConnectorRequesterNotifier } from './bot/requesterNotifier';
import { ConnectorConversationMessenger } from './bot/conversationMessenger';
import { PeopleResolver } from './directory/peopleResolver';
import { createCredential, createGraphClient } from './graph/createGraphClient';
import { GraphService } from './graph/graphService';
import { ConnectorProactiveSender } from './bot/proactiveCardSender';
import { createKickoff } from './kickoff/createKickoff';
import { measuredKickoff } from './kickoff/measuredKickoff';
import { KickoffRecords } from './kickoff/kickoffRecords';
import { RetryPolicyOptions } from './graph/retryPolicy';
import { Sleep } from './graph/sleep';
import { createGraphPacing } from './graph/createGraphPacing';
import { GraphReadiness } from './server/graphReadiness';
import { ChatCreationQuota } from './limits/chatCreationQuota';
import { Logger } from './logging/createLogger';
import { createBotAdapter } from './server/createBotAdapter';
import { createServer } from './server/createServer';
import { InFlightWork } from './server/inFlightWork';
import { StoreReadiness } from './server/storeReadiness';
import { NO_TELEMETRY, type Telemetry } from './telemetry/telemetry';
import { createStateStore } from './state/createStateStore';
import { StateStore } from './state/stateStore';

export interface AppDependencies {
  readonly logger: Logger;
  /** Shared state; defaults to the store `config.state` names (memory: one instance only). */
  readonly store?: StateStore;
  readonly retryPolicy?: RetryPolicyOptions;
  readonly sleep?: Sleep;
  /** The clock the per-person chat quotas read (minute and UTC day); injected so tests can cross midnight. */
  readonly quotaClock?: () => number;
  /** Spans and metrics (docs/telemetry.md); started in index.ts when configured, else nothing. */
  readonly telemetry?: Telemetry;
}

export interface RunningApp {
  readonly port: number;
  close(): Promise<void>;
}

/** After the grace period, how long cut requests get to record where they stood. */
const CUT_SETTLE_MS = 3_000;

/** Builds the whole bot from configuration; `index.ts` and tests both start it through here. */
export async function startApp(config: AppConfig, deps: AppDependencies): Promise<RunningApp> {
  const { logger } = deps;
  const telemetry = deps.telemetry ?? NO_TELEMETRY;
  const store = deps.store ?? (await createStateStore(config.state, { logger, production: config.production }));
  // One credential: the readiness check's token is the one the first request uses.
  const credential = createCredential(config.graph);
  const graph = new GraphService({
    client: createGraphClient(config.graph, credential),
    logger,
    pacing: createGraphPacing(config.pacing),
    ...(deps.retryPolicy ? { retryPolicy: deps.retryPolicy } : {}),
    ...(deps.sleep ? { sleep: deps.sleep } : {}),
    bindEndpoint: config.graph.endpoint,
    telemetry,
  });
  const resolver = new PeopleResolver({
    graph,
    homeTenantId: config.graph.tenantId,
    ...(deps.retryPolicy ? { retryPolicy: deps.retryPolicy } : {}),
    ...(deps.sleep ? { sleep: deps.sleep } : {}),
    telemetry,
  });
  const cards = createCardRenderer();
  const adapter = createBotAdapter(config.bot, logger);
  const kickoff = createKickoff({
    config: config.kickoff,
    apps: graph,
    sender: new ConnectorProactiveSender(adapter, config.bot.appId),
    store,
    renderCard: (data) => cards.renderKickoffCard(data),
    logger,
    ...(deps.sleep ? { sleep: deps.sleep } : {}),
  });
  const service = new StartChatService({
    graph,
    resolver,
    store,
    logger,
    graphEndpoint: config.graph.endpoint,
    homeTenantId: config.graph.tenantId,
    teamsHost: config.graph.teamsHost,
    ...(kickoff.kickoff
      ? { kickoff: new KickoffStep({ kickoff: measuredKickoff(kickoff.kickoff, telemetry), records: new KickoffRecords(store), logger, homeTenantId: config.graph.tenantId }) }
      : {}),
    peoplePerChat: config.limits.peoplePerChat,
    groupConfirmAbove: config.limits.groupConfirmAbove,
    quota: new ChatCreationQuota({ store, limits: config.limits, ...(deps.quotaClock ? { now: deps.quotaClock } : {}) }),
    leaseMs: config.timing.requestLeaseMs,
  });
  const inFlight = new InFlightWork();
  const bot = new ChatStarterBot({
    service,
    cards,
    cardUpdater: new ConnectorCardUpdater(adapter, config.bot.appId),
    requesterNotifier: new ConnectorRequesterNotifier(adapter, config.bot.appId),
    messenger: new ConnectorConversationMessenger(adapter, config.bot.appId),
    allowedTenantIds: config.allowedTenantIds,
    objectIds: config.objectIds,
    lifecycle: inFlight,
    startedChats: kickoff.startedChats,
    peoplePerChat: config.limits.peoplePerChat,
    textLength: config.limits.textLength,
    logger,
    telemetry,
    invokeBudgetMs: config.timing.invokeBudgetMs,
  });

  // Loaded only when configured: a bot without the API never loads jose.
  const chatsApi = config.api
    ? (await import('./api/createChatsApi')).createChatsApi({
        config,
        api: config.api,
        service,
        people: resolver,
        store,
        logger,
        keepAlive: (work) => void inFlight.track(work),
        abortSignal: inFlight.abortSignal,
      })
    : undefined;

  const readiness = new GraphReadiness(credential, `${config.graph.endpoint}/.default`, logger);
  const storeReadiness = new StoreReadiness(store);
  const server = createServer({
    adapter, bot, logger, isReady: () => readiness.ready, isStoreAvailable: () => storeReadiness.check(), edge: config.edge, inFlight, telemetry,
    ...(chatsApi ? { chatsApi } : {}),
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  readiness.start();
  const port = (server.address() as AddressInfo).port;
  logger.info({ port }, 'chat starter is listening');
  return {
    port,
    close: async () => {
      readiness.stop();
      // Stop listening at once; turns in flight and late card updates get the grace period.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      const { cut } = await inFlight.drain(config.shutdownGraceMs, CUT_SETTLE_MS);
      if (cut > 0) logger.warn({ cut, graceMs: config.shutdownGraceMs }, 'shutdown bound reached: unfinished requests were cut where a redelivery can resolve them');
      else logger.info('every request in flight finished');
      server.server.closeAllConnections();
      await closed;
    },
  };
}
