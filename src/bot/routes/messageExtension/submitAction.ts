import { type AdaptiveCardJson, CARD_INPUTS, CARD_VERBS } from '../../../cards';
import { CHAT_TOPIC_MAX_LENGTH } from '../../../chats/buildCreateChatBody';
import type { StartChatOutcome } from '../../../chats/startChatOutcome';
import { isObjectId } from '../../../entra/objectId';
import { InvalidSubmissionError } from '../../../errors';
import { FIRST_WORDS_MAX_LENGTH } from '../../../cards/cardData';
import { isActionCommandId } from '../../../messageExtension/actionCommands';
import { FETCH_TASK_MESSAGES, formDialog } from '../../../messageExtension/startChatDialog';
import { type ActionResponse, cardDialog, messageDialog } from '../../../messageExtension/taskModuleResponse';
import { TurnInfo } from '../../../turn/turnInfo';
import { dialogAnswer } from '../../answer';
import { answerWithinBudget } from '../../answerWithinBudget';
import { parseCardSubmission } from '../../cardSubmissions';
import { errorCard } from '../../errorCard';
import { cardForOutcome } from '../../outcomeAnswer';
import { placeDecidedLater, resultCardChannel } from '../../resultCardChannel';
import { requireAllowedTenant, requireRequester } from '../../tenantPolicy';
import type { InvokeInput, InvokeRoute } from '../invokes';
import { RouteDeps } from '../routeDeps';
import { readActionValue } from './actionValue';

/** Said in the dialog when Graph is slower than Teams lets a dialog wait; the result follows in the personal chat. */
export const CREATING_MESSAGE = "Creating your chat… Teams is taking a moment, so I'll send you the link in our chat as soon as it's ready.";
export const CHOICE_SENT_MESSAGE = 'Some names match more than one person. I sent you a card in our chat to pick the right ones.';

/** What a submission comes to: what the dialog shows, and what to post if the dialog has stopped waiting. */
interface DialogOutcome {
  readonly dialog: ActionResponse;
  /** Posted to the requester's personal chat when the dialog already answered "creating…"; none for a replay. */
  readonly late: AdaptiveCardJson | undefined;
  /** The dialog said "creating…" in the outcome's place. */
  readonly early?: boolean;
}

/**
 * `composeExtension/submitAction`: the dialog's Start button. Creates the chat through the same
 * intake (and ledger) as the form in a conversation, and answers within Teams' few seconds:
 * the result card in the dialog, or "creating…" and the result in the person's chat with the bot.
 * A bad form is shown again with its problem; a redelivery creates nothing again.
 */
export function submitActionRoute(deps: RouteDeps): InvokeRoute {
  return async ({ turn, value, reach }: InvokeInput) => {
    try {
      requireAllowedTenant(turn, deps.allowedTenantIds);
      const action = readActionValue(value);
      if (!isActionCommandId(action.commandId)) return dialogAnswer(messageDialog(FETCH_TASK_MESSAGES.unknownCommand));
      const verb = (action.data as { verb?: unknown } | null | undefined)?.verb;
      let submission;
      try {
        submission = parseCardSubmission(verb, action.data, deps.objectIds, deps.peoplePerChat);
        if (submission.verb !== CARD_VERBS.startChat) throw new InvalidSubmissionError('This dialog sent something I could not read. Please open it again.');
      } catch (error) {
        if (!(error instanceof InvalidSubmissionError)) throw error;
        turn.logger.info({ code: error.code }, 'dialog submission rejected');
        return dialogAnswer(formDialog(deps.cards, { ...submittedValues(action.data, deps), problem: error.problem, peoplePerChat: deps.peoplePerChat }));
      }
      turn.logger.info({ commandId: action.commandId }, 'dialog submitted');
      requireRequester(turn);
      const { peopleIds, groupNames, topic, firstWords } = submission;
      // A dialog cannot be changed once closed: what is told later goes to the personal chat, with the result card.
      const later = placeDecidedLater();
      const inPersonalChat = { update: reach.notifyRequester };
      const tellLater = resultCardChannel(later.place, deps.cards, turn.logger);
      const outcome = deps.intake.fromDialog(turn, { peopleIds, groupNames, topic, firstWords, tellLater }).then(
        (outcome) => dialogOutcome(deps, turn, outcome),
        (error: unknown) => failed(deps, turn, error),
      );
      const shown = await answerWithinBudget<DialogOutcome>(outcome, deps.invokeBudgetMs, {
        early: () => {
          turn.logger.info({ budgetMs: deps.invokeBudgetMs }, 'chat creation is slow; the result goes to the personal chat');
          return { dialog: messageDialog(CREATING_MESSAGE), late: undefined, early: true };
        },
        late: async (result) => {
          try {
            if (result.late) await reach.notifyRequester(result.late);
          } finally {
            // Anything told later follows the result in the personal chat.
            later.decide(inPersonalChat);
          }
        },
        onLateError: (error) => turn.logger.error({ err: error }, 'could not send the result to the personal chat'),
        ...(turn.keepAlive ? { keepAlive: turn.keepAlive } : {}),
      });
      // Answered in time: the result is in the dialog, which closes; anything told later goes to the personal chat.
      if (!shown.early) later.decide(reach.answered.then(() => inPersonalChat));
      return dialogAnswer(shown.dialog);
    } catch (error) {
      return dialogAnswer(cardDialog(errorCard(deps.cards, turn, error)));
    }
  };
}

function dialogOutcome(deps: RouteDeps, turn: TurnInfo, outcome: StartChatOutcome): DialogOutcome {
  const card = cardForOutcome(deps.cards, turn, outcome);
  switch (outcome.kind) {
    case 'inProgress':
      // Still being worked on by a twin delivery past its wait: that delivery answers.
      return { dialog: messageDialog(CREATING_MESSAGE), late: undefined };
    case 'created':
      return { dialog: cardDialog(card!, { title: 'Chat started' }), late: card };
    case 'needsChoice':
      // The choice card's buttons work in a conversation, not in a dialog: it goes to the personal chat.
      return { dialog: messageDialog(CHOICE_SENT_MESSAGE), late: card };
    case 'uncertain':
      return { dialog: cardDialog(card!, { title: "Couldn't start the chat" }), late: card };
    case 'replayed':
      // The delivery that created the chat has already answered or posted it.
      return { dialog: cardDialog(card!, { title: 'Chat started' }), late: undefined };
  }
}

function failed(deps: RouteDeps, turn: TurnInfo, error: unknown): DialogOutcome {
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
