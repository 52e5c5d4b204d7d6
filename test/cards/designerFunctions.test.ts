import { type AdaptiveCardJson, CARD_NAMES, type CardName, type CardRenderer, type CardTemplates, createCardRenderer, loadCardTemplates } from '../../src/cards';
import { SAMPLE_CHOICE, SAMPLE_CREATING, SAMPLE_ERROR, SAMPLE_FORM, SAMPLE_HELP, SAMPLE_KICKOFF, SAMPLE_RESULT } from '../../src/tools/cardImages/sampleCards';
import { byId, leftoverExpressions } from './cardTree';

/**
 * What someone editing `cards/*.json` in the Adaptive Cards Designer may write: functions and
 * operators of Adaptive Expressions beyond names, comparisons and `if`/`count`/`join` (the subset
 * a hand-written compiler once accepted, refusing anything else at start-up). Each card gets one
 * more TextBlock using them on that card's own data, and is rendered through the bot's renderer.
 */
interface Probe {
  /** A string in the card's view, and the value the sample data gives it. */
  readonly text: { readonly path: string; readonly value: string };
  /** A list in the card's view, its length, and an indexed path into it with its value. */
  readonly list: { readonly path: string; readonly length: number; readonly indexed: string; readonly indexedValue: string };
  readonly render: (renderer: CardRenderer) => AdaptiveCardJson;
}

const MEGAN = { id: '00000000-0000-0000-0000-000000000021', displayName: 'Megan Bowen' };
const ADELE = { id: '00000000-0000-0000-0000-000000000022', displayName: 'Adele Vance' };

const PROBES: Record<CardName, Probe> = {
  form: {
    text: { path: 'topic', value: 'Q3 planning' },
    list: { path: 'peopleChoices', length: 2, indexed: 'peopleChoices[1].title', indexedValue: 'Adele Vance' },
    render: (renderer) => renderer.renderFormCard({ ...SAMPLE_FORM, people: [MEGAN, ADELE] }),
  },
  result: {
    text: { path: 'topic', value: 'Q3 planning' },
    list: { path: 'members', length: 4, indexed: 'members[3].note', indexedValue: 'Guest' },
    render: (renderer) => renderer.renderResultCard(SAMPLE_RESULT),
  },
  choice: {
    text: { path: 'requestId', value: 'req-7f3c2a' },
    list: { path: 'questions[0].candidates', length: 3, indexed: "questions[0].candidates[2]['id']", indexedValue: '00000000-0000-0000-0000-000000000032' },
    render: (renderer) => renderer.renderChoiceCard(SAMPLE_CHOICE),
  },
  error: {
    text: { path: 'title', value: "I couldn't start the chat" },
    list: { path: 'problems', length: 2, indexed: 'problems[1].query', indexedValue: 'adele@contoso' },
    render: (renderer) => renderer.renderErrorCard(SAMPLE_ERROR),
  },
  creating: {
    text: { path: 'request', value: 'form:a:1f2e3d:card-1:4be7' },
    list: { path: 'people', length: 2, indexed: 'people[1]', indexedValue: 'Adele Vance' },
    render: (renderer) => renderer.renderCreatingCard(SAMPLE_CREATING),
  },
  help: {
    text: { path: 'commands[0].title', value: SAMPLE_HELP.commands[0]!.title },
    list: { path: 'commands', length: SAMPLE_HELP.commands.length, indexed: 'commands[0].examples[0]', indexedValue: SAMPLE_HELP.commands[0]!.examples[0]! },
    render: (renderer) => renderer.renderHelpCard(SAMPLE_HELP),
  },
  kickoff: {
    text: { path: 'topic', value: 'Q3 planning' },
    list: { path: 'people', length: 3, indexed: 'people[2]', indexedValue: 'Kari Lindqvist' },
    render: (renderer) => renderer.renderKickoffCard(SAMPLE_KICKOFF),
  },
};

const PROBE_ID = 'designerProbe';
const templates = loadCardTemplates();

/** The card's own template with one TextBlock added, and one with `$when` on arithmetic. */
function withProbe(name: CardName, probe: Probe): CardTemplates {
  const { text, list } = probe;
  const expression = [
    "${formatDateTime('2026-03-01T09:30:00Z', 'yyyy-MM-dd HH:mm')}",
    `\${substring(${text.path}, 0, 3)}`,
    `\${toUpper(${text.path})}`,
    `\${length(${text.path})}`,
    `\${count(${list.path}) * 10 + 1}`,
    `\${${list.indexed}}`,
    `\${first(${list.path}) == ${list.path}[0]}`,
  ].join(' | ');
  const template = templates[name];
  const body = [
    ...(template.body as unknown[]),
    { type: 'TextBlock', id: PROBE_ID, text: expression, wrap: true },
    { type: 'TextBlock', id: 'shownForMany', $when: `\${count(${list.path}) - 1 >= 1}`, text: 'many' },
    { type: 'TextBlock', id: 'hiddenForFew', $when: `\${count(${list.path}) > 99}`, text: 'too many' },
  ];
  return { ...templates, [name]: { ...template, body } };
}

describe.each(CARD_NAMES)('the %s card with functions the Designer offers', (name) => {
  const probe = PROBES[name];
  const card = probe.render(createCardRenderer({ templates: withProbe(name, probe) }));

  it('evaluates date formatting, substring, length, arithmetic and indexing on its data', () => {
    const { text, list } = probe;
    expect(byId(card, PROBE_ID)?.text).toBe(
      ['2026-03-01 09:30', text.value.slice(0, 3), text.value.toUpperCase(), String(text.value.length), String(list.length * 10 + 1), list.indexedValue, 'true'].join(' | '),
    );
    expect(byId(card, 'shownForMany')?.text).toBe('many');
    expect(byId(card, 'hiddenForFew')).toBeUndefined();
    expect(leftoverExpressions(card)).toEqual([]);
  });

  it('leaves the rest of the card as the unchanged template renders it', () => {
    const plain = probe.render(createCardRenderer());
    const withoutProbe = { ...card, body: (card.body as { id?: string }[]).filter((element) => element.id !== PROBE_ID && element.id !== 'shownForMany') };
    expect(withoutProbe).toEqual(plain);
  });
});
