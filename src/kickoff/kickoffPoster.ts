import { performance } from 'node:perf_hooks';
import type { KickoffCardData } from '../cards/cardData';
import type { AdaptiveCardJson } from '../cards/adaptiveCardJson';
import { GraphFaultError, PermissionMissingError, ProactiveSendError, ThrottledError } from '../errors';
import type { CallOptions, ChatAppsApi } from '../graph/graphTypes';
import { type Sleep, realSleep } from '../graph/sleep';
import type { Logger } from '../logging/createLogger';
import { CatalogAppIdSource, CatalogAppMissing } from './catalogAppIdSource';
import type { ChatKickoff, KickoffOutcome, KickoffRequest, ProactiveCardSender } from './kickoffTypes';
import type { RosterLag } from './rosterLag';

export interface KickoffRetryPolicy {
  /** Longest the poster waits in all (roster backoff and Retry-After) before giving up. */
  readonly maxWaitMs: number;
  /** First wait after `BotNotInConversationRoster`; doubles each time up to `maxDelayMs`. */
  readonly firstDelayMs: number;
  /**
   * The longest wait between two posts into a chat that refuses the bot: the bot is let in at
   * most this long before it posts (the back-off cannot overshoot the roster delay by more).
   */
  readonly maxDelayMs: number;
  /**
   * Refused this long after the install, the app is installed once more (Teams may have lost the
   * roster update). Well past the usual delay: in a burst, an install per chat more would double
   * the install queue (Graph's 30 installs a second) and hold every later chat back.
   */
  readonly installAgainAfterMs: number;
}

/**
 * Teams adds the bot to a chat's roster shortly after the install; reports put it at seconds.
 * Short steps (a post refused costs the Bot Connector little; 250 ms, then every half second) keep
 * the card within half a second of that moment, well inside one even when the process is busy; the learned first wait (`RosterLag`) keeps the
 * posts per chat few. Twenty seconds in all stays well inside what a person waits for a card.
 */
export const DEFAULT_KICKOFF_RETRY: KickoffRetryPolicy = { maxWaitMs: 20_000, firstDelayMs: 250, maxDelayMs: 500, installAgainAfterMs: 6_000 };
/** A 429 without Retry-After waits this long. */
const DEFAULT_THROTTLE_WAIT_MS = 1_000;

export interface KickoffPosterOptions {
  readonly apps: ChatAppsApi;
  readonly catalog: CatalogAppIdSource;
  readonly sender: ProactiveCardSender;
  readonly renderCard: (data: KickoffCardData) => AdaptiveCardJson;
  readonly logger: Logger;
  /** Told of each chat before the install, so the install's `conversationUpdate` is not welcomed. */
  readonly startedChats?: { remember(chatId: string): Promise<void> };
  readonly retry?: KickoffRetryPolicy;
  readonly sleep?: Sleep;
  /** What the roster delay has been of late (one per process); none: every kickoff starts from nothing. */
  readonly rosterLag?: RosterLag;
  /** The clock the roster delay is measured on. */
  readonly now?: () => number;
}

/**
 * Puts the kickoff card into a chat the bot created: find the app's catalog id, install the app
 * into the chat (an existing installation is fine), then post proactively, waiting out Teams'
 * roster delay and 429s for a bounded time. Never throws for a platform refusal: the outcome says
 * why the card is not there, and the log names the cause.
 */
export class KickoffPoster implements ChatKickoff {
  private readonly retry: KickoffRetryPolicy;
  private readonly sleep: Sleep;
  private readonly now: () => number;

  constructor(private readonly options: KickoffPosterOptions) {
    this.retry = options.retry ?? DEFAULT_KICKOFF_RETRY;
    this.sleep = options.sleep ?? realSleep;
    this.now = options.now ?? (() => performance.now());
  }

  refuseAtOnce(request: KickoffRequest): KickoffOutcome | undefined {
    if (!request.withOtherOrganization) return undefined;
    this.logFor(request).info({ cause: 'externalOneOnOne' }, 'kickoff not posted: Teams allows no apps in a one-on-one chat with another organization');
    return { kind: 'notPosted', problem: 'externalOneOnOne' };
  }

  async post(request: KickoffRequest, options?: CallOptions): Promise<KickoffOutcome> {
    const refused = this.refuseAtOnce(request);
    if (refused) return refused;
    const log = this.logFor(request);
    await this.options.startedChats?.remember(request.chatId).catch((error: unknown) => {
      log.warn({ err: error }, 'could not record the chat as started by the bot; Teams may show a welcome card there');
    });
    let catalogAppId: string;
    try {
      catalogAppId = await this.options.catalog.get(options);
      await this.options.apps.installAppInChat(request.chatId, catalogAppId, options);
    } catch (error) {
      return this.notInstalled(error, log);
    }
    const card = this.options.renderCard({
      requester: { name: request.requester.name, id: request.requester.teamsUserId },
      topic: request.topic,
      people: request.people,
      firstWords: request.firstWords,
      ...(request.askedVia !== undefined ? { askedVia: request.askedVia } : {}),
    });
    return this.send(request, card, catalogAppId, log, options);
  }

  private logFor(request: KickoffRequest): Logger {
    return this.options.logger.child({ kickoff: true, chatId: request.chatId });
  }

  private notInstalled(error: unknown, log: Logger): KickoffOutcome {
    if (error instanceof CatalogAppMissing) {
      log.warn({ cause: error.reason }, 'kickoff not posted: the app catalog id is unknown');
      return { kind: 'notPosted', problem: error.reason === 'notConfigured' ? 'notConfigured' : 'catalogAppMissing' };
    }
    if (error instanceof PermissionMissingError) {
      log.warn({ cause: 'permissionMissing', permission: error.permission, requestId: error.requestId }, 'kickoff not posted: a Graph permission is missing');
      return { kind: 'notPosted', problem: 'permissionMissing', permission: error.permission };
    }
    if (error instanceof GraphFaultError && error.status === 404) {
      // The configured catalog id names no app (or the chat is not visible yet): an admin must check.
      log.warn({ cause: 'installNotFound', graphCode: error.graphCode, requestId: error.requestId }, 'kickoff not posted: Graph found no such app or chat');
      return { kind: 'notPosted', problem: 'catalogAppMissing' };
    }
    if (error instanceof GraphFaultError || error instanceof ThrottledError) {
      const status = error instanceof GraphFaultError ? error.status : 429;
      log.warn({ cause: 'installRefused', status, requestId: error.requestId }, 'kickoff not posted: the app could not be installed in the chat');
      return { kind: 'notPosted', problem: 'installRefused' };
    }
    log.error({ err: error, cause: 'installFailed' }, 'kickoff not posted: installing the app failed');
    return { kind: 'notPosted', problem: 'installRefused' };
  }

  /**
   * Posts the card, waiting out the roster delay: first as long as it has been of late, then in
   * short steps, so the card lands within `maxDelayMs` of the moment Teams lets the bot in.
   */
  private async send(request: KickoffRequest, card: AdaptiveCardJson, catalogAppId: string, log: Logger, options: CallOptions | undefined): Promise<KickoffOutcome> {
    const target = { serviceUrl: request.serviceUrl, conversationId: request.chatId, tenantId: request.tenantId };
    const installedAt = this.now();
    const firstWait = Math.min(this.options.rosterLag?.firstWaitMs() ?? 0, this.retry.maxWaitMs);
    let waitedMs = 0;
    if (firstWait > 0) {
      await this.sleep(firstWait, options?.abortSignal);
      waitedMs += firstWait;
    }
    let delayMs = this.retry.firstDelayMs;
    let rosterRefusals = 0;
    let lastRefusedAfterMs: number | undefined;
    let installedAgain = false;
    for (;;) {
      // A refusal says the bot was not in the roster when the post was made: counted from its start.
      const postedAfterMs = this.now() - installedAt;
      try {
        await this.options.sender.sendCard(target, card, options);
        this.options.rosterLag?.letIn(lastRefusedAfterMs, firstWait);
        log.info({ rosterRefusals, firstWaitMs: Math.round(firstWait), postedAfterMs: Math.round(this.now() - installedAt) }, 'kickoff posted');
        return { kind: 'posted' };
      } catch (error) {
        if (!(error instanceof ProactiveSendError) || error.reason === 'failed') {
          // A failed send may still have been delivered: never sent again (at most once).
          log.warn({ err: error, cause: 'sendFailed' }, 'kickoff not posted: the Bot Connector did not take it');
          return { kind: 'notPosted', problem: 'notDelivered' };
        }
        const wait = error.reason === 'throttled' ? (error.retryAfterSeconds ?? DEFAULT_THROTTLE_WAIT_MS / 1000) * 1000 : delayMs;
        if (waitedMs + wait > this.retry.maxWaitMs) {
          log.warn({ cause: error.reason, rosterRefusals, waitedMs }, 'kickoff not posted: still refused after waiting');
          return { kind: 'notPosted', problem: 'notDelivered' };
        }
        if (error.reason === 'notInRoster') {
          rosterRefusals += 1;
          lastRefusedAfterMs = postedAfterMs;
          delayMs = Math.min(delayMs * 2, this.retry.maxDelayMs);
        }
        log.debug({ reason: error.reason, waitMs: wait }, 'kickoff send refused; waiting before the next try');
        await this.sleep(wait, options?.abortSignal);
        waitedMs += wait;
        if (error.reason === 'notInRoster' && !installedAgain && waitedMs >= this.retry.installAgainAfterMs) {
          installedAgain = true;
          await this.installAgain(request.chatId, catalogAppId, log, options);
        }
      }
    }
  }

  /** Installing again helps when Teams lost the first roster update; 409 is the usual answer. */
  private async installAgain(chatId: string, catalogAppId: string, log: Logger, options: CallOptions | undefined): Promise<void> {
    try {
      await this.options.apps.installAppInChat(chatId, catalogAppId, options);
    } catch (error) {
      log.info({ err: error }, 'installing the app again failed; retrying the send anyway');
    }
  }
}
