import { CARD_VERBS, type ChoiceCardData, createCardRenderer } from '../../src/cards';
import { allKeys, byId, leftoverExpressions, ofType, topActions } from './cardTree';

const { renderChoiceCard } = createCardRenderer();

const data: ChoiceCardData = {
  requestId: 'req-42',
  topic: 'Q3 planning',
  questions: [
    {
      query: 'Megan',
      inputId: 'choice_0',
      candidates: [
        { id: 'id-21', displayName: 'Megan Bowen', address: 'MeganB@contoso.com', jobTitle: 'Marketing Manager' },
        { id: 'id-31', displayName: 'Megan Ortiz', address: 'MeganO@contoso.com' },
      ],
    },
    {
      query: 'Lee',
      inputId: 'choice_1',
      candidates: [
        { id: 'id-41', displayName: 'Lee Gu', address: '', jobTitle: 'Director' },
        { id: 'id-42', displayName: 'Lee Park', address: 'lee@fabrikam.com', note: 'Guest' },
      ],
    },
  ],
};

describe('renderChoiceCard', () => {
  it('is a schema 1.5 card with nothing left to expand', () => {
    const card = renderChoiceCard(data);
    expect(card.version).toBe('1.5');
    expect(leftoverExpressions(card)).toEqual([]);
    expect(allKeys(card)).not.toEqual(expect.arrayContaining(['$data']));
  });

  it('asks one required, expanded question per ambiguous name', () => {
    const inputs = ofType(renderChoiceCard(data), 'Input.ChoiceSet');
    expect(inputs.map((input) => [input.id, input.label, input.style, input.isRequired])).toEqual([
      ['choice_0', 'Which Megan?', 'expanded', true],
      ['choice_1', 'Which Lee?', 'expanded', true],
    ]);
    expect(inputs.every((input) => input.isMultiSelect === undefined)).toBe(true);
  });

  it('offers the candidates as "name — address — job title" with their ids as values', () => {
    const [megan, lee] = ofType(renderChoiceCard(data), 'Input.ChoiceSet');
    expect(megan?.choices).toEqual([
      { title: 'Megan Bowen — MeganB@contoso.com — Marketing Manager', value: 'id-21' },
      { title: 'Megan Ortiz — MeganO@contoso.com', value: 'id-31' },
    ]);
    expect(lee?.choices).toEqual([
      { title: 'Lee Gu — Director', value: 'id-41' },
      { title: 'Lee Park — lee@fabrikam.com', value: 'id-42' },
    ]);
  });

  it('carries the request id with the verb in Execute and its Submit fallback', () => {
    expect(topActions(renderChoiceCard(data))).toEqual([
      {
        type: 'Action.Execute',
        title: 'Continue',
        style: 'positive',
        verb: CARD_VERBS.choosePeople,
        data: { verb: CARD_VERBS.choosePeople, requestId: 'req-42' },
        fallback: { type: 'Action.Submit', title: 'Continue', style: 'positive', data: { verb: CARD_VERBS.choosePeople, requestId: 'req-42' } },
      },
    ]);
  });

  it('shows the topic only when there is one', () => {
    expect(ofType(byId(renderChoiceCard(data), 'topic'), 'TextRun').map((run) => run.text)).toEqual(['Topic: ', 'Q3 planning']);
    expect(byId(renderChoiceCard({ ...data, topic: '' }), 'topic')).toBeUndefined();
  });

  it('keeps a single candidate as a one-item list', () => {
    const one: ChoiceCardData = { ...data, questions: [{ ...data.questions[0]!, candidates: data.questions[0]!.candidates.slice(0, 1) }] };
    const [input] = ofType(renderChoiceCard(one), 'Input.ChoiceSet');
    expect(input?.choices).toEqual([{ title: 'Megan Bowen — MeganB@contoso.com — Marketing Manager', value: 'id-21' }]);
  });
});
