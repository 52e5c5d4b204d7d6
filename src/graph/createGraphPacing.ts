import type { BudgetConfig, PacingConfig } from '../config/pacingConfig';
import type { GraphPacing } from './graphService';
import { PacerClock } from '../pacing/pacerClock';
import { RequestPacer } from '../pacing/requestPacer';

/** One pacer per Graph budget, for the whole process (built once in `startApp`). */
export function createGraphPacing(config: PacingConfig, clock?: PacerClock): GraphPacing {
  const pacer = (budget: BudgetConfig): RequestPacer =>
    new RequestPacer({ limitPerSecond: budget.limitPerSecond, sustainedFraction: budget.sustainedFraction, maxWaitMs: budget.maxWaitMs, ...(clock ? { clock } : {}) });
  return { chatCreation: pacer(config.chatCreation), lookups: pacer(config.lookups) };
}
