import { PersonQuery } from '../directory/personQuery';
import { Command, MessageInput, MentionRef } from './command';
import { parsePersonQuery } from './parsePersonQuery';
import type { ObjectIdFormat } from '../entra/objectId';

const START_CHAT = /^start\s+chat\b\s*(.*)$/is;
const HELP = /^(help|\?|commands)$/i;
// Separators only count with white space around them, so "about@contoso.com" or "Anderson"
// are never split.
const TOPIC_SEPARATOR = /(?:^|\s)about(?:\s+|$)/i;
const PEOPLE_SEPARATOR = /\s*[,;]\s*|\s+and\s+/i;
// `[^<]*` rather than `.*?`: linear on any input, and a mention never contains a tag.
const MENTION_TAG = /<at>([^<]*)<\/at>/gi;
const PLACEHOLDER_RUN = /\uE000\d+\uE000(?:\s+\uE000\d+\uE000)+/g;
const PLACEHOLDER = /^\uE000(\d+)\uE000$/;
// The first "saying" with white space around it starts the first words; everything after it is
// theirs, so a "saying" inside the message itself is kept.
const FIRST_WORDS_SEPARATOR = /\ssaying\s/i;

/** Text in, a `Command` out. Pure; never lowercases what the user wrote. */
export function parseCommand(input: MessageInput): Command {
  // Split before normalizing: the first words keep their line breaks and spacing.
  const { head, firstWords } = splitFirstWords(input.text);
  const { text: withPlaceholders, mentions } = replaceMentions(normalize(head), input.mentions);
  const trimmed = withPlaceholders.trim();
  if (HELP.test(trimmed)) return { kind: 'help' };

  const start = START_CHAT.exec(trimmed);
  if (!start) return { kind: 'unknown' };
  let rest = start[1]!.trim();
  rest = rest.replace(/^with\b\s*/i, '');
  if (rest === '') return showForm(undefined, firstWords);

  const topicMatch = TOPIC_SEPARATOR.exec(rest);
  // Only in the people part: a topic keeps the mentions as typed ("about @Megan @Adele").
  const peopleText = mergeSplitMentions(topicMatch ? rest.slice(0, topicMatch.index) : rest, mentions);
  const topicText = topicMatch ? restoreMentions(rest.slice(topicMatch.index + topicMatch[0].length), mentions).trim() : '';

  const people = peopleText
    .split(PEOPLE_SEPARATOR)
    .map((piece) => toQuery(piece, mentions, input.objectIds ?? 'guid'))
    .filter((query): query is PersonQuery => query !== undefined);
  if (people.length === 0) return showForm(topicText === '' ? undefined : topicText, firstWords);
  return { kind: 'startChat', people, topic: topicText === '' ? undefined : topicText, ...(firstWords !== undefined ? { firstWords } : {}) };
}

/** No people named: the form, carrying whatever topic and first words were typed. */
function showForm(topic: string | undefined, firstWords: string | undefined): Command {
  return { kind: 'showForm', ...(topic !== undefined ? { topic } : {}), ...(firstWords !== undefined ? { firstWords } : {}) };
}

/**
 * `… saying <message>`: the message as typed (case, punctuation, line breaks), trimmed at both
 * ends; mentions in it read as the names they show. Only when the command is `start chat`.
 */
function splitFirstWords(text: string): { head: string; firstWords: string | undefined } {
  const match = FIRST_WORDS_SEPARATOR.exec(text);
  if (!match || !START_CHAT.test(text.slice(0, match.index).trim())) return { head: text, firstWords: undefined };
  const firstWords = text
    .slice(match.index + match[0].length)
    .replace(/\uE000/g, '')
    .replace(MENTION_TAG, (_tag: string, name: string) => name.trim())
    .replace(/\u00a0/g, ' ')
    .trim();
  return { head: text.slice(0, match.index), firstWords: firstWords === '' ? undefined : firstWords };
}

function normalize(text: string): string {
  // Teams sends non-breaking spaces around mentions and may end with a line break. The private-use
  // character that marks mention placeholders cannot come from the person.
  return text.replace(/\uE000/g, '').replace(/\u00a0/g, ' ').replace(/\s+/g, ' ');
}

interface TaggedMention {
  readonly name: string;
  readonly entity: MentionRef | undefined;
}

/** Swaps each `<at>…</at>` for a placeholder so separators inside names cannot split them. */
function replaceMentions(text: string, entities: readonly MentionRef[]): { text: string; mentions: TaggedMention[] } {
  const mentions: TaggedMention[] = [];
  const unused = [...entities];
  const replaced = text.replace(MENTION_TAG, (tag: string, name: string) => {
    const index = unused.findIndex((entity) => normalize(entity.text) === tag);
    const entity = index >= 0 ? unused.splice(index, 1)[0] : undefined;
    mentions.push({ name: name.trim(), entity });
    return `\uE000${mentions.length - 1}\uE000`;
  });
  return { text: replaced, mentions };
}

/**
 * Teams sometimes splits one mention into several tags (`<at>Megan</at> <at>Bowen</at>`), each
 * with an entity for the same member. Adjacent tags of one member are one person; adjacent
 * tags of different members are separate people, as if separated by commas.
 */
function mergeSplitMentions(text: string, mentions: TaggedMention[]): string {
  return text.replace(PLACEHOLDER_RUN, (run) => {
    const indexes = [...run.matchAll(/\uE000(\d+)\uE000/g)].map((match) => Number(match[1]));
    const kept: number[] = [indexes[0]!];
    for (const index of indexes.slice(1)) {
      const last = kept[kept.length - 1]!;
      const previous = mentions[last];
      const current = mentions[index];
      if (previous?.entity && current?.entity && previous.entity.id === current.entity.id) {
        mentions[last] = { name: `${previous.name} ${current.name}`, entity: previous.entity };
      } else {
        kept.push(index);
      }
    }
    // Different members side by side ("@Megan @Adele") are different people.
    return kept.map((index) => `\uE000${index}\uE000`).join(', ');
  });
}

function restoreMentions(text: string, mentions: readonly TaggedMention[]): string {
  return text.replace(/\uE000(\d+)\uE000/g, (_whole, index: string) => mentions[Number(index)]?.name ?? '');
}

function toQuery(piece: string, mentions: readonly TaggedMention[], objectIds: ObjectIdFormat): PersonQuery | undefined {
  const placeholder = PLACEHOLDER.exec(piece.trim());
  if (placeholder) {
    const mention = mentions[Number(placeholder[1])];
    if (!mention) return undefined;
    // A tag without its entity (or a tag/team mention) cannot be resolved to a user id:
    // fall back to the name it shows.
    if (!mention.entity) return parsePersonQuery(mention.name, objectIds);
    return { kind: 'mention', memberId: mention.entity.id, name: mention.name, text: mention.name };
  }
  return parsePersonQuery(restoreMentions(piece, mentions), objectIds);
}
