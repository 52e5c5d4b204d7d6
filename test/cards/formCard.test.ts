import { FIRST_WORDS_MAX_LENGTH } from '../../src/cards/cardData';
import { CARD_INPUTS, CARD_VERBS, type FormCardData, createCardRenderer } from '../../src/cards';
import { allKeys, byId, leftoverExpressions, ofType, topActions, visibleTexts } from './cardTree';

const { renderFormCard } = createCardRenderer();

const base: FormCardData = { pickerScope: 'organization', offerScopeToggle: false, topic: '', problem: '', peopleMax: 200 };

describe('renderFormCard', () => {
  it('is a schema 1.5 card, full width, with nothing left to expand', () => {
    const card = renderFormCard(base);
    expect(card.type).toBe('AdaptiveCard');
    expect(card.version).toBe('1.5');
    expect(card.$schema).toBe('http://adaptivecards.io/schemas/adaptive-card.json');
    expect(card.msteams).toEqual({ width: 'Full' });
    expect(leftoverExpressions(card)).toEqual([]);
    expect(allKeys(card)).not.toContain('$when');
  });

  it('has an organization-wide people picker, not required since a group may be named instead', () => {
    const picker = byId(renderFormCard(base), CARD_INPUTS.people);
    expect(picker).toMatchObject({
      type: 'Input.ChoiceSet',
      isMultiSelect: true,
      style: 'filtered',
      'choices.data': { type: 'Data.Query', dataset: 'graph.microsoft.com/users' },
    });
    expect(picker?.isRequired).toBeUndefined();
  });

  it('has a groups field for addresses or names of groups, filled again after a refused submission', () => {
    const field = byId(renderFormCard({ ...base, groups: 'launch@contoso.com, the Design team' }), CARD_INPUTS.groups);
    expect(field).toMatchObject({ type: 'Input.Text', maxLength: 1000, value: 'launch@contoso.com, the Design team' });
    expect(String(field?.label)).toMatch(/Groups or distribution lists/);
  });

  it("says on the picker how many people can be picked, from the configured limit (the requester counts)", () => {
    expect(byId(renderFormCard(base), CARD_INPUTS.people)?.label).toBe('People (up to 199 besides you)');
    expect(byId(renderFormCard({ ...base, peopleMax: 3 }), CARD_INPUTS.people)?.label).toBe('People (up to 2 besides you)');
  });

  it('limits the picker to the conversation when asked', () => {
    const picker = byId(renderFormCard({ ...base, pickerScope: 'currentContext' }), CARD_INPUTS.people);
    expect(picker?.['choices.data']).toEqual({ type: 'Data.Query', dataset: 'graph.microsoft.com/users?scope=currentContext' });
  });

  it('has an optional multi-line first-message input, limited to the first-words maximum, pre-filled when given', () => {
    expect(byId(renderFormCard(base), CARD_INPUTS.message)).toMatchObject({ type: 'Input.Text', isMultiline: true, maxLength: FIRST_WORDS_MAX_LENGTH, value: '' });
    expect(byId(renderFormCard(base), CARD_INPUTS.message)?.isRequired).toBeUndefined();
    expect(byId(renderFormCard({ ...base, message: 'Hi\nthere' }), CARD_INPUTS.message)?.value).toBe('Hi\nthere');
  });

  it('pre-fills the topic input, limited to 250 characters', () => {
    const topic = byId(renderFormCard({ ...base, topic: 'Q3 planning' }), CARD_INPUTS.topic);
    expect(topic).toMatchObject({ type: 'Input.Text', maxLength: 250, value: 'Q3 planning' });
    expect(String(topic?.placeholder)).not.toBe('');
  });

  it('shows the problem in the attention colour only when there is one', () => {
    expect(byId(renderFormCard(base), 'problem')).toBeUndefined();
    const card = renderFormCard({ ...base, problem: 'Pick at least one other person.' });
    const problem = byId(card, 'problem');
    expect(problem?.type).toBe('RichTextBlock');
    expect(problem?.inlines).toEqual([expect.objectContaining({ text: 'Pick at least one other person.', color: 'Attention' })]);
  });

  it('starts the chat with Action.Execute, falling back to Action.Submit carrying the verb', () => {
    const [start, ...others] = topActions(renderFormCard(base));
    expect(others).toEqual([]);
    expect(start).toEqual({
      type: 'Action.Execute',
      title: 'Start chat',
      style: 'positive',
      verb: CARD_VERBS.startChat,
      data: { verb: CARD_VERBS.startChat },
      fallback: { type: 'Action.Submit', title: 'Start chat', style: 'positive', data: { verb: CARD_VERBS.startChat } },
    });
  });

  it('offers to limit the picker to the conversation, without validating the inputs', () => {
    const actions = topActions(renderFormCard({ ...base, offerScopeToggle: true }));
    expect(actions.map((action) => action.title)).toEqual(['Start chat', 'Only people in this chat']);
    const toggle = actions[1];
    expect(toggle).toMatchObject({
      type: 'Action.Execute',
      verb: CARD_VERBS.showForm,
      associatedInputs: 'none',
      data: { verb: CARD_VERBS.showForm, pickerScope: 'currentContext' },
      fallback: { type: 'Action.Submit', associatedInputs: 'none', data: { verb: CARD_VERBS.showForm, pickerScope: 'currentContext' } },
    });
  });

  it('offers to widen the picker again once it is limited', () => {
    const card = renderFormCard({ ...base, offerScopeToggle: true, pickerScope: 'currentContext' });
    const actions = topActions(card);
    expect(actions.map((action) => action.title)).toEqual(['Start chat', 'Search the whole organization']);
    expect(actions[1]?.data).toEqual({ verb: CARD_VERBS.showForm, pickerScope: 'organization' });
    expect(visibleTexts(card)).toContain('Searching only the people in this conversation.');
  });

  it('says nothing about scope when no toggle is offered', () => {
    const card = renderFormCard({ ...base, pickerScope: 'currentContext' });
    expect(visibleTexts(card)).not.toContain('Searching only the people in this conversation.');
    expect(ofType(card, 'Action.Execute')).toHaveLength(1);
  });

  it('picks no one unless told to', () => {
    const picker = byId(renderFormCard(base), CARD_INPUTS.people);
    expect(picker?.value).toBe('');
    expect(picker?.choices).toEqual([]);
  });

  it('pre-fills the picker with people: their ids as its value, their names as choices', () => {
    const people = [
      { id: '00000000-0000-0000-0000-000000000021', displayName: 'Megan Bowen' },
      { id: '00000000-0000-0000-0000-000000000022', displayName: '${evil} <b>Adele</b>' },
    ];
    const card = renderFormCard({ ...base, people });
    const picker = byId(card, CARD_INPUTS.people);
    expect(picker?.value).toBe('00000000-0000-0000-0000-000000000021,00000000-0000-0000-0000-000000000022');
    expect(picker?.choices).toEqual([
      { title: 'Megan Bowen', value: '00000000-0000-0000-0000-000000000021' },
      { title: '${evil} <b>Adele</b>', value: '00000000-0000-0000-0000-000000000022' },
    ]);
    expect(picker?.['choices.data']).toEqual({ type: 'Data.Query', dataset: 'graph.microsoft.com/users' });
  });

  it('in a dialog, starts the chat with Action.Submit (what a task module sends to the bot) and offers no scope toggle', () => {
    const card = renderFormCard({ ...base, offerScopeToggle: true, inDialog: true });
    expect(topActions(card)).toEqual([{ type: 'Action.Submit', title: 'Start chat', style: 'positive', data: { verb: CARD_VERBS.startChat } }]);
    expect(ofType(card, 'Action.Execute')).toHaveLength(0);
    expect(leftoverExpressions(card)).toEqual([]);
  });
});
