import { cutAtWordBoundary } from '../../src/messageExtension/cutText';
import { SeededRandom } from './seededRandom';

describe('cutAtWordBoundary', () => {
  it('leaves text that fits alone', () => {
    expect(cutAtWordBoundary('Q3 planning', 11)).toBe('Q3 planning');
  });

  it('cuts at the last word boundary and ends with an ellipsis', () => {
    expect(cutAtWordBoundary('Can we talk about the launch plan tomorrow', 20)).toBe('Can we talk about…');
  });

  it('drops punctuation left dangling before the ellipsis', () => {
    expect(cutAtWordBoundary('First, second, third, fourth', 16)).toBe('First, second…');
  });

  it('cuts one very long word where it must', () => {
    expect(cutAtWordBoundary('a'.repeat(30), 10)).toBe(`${'a'.repeat(9)}…`);
  });

  it('never splits an emoji', () => {
    expect(cutAtWordBoundary('😀😀😀😀😀', 4)).toBe('😀…');
  });

  it('returns nothing for no room', () => {
    expect(cutAtWordBoundary('anything', 0)).toBe('');
  });

  const random = new SeededRandom(7);
  const alphabet = ['a', 'b', ' ', ' ', '😀', '-', ',', '世'];
  const cases = Array.from({ length: 200 }, (_, index) => ({ index, text: random.string(alphabet, random.int(120)), max: 1 + random.int(60) }));

  it(`always fits, is a prefix of the text (plus …) and splits no surrogate pair (seed 7, ${cases.length} cases)`, () => {
    for (const { index, text, max } of cases) {
      const cut = cutAtWordBoundary(text, max);
      const problems = [
        cut.length > max && 'too long',
        cut !== text && !(cut.endsWith('…') && text.startsWith(cut.slice(0, -1))) && 'not a prefix with an ellipsis',
        /[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(cut) && 'split surrogate pair',
      ].filter(Boolean);
      expect({ index, text, max, problems }).toEqual({ index, text, max, problems: [] });
    }
  });
});
