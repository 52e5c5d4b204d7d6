import type { BudgetConfig, PacingConfig } from '../config/pacingConfig';
import type { GraphPacing } from './graphService';
import { PacerClock } from '../pacing/pacerClock';
import { RequestPacer } from '../pacing/requestPacer';

/** One pacer per Graph budget, for the whole process (built once in `startApp`). */
export function createGraphPacing(config: PacingConfig, clock?: PacerClock): GraphPacing {
  const pacer = (budget: BudgetConfig, maxInFlight: number): RequestPacer =>
    new RequestPacer({ limitPerSecond: budget.limitPerSecond, sustainedFraction: budget.sustainedFraction, maxWaitMs: budget.maxWaitMs, maxInFlight, ...(clock ? { clock } : {}) });
  return {
    chatCreation: pacer(config.chatCreation, MAX_CHAT_CREATIONS_IN_FLIGHT),
    lookups: pacer(config.lookups, MAX_LOOKUPS_IN_FLIGHT),
    installs: pacer(config.installs, MAX_INSTALLS_IN_FLIGHT),
  };
}

/**
 * Our own caps, not Graph's: enough to keep Graph busy (a look-up batch takes tens of
 * milliseconds), few enough that a burst of turns is answered in arrival order over a handful of
 * kept-alive connections instead of opening one per turn and finishing them all at once, late.
 */
const MAX_LOOKUPS_IN_FLIGHT = 16;
const MAX_CHAT_CREATIONS_IN_FLIGHT = 20;
/** Installs run after the person has their card (the kickoff is in the background): a few at a time suffice. */
const MAX_INSTALLS_IN_FLIGHT = 10;
