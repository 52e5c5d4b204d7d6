import type { z } from 'zod';
import { CHAT_TOPIC_MAX_LENGTH } from '../chats/buildCreateChatBody';
import { GROUP_CHAT_MAX_MEMBERS } from '../config/teamsChatLimits';
import { type ObjectIdFormat, isObjectId } from '../entra/objectId';
import { cutAtWordBoundary } from './cutText';
import { htmlToPlainText, normalizeText, oneLine } from './htmlText';
import { zodOnFirstUse } from '../validation/zodOnFirstUse';

/**
 * The start-chat form filled from the message a person started "Start a chat about this" on:
 * its author and the people it mentions, a topic proposed from it, and a quote linking back.
 *
 * `messagePayload` comes from Teams (`value.messagePayload` of `composeExtension/fetchTask`). Every
 * field is read defensively: a field of the wrong type counts as absent, a mention that is not a
 * person of this organization (a bot, an app, a tag, a channel or team, an anonymous guest, a
 * person of another organization) is left out. Nothing here trusts the payload to be well formed.
 */
export interface PrefilledPerson {
  /** Entra object id, lower case: what the form's people picker holds. */
  readonly id: string;
  /** As the message showed it; only a label (the picker shows it until Teams resolves the id). */
  readonly displayName: string;
}

export interface MessagePrefill {
  /** The author first, then the mentioned people in order; no duplicates, never the requester. */
  readonly people: readonly PrefilledPerson[];
  /** The subject, else the first words of the message; '' when the message has no text. */
  readonly topic: string;
  /** A quote of the message's first words and a link back to it, for the chat's first message. */
  readonly firstWords: string;
}

export interface MessagePrefillOptions {
  /** The person asking (Entra object id): always in the chat anyway, so not listed. */
  readonly requesterId?: string;
  readonly topicMaxLength?: number;
  readonly firstWordsMaxLength?: number;
  /** Which ids count as Entra object ids: `guid` (the default) unless this is the local try-out. */
  readonly objectIds?: ObjectIdFormat;
}

/**
 * Identity types of people who have an Entra object id in this organization. `federatedUser`
 * (another organization) and `anonymousGuest` have none the directory here can resolve.
 */
const ORGANIZATION_USER_TYPES: ReadonlySet<string> = new Set(['aadUser', 'onPremiseAadUser']);

const DISPLAY_NAME_MAX = 256;
const LINK_MAX = 2_048;
const DEFAULT_FIRST_WORDS_MAX = 500;
/** How much of a quoted message goes into the first words before the link. */
const QUOTE_MAX = 200;

const schemas = zodOnFirstUse(({ z }) => {
  const text = z.string().optional().catch(undefined);
  const identity = z
    .object({
      user: z
        .object({ id: text, displayName: text, userIdentityType: text })
        .optional()
        .catch(undefined),
      application: z.unknown().optional(),
      conversation: z.unknown().optional(),
      tag: z.unknown().optional(),
    })
    .optional()
    .catch(undefined);
  const payload = z.object({
    subject: z.string().nullish().catch(undefined),
    linkToMessage: z.string().nullish().catch(undefined),
    body: z
      .object({ contentType: text, content: text })
      .nullish()
      .catch(undefined),
    from: identity,
    mentions: z
      .array(z.object({ mentioned: identity }).catch({ mentioned: undefined }))
      .nullish()
      .catch(undefined),
  });
  return { identity, payload };
});

type Identity = z.infer<ReturnType<typeof schemas>['identity']>;

/** `undefined` when `messagePayload` is not an object at all (then there is no message to use). */
export function prefillFromMessage(messagePayload: unknown, options: MessagePrefillOptions = {}): MessagePrefill | undefined {
  const parsed = schemas().payload.safeParse(messagePayload);
  if (!parsed.success) return undefined;
  const payload = parsed.data;

  const requesterId = options.requesterId?.toLowerCase() ?? '';
  const candidates: Identity[] = [payload.from, ...(payload.mentions ?? []).map((mention) => mention.mentioned)];
  const people: PrefilledPerson[] = [];
  for (const candidate of candidates) {
    // No author (a system message), an unreadable entry, or not a person who can be added.
    const person = candidate === undefined ? undefined : personOf(candidate, options.objectIds ?? 'guid');
    if (person === undefined) continue;
    if (person.id === requesterId || people.some((known) => known.id === person.id)) continue;
    // One place is always the requester's.
    if (people.length + 1 >= GROUP_CHAT_MAX_MEMBERS) break;
    people.push(person);
  }

  const bodyText = messageText(payload.body);
  const subject = oneLine(payload.subject ?? '');
  const topic = cutAtWordBoundary(subject !== '' ? subject : oneLine(bodyText), options.topicMaxLength ?? CHAT_TOPIC_MAX_LENGTH);
  const link = safeLink(payload.linkToMessage);
  return {
    people,
    topic,
    firstWords: quoteWithLink(subject !== '' && bodyText === '' ? subject : bodyText, link, options.firstWordsMaxLength ?? DEFAULT_FIRST_WORDS_MAX),
  };
}

function personOf(candidate: NonNullable<Identity>, objectIds: ObjectIdFormat): PrefilledPerson | undefined {
  const user = candidate.user;
  // An entry that names an app, a channel/team or a tag is not a person, whatever else it holds.
  if (!user || candidate.application != null || candidate.conversation != null || candidate.tag != null) return undefined;
  if (user.userIdentityType === undefined || !ORGANIZATION_USER_TYPES.has(user.userIdentityType)) return undefined;
  const id = (user.id ?? '').trim().toLowerCase();
  if (!isObjectId(id, objectIds)) return undefined;
  const displayName = cutAtWordBoundary(oneLine(user.displayName ?? ''), DISPLAY_NAME_MAX);
  return { id, displayName };
}

function messageText(body: { contentType?: string | undefined; content?: string | undefined } | null | undefined): string {
  const content = body?.content ?? '';
  if (content === '') return '';
  // Teams sends `html` for almost everything; `text` is taken as it is, minus invisible characters.
  return body?.contentType?.toLowerCase() === 'text' ? normalizeText(content) : htmlToPlainText(content);
}

/** Only an https link is offered back to the person; anything else (javascript:, data:…) is dropped. */
function safeLink(link: string | null | undefined): string {
  if (typeof link !== 'string' || link.length > LINK_MAX || /\s/.test(link)) return '';
  try {
    return new URL(link).protocol === 'https:' ? link : '';
  } catch {
    return '';
  }
}

/** `"<first words>"` and the link on the next line; each part only if there is one. */
function quoteWithLink(messageText: string, link: string, max: number): string {
  const room = Math.max(0, max - (link === '' ? 0 : link.length + 1) - 2);
  const quote = messageText === '' || room < 1 ? '' : `"${cutAtWordBoundary(oneLine(messageText), Math.min(room, QUOTE_MAX))}"`;
  return [quote, link].filter((part) => part !== '').join('\n');
}
