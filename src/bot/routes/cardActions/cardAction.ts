import type { AdaptiveCardJson, CardVerb } from '../../../cards';
import { InvalidSubmissionError } from '../../../errors';
import { TurnInfo } from '../../../turn/turnInfo';
import { CardSubmission } from '../../cardSubmissions';

/** How a card action arrived: an `adaptiveCard/action` invoke, or a message (Action.Submit). */
export type Arrival = 'invoke' | 'message';

export type SubmissionOf<V extends CardVerb> = Extract<CardSubmission, { readonly verb: V }>;

export interface CardActionInput<S extends CardSubmission = CardSubmission> {
  readonly turn: TurnInfo;
  /** The card's data, typed for this route's verb. */
  readonly submission: S;
  readonly arrival: Arrival;
  /** Replaces the card the action came from after this turn has answered (invokes only). */
  readonly replaceCard: (card: AdaptiveCardJson) => Promise<void>;
  /** Says a short message in this conversation after this turn has answered; absent when the bot cannot. */
  readonly say?: (text: string) => Promise<void>;
  /** For a message (Action.Submit): settles once the bot has sent this route's answer, so anything said later follows it. */
  readonly answered?: Promise<void>;
}

/**
 * The card to answer with. Undefined only for a message (Action.Submit) whose twin submission
 * will answer; an invoke always has a card.
 */
export type CardAnswer = AdaptiveCardJson | undefined;

/** One card verb: its work, and optionally its own answer to data that did not fit its schema. */
export interface CardActionRoute<V extends CardVerb> {
  run(input: CardActionInput<SubmissionOf<V>>): Promise<CardAnswer>;
  /** Default: the error card. The form uses this to show itself again with the problem on it. */
  rejected?(turn: TurnInfo, error: InvalidSubmissionError, data: unknown): AdaptiveCardJson;
}

/** Exactly one route per verb: the compiler fails when a verb in `CARD_VERBS` has none. */
export type CardActionRoutes = { readonly [V in CardVerb]: CardActionRoute<V> };
