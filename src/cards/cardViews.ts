/**
 * Turns the bot's card data into the exact `$root` object each template is expanded with.
 *
 * Why a view step at all: the templating language (adaptivecards-templating) replaces a field that
 * is `undefined` with the literal text `${field}`, so every optional value is defaulted to '' here;
 * and the verbs and input ids come from `CARD_VERBS`/`CARD_INPUTS`, so the templates never repeat them as literals.
 * Views only copy and default values; user text passes through untouched.
 */
import {
  CARD_INPUTS,
  FIRST_WORDS_MAX_LENGTH,
  GROUPS_TEXT_MAX_LENGTH,
  CARD_VERBS,
  type ChoiceCardData,
  type CreatingCardData,
  type ErrorCardData,
  type FormCardData,
  type HelpCardData,
  type KickoffCardData,
  type PersonView,
  type ResultCardData,
} from './cardData';

interface CardConstants {
  readonly verbs: typeof CARD_VERBS;
  readonly inputs: typeof CARD_INPUTS;
}

const constants = (): CardConstants => ({ verbs: CARD_VERBS, inputs: CARD_INPUTS });

export interface MemberRow {
  readonly displayName: string;
  readonly address: string;
  readonly note: string;
}

export interface FormView extends CardConstants {
  readonly pickerScope: FormCardData['pickerScope'];
  readonly offerScopeToggle: boolean;
  readonly topic: string;
  readonly message: string;
  readonly groups: string;
  readonly groupsMaxLength: number;
  readonly messageMaxLength: number;
  readonly problem: string;
  /** The picker's label, with how many people can be picked. */
  readonly peopleLabel: string;
  /** The picker's value: comma-separated Entra object ids, as Teams submits it. */
  readonly peopleValue: string;
  readonly peopleChoices: readonly { readonly title: string; readonly value: string }[];
  readonly inDialog: boolean;
}

export interface ResultView {
  readonly chatType: ResultCardData['chatType'];
  readonly topic: string;
  readonly members: readonly MemberRow[];
  readonly openUrl: string;
  readonly notes: readonly string[];
}

export interface ChoiceView extends CardConstants {
  readonly requestId: string;
  readonly heading: string;
  readonly intro: string;
  /** For a confirmation: one line per group named. */
  readonly groupLines: readonly string[];
  /** For a confirmation: who was left out, or ''. */
  readonly leftOut: string;
  readonly continueTitle: string;
  readonly topic: string;
  readonly questions: readonly {
    readonly query: string;
    readonly inputId: string;
    readonly candidates: readonly { readonly id: string; readonly title: string }[];
  }[];
}

export interface ErrorView extends CardConstants {
  readonly title: string;
  readonly message: string;
  readonly problems: readonly { readonly query: string; readonly reason: string }[];
  readonly correlationId: string;
}

export interface CreatingView extends CardConstants {
  readonly people: readonly string[];
  readonly topic: string;
  readonly requester: string;
  readonly request: string;
  readonly userIds: readonly string[];
}

export interface KickoffView {
  readonly mentionName: string;
  readonly requesterId: string;
  readonly topic: string;
  readonly people: readonly string[];
  readonly firstWordsLines: readonly string[];
  readonly askedVia: string;
}

export interface HelpView extends CardConstants {
  readonly commands: readonly { readonly title: string; readonly description: string; readonly examples: readonly string[] }[];
}

/** `?? ''` also covers callers outside strict TypeScript (e.g. data read back from storage). */
function text(value: string | undefined | null): string {
  return value ?? '';
}

function memberRow(person: PersonView): MemberRow {
  return { displayName: text(person.displayName), address: text(person.address), note: text(person.note) };
}

/** "Megan Bowen — meganb@contoso.com — Marketing Manager", leaving out empty parts. */
export function candidateTitle(person: PersonView): string {
  return [person.displayName, person.address, person.jobTitle]
    .map(text)
    .filter((part) => part.trim() !== '')
    .join(' — ');
}

export function formView(data: FormCardData): FormView {
  return {
    ...constants(),
    pickerScope: data.pickerScope === 'currentContext' ? 'currentContext' : 'organization',
    offerScopeToggle: data.offerScopeToggle === true,
    topic: text(data.topic),
    message: text(data.message),
    groups: text(data.groups),
    groupsMaxLength: GROUPS_TEXT_MAX_LENGTH,
    messageMaxLength: FIRST_WORDS_MAX_LENGTH,
    problem: text(data.problem),
    peopleLabel: peopleLabel(data.peopleMax),
    peopleValue: (data.people ?? []).map((person) => text(person.id)).join(','),
    // A name is offered only when known; Teams resolves bare ids in the picker itself.
    peopleChoices: (data.people ?? []).filter((person) => text(person.displayName) !== '').map((person) => ({ title: text(person.displayName), value: text(person.id) })),
    inDialog: data.inDialog === true,
  };
}

/** "People (up to 199 besides you)": the requester is always in the chat and counts towards its limit. */
function peopleLabel(peopleMax: number): string {
  const others = Number.isSafeInteger(peopleMax) && peopleMax > 1 ? peopleMax - 1 : 1;
  return `People (up to ${others} besides you)`;
}

export function resultView(data: ResultCardData): ResultView {
  return {
    chatType: data.chatType === 'oneOnOne' ? 'oneOnOne' : 'group',
    topic: text(data.topic),
    members: (data.members ?? []).map(memberRow),
    openUrl: text(data.openUrl),
    notes: (data.notes ?? []).map(text),
  };
}

export function choiceView(data: ChoiceCardData): ChoiceView {
  const confirmation = data.confirmation;
  return {
    ...constants(),
    requestId: text(data.requestId),
    ...(confirmation ? confirmationText(confirmation) : {
      heading: 'Which one did you mean?',
      intro: "Some names match more than one person, or only part of someone's name. Pick the person you meant for each, then continue.",
      groupLines: [],
      leftOut: '',
      continueTitle: 'Continue',
    }),
    topic: text(data.topic),
    questions: (data.questions ?? []).map((question) => ({
      query: text(question.query),
      inputId: text(question.inputId),
      candidates: (question.candidates ?? []).map((candidate) => ({
        id: text(candidate.id),
        title: candidateTitle(candidate),
      })),
    })),
  };
}

type ConfirmationText = Pick<ChoiceView, 'heading' | 'intro' | 'groupLines' | 'leftOut' | 'continueTitle'>;

/** "Start a chat with 30 people?", a line per group, a few names: enough to recognise the group. */
function confirmationText(confirmation: NonNullable<ChoiceCardData['confirmation']>): ConfirmationText {
  const count = Number.isSafeInteger(confirmation.peopleCount) ? confirmation.peopleCount : 0;
  const names = (confirmation.sampleNames ?? []).map(text).filter((name) => name !== '');
  const others = count - names.length;
  const sample = names.length === 0 ? '' : ` Among them: ${names.join(', ')}${others > 0 ? ` and ${others} more` : ''}.`;
  const leftOut = (confirmation.leftOut ?? []).map(text).filter((name) => name !== '');
  return {
    heading: `Start a chat with ${count} people?`,
    intro: `The chat will have ${count} people besides you.${sample}`,
    groupLines: (confirmation.groups ?? []).map((group) => `${[text(group.displayName), text(group.address)].filter((part) => part !== '').join(' — ')}: ${group.memberCount} ${group.memberCount === 1 ? 'person' : 'people'}`),
    leftOut: leftOut.length === 0 ? '' : `Left out (accounts disabled): ${leftOut.join(', ')}`,
    continueTitle: 'Start the chat',
  };
}

export function errorView(data: ErrorCardData): ErrorView {
  return {
    ...constants(),
    title: text(data.title),
    message: text(data.message),
    problems: (data.problems ?? []).map((problem) => ({ query: text(problem.query), reason: text(problem.reason) })),
    correlationId: text(data.correlationId),
  };
}

export function creatingView(data: CreatingCardData): CreatingView {
  return {
    ...constants(),
    people: (data.people ?? []).map(text),
    topic: text(data.topic),
    requester: text(data.requester),
    request: text(data.request),
    userIds: (data.userIds ?? []).map(text),
  };
}

/**
 * Characters that would end the `<at>` tag or turn the requester's name into markdown in the one
 * TextBlock that must carry the mention (Teams finds mentions only in TextBlocks). The entity's text
 * uses the same cleaned name, so the two still match.
 */
const MENTION_UNSAFE = /[<>*_[\]`~#\\|]/g;

export function mentionName(name: string): string {
  const cleaned = text(name).replace(MENTION_UNSAFE, '').replace(/\s+/g, ' ').trim();
  return cleaned === '' ? 'Someone' : cleaned;
}

/**
 * One paragraph per line: a TextRun is never markdown, and separate blocks keep the person's line
 * breaks on every client. An empty line stays as a blank paragraph.
 */
function paragraphs(value: string): string[] {
  const normalized = text(value).replace(/\r\n?/g, '\n');
  if (normalized.trim() === '') return [];
  return normalized.split('\n').map((line) => (line === '' ? ' ' : line));
}

export function kickoffView(data: KickoffCardData): KickoffView {
  return {
    mentionName: mentionName(data.requester?.name ?? ''),
    requesterId: text(data.requester?.id),
    topic: text(data.topic),
    people: (data.people ?? []).map(text),
    firstWordsLines: paragraphs(data.firstWords),
    askedVia: text(data.askedVia),
  };
}

export function helpView(data: HelpCardData): HelpView {
  return {
    ...constants(),
    commands: (data.commands ?? []).map((command) => ({
      title: text(command.title),
      description: text(command.description),
      examples: (command.examples ?? []).map(text),
    })),
  };
}
