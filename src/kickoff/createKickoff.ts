import type { AdaptiveCardJson } from '../cards/adaptiveCardJson';
import type { KickoffCardData } from '../cards/cardData';
import type { KickoffConfig } from '../config/kickoffConfig';
import type { ChatAppsApi } from '../graph/graphTypes';
import type { Sleep } from '../graph/sleep';
import type { Logger } from '../logging/createLogger';
import type { StateStore } from '../state/stateStore';
import { CatalogAppIdSource } from './catalogAppIdSource';
import { KickoffPoster, type KickoffRetryPolicy } from './kickoffPoster';
import { RosterLag } from './rosterLag';
import type { ChatKickoff, ProactiveCardSender } from './kickoffTypes';
import { StartedChats } from './startedChats';

export interface KickoffParts {
  /** Absent when KICKOFF=off. */
  readonly kickoff?: ChatKickoff;
  /** Always present: chats created while kickoff was on still get no welcome after it is off. */
  readonly startedChats: StartedChats;
}

export interface CreateKickoffOptions {
  readonly config: KickoffConfig;
  readonly apps: ChatAppsApi;
  readonly sender: ProactiveCardSender;
  readonly store: StateStore;
  readonly renderCard: (data: KickoffCardData) => AdaptiveCardJson;
  readonly logger: Logger;
  readonly sleep?: Sleep;
  readonly retry?: KickoffRetryPolicy;
}

/** The kickoff's parts for one process: one catalog id cache, one poster, one estimate of Teams' roster delay. */
export function createKickoff(options: CreateKickoffOptions): KickoffParts {
  const startedChats = new StartedChats(options.store);
  if (!options.config.enabled) return { startedChats };
  const catalog = new CatalogAppIdSource({
    apps: options.apps,
    ...(options.config.manifestAppId !== undefined ? { manifestAppId: options.config.manifestAppId } : {}),
    ...(options.config.catalogAppId !== undefined ? { catalogAppId: options.config.catalogAppId } : {}),
  });
  const kickoff = new KickoffPoster({
    apps: options.apps,
    catalog,
    sender: options.sender,
    renderCard: options.renderCard,
    logger: options.logger,
    startedChats,
    rosterLag: new RosterLag(),
    ...(options.sleep ? { sleep: options.sleep } : {}),
    ...(options.retry ? { retry: options.retry } : {}),
  });
  return { kickoff, startedChats };
}
