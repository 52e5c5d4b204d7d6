import { createCardRenderer } from '../../src/cards';
import { byId, leftoverExpressions, ofType, visibleTexts } from './cardTree';

const { renderKickoffCard } = createCardRenderer();

const REQUESTER = { name: 'Alex Wilber', id: '29:1bSnHZ7Js2STWrgk' };

describe('the kickoff card', () => {
  it('mentions the requester as Teams requires: <at>Name</at> in a TextBlock and a mention entity with their id', () => {
    const card = renderKickoffCard({ requester: REQUESTER, topic: 'Q3 planning', people: ['Megan Bowen', 'Adele Vance'], firstWords: 'Hello!' });
    expect(card.version).toBe('1.5');
    expect(leftoverExpressions(card)).toEqual([]);
    expect(byId(card, 'requestedBy')).toMatchObject({ type: 'TextBlock', text: '<at>Alex Wilber</at> started this chat' });
    expect(card.msteams).toEqual({
      width: 'Full',
      entities: [{ type: 'mention', text: '<at>Alex Wilber</at>', mentioned: { id: REQUESTER.id, name: 'Alex Wilber' } }],
    });
    // Exactly one mention tag in the whole card, matching the one entity.
    expect(JSON.stringify(card.body).match(/<at>/g)).toHaveLength(1);
    expect(visibleTexts(byId(card, 'topic'))).toEqual(['Q3 planning']);
    expect(visibleTexts(byId(card, 'people'))).toEqual(['With: ', 'Megan Bowen, Adele Vance']);
    expect(visibleTexts(byId(card, 'firstWords'))).toEqual(['Hello!']);
  });

  it('keeps case, punctuation, blank lines and line breaks of the first words, one paragraph per line', () => {
    const firstWords = 'Hi ALL,\r\n\r\nAgenda:\n- dates?\n  - budget!';
    const card = renderKickoffCard({ requester: REQUESTER, topic: '', people: ['Megan Bowen'], firstWords });
    expect(visibleTexts(byId(card, 'firstWords'))).toEqual(['Hi ALL,', ' ', 'Agenda:', '- dates?', '  - budget!']);
    expect(ofType(byId(card, 'firstWords'), 'RichTextBlock')).toHaveLength(5);
  });

  it('names the system a request came through (an HTTP API caller) as plain text, and nothing for a request made in Teams', () => {
    const card = renderKickoffCard({ requester: REQUESTER, topic: 'Incident 42', people: ['Megan Bowen'], firstWords: '', askedVia: 'Contoso *Monitor*' });
    expect(visibleTexts(byId(card, 'askedVia'))).toEqual(['through ', 'Contoso *Monitor*']);
    expect(ofType(byId(card, 'askedVia'), 'RichTextBlock')).toHaveLength(1);
    expect(leftoverExpressions(card)).toEqual([]);
    expect(byId(renderKickoffCard({ requester: REQUESTER, topic: '', people: [], firstWords: '' }), 'askedVia')).toBeUndefined();
  });

  it('leaves out the topic (one-on-one) and the first words when there are none', () => {
    const card = renderKickoffCard({ requester: REQUESTER, topic: '', people: ['Megan Bowen'], firstWords: '  \n ' });
    expect(byId(card, 'topic')).toBeUndefined();
    expect(byId(card, 'firstWords')).toBeUndefined();
    expect(byId(card, 'askedVia')).toBeUndefined();
    expect(leftoverExpressions(card)).toEqual([]);
  });

  it('never leaves the mention empty', () => {
    const card = renderKickoffCard({ requester: { name: '<>**', id: '29:x' }, topic: '', people: [], firstWords: '' });
    expect(byId(card, 'requestedBy')?.text).toBe('<at>Someone</at> started this chat');
  });
});
