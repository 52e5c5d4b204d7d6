import type { AdaptiveCardJson } from '../../../cards';
import type { RequesterChannel } from '../../../chats/requesterChannel';
import { RequestKey } from '../../../chats/requestKey';
import { StartChatOutcome } from '../../../chats/startChatOutcome';
import { TurnInfo } from '../../../turn/turnInfo';
import { Answer, NO_ANSWER, cardAnswer } from '../../answer';
import { answerWithinBudget } from '../../answerWithinBudget';
import { cardForOutcome } from '../../outcomeAnswer';
import { type ResultCardPlace, placeDecidedLater, resultCardChannel } from '../../resultCardChannel';
import { requireRequester } from '../../tenantPolicy';
import { RouteDeps } from '../routeDeps';
import { CardActionInput } from './cardAction';

/** What a progress card shows, and the request its refresh asks about. */
export interface Progress {
  readonly peopleCount: number;
  readonly topic: string;
  readonly requestKey: RequestKey;
}

/**
 * Answers an invoke with its result if Graph is quick; otherwise with a "creating…" card at
 * once, replaced by the result when the chat exists (Teams gives card actions ~5 s).
 * A message (Action.Submit) simply waits for the result. `start` is given the channel that tells
 * the person later (a kickoff that fails after the result); `failed` turns an error into a card.
 */
export async function answerWithOutcome(
  deps: RouteDeps,
  input: CardActionInput,
  start: (tellLater: RequesterChannel) => Promise<StartChatOutcome>,
  progress: Progress,
  failed: (error: unknown) => AdaptiveCardJson,
): Promise<Answer> {
  const { turn, reach } = input;
  const later = placeDecidedLater();
  const work = startAsRequester(turn, () => start(resultCardChannel(later.place, deps.cards, turn.logger)));
  if (input.arrival === 'message') {
    // Action.Submit: the bot sends the card as a new message whose id this route never learns, so a late note is said after it.
    later.decide(reach.answered.then(() => (reach.say ? { say: reach.say } : {})));
    return work.then((outcome) => {
      const card = cardForOutcome(deps.cards, turn, outcome);
      return card ? cardAnswer(card) : NO_ANSWER;
    }, (error: unknown) => cardAnswer(failed(error)));
  }
  // The card the person clicked shows the result; a late note replaces it again, or is said.
  const onTheCard: ResultCardPlace = { update: (card) => reach.replaceMessage(turn.cardActivityId, card), ...(reach.say ? { say: reach.say } : {}) };
  const finalCard = work.then((outcome): Shown => ({ card: progressOrOutcomeCard(deps, turn, outcome, progress) }), (error: unknown): Shown => ({ card: failed(error) }));
  const shown = await answerWithinBudget<Shown>(finalCard, deps.invokeBudgetMs, {
    early: () => {
      turn.logger.info({ budgetMs: deps.invokeBudgetMs }, 'chat creation is slow; answering with a progress card');
      return { card: creatingCard(deps, turn, progress), early: true };
    },
    late: async ({ card }) => {
      try {
        await reach.replaceMessage(turn.cardActivityId, card);
      } finally {
        // Anything told later comes after the result replaced the progress card.
        later.decide(onTheCard);
      }
    },
    onLateError: (error) => turn.logger.error({ err: error }, 'could not replace the progress card with the result'),
    ...(turn.keepAlive ? { keepAlive: turn.keepAlive } : {}),
  });
  if (!shown.early) later.decide(reach.answered.then(() => onTheCard));
  return cardAnswer(shown.card);
}

/** A card on its way to the person. */
interface Shown {
  readonly card: AdaptiveCardJson;
  /** The progress card answered in the result's place. */
  readonly early?: boolean;
}

/** Async so that a missing requester becomes a rejected promise, handled like any failure. */
async function startAsRequester(turn: TurnInfo, start: () => Promise<StartChatOutcome>): Promise<StartChatOutcome> {
  requireRequester(turn);
  return start();
}

/** The outcome's card; progress while it is still being worked on (by a twin click or another instance). */
export function progressOrOutcomeCard(deps: RouteDeps, turn: TurnInfo, outcome: StartChatOutcome, progress: Progress): AdaptiveCardJson {
  return cardForOutcome(deps.cards, turn, outcome) ?? creatingCard(deps, turn, progress);
}

/** "Creating…", refreshing itself for the requester until the outcome is recorded. */
function creatingCard(deps: RouteDeps, turn: TurnInfo, progress: Progress): AdaptiveCardJson {
  const people = progress.peopleCount > 0 ? [`${progress.peopleCount} ${progress.peopleCount === 1 ? 'person' : 'people'}`] : [];
  return deps.cards.renderCreatingCard({ people, topic: progress.topic, requester: progress.requestKey.requesterId, request: progress.requestKey.request, userIds: turn.requesterMri === '' ? [] : [turn.requesterMri] });
}
