import * as ACData from 'adaptivecards-templating';
import { type AdaptiveCardJson, createCardRenderer } from '../../src/cards';
import { allStrings, byId, ofType, visibleTexts } from './cardTree';

const { renderChoiceCard, renderCreatingCard, renderErrorCard, renderFormCard, renderHelpCard, renderKickoffCard, renderResultCard } = createCardRenderer();

/** Text a user (or a directory entry) could contain that would break naive string splicing. */
const HOSTILE = [
  '${$root.openUrl}',
  "${if(true, 'evaluated', 'no')}",
  '"double" \'single\' `back` {braces} } ]',
  'line one\nline two\r\n\ttabbed',
  '<b>bold</b><script>alert("x")</script> &amp;',
  'back\\slash \\u0041 \u0000 null',
  '**not bold** [link](https://example.com) _x_',
  'emoji 👩🏽‍💻 and RTL שלום',
];

const OPEN_URL = 'https://teams.microsoft.com/l/chat/19%3Aabc%40thread.v2/0?tenantId=t1';

function roundTrips(card: AdaptiveCardJson): void {
  expect(JSON.parse(JSON.stringify(card))).toEqual(card);
}

describe('adaptivecards-templating itself', () => {
  it('parses expressions in the template only, never in the values it substitutes', () => {
    const template = new ACData.Template({ whole: '${a}', inside: 'x ${a} y', fn: "${if(a == '', 'empty', a)}" });
    const expanded: unknown = template.expand({ $root: { a: '${b}', b: 'evaluated' } });
    expect(expanded).toEqual({ whole: '${b}', inside: 'x ${b} y', fn: '${b}' });
  });

  it('turns an undefined field into the literal expression, which is why views default every value', () => {
    const expanded: unknown = new ACData.Template({ text: '${missing}' }).expand({ $root: {} });
    expect(expanded).toEqual({ text: '${missing}' });
  });
});

describe.each(HOSTILE)('user text %j', (hostile) => {
  it('lands verbatim in the form topic and message inputs and problem', () => {
    const card = renderFormCard({ pickerScope: 'organization', offerScopeToggle: false, topic: hostile, problem: hostile, message: hostile, peopleMax: 200 });
    roundTrips(card);
    expect(byId(card, 'topic')?.value).toBe(hostile);
    expect(byId(card, 'message')?.value).toBe(hostile);
    expect(visibleTexts(byId(card, 'problem'))).toEqual([hostile]);
  });

  it('lands verbatim in the result card topic, names, addresses, notes', () => {
    const card = renderResultCard({
      chatType: 'group',
      topic: hostile,
      members: [{ displayName: hostile, address: hostile, note: hostile }],
      openUrl: OPEN_URL,
      notes: [hostile],
    });
    roundTrips(card);
    expect(visibleTexts(byId(card, 'topic'))).toEqual([hostile]);
    expect(visibleTexts(ofType(card, 'ColumnSet'))).toEqual([hostile, hostile, hostile]);
    expect(visibleTexts(byId(card, 'notes'))).toEqual([hostile]);
    // The URL appears exactly once: in the button, never pulled in by `${$root.openUrl}` text.
    expect(allStrings(card).filter((value) => value.includes(OPEN_URL))).toEqual([OPEN_URL]);
  });

  it('lands verbatim in the choice card question, candidates and request id', () => {
    const card = renderChoiceCard({
      requestId: hostile,
      topic: hostile,
      questions: [{ query: hostile, inputId: 'choice_0', candidates: [{ id: hostile, displayName: hostile, address: 'a@b.c' }] }],
    });
    roundTrips(card);
    const [input] = ofType(card, 'Input.ChoiceSet');
    expect(input?.label).toBe(`Which ${hostile}?`);
    expect(input?.choices).toEqual([{ title: `${hostile} — a@b.c`, value: hostile }]);
    expect(ofType(card, 'Action.Execute')[0]?.data).toMatchObject({ requestId: hostile });
    expect(ofType(card, 'Action.Submit')[0]?.data).toMatchObject({ requestId: hostile });
  });

  it('lands verbatim in the error card', () => {
    const card = renderErrorCard({ title: hostile, message: hostile, problems: [{ query: hostile, reason: hostile }], correlationId: hostile });
    roundTrips(card);
    expect(visibleTexts(byId(card, 'title'))).toEqual([hostile]);
    expect(visibleTexts(byId(card, 'message'))).toEqual([hostile]);
    expect(visibleTexts(byId(card, 'problems'))).toEqual([hostile, hostile]);
    expect(visibleTexts(byId(card, 'correlationId'))).toContain(hostile);
  });

  it('lands verbatim in the creating and help cards', () => {
    const creating = renderCreatingCard({ people: [hostile, 'Adele Vance'], topic: hostile, requester: hostile, request: hostile, userIds: ['u1'] });
    roundTrips(creating);
    expect(visibleTexts(byId(creating, 'people'))).toEqual(['With: ', `${hostile}, Adele Vance`]);
    expect(visibleTexts(byId(creating, 'topic'))).toEqual(['Topic: ', hostile]);

    const help = renderHelpCard({ commands: [{ title: hostile, description: hostile, examples: [hostile] }] });
    roundTrips(help);
    expect(visibleTexts(ofType(help, 'Container'))).toEqual([hostile, hostile, hostile]);
  });
});

describe.each(HOSTILE)('first words, topic and names %j in the kickoff card', (hostile) => {
  const card = renderKickoffCard({ requester: { name: 'Alex Wilber', id: '29:alex' }, topic: hostile, people: [hostile, 'Adele Vance'], firstWords: hostile });

  it('land verbatim, only in TextRuns (never markdown), one paragraph per line', () => {
    roundTrips(card);
    expect(visibleTexts(byId(card, 'topic'))).toEqual([hostile]);
    expect(visibleTexts(byId(card, 'people'))).toEqual(['With: ', `${hostile}, Adele Vance`]);
    const lines = visibleTexts(byId(card, 'firstWords'));
    expect(lines.map((line) => (line === ' ' ? '' : line)).join('\n')).toBe(hostile.replace(/\r\n/g, '\n'));
    for (const id of ['topic', 'people', 'firstWords']) expect(ofType(byId(card, id), 'TextBlock')).toEqual([]);
  });

  it('as the requester name, cannot break out of the mention tag or add markdown', () => {
    const named = renderKickoffCard({ requester: { name: hostile, id: '29:x' }, topic: '', people: ['Megan'], firstWords: '' });
    roundTrips(named);
    const { text } = byId(named, 'requestedBy') as { text: string };
    const inside = /^<at>([^<>]*)<\/at> started this chat$/.exec(text);
    expect(inside).not.toBeNull();
    expect(inside![1]).not.toMatch(/[*_[\]`~#\\|]/);
    const entities = (named.msteams as { entities: { text: string; mentioned: { name: string } }[] }).entities;
    expect(entities[0]!.text).toBe(`<at>${inside![1]}</at>`);
    expect(entities[0]!.mentioned.name).toBe(inside![1]);
  });
});

describe('markdown in user text', () => {
  it('is shown through TextRuns, which Adaptive Cards never format as markdown', () => {
    const card = renderResultCard({
      chatType: 'group',
      topic: '**Q3** [planning](https://example.com)',
      members: [{ displayName: '_Megan_', address: 'm@contoso.com' }],
      openUrl: OPEN_URL,
      notes: [],
    });
    const carriers = ofType(card, 'TextBlock').concat(ofType(card, 'TextRun')).filter((element) => String(element.text).includes('*') || String(element.text).includes('_'));
    expect(carriers.map((element) => element.type)).toEqual(['TextRun', 'TextRun']);
  });
});
