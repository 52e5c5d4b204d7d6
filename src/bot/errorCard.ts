import type { AdaptiveCardJson, CardRenderer } from '../cards';
import { describeError } from '../errors/describeError';
import { refusalsOf } from '../telemetry/refusalOf';
import { TurnInfo } from '../turn/turnInfo';

/**
 * The one place errors become what the person sees (through `describeError`); faults are logged
 * as errors with the correlation id the card shows, problems the person can fix at info.
 */
export function errorCard(cards: CardRenderer, turn: TurnInfo, error: unknown): AdaptiveCardJson {
  const described = describeError(error, turn.correlationId);
  const code = (error as { code?: unknown }).code;
  if (described.level === 'error') turn.logger.error({ err: error, code, correlationId: turn.correlationId }, 'turn failed');
  else turn.logger.info({ code }, 'request could not be completed');
  if (turn.telemetry) for (const refusal of refusalsOf(error)) turn.telemetry.requestRefused(refusal);
  return cards.renderErrorCard(described.summary);
}
