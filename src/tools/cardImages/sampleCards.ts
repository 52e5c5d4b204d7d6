/**
 * Realistic data for every card, used to draw `docs/cards/*.png` (and by the card tests, so the
 * pictures always show data the renderers accept). People are from Microsoft's demo tenant.
 */
import { COMMANDS } from '../../commands/catalog';
import {
  CARD_INPUTS,
  CARD_NAMES,
  type AdaptiveCardJson,
  type CardName,
  type CardRenderer,
  type ChoiceCardData,
  type CreatingCardData,
  type ErrorCardData,
  type FormCardData,
  type HelpCardData,
  type KickoffCardData,
  type ResultCardData,
} from '../../cards';
import { DEFAULT_ABUSE_LIMITS } from '../../config/loadLimits';

export const SAMPLE_FORM: FormCardData = {
  pickerScope: 'organization',
  offerScopeToggle: true,
  topic: 'Q3 planning',
  problem: '',
  peopleMax: DEFAULT_ABUSE_LIMITS.peoplePerChat,
};

export const SAMPLE_RESULT: ResultCardData = {
  chatType: 'group',
  topic: 'Q3 planning',
  members: [
    { displayName: 'Alex Wilber', address: 'AlexW@contoso.com', jobTitle: 'Marketing Assistant' },
    { displayName: 'Megan Bowen', address: 'MeganB@contoso.com', jobTitle: 'Marketing Manager' },
    { displayName: 'Adele Vance', address: 'AdeleV@contoso.com', jobTitle: 'Retail Manager' },
    { displayName: 'Kari Lindqvist', address: 'kari@fabrikam.com', note: 'Guest' },
  ],
  openUrl: 'https://teams.microsoft.com/l/chat/19%3A8b081ef6d8a84c9e9d5b2b4f8c3a1e2d%40thread.v2/0?tenantId=00000000-0000-0000-0000-000000000001',
  notes: ['Kari Lindqvist is a guest in your organization and was added with guest permissions.'],
};

export const SAMPLE_CHOICE: ChoiceCardData = {
  requestId: 'req-7f3c2a',
  topic: 'Q3 planning',
  questions: [
    {
      query: 'Megan',
      inputId: 'choice_0',
      candidates: [
        { id: '00000000-0000-0000-0000-000000000021', displayName: 'Megan Bowen', address: 'MeganB@contoso.com', jobTitle: 'Marketing Manager' },
        { id: '00000000-0000-0000-0000-000000000031', displayName: 'Megan Ortiz', address: 'MeganO@contoso.com', jobTitle: 'Sales Lead' },
        { id: '00000000-0000-0000-0000-000000000032', displayName: 'Megan Reid', address: 'megan.reid@fabrikam.com', note: 'Guest' },
      ],
    },
  ],
};

export const SAMPLE_ERROR: ErrorCardData = {
  title: "I couldn't start the chat",
  message: "Some of the people you named couldn't be added. Check the names and try again.",
  problems: [
    { query: 'Jordan Smyth', reason: 'No one in your organization has this name or address.' },
    { query: 'adele@contoso', reason: "This isn't a complete email address." },
  ],
  correlationId: '5f1c9a52-3c1e-4b7e-9a8e-2d3f4b5c6d7e',
};

export const SAMPLE_CREATING: CreatingCardData = {
  people: ['Megan Bowen', 'Adele Vance'],
  topic: 'Q3 planning',
  requester: '00000000-0000-0000-0000-0000000000020',
  request: 'form:a:1f2e3d:card-1:4be7',
  userIds: ['29:1bSnHZ7Js2STWrgk6ScEErLk1Lp2zQuD5H2qQ960rtvstKp8tKLl-3r8b6DoW0QxZimuTxk_kupZ1DBMpvIQQUAZL-PNj0EORDvRZXy8kvWk'],
};

export const SAMPLE_HELP: HelpCardData = {
  commands: COMMANDS.map((command) => ({ title: command.title, description: command.description, examples: command.examples })),
};

export const SAMPLE_KICKOFF: KickoffCardData = {
  requester: { name: 'Alex Wilber', id: '29:1bSnHZ7Js2STWrgk6ScEErLk1Lp2zQuD5H2qQ960rtvstKp8tKLl-3r8b6DoW0QxZimuTxk_kupZ1DBMpvIQQUAZL-PNj0EORDvRZXy8kvWk' },
  topic: 'Q3 planning',
  people: ['Megan Bowen', 'Adele Vance', 'Kari Lindqvist'],
  firstWords: "Hi both! Let's settle the Q3 launch dates.\nI've put the draft plan in the Marketing channel.",
};

/** How each card is rendered with its sample data. */
export const SAMPLE_RENDERS: Readonly<Record<CardName, (renderer: CardRenderer) => AdaptiveCardJson>> = {
  form: (renderer) => renderer.renderFormCard(SAMPLE_FORM),
  result: (renderer) => renderer.renderResultCard(SAMPLE_RESULT),
  choice: (renderer) => renderer.renderChoiceCard(SAMPLE_CHOICE),
  error: (renderer) => renderer.renderErrorCard(SAMPLE_ERROR),
  creating: (renderer) => renderer.renderCreatingCard(SAMPLE_CREATING),
  help: (renderer) => renderer.renderHelpCard(SAMPLE_HELP),
  kickoff: (renderer) => renderer.renderKickoffCard(SAMPLE_KICKOFF),
};

/** Each card rendered with its sample data, in `CARD_NAMES` order. */
export function renderSampleCards(renderer: CardRenderer): Readonly<Record<CardName, AdaptiveCardJson>> {
  return Object.fromEntries(CARD_NAMES.map((name) => [name, SAMPLE_RENDERS[name](renderer)])) as Record<CardName, AdaptiveCardJson>;
}

/**
 * The people picker fills its choices from Graph in Teams; the JS renderer has no such data
 * source, so for the picture only, a copy of the form gets two static, already-picked people.
 */
export function withSamplePickerChoices(form: AdaptiveCardJson): AdaptiveCardJson {
  const copy = structuredClone(form);
  const picker = copy.body.find(
    (element): element is Record<string, unknown> =>
      typeof element === 'object' && element !== null && (element as Record<string, unknown>).id === CARD_INPUTS.people,
  );
  if (!picker) throw new Error('The form card has no people picker');
  picker.choices = SAMPLE_PICKER_PEOPLE.map((person) => ({ title: person.displayName, value: person.id }));
  picker.value = SAMPLE_PICKER_PEOPLE.map((person) => person.id).join(',');
  return copy;
}

/**
 * Teams draws `<at>Name</at>` as a highlighted mention of that person; the JS renderer would show
 * the tags (and this host draws no markdown). For the picture only, a TextBlock with a mention becomes
 * a RichTextBlock whose mention runs are bold and accent-coloured, as Teams draws them.
 */
export function withMentionsDrawn(card: AdaptiveCardJson): AdaptiveCardJson {
  const copy = structuredClone(card);
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (typeof node === 'object' && node !== null) {
      const element = node as Record<string, unknown>;
      if (element.type === 'TextBlock' && typeof element.text === 'string' && element.text.includes('<at>')) {
        const pieces = element.text.split(/<at>([^<]*)<\/at>/);
        element.type = 'RichTextBlock';
        element.inlines = pieces
          .map((piece, index) => (index % 2 === 1 ? { type: 'TextRun', text: piece, weight: 'Bolder', color: 'Accent' } : { type: 'TextRun', text: piece }))
          .filter((run) => run.text !== '');
        delete element.text;
        delete element.wrap;
      }
      Object.values(element).forEach(visit);
    }
  };
  visit(copy.body);
  return copy;
}

const SAMPLE_PICKER_PEOPLE = [
  { id: '00000000-0000-0000-0000-000000000021', displayName: 'Megan Bowen' },
  { id: '00000000-0000-0000-0000-000000000022', displayName: 'Adele Vance' },
] as const;
