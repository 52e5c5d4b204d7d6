import fc from 'fast-check';
import * as ACData from 'adaptivecards-templating';
import { CARD_NAMES, type CardName, loadCardTemplates } from '../../src/cards/cardTemplates';
import { compileTemplate } from '../../src/cards/compiledTemplate';
import { choiceView, creatingView, errorView, formView, helpView, kickoffView, resultView } from '../../src/cards/cardViews';

/**
 * The compiled templates against adaptivecards-templating itself: for every card, whatever the
 * data, the same card comes out. The library stays the reference for the templating language.
 */
const text = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom('', 'group', 'oneOnOne', 'currentContext', 'organization', '${$root.openUrl}', "${if(true, 'evaluated', 'no')}", '${x}', '}', "'", '\n', '👩🏽‍💻'),
);
const person = fc.record({ displayName: text, address: text, jobTitle: fc.option(text, { nil: undefined }), note: fc.option(text, { nil: undefined }) });
const texts = fc.array(text, { maxLength: 4 });

const views: Record<CardName, fc.Arbitrary<object>> = {
  form: fc
    .record({
      pickerScope: fc.constantFrom('organization' as const, 'currentContext' as const),
      offerScopeToggle: fc.boolean(),
      topic: text,
      message: fc.option(text, { nil: undefined }),
      problem: text,
      peopleMax: fc.integer({ min: -2, max: 300 }),
      people: fc.option(fc.array(fc.record({ id: text, displayName: text }), { maxLength: 4 }), { nil: undefined }),
      inDialog: fc.option(fc.boolean(), { nil: undefined }),
    })
    .map(formView),
  result: fc.record({ chatType: fc.constantFrom('oneOnOne' as const, 'group' as const), topic: text, members: fc.array(person, { maxLength: 5 }), openUrl: text, notes: texts }).map(resultView),
  choice: fc
    .record({
      requestId: text,
      topic: text,
      questions: fc.array(fc.record({ query: text, inputId: text, candidates: fc.array(fc.record({ id: text, displayName: text, address: text, jobTitle: fc.option(text, { nil: undefined }) }), { maxLength: 4 }) }), { maxLength: 3 }),
    })
    .map(choiceView),
  error: fc.record({ title: text, message: text, problems: fc.array(fc.record({ query: text, reason: text }), { maxLength: 4 }), correlationId: text }).map(errorView),
  creating: fc.record({ people: texts, topic: text, requester: text, request: text, userIds: texts }).map(creatingView),
  help: fc.record({ commands: fc.array(fc.record({ title: text, description: text, examples: texts }), { maxLength: 4 }) }).map(helpView),
  kickoff: fc.record({ requester: fc.record({ name: text, id: text }), topic: text, people: texts, firstWords: text }).map(kickoffView),
};

const templates = loadCardTemplates();

describe.each(CARD_NAMES)('the compiled %s template', (name) => {
  const compiled = compileTemplate(templates[name]);
  const reference = new ACData.Template(templates[name]);

  it('gives the card adaptivecards-templating gives, for any data', () => {
    fc.assert(
      fc.property(views[name], (view) => {
        expect(compiled(view)).toEqual(reference.expand({ $root: view }));
      }),
      { numRuns: 300, seed: 41 },
    );
  });
});

describe('compileTemplate', () => {
  const expandBoth = (template: object, data: object): [unknown, unknown] => [compileTemplate(template)(data), new ACData.Template(template).expand({ $root: data })];

  it.each([
    ['an undefined field, whole and inside text', { a: '${missing}', b: 'x ${missing} y ${here}' }, { here: 'H' }],
    ['typed values from a whole expression', { n: '${n}', b: '${b}', list: '${list}', o: '${o}' }, { n: 3, b: false, list: [1, 'x'], o: { k: 1 } }],
    ['values inside text', { a: 'n=${n} b=${b} list=${list}' }, { n: 3, b: true, list: [1, 2] }],
    ['$when keeps only true', { body: [{ $when: '${missing}', x: 1 }, { $when: '${f}', x: 2 }, { $when: '${s}', x: 3 }, { $when: "${s == ''}", x: 4 }] }, { f: false, s: '' }],
    ['$data over a list, with $index and $root', { body: [{ $data: '${items}', t: '${name}', i: '${$index}', r: '${$root.k}', k: '${k}' }] }, { items: [{ name: 'a' }, { name: 'b' }], k: 'K' }],
    ['$data over strings', { body: [{ $data: '${items}', t: '${$data}' }] }, { items: ['a', 'b'] }],
    ['$data over an object, an empty list, nothing', { body: [{ $data: '${obj}', t: '${name}' }, { $data: '${empty}', t: 'e' }, { $data: '${missing}', t: 'm' }] }, { obj: { name: 'single' }, empty: [] }],
    ['$data and $when outside a list', { one: { $data: '${obj}', t: '${name}' }, many: { $data: '${items}', a: '${$data}' }, none: { $when: '${f}', a: 1 } }, { obj: { name: 'n' }, items: [1, 2], f: false }],
    ['nulls and lists inside lists', { y: [null, 1, [2, 3]] }, {}],
    ['functions and operators', { a: '${count(xs) > 0}', b: "${join(xs, ', ')}", c: "${if(s == '', 'E', s)}", d: '${!f && g}', e: '${f || g}', g: '${(1 < 2) && !(2 <= 1)}' }, { xs: ['a', 'b'], s: '', f: false, g: true }],
    ['names the data does not own', { a: '${toString}', b: '${items.length}', c: '${$index}' }, { items: [1] }],
  ])('matches the library: %s', (_what, template, data) => {
    const [compiled, reference] = expandBoth(template, data);
    expect(compiled).toEqual(reference);
  });

  it('refuses at compile time what it does not implement', () => {
    expect(() => compileTemplate({ a: '${max(1, 2)}' })).toThrow(/unsupported function max/);
    expect(() => compileTemplate({ a: '${a + b}' })).toThrow(/unsupported "\+"/);
    expect(() => compileTemplate({ a: '${a' })).toThrow(/unclosed/);
    expect(() => compileTemplate({ body: [{ $data: 'x ${items}' }] })).toThrow(/single/);
  });

  it('never evaluates what the data holds, and every render is a fresh copy', () => {
    const render = compileTemplate({ body: [{ text: '${t}' }, { type: 'Fixed', items: ['a'] }] });
    const first = render({ t: '${$root.secret}', secret: 'no' }) as { body: { text?: string; items?: string[] }[] };
    expect(first.body[0]!.text).toBe('${$root.secret}');
    first.body[1]!.items!.push('changed');
    const second = render({ t: 'x' }) as { body: { items?: string[] }[] };
    expect(second.body[1]!.items).toEqual(['a']);
  });
});
