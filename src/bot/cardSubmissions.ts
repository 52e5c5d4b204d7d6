import { CARD_INPUTS, CARD_VERBS, type CardVerb } from '../cards/cardData';
import { CHAT_TOPIC_MAX_LENGTH } from '../chats/buildCreateChatBody';
import { MEMBERS_AT_CREATION_MAX } from '../config/teamsChatLimits';
import { RequestKey } from '../chats/requestKey';
import { ObjectIdFormat, isObjectId } from '../entra/objectId';
import { InvalidSubmissionError } from '../errors';
import { FIRST_WORDS_MAX_LENGTH, GROUPS_TEXT_MAX_LENGTH } from '../cards/cardData';
import { zodOnFirstUse } from '../validation/zodOnFirstUse';

/**
 * Card submissions, typed at the boundary. The same payload arrives two ways: as the data of an
 * `adaptiveCard/action` invoke (Action.Execute) or as a message's `value` (the Action.Submit
 * fallback of older clients). Anything that does not fit its verb's schema is an
 * `InvalidSubmissionError` with a sentence the person can act on.
 */
/** Far above any honest form; stops a crafted payload from costing work. */
export const SUBMISSION_MAX_BYTES = 16_384;
/** Groups in the groups field are separated as people are in typed text: commas, semicolons. */
const GROUP_SEPARATOR = /\s*[,;]\s*/;

const schemas = zodOnFirstUse(({ z }) => ({
  startChat: z.object({
    verb: z.literal(CARD_VERBS.startChat),
    [CARD_INPUTS.people]: z.string().optional().default(''),
    [CARD_INPUTS.topic]: z.string().optional().default(''),
    [CARD_INPUTS.message]: z.string().optional().default(''),
    [CARD_INPUTS.groups]: z.string().optional().default(''),
  }),
  choosePeople: z
    .object({
      verb: z.literal(CARD_VERBS.choosePeople),
      requestId: z.string().min(1).max(64),
    })
    .catchall(z.unknown()),
  checkRequest: z.object({
    verb: z.literal(CARD_VERBS.checkRequest),
    requester: z.string().min(1).max(128),
    request: z.string().min(1).max(1_024),
  }),
  showForm: z.object({
    verb: z.literal(CARD_VERBS.showForm),
    pickerScope: z.enum(['organization', 'currentContext']).optional(),
  }),
}));

export type CardSubmission =
  | {
      readonly verb: typeof CARD_VERBS.startChat;
      readonly peopleIds: readonly string[];
      /** Groups (or people) typed by address or name in the groups field, each as typed. */
      readonly groupNames: readonly string[];
      readonly topic: string;
      readonly firstWords: string;
    }
  | { readonly verb: typeof CARD_VERBS.choosePeople; readonly requestId: string; readonly choices: Readonly<Record<string, string>> }
  | { readonly verb: typeof CARD_VERBS.showForm; readonly pickerScope: 'organization' | 'currentContext' | undefined }
  | { readonly verb: typeof CARD_VERBS.checkRequest; readonly requestKey: RequestKey };

export function isCardVerb(verb: unknown): verb is CardVerb {
  return typeof verb === 'string' && (Object.values(CARD_VERBS) as string[]).includes(verb);
}

/** True when a message's `value` looks like one of our card submissions (has a known verb). */
export function isCardSubmission(value: unknown): value is { readonly verb: CardVerb } {
  return isCardVerb((value as { verb?: unknown } | null | undefined)?.verb);
}

/**
 * `verb` comes from the invoke's `action.verb` (Execute) or from the data (Submit); `data` holds
 * the inputs. `objectIds`: what the people picker may send (`sample` ids only in the try-out).
 * `peoplePerChat`: the configured limit (LIMIT_PEOPLE_PER_CHAT), requester included, which the
 * form announces; a form over it is shown again with the problem.
 */
export function parseCardSubmission(verb: unknown, data: unknown, objectIds: ObjectIdFormat = 'guid', peoplePerChat: number = MEMBERS_AT_CREATION_MAX): CardSubmission {
  if (data !== undefined && data !== null && typeof data !== 'object') throw new InvalidSubmissionError('The card sent something I could not read.');
  if (JSON.stringify(data ?? {}).length > SUBMISSION_MAX_BYTES) throw new InvalidSubmissionError('The form is too large to be a real submission.');
  const payload = { ...(data as Record<string, unknown> | undefined), verb };

  switch (verb) {
    case CARD_VERBS.startChat: {
      const parsed = schemas().startChat.safeParse(payload);
      if (!parsed.success) throw new InvalidSubmissionError('The form is missing its fields; please open a new form.');
      const peopleText = parsed.data[CARD_INPUTS.people] as string;
      const topic = (parsed.data[CARD_INPUTS.topic] as string).trim();
      const ids = [...new Set(peopleText.split(',').map((id) => id.trim().toLowerCase()).filter((id) => id !== ''))];
      const groupsText = parsed.data[CARD_INPUTS.groups] as string;
      if (groupsText.length > GROUPS_TEXT_MAX_LENGTH) throw new InvalidSubmissionError(`The groups field can be at most ${GROUPS_TEXT_MAX_LENGTH} characters.`);
      const groupNames = [...new Set(groupsText.split(GROUP_SEPARATOR).map((name) => name.trim()).filter((name) => name !== ''))];
      if (ids.length === 0 && groupNames.length === 0) throw new InvalidSubmissionError('Pick at least one person to chat with, or name a group.');
      if (ids.length + 1 > peoplePerChat) throw new InvalidSubmissionError(`A chat can start with at most ${peoplePerChat} people, you included: you picked ${ids.length} besides you.`);
      if (!ids.every((id) => isObjectId(id, objectIds))) throw new InvalidSubmissionError('The people picker sent something that is not a person. Please pick people again.');
      if (topic.length > CHAT_TOPIC_MAX_LENGTH) throw new InvalidSubmissionError(`The topic can be at most ${CHAT_TOPIC_MAX_LENGTH} characters.`);
      // Kept as typed (line breaks included); only surrounding blank space goes.
      const firstWords = (parsed.data[CARD_INPUTS.message] as string).trim();
      if (firstWords.length > FIRST_WORDS_MAX_LENGTH) throw new InvalidSubmissionError(`The first message can be at most ${FIRST_WORDS_MAX_LENGTH} characters.`);
      if (ids.length + groupNames.length + 1 > peoplePerChat) throw new InvalidSubmissionError(`A chat can start with at most ${peoplePerChat} people, you included.`);
      return { verb: CARD_VERBS.startChat, peopleIds: ids, groupNames, topic, firstWords };
    }
    case CARD_VERBS.choosePeople: {
      const parsed = schemas().choosePeople.safeParse(payload);
      if (!parsed.success) throw new InvalidSubmissionError('This choice card is damaged; please start again.');
      const choices: Record<string, string> = {};
      for (const [key, value] of Object.entries(parsed.data)) {
        if (key.startsWith(CARD_INPUTS.choicePrefix) && typeof value === 'string') choices[key] = value.trim().toLowerCase();
      }
      return { verb: CARD_VERBS.choosePeople, requestId: parsed.data.requestId, choices };
    }
    case CARD_VERBS.showForm: {
      const parsed = schemas().showForm.safeParse(payload);
      if (!parsed.success) throw new InvalidSubmissionError('This button sent something I could not read.');
      return { verb: CARD_VERBS.showForm, pickerScope: parsed.data.pickerScope };
    }
    case CARD_VERBS.checkRequest: {
      const parsed = schemas().checkRequest.safeParse(payload);
      if (!parsed.success) throw new InvalidSubmissionError('This card sent something I could not read.');
      return { verb: CARD_VERBS.checkRequest, requestKey: { requesterId: parsed.data.requester.toLowerCase(), request: parsed.data.request } };
    }
    default:
      throw new InvalidSubmissionError('This card action is not one I know. It may come from an older version of the app.');
  }
}
