import { FIRST_WORDS_MAX_LENGTH } from '../../src/cards/cardData';
import { CARD_VERBS } from '../../src/cards/cardData';
import { isCardSubmission, parseCardSubmission } from '../../src/bot/cardSubmissions';
import { InvalidSubmissionError } from '../../src/errors';

const ID1 = '00000000-0000-0000-0000-0000000000021';
const ID2 = '82af01c5-f7cc-4a2e-a728-3a5df21afd9d';

function problemOf(verb: unknown, data: unknown): string {
  try {
    parseCardSubmission(verb, data);
  } catch (error) {
    if (error instanceof InvalidSubmissionError) return error.problem;
    throw error;
  }
  throw new Error('expected an InvalidSubmissionError');
}

describe('card submissions', () => {
  it('takes only GUIDs from the people picker unless told the ids are the try-out\'s samples', () => {
    expect(parseCardSubmission(CARD_VERBS.startChat, { people: ID2, topic: '' })).toEqual({ verb: CARD_VERBS.startChat, peopleIds: [ID2], groupNames: [], topic: '', firstWords: '' });
    expect(problemOf(CARD_VERBS.startChat, { people: ID1, topic: '' })).toMatch(/not a person/);
    expect(() => parseCardSubmission(CARD_VERBS.startChat, { people: `${ID1},${ID2}`, topic: '' }, 'guid')).toThrow(InvalidSubmissionError);
    expect(parseCardSubmission(CARD_VERBS.startChat, { people: ID1, topic: '' }, 'sample')).toMatchObject({ peopleIds: [ID1] });
    // The Playground's own Teams user ids are no object ids in either shape.
    expect(() => parseCardSubmission(CARD_VERBS.startChat, { people: 'user-id-1', topic: '' }, 'sample')).toThrow(InvalidSubmissionError);
  });


  it('reads the form: ids from the people picker, deduplicated, and a trimmed topic', () => {
    expect(parseCardSubmission(CARD_VERBS.startChat, { people: ` ${ID1},${ID2.toUpperCase()},${ID1}`, topic: '  Q3  ' }, 'sample')).toEqual({
      verb: CARD_VERBS.startChat,
      peopleIds: [ID1, ID2],
      groupNames: [],
      topic: 'Q3',
      firstWords: '',
    });
  });

  it('reads the groups field: addresses or names separated by commas or semicolons, and takes a form with groups but nobody picked', () => {
    expect(parseCardSubmission(CARD_VERBS.startChat, { people: '', groups: ' launch@contoso.com; the Design team,, ', topic: '' })).toMatchObject({
      peopleIds: [],
      groupNames: ['launch@contoso.com', 'the Design team'],
    });
    expect(() => parseCardSubmission(CARD_VERBS.startChat, { people: '', groups: ' , ', topic: '' })).toThrow(/Pick at least one person/);
    expect(() => parseCardSubmission(CARD_VERBS.startChat, { people: '', groups: 'x'.repeat(1001), topic: '' })).toThrow(/at most 1000 characters/);
  });

  it('reads the first message as typed (line breaks, case, markup kept; only outer blank space trimmed) and limits its length', () => {
    const message = '  Hi ALL,\n\n**agenda**: ${topic} <at>x</at>\r\n- dates?  \n';
    expect(parseCardSubmission(CARD_VERBS.startChat, { people: ID2, topic: '', message })).toMatchObject({ firstWords: 'Hi ALL,\n\n**agenda**: ${topic} <at>x</at>\r\n- dates?' });
    expect(parseCardSubmission(CARD_VERBS.startChat, { people: ID2, message: 'x'.repeat(FIRST_WORDS_MAX_LENGTH) })).toMatchObject({ firstWords: 'x'.repeat(FIRST_WORDS_MAX_LENGTH) });
    expect(problemOf(CARD_VERBS.startChat, { people: ID2, message: 'x'.repeat(FIRST_WORDS_MAX_LENGTH + 1) })).toMatch(/first message can be at most 2000 characters/);
    expect(problemOf(CARD_VERBS.startChat, { people: ID2, message: 42 })).toMatch(/missing its fields/);
    expect(problemOf(CARD_VERBS.startChat, { people: ID2, message: { type: 'AdaptiveCard' } })).toMatch(/missing its fields/);
  });

  it('reads the choice card inputs and ignores other keys', () => {
    expect(parseCardSubmission(CARD_VERBS.choosePeople, { requestId: 'r1', choice_0: ID1.toUpperCase(), other: 'x' })).toEqual({
      verb: CARD_VERBS.choosePeople,
      requestId: 'r1',
      choices: { choice_0: ID1 },
    });
  });

  it('reads a progress card refresh', () => {
    expect(parseCardSubmission(CARD_VERBS.checkRequest, { requester: 'ME', request: 'form:a:b' })).toEqual({ verb: CARD_VERBS.checkRequest, requestKey: { requesterId: 'me', request: 'form:a:b' } });
  });

  it('holds the form to the configured people limit (LIMIT_PEOPLE_PER_CHAT), the requester included', () => {
    const ids = (count: number) => Array.from({ length: count }, (_, i) => `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`).join(',');
    expect(parseCardSubmission(CARD_VERBS.startChat, { people: ids(199) })).toMatchObject({ peopleIds: expect.arrayContaining([expect.any(String)]) });
    expect(() => parseCardSubmission(CARD_VERBS.startChat, { people: ids(200) })).toThrow(/at most 200 people, you included: you picked 200 besides you/);
    expect(parseCardSubmission(CARD_VERBS.startChat, { people: ids(2) }, 'guid', 3)).toMatchObject({ peopleIds: [expect.any(String), expect.any(String)] });
    expect(() => parseCardSubmission(CARD_VERBS.startChat, { people: ids(3) }, 'guid', 3)).toThrow(/at most 3 people, you included/);
  });

  it('reads the form switch', () => {
    expect(parseCardSubmission(CARD_VERBS.showForm, { pickerScope: 'currentContext' })).toEqual({ verb: CARD_VERBS.showForm, pickerScope: 'currentContext' });
  });

  it.each([
    [CARD_VERBS.startChat, {}, /at least one person/],
    [CARD_VERBS.startChat, { people: `${ID1},<script>` }, /not a person/],
    [CARD_VERBS.startChat, { people: ID2, topic: 'x'.repeat(251) }, /250/],
    [CARD_VERBS.startChat, { people: Array.from({ length: 200 }, (_, i) => `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`).join(',') }, /at most 200 people, you included/],
    [CARD_VERBS.startChat, { people: ['a'] }, /missing its fields/],
    [CARD_VERBS.startChat, 'text', /could not read/],
    [CARD_VERBS.startChat, { people: ID2, filler: 'z'.repeat(17_000) }, /too large/],
    [CARD_VERBS.choosePeople, { choice_0: ID1 }, /damaged/],
    [CARD_VERBS.showForm, { pickerScope: 'everyone' }, /could not read/],
    [CARD_VERBS.checkRequest, { requester: 'me', request: '' }, /could not read/],
    [CARD_VERBS.checkRequest, { requester: '', request: 'form:a' }, /could not read/],
    [CARD_VERBS.checkRequest, { request: 'form:a' }, /could not read/],
    [CARD_VERBS.checkRequest, { requester: 'me', request: 'k'.repeat(1_025) }, /could not read/],
    [CARD_VERBS.checkRequest, { requestKey: 'form:a:me:b' }, /could not read/],
    ['chatStarter.deleteEverything', {}, /not one I know/],
    [undefined, {}, /not one I know/],
  ])('rejects %s %p with a clear problem', (verb, data, message) => {
    expect(problemOf(verb, data)).toMatch(message);
  });

  it('tells card submissions from other message values', () => {
    expect(isCardSubmission({ verb: CARD_VERBS.startChat })).toBe(true);
    expect(isCardSubmission({ verb: 'x' })).toBe(false);
    expect(isCardSubmission(undefined)).toBe(false);
    expect(isCardSubmission('start')).toBe(false);
  });
});
