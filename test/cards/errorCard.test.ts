import { CARD_VERBS, type ErrorCardData, createCardRenderer } from '../../src/cards';
import { byId, leftoverExpressions, ofType, topActions, visibleTexts } from './cardTree';

const { renderErrorCard } = createCardRenderer();

const data: ErrorCardData = {
  title: "I couldn't start the chat",
  message: "Some people couldn't be added.",
  problems: [
    { query: 'Jordan', reason: 'No one has this name.' },
    { query: 'Sam', reason: 'This account is disabled.' },
  ],
  correlationId: '',
};

describe('renderErrorCard', () => {
  it('is a schema 1.5 card with nothing left to expand', () => {
    const card = renderErrorCard(data);
    expect(card.version).toBe('1.5');
    expect(leftoverExpressions(card)).toEqual([]);
  });

  it('shows title, message and each problem as query beside reason', () => {
    const card = renderErrorCard(data);
    expect(visibleTexts(byId(card, 'title'))).toEqual(["I couldn't start the chat"]);
    expect(visibleTexts(byId(card, 'message'))).toEqual(["Some people couldn't be added."]);
    const rows = ofType(byId(card, 'problems'), 'ColumnSet');
    expect(rows.map((row) => visibleTexts(row))).toEqual([
      ['Jordan', 'No one has this name.'],
      ['Sam', 'This account is disabled.'],
    ]);
  });

  it('drops the problem list when there are none', () => {
    expect(byId(renderErrorCard({ ...data, problems: [] }), 'problems')).toBeUndefined();
  });

  it('shows the correlation id in small subtle text only for faults', () => {
    expect(byId(renderErrorCard(data), 'correlationId')).toBeUndefined();
    const reference = byId(renderErrorCard({ ...data, correlationId: 'abc-123' }), 'correlationId');
    const runs = ofType(reference, 'TextRun');
    expect(runs.map((run) => run.text)).toContain('abc-123');
    expect(runs.every((run) => run.size === 'Small' && run.isSubtle === true)).toBe(true);
  });

  it('offers to open the form', () => {
    expect(topActions(renderErrorCard(data))).toEqual([
      {
        type: 'Action.Execute',
        title: 'Open the form',
        verb: CARD_VERBS.showForm,
        data: { verb: CARD_VERBS.showForm },
        fallback: { type: 'Action.Submit', title: 'Open the form', data: { verb: CARD_VERBS.showForm } },
      },
    ]);
  });
});
