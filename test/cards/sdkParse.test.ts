/**
 * Parses every rendered card with Microsoft's own Adaptive Cards SDK (the JS renderer Teams'
 * web client derives from), targeting schema 1.5, and checks it reports nothing.
 *
 * The package's `lib/` build is ES modules without file extensions, which Node cannot load; its
 * UMD bundle in `dist/` loads fine and parsing needs no DOM (only rendering does).
 */
import type * as AdaptiveCardsSdk from 'adaptivecards';
import { type AdaptiveCardJson, type CardName, createCardRenderer } from '../../src/cards';
import { renderSampleCards } from '../../src/tools/cardImages/sampleCards';

const AC = jest.requireActual<typeof AdaptiveCardsSdk>('adaptivecards/dist/adaptivecards.js');

interface SdkReport {
  readonly parse: string[];
  readonly validation: string[];
  readonly roundTrip: unknown;
}

function parseWithSdk(card: AdaptiveCardJson): SdkReport {
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card, context);
  const parse = Array.from({ length: context.eventCount }, (_, index) => context.getEventAt(index).message);
  const validation = parsed.validateProperties().validationEvents.map((event) => event.message);
  return { parse, validation, roundTrip: parsed.toJSON(context) };
}

/**
 * The two expected reports, both about the Teams people picker on the form: the SDK dates
 * `choices.data` to schema 1.6 (Teams documents it on the cards it supports, and we must stay at
 * 1.5), and its validator does not know that `choices.data` supplies the choices.
 */
const PEOPLE_PICKER_PARSE_NOTES = ['Property "choices.data" is supported in version 1.6, but you are using version 1.5.'];
const PEOPLE_PICKER_VALIDATION_NOTES = ['An Input.ChoiceSet must have at least one choice defined.'];

describe('the Adaptive Cards SDK', () => {
  const cards = renderSampleCards(createCardRenderer());
  const names = Object.keys(cards) as CardName[];

  it.each(names)('parses the %s card with no errors or warnings beyond the people picker notes', (name) => {
    const report = parseWithSdk(cards[name]);
    expect(report.parse).toEqual(name === 'form' ? PEOPLE_PICKER_PARSE_NOTES : []);
    expect(report.validation).toEqual(name === 'form' ? PEOPLE_PICKER_VALIDATION_NOTES : []);
  });

  it('parses the other variants (limited picker with a problem; one-on-one with notes; a fault)', () => {
    const renderer = createCardRenderer();
    const form = parseWithSdk(renderer.renderFormCard({ pickerScope: 'currentContext', offerScopeToggle: true, topic: 'x', problem: 'Pick someone.', peopleMax: 200 }));
    expect(form.parse).toEqual(PEOPLE_PICKER_PARSE_NOTES);
    expect(form.validation).toEqual(PEOPLE_PICKER_VALIDATION_NOTES);
    const others = [
      renderer.renderResultCard({ chatType: 'oneOnOne', topic: '', members: [{ displayName: 'Megan Bowen', address: 'm@contoso.com' }], openUrl: 'https://teams.microsoft.com/l/chat/x/0', notes: ['A topic was not used.'] }),
      renderer.renderErrorCard({ title: 'Something went wrong', message: 'Try again.', problems: [], correlationId: 'c-1' }),
    ].map(parseWithSdk);
    expect(others).toEqual([expect.objectContaining({ parse: [], validation: [] }), expect.objectContaining({ parse: [], validation: [] })]);
  });

  it('reports a deliberately broken card, so the checks above can fail', () => {
    const broken: AdaptiveCardJson = {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [{ type: 'Input.Text', id: 'x' }, { type: 'Input.Text', id: 'x' }, { type: 'Bogus' }],
      actions: [{ type: 'Action.Execute', title: 'Go', verb: 'v', style: 'loud' }],
    };
    const report = parseWithSdk(broken);
    expect(report.parse.length + report.validation.length).toBeGreaterThanOrEqual(3);
    expect(report.validation.join('\n')).toMatch(/duplicate id/i);
  });

  it('keeps the verbs and fallbacks of the actions when it re-serialises a card', () => {
    const report = parseWithSdk(cards.choice);
    expect(report.roundTrip).toMatchObject({ actions: [expect.objectContaining({ type: 'Action.Execute', verb: 'chatStarter.choosePeople' })] });
  });
});
