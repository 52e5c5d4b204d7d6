import { CARD_INPUTS, createCardRenderer } from '../../src/cards';
import { renderSampleCards, withSamplePickerChoices } from '../../src/tools/cardImages/sampleCards';
import { byId, leftoverExpressions } from './cardTree';

describe('the sample cards drawn in docs/cards', () => {
  const cards = renderSampleCards(createCardRenderer());

  it('render completely', () => {
    for (const card of Object.values(cards)) expect(leftoverExpressions(card)).toEqual([]);
  });

  it('give the picture of the form two picked people, leaving the real form untouched', () => {
    const picture = withSamplePickerChoices(cards.form);
    expect(byId(picture, CARD_INPUTS.people)).toMatchObject({
      choices: [
        { title: 'Megan Bowen', value: '00000000-0000-0000-0000-000000000021' },
        { title: 'Adele Vance', value: '00000000-0000-0000-0000-000000000022' },
      ],
      value: '00000000-0000-0000-0000-000000000021,00000000-0000-0000-0000-000000000022',
    });
    expect(byId(cards.form, CARD_INPUTS.people)?.choices).toEqual([]);
    // Nothing picked in the real form (an empty value, since the form can also be pre-filled).
    expect(byId(cards.form, CARD_INPUTS.people)?.value ?? '').toBe('');
  });
});
