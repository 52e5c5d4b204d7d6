import fc from 'fast-check';
import { CARD_VERBS } from '../../src/cards';
import { parseCardSubmission } from '../../src/bot/cardSubmissions';
import { isObjectId } from '../../src/entra/objectId';
import { InvalidSubmissionError } from '../../src/errors';

/** Properties of the card payload schemas over generated payloads (fast-check). */
const verbs = fc.oneof(fc.constantFrom(...Object.values(CARD_VERBS)), fc.string({ maxLength: 20 }), fc.anything());
const data = fc.oneof(fc.anything(), fc.dictionary(fc.constantFrom('people', 'topic', 'requestId', 'choice_0', 'requester', 'request', 'pickerScope', 'verb'), fc.anything(), { maxKeys: 6 }));

describe('card payload schemas (properties)', () => {
  it('either parse to a typed submission or refuse with InvalidSubmissionError, nothing else', () => {
    fc.assert(
      fc.property(verbs, data, (verb, payload) => {
        try {
          const submission = parseCardSubmission(verb, payload);
          expect(Object.values(CARD_VERBS)).toContain(submission.verb);
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidSubmissionError);
        }
      }),
      { numRuns: 3_000, seed: 5 },
    );
  });

  it('let a start-chat form through only with distinct object ids, a few enough people and a short topic', () => {
    const people = fc.array(fc.oneof(fc.uuid(), fc.string({ maxLength: 40 })), { maxLength: 300 }).map((list) => list.join(','));
    fc.assert(
      fc.property(people, fc.string({ maxLength: 300 }), (peopleText, topic) => {
        let submission;
        try {
          submission = parseCardSubmission(CARD_VERBS.startChat, { people: peopleText, topic });
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidSubmissionError);
          return;
        }
        if (submission.verb !== CARD_VERBS.startChat) throw new Error('wrong verb');
        expect(submission.peopleIds.length).toBeGreaterThan(0);
        // The requester makes one more: within the default LIMIT_PEOPLE_PER_CHAT (200).
        expect(submission.peopleIds.length).toBeLessThan(200);
        expect(new Set(submission.peopleIds).size).toBe(submission.peopleIds.length);
        for (const id of submission.peopleIds) expect(isObjectId(id, 'guid')).toBe(true);
        expect(submission.topic.length).toBeLessThanOrEqual(250);
      }),
      { numRuns: 1_000, seed: 9 },
    );
  });

  it('accept every honest form: up to 199 picked people (200 with the requester, the default limit) and a topic that fits', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.uuid(), { minLength: 1, maxLength: 199 }), fc.string({ maxLength: 250 }).map((topic) => topic.trim()), (ids, topic) => {
        const submission = parseCardSubmission(CARD_VERBS.startChat, { people: ids.join(','), topic });
        expect(submission).toEqual({ verb: CARD_VERBS.startChat, peopleIds: [...new Set(ids.map((id) => id.toLowerCase()))], groupNames: [], topic, firstWords: '' });
      }),
      { numRuns: 300, seed: 13 },
    );
  });
});
