import fc from 'fast-check';
import { MentionRef } from '../../src/commands/command';
import { parseCommand } from '../../src/commands/parseCommand';

/** Properties of the command parser over generated text (fast-check), hostile text included. */
const mention: fc.Arbitrary<MentionRef> = fc.record({
  text: fc.oneof(fc.string({ maxLength: 30 }).map((name) => `<at>${name}</at>`), fc.string({ maxLength: 30 })),
  id: fc.string({ maxLength: 40 }),
  name: fc.string({ maxLength: 30 }),
});
const anyText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 500 }),
  fc.array(fc.constantFrom('start', 'chat', 'with', 'about', 'and', ',', ';', '<at>', '</at>', 'Megan', '\u00a0', '\uE000', '0', ' ', '\n', 'help', '@'), { maxLength: 80 }).map((words) => words.join(' ')),
);

describe('parseCommand (properties)', () => {
  it('never throws, and always answers one of the four commands', () => {
    fc.assert(
      fc.property(anyText, fc.array(mention, { maxLength: 5 }), fc.constantFrom('guid' as const, 'sample' as const), (text, mentions, objectIds) => {
        const command = parseCommand({ text, mentions, objectIds });
        expect(['startChat', 'showForm', 'help', 'unknown']).toContain(command.kind);
        if (command.kind === 'startChat') {
          expect(command.people.length).toBeGreaterThan(0);
          for (const person of command.people) expect(typeof person.text).toBe('string');
        }
      }),
      { numRuns: 2_000, seed: 42 },
    );
  });

  it('reads nothing but "start chat" as a request to start one', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }).filter((text) => !/start\s+chat/i.test(text)), (text) => {
        expect(parseCommand({ text, mentions: [] }).kind).not.toBe('startChat');
      }),
      { numRuns: 1_000, seed: 7 },
    );
  });

  it('keeps the topic exactly as typed (case, punctuation), whatever the command word case', () => {
    const word = fc.stringMatching(/^[A-Za-z0-9'!?.-]{1,12}$/).filter((w) => !/^(about|and)$/i.test(w));
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 6 }), fc.constantFrom('start chat with', 'START CHAT WITH', 'Start Chat with'), (topicWords, prefix) => {
        const topic = topicWords.join(' ');
        const command = parseCommand({ text: `${prefix} Megan Bowen about ${topic}`, mentions: [] });
        expect(command).toMatchObject({ kind: 'startChat', topic });
      }),
      { numRuns: 500, seed: 11 },
    );
  });

  it('finishes on long adversarial input (no catastrophic backtracking)', () => {
    const long = fc.constantFrom('<at>', 'about ', 'start chat with ', ', ', ' and ', '\uE0001\uE000 ', 'x').chain((piece) => fc.constant(piece.repeat(Math.ceil(8_000 / piece.length))));
    fc.assert(
      fc.property(long, (text) => {
        expect(['startChat', 'showForm', 'help', 'unknown']).toContain(parseCommand({ text: `start chat with ${text}`, mentions: [] }).kind);
      }),
      { numRuns: 20, seed: 3 },
    );
  });
});
