import type { AdaptiveCardJson, CardVerb } from '../../../cards';
import { InvalidSubmissionError } from '../../../errors';
import { TurnInfo } from '../../../turn/turnInfo';
import type { Answer } from '../../answer';
import { CardSubmission } from '../../cardSubmissions';
import type { LaterReach } from '../../laterReach';

/** How a card action arrived: an `adaptiveCard/action` invoke, or a message (Action.Submit). */
export type Arrival = 'invoke' | 'message';

export type SubmissionOf<V extends CardVerb> = Extract<CardSubmission, { readonly verb: V }>;

export interface CardActionInput<S extends CardSubmission = CardSubmission> {
  readonly turn: TurnInfo;
  /** The card's data, typed for this route's verb. */
  readonly submission: S;
  readonly arrival: Arrival;
  /** How to reach the person after the answer: the card the action came from is `turn.cardActivityId`. */
  readonly reach: LaterReach;
}

/**
 * One card verb: its work, and optionally its own answer to data that did not fit its schema. An
 * invoke is always answered with a card; a message (Action.Submit) may get `none` when its twin
 * submission will answer.
 */
export interface CardActionRoute<V extends CardVerb> {
  run(input: CardActionInput<SubmissionOf<V>>): Promise<Answer>;
  /** Default: the error card. The form uses this to show itself again with the problem on it. */
  rejected?(turn: TurnInfo, error: InvalidSubmissionError, data: unknown): AdaptiveCardJson;
}

/** Exactly one route per verb: the compiler fails when a verb in `CARD_VERBS` has none. */
export type CardActionRoutes = { readonly [V in CardVerb]: CardActionRoute<V> };
