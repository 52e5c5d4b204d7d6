import { type AdaptiveCardJson, CARD_INPUTS, CARD_VERBS } from '../../../cards';
import { CHAT_TOPIC_MAX_LENGTH } from '../../../chats/buildCreateChatBody';
import type { KickoffLateNote, StartChatOutcome } from '../../../chats/startChatOutcome';
import { isObjectId } from '../../../entra/objectId';
import { InvalidSubmissionError } from '../../../errors';
import { FIRST_WORDS_MAX_LENGTH } from '../../../cards/cardData';
import { isActionCommandId } from '../../../messageExtension/actionCommands';
import { FETCH_TASK_MESSAGES, formDialog } from '../../../messageExtension/startChatDialog';
import { type ActionResponse, cardDialog, messageDialog } from '../../../messageExtension/taskModuleResponse';
import { TurnInfo } from '../../../turn/turnInfo';
import { answerWithinBudget } from '../../answerWithinBudget';
import { parseCardSubmission } from '../../cardSubmissions';
import { errorCard } from '../../errorCard';
import { tellKickoffLater } from '../../kickoffLateNotice';
import { replyForOutcome } from '../../outcomeReply';
import { requireAllowedTenant, requireRequester } from '../../tenantPolicy';
import type { InvokeInput, InvokeRoute } from '../invokes';
import { RouteDeps } from '../routeDeps';
import { readActionValue } from './actionValue';

/** Said in the dialog when Graph is slower than Teams lets a dialog wait; the result follows in the personal chat. */
export const CREATING_MESSAGE = "Creating your chat… Teams is taking a moment, so I'll send you the link in our chat as soon as it's ready.";
export const CHOICE_SENT_MESSAGE = 'Some names match more than one person. I sent you a card in our chat to pick the right ones.';

/** What a submission comes to: what the dialog shows, and what to post if the dialog has stopped waiting. */
interface Answer {
  readonly dialog: ActionResponse;
  /** Posted to the requester's personal chat when the dialog already answered "creating…"; none for a replay. */
  readonly late: AdaptiveCardJson | undefined;
  /** The kickoff, still being posted once the chat exists. */
  readonly kickoffLater?: Promise<KickoffLateNote | undefined>;
}

/**
 * `composeExtension/submitAction`: the dialog's Start button. Creates the chat through the same
 * requests (and ledger) as the form in a conversation, and answers within Teams' few seconds:
 * the result card in the dialog, or "creating…" and the result in the person's chat with the bot.
 * A bad form is shown again with its problem; a redelivery creates nothing again.
 */
export function submitActionRoute(deps: RouteDeps): InvokeRoute {
  return async ({ turn, value, conversation }: InvokeInput) => {
    try {
      requireAllowedTenant(turn, deps.allowedTenantIds);
      const action = readActionValue(value);
      if (!isActionCommandId(action.commandId)) return ok(messageDialog(FETCH_TASK_MESSAGES.unknownCommand));
      const verb = (action.data as { verb?: unknown } | null | undefined)?.verb;
      let submission;
      try {
        submission = parseCardSubmission(verb, action.data, deps.objectIds, deps.peoplePerChat);
        if (submission.verb !== CARD_VERBS.startChat) throw new InvalidSubmissionError('This dialog sent something I could not read. Please open it again.');
      } catch (error) {
        if (!(error instanceof InvalidSubmissionError)) throw error;
        turn.logger.info({ code: error.code }, 'dialog submission rejected');
        return ok(formDialog(deps.cards, { ...submittedValues(action.data, deps), problem: error.problem, peoplePerChat: deps.peoplePerChat }));
      }
      turn.logger.info({ commandId: action.commandId }, 'dialog submitted');
      requireRequester(turn);
      const { peopleIds, topic, firstWords } = submission;
      // A dialog cannot be changed once closed: a kickoff that fails later is told in the personal chat, with the result card.
      const tellLater = (result: Answer): void => {
        if (!result.kickoffLater) return;
        const work = tellKickoffLater(result.kickoffLater, { update: (card) => conversation.notifyRequester(card) }, deps.cards, turn.logger);
        turn.keepAlive?.(work);
      };
      const answer = deps.requests.fromDialog(turn, peopleIds, topic, firstWords).then(
        (outcome) => answerFor(deps, turn, outcome),
        (error: unknown) => failed(deps, turn, error),
      );
      const dialog = await answerWithinBudget(answer, deps.invokeBudgetMs, {
        early: () => {
          turn.logger.info({ budgetMs: deps.invokeBudgetMs }, 'chat creation is slow; the result goes to the personal chat');
          return { dialog: messageDialog(CREATING_MESSAGE), late: undefined };
        },
        late: async (result) => {
          if (result.late) await conversation.notifyRequester(result.late);
          tellLater(result);
        },
        onLateError: (error) => turn.logger.error({ err: error }, 'could not send the result to the personal chat'),
        ...(turn.keepAlive ? { keepAlive: turn.keepAlive } : {}),
      });
      // Answered in time: the result is in the dialog, which closes; a failed kickoff is told in the personal chat.
      // (The early "creating…" answer carries no kickoff: its `late` above tells it.)
      tellLater(dialog);
      return ok(dialog.dialog);
    } catch (error) {
      return ok(cardDialog(errorCard(deps.cards, turn, error)));
    }
  };
}

function ok(body: ActionResponse): { status: number; body: ActionResponse } {
  return { status: 200, body };
}

function answerFor(deps: RouteDeps, turn: TurnInfo, outcome: StartChatOutcome): Answer {
  let reply;
  try {
    reply = replyForOutcome(deps.cards, outcome);
  } catch (error) {
    return failed(deps, turn, error);
  }
  if (reply.kind !== 'card') {
    // Still being worked on by a twin delivery past the settle time: that delivery answers.
    return { dialog: messageDialog(CREATING_MESSAGE), late: undefined };
  }
  switch (outcome.kind) {
    case 'created':
      return { dialog: cardDialog(reply.card, { title: 'Chat started' }), late: reply.card, ...(outcome.kickoffLater ? { kickoffLater: outcome.kickoffLater } : {}) };
    case 'needsChoice':
      // The choice card's buttons work in a conversation, not in a dialog: it goes to the personal chat.
      return { dialog: messageDialog(CHOICE_SENT_MESSAGE), late: reply.card };
    default:
      // A replay: the delivery that created the chat has already answered or posted it.
      return { dialog: cardDialog(reply.card, { title: 'Chat started' }), late: undefined };
  }
}

function failed(deps: RouteDeps, turn: TurnInfo, error: unknown): Answer {
  const card = errorCard(deps.cards, turn, error);
  return { dialog: cardDialog(card, { title: "Couldn't start the chat" }), late: card };
}

/** What was on the refused form, to show it again: valid ids only, the topic cut to its limit. */
function submittedValues(data: unknown, deps: RouteDeps): { people: { id: string; displayName: string }[]; topic: string; message: string } {
  const record = data !== null && typeof data === 'object' ? (data as Record<string, unknown>) : {};
  const text = (key: string): string => (typeof record[key] === 'string' ? (record[key] as string) : '');
  const people = text(CARD_INPUTS.people)
    .split(',')
    .map((id) => id.trim().toLowerCase())
    .filter((id) => isObjectId(id, deps.objectIds))
    .slice(0, deps.peoplePerChat - 1)
    .map((id) => ({ id, displayName: '' }));
  return { people, topic: text(CARD_INPUTS.topic).slice(0, CHAT_TOPIC_MAX_LENGTH), message: text(CARD_INPUTS.message).slice(0, FIRST_WORDS_MAX_LENGTH) };
}
