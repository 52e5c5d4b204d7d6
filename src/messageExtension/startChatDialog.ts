import type { CardRenderer } from '../cards/cardRenderer';
import type { ObjectIdFormat } from '../entra/objectId';
import { ACTION_COMMAND_IDS, type ActionCommandContext, readCommandContext } from './actionCommands';
import { type PrefilledPerson, prefillFromMessage } from './messagePrefill';
import { type ActionResponse, cardDialog, messageDialog } from './taskModuleResponse';

/** What `composeExtension/fetchTask` carries that the dialog depends on, read once by the route. */
export interface FetchTaskInput {
  readonly commandId: unknown;
  readonly commandContext: unknown;
  readonly messagePayload: unknown;
  /** Entra object id of the person asking (never listed: they are always in the chat). */
  readonly requesterId: string;
  /**
   * The members of the group chat the compose box belongs to, when the route could list them;
   * `undefined` elsewhere (personal chat, channel, command box) or when listing failed.
   */
  readonly conversationMembers?: readonly PrefilledPerson[];
  /** Which ids count as Entra object ids: `guid` unless this is the local try-out. */
  readonly objectIds?: ObjectIdFormat;
  /** LIMIT_PEOPLE_PER_CHAT, the requester included: the form says how many can be picked. */
  readonly peoplePerChat: number;
}

/** Said in a dialog when a command cannot open the form; none of them changes anything. */
export const FETCH_TASK_MESSAGES = {
  unknownCommand: 'This action is not one Chat Starter knows. The app may need updating; ask your admin.',
  noMessage: "I couldn't read the message you started this from. Open Chat Starter and type \"start chat\" instead.",
} as const;

/**
 * The answer to `composeExtension/fetchTask`: the start-chat form in a dialog. From a message it
 * holds the author, the mentioned people and a proposed topic; from the compose box of a group
 * chat, the chat's members; otherwise it is empty. The person can change everything.
 */
export function startChatDialog(cards: CardRenderer, input: FetchTaskInput): ActionResponse {
  const context = readCommandContext(input.commandContext);
  switch (input.commandId) {
    case ACTION_COMMAND_IDS.startChatAboutMessage: {
      const prefill = context === 'message' ? prefillFromMessage(input.messagePayload, { requesterId: input.requesterId, objectIds: input.objectIds ?? 'guid' }) : undefined;
      if (prefill === undefined) return messageDialog(FETCH_TASK_MESSAGES.noMessage);
      return formDialog(cards, { people: prefill.people, topic: prefill.topic, message: prefill.firstWords, peoplePerChat: input.peoplePerChat });
    }
    case ACTION_COMMAND_IDS.startChat:
      return formDialog(cards, { people: membersToList(context, input), peoplePerChat: input.peoplePerChat });
    default:
      return messageDialog(FETCH_TASK_MESSAGES.unknownCommand);
  }
}

function membersToList(context: ActionCommandContext | undefined, input: FetchTaskInput): readonly PrefilledPerson[] {
  if (context !== 'compose' || input.conversationMembers === undefined) return [];
  const requester = input.requesterId.toLowerCase();
  return input.conversationMembers.filter((member) => member.id !== requester);
}

/** What the form in a dialog starts with; `problem` shows why a submission was refused. */
export interface DialogFormValues {
  readonly people?: readonly PrefilledPerson[];
  readonly topic?: string;
  /** The first message for the new chat (the form's optional field). */
  readonly message?: string;
  readonly problem?: string;
  /** LIMIT_PEOPLE_PER_CHAT, the requester included. */
  readonly peoplePerChat: number;
}

export function formDialog(cards: CardRenderer, values: DialogFormValues): ActionResponse {
  const card = cards.renderFormCard({
    pickerScope: 'organization',
    offerScopeToggle: false,
    people: values.people ?? [],
    topic: values.topic ?? '',
    message: values.message ?? '',
    problem: values.problem ?? '',
    peopleMax: values.peoplePerChat,
    inDialog: true,
  });
  return cardDialog(card);
}
