import { createHash } from 'node:crypto';
import { FIRST_WORDS_MAX_LENGTH } from '../cards/cardData';
import { CHAT_TOPIC_MAX_LENGTH } from '../chats/buildCreateChatBody';
import { parsePersonQuery } from '../commands/parsePersonQuery';
import type { PersonQuery } from '../directory/personQuery';
import type { ObjectIdFormat } from '../entra/objectId';
import { zodOnFirstUse } from '../validation/zodOnFirstUse';

/** Longest text one member (or the requester) may be: an address is at most 254, names are shorter. */
export const PERSON_TEXT_MAX_LENGTH = 320;

/** `POST /api/chats` as validated: each person as a query the directory can answer. */
export interface ApiChatRequest {
  readonly members: readonly PersonQuery[];
  readonly topic: string | undefined;
  readonly message: string;
  /** Object id or UPN of a person of the tenant on whose behalf the chat is started. */
  readonly requester: PersonQuery | undefined;
  /** Same body, same fingerprint: what an Idempotency-Key is bound to (key order and spacing do not count). */
  readonly fingerprint: string;
}

/** One thing wrong with the body, located by a JSON Pointer (RFC 6901). */
export interface BodyProblem {
  readonly pointer: string;
  readonly detail: string;
}

export type ChatRequestReading = { readonly ok: true; readonly request: ApiChatRequest } | { readonly ok: false; readonly problems: readonly BodyProblem[] };

const bodySchema = zodOnFirstUse((z) =>
  z.strictObject({
    members: z.array(z.string().trim().min(1, 'must not be empty').max(PERSON_TEXT_MAX_LENGTH)).min(1, 'must name at least one person'),
    topic: z.string().trim().max(CHAT_TOPIC_MAX_LENGTH).optional(),
    message: z.string().max(FIRST_WORDS_MAX_LENGTH).optional(),
    requester: z.string().trim().min(1, 'must not be empty').max(PERSON_TEXT_MAX_LENGTH).optional(),
  }),
);

/**
 * The JSON body → a request, or every problem found (each with where it is). Pure: nothing is
 * looked up here; whether the people exist is the directory's answer (422), not a 400.
 */
export function readChatRequest(body: unknown, peoplePerChat: number, objectIds: ObjectIdFormat): ChatRequestReading {
  const parsed = bodySchema().safeParse(body);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((issue) => ({ pointer: pointerOf(issue.path), detail: issue.message })) };
  }
  const { members: texts, topic, message, requester: requesterText } = parsed.data;
  const problems: BodyProblem[] = [];
  // The requester (or, without one, the first member) is in the chat too.
  const limit = requesterText === undefined ? peoplePerChat : peoplePerChat - 1;
  if (texts.length > limit) problems.push({ pointer: '/members', detail: `a chat holds at most ${peoplePerChat} people; ${texts.length + (requesterText === undefined ? 0 : 1)} were named` });
  const members: PersonQuery[] = [];
  texts.forEach((text, index) => {
    const query = parsePersonQuery(text, objectIds);
    if (query) members.push(query);
    else problems.push({ pointer: `/members/${index}`, detail: 'names nobody' });
  });
  let requester: PersonQuery | undefined;
  if (requesterText !== undefined) {
    requester = parsePersonQuery(requesterText, objectIds);
    if (!requester || (requester.kind !== 'objectId' && requester.kind !== 'address')) {
      problems.push({ pointer: '/requester', detail: 'must be the object id or user principal name of a person of this tenant' });
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  const topicText = topic === undefined || topic === '' ? undefined : topic;
  return {
    ok: true,
    request: { members, topic: topicText, message: message ?? '', requester, fingerprint: fingerprintOf({ members: texts, topic: topicText, message: message ?? '', requester: requesterText }) },
  };
}

function fingerprintOf(body: { members: readonly string[]; topic: string | undefined; message: string; requester: string | undefined }): string {
  const canonical = JSON.stringify([body.members, body.topic ?? null, body.message, body.requester ?? null]);
  return createHash('sha256').update(canonical, 'utf8').digest('base64url');
}

function pointerOf(path: readonly PropertyKey[]): string {
  return path.map((segment) => `/${String(segment).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('') || '/';
}
