import { type ResultCardData, createCardRenderer } from '../../src/cards';
import { allKeys, byId, leftoverExpressions, ofType, topActions, visibleTexts } from './cardTree';

const { renderResultCard } = createCardRenderer();

const group: ResultCardData = {
  chatType: 'group',
  topic: 'Q3 planning',
  members: [
    { displayName: 'Megan Bowen', address: 'MeganB@contoso.com', jobTitle: 'Marketing Manager' },
    { displayName: 'Kari Lindqvist', address: 'kari@fabrikam.com', note: 'Guest' },
    { displayName: 'Lee Gu', address: '', note: 'Other organization' },
  ],
  openUrl: 'https://teams.microsoft.com/l/chat/19%3Aabc%40thread.v2/0?tenantId=t1',
  notes: [],
};

describe('renderResultCard', () => {
  it('is a schema 1.5 card with nothing left to expand', () => {
    const card = renderResultCard(group);
    expect(card.version).toBe('1.5');
    expect(card.$schema).toBe('http://adaptivecards.io/schemas/adaptive-card.json');
    expect(leftoverExpressions(card)).toEqual([]);
    expect(allKeys(card)).not.toEqual(expect.arrayContaining(['$when']));
    expect(allKeys(card)).not.toEqual(expect.arrayContaining(['$data']));
  });

  it('headlines a group chat with its topic', () => {
    const card = renderResultCard(group);
    expect(visibleTexts(card).slice(0, 2)).toEqual(['Chat started', 'Q3 planning']);
  });

  it('calls a group chat without a topic a group chat', () => {
    expect(visibleTexts(renderResultCard({ ...group, topic: '' }))[1]).toBe('Group chat');
  });

  it('headlines a one-on-one chat as such, whatever the topic', () => {
    const card = renderResultCard({ ...group, chatType: 'oneOnOne', topic: 'ignored', members: group.members.slice(0, 1) });
    expect(byId(card, 'topic')).toMatchObject({ type: 'TextBlock', text: 'One-on-one chat' });
    expect(visibleTexts(card)).not.toContain('ignored');
  });

  it('lists each member with address and note, leaving out empty ones', () => {
    const rows = ofType(renderResultCard(group), 'ColumnSet');
    expect(rows).toHaveLength(3);
    expect(rows.map((row) => visibleTexts(row))).toEqual([
      ['Megan Bowen', 'MeganB@contoso.com'],
      ['Kari Lindqvist', 'kari@fabrikam.com', 'Guest'],
      ['Lee Gu', 'Other organization'],
    ]);
  });

  it('shows notes as subtle text only when there are some', () => {
    expect(byId(renderResultCard(group), 'notes')).toBeUndefined();
    const note = "A topic can't be set on a one-on-one chat, so it was not used.";
    const notes = byId(renderResultCard({ ...group, notes: [note] }), 'notes');
    expect(ofType(notes, 'TextRun')).toEqual([expect.objectContaining({ text: note, isSubtle: true })]);
  });

  it('opens the chat with Action.OpenUrl', () => {
    expect(topActions(renderResultCard(group))).toEqual([
      { type: 'Action.OpenUrl', title: 'Open chat', style: 'positive', url: group.openUrl },
    ]);
  });
});
