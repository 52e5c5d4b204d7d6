import type { AdaptiveCardJson } from '../../../cards';
import { RequestKey } from '../../../chats/requestKey';
import { KickoffLateNote, StartChatOutcome } from '../../../chats/startChatOutcome';
import { TurnInfo } from '../../../turn/turnInfo';
import { answerWithinBudget } from '../../answerWithinBudget';
import { errorCard } from '../../errorCard';
import { tellKickoffLater } from '../../kickoffLateNotice';
import { replyForOutcome } from '../../outcomeReply';
import { requireRequester } from '../../tenantPolicy';
import { RouteDeps } from '../routeDeps';
import { CardActionInput, CardAnswer } from './cardAction';

/** What a progress card shows, and the request its refresh asks about. */
export interface Progress {
  readonly peopleCount: number;
  readonly topic: string;
  readonly requestKey: RequestKey;
}

/** Async so that a missing requester becomes a rejected promise, handled like any failure. */
export async function startAsRequester(turn: TurnInfo, start: () => Promise<StartChatOutcome>): Promise<StartChatOutcome> {
  requireRequester(turn);
  return start();
}

/**
 * Answers an invoke with its result if Graph is quick; otherwise with a "creating…" card at
 * once, replaced by the result when the chat exists (Teams gives card actions ~5 s).
 * A message (Action.Submit) simply waits for the result. `failed` turns an error into a card.
 */
export async function answerWithOutcome(
  deps: RouteDeps,
  input: CardActionInput,
  work: Promise<StartChatOutcome>,
  progress: Progress,
  failed: (error: unknown) => AdaptiveCardJson,
): Promise<CardAnswer> {
  const { turn } = input;
  // The kickoff goes on after the result card: if it fails, the card is updated (or the note said).
  const tellLater = (later: Promise<KickoffLateNote | undefined> | undefined): void => {
    if (!later) return;
    const work = tellKickoffLater(later, { ...(input.arrival === 'invoke' ? { update: input.replaceCard } : {}), ...(input.say ? { say: input.say } : {}) }, deps.cards, turn.logger);
    turn.keepAlive?.(work);
  };
  if (input.arrival === 'message') {
    // Action.Submit: the bot sends the card as a new message whose id this route never learns, so a late note is said after it.
    return work.then((outcome) => {
      if (outcome.kind === 'inProgress') return undefined;
      const later = kickoffLaterOf(outcome);
      tellLater(later && (input.answered ?? Promise.resolve()).then(() => later));
      return cardForOutcome(deps, turn, outcome, progress);
    }, failed);
  }
  const finalAnswer = work.then(
    (outcome): Shown => ({ card: cardForOutcome(deps, turn, outcome, progress), later: kickoffLaterOf(outcome) }),
    (error: unknown): Shown => ({ card: failed(error), later: undefined }),
  );
  const answered = await answerWithinBudget<Shown>(finalAnswer, deps.invokeBudgetMs, {
    early: () => {
      turn.logger.info({ budgetMs: deps.invokeBudgetMs }, 'chat creation is slow; answering with a progress card');
      return { card: creatingCard(deps, turn, progress), later: undefined, early: true };
    },
    late: async (shown) => {
      await input.replaceCard(shown.card);
      tellLater(shown.later);
    },
    onLateError: (error) => turn.logger.error({ err: error }, 'could not replace the progress card with the result'),
    ...(turn.keepAlive ? { keepAlive: turn.keepAlive } : {}),
  });
  if (!answered.early) tellLater(answered.later);
  return answered.card;
}

/** A card on its way to the person, and the kickoff still going on behind it. */
interface Shown {
  readonly card: AdaptiveCardJson;
  readonly later: Promise<KickoffLateNote | undefined> | undefined;
  /** The progress card answered in the result's place. */
  readonly early?: boolean;
}

function kickoffLaterOf(outcome: StartChatOutcome): Promise<KickoffLateNote | undefined> | undefined {
  return outcome.kind === 'created' ? outcome.kickoffLater : undefined;
}

export function cardForOutcome(deps: RouteDeps, turn: TurnInfo, outcome: StartChatOutcome, progress: Progress): AdaptiveCardJson {
  try {
    const reply = replyForOutcome(deps.cards, outcome);
    // Still being worked on (by a twin click or another instance): keep showing progress.
    return reply.kind === 'card' ? reply.card : creatingCard(deps, turn, progress);
  } catch (error) {
    return errorCard(deps.cards, turn, error);
  }
}

/** "Creating…", refreshing itself for the requester until the outcome is recorded. */
function creatingCard(deps: RouteDeps, turn: TurnInfo, progress: Progress): AdaptiveCardJson {
  const people = progress.peopleCount > 0 ? [`${progress.peopleCount} ${progress.peopleCount === 1 ? 'person' : 'people'}`] : [];
  return deps.cards.renderCreatingCard({ people, topic: progress.topic, requester: progress.requestKey.requesterId, request: progress.requestKey.request, userIds: turn.requesterMri === '' ? [] : [turn.requesterMri] });
}
