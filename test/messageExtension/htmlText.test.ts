import { htmlToPlainText, normalizeText } from '../../src/messageExtension/htmlText';
import { SeededRandom } from './seededRandom';

describe('htmlToPlainText', () => {
  it.each([
    ['plain words', 'Hello team', 'Hello team'],
    ['a Teams message with a mention', '<p>Can <at id="0">Megan Bowen</at> and <at id="1">Adele</at> look at this?</p>', 'Can Megan Bowen and Adele look at this?'],
    ['paragraphs and breaks keep words apart', '<p>one</p><p>two</p>three<br>four<br/>five', 'one\n\ntwo\nthree\nfour\nfive'],
    ['entities', 'Fish &amp; chips &lt;3 &quot;yes&quot; &#39;no&#39; &#x1F600; &nbsp;end', 'Fish & chips <3 "yes" \'no\' 😀 end'],
    ['an escaped tag stays text', '&lt;script&gt;alert(1)&lt;/script&gt;', '<script>alert(1)</script>'],
    ['script and style contents are dropped', 'a<script>alert("<p>x</p>")</script>b<STYLE>p{}</STYLE>c', 'abc'],
    ['a > inside a quoted attribute does not end the tag', '<a title="1 > 0" href=\'x>y\'>link</a> after', 'link after'],
    ['comments are dropped', 'a<!-- <p>hidden</p> -->b', 'ab'],
    ['an unterminated comment drops the rest', 'a<!-- never closed <b>x</b>', 'a'],
    ['an unterminated tag drops the rest', 'visible <img src="x" onerror="alert(1)', 'visible'],
    ['an unterminated script drops the rest', 'ok<script>while(1){}', 'ok'],
    ['a lone < is text', 'a < b and c<3', 'a < b and c<3'],
    ['numeric entities that are not characters become U+FFFD', '&#0;&#xD800;&#1114112;x', '\uFFFD\uFFFD\uFFFDx'],
    ['named entities of HTML come out as characters', 'Caf&eacute; &rsquo;n&rsquo; more&hellip; &copy; &euro;5 &mdash; &Uuml;ber', 'Café ’n’ more… © €5 — Über'],
    ['numeric entities, decimal and hex', '&#233;t&#xE9; &#8217; &#x2026;', 'été ’ …'],
    ['unknown entities and a lone & stay as written', '&bogus; AT&T &', '&bogus; AT&T &'],
    ['bidi overrides and zero-width characters are removed', 'safe\u202Etxt.exe\u200B\u2066x\uFEFF', 'safetxt.exex'],
    ['encoded bidi override is removed too', 'a&#8238;b&#x200B;c', 'abc'],
    ['control characters are removed', 'a\u0000b\u0007c\u001Bd', 'abcd'],
    ['white space is collapsed and lines trimmed', '  lots   of\t\tspace \n\n\n\n next  ', 'lots of space\n\nnext'],
    ['emoji and non-Latin text are kept', '<p>Привет 👋🏽 世界</p>', 'Привет 👋🏽 世界'],
    ['nested and upper-case tags', '<DIV><SPAN class="x">Mixed</SPAN> <b><i>case</i></b></DIV>', 'Mixed case'],
    ['a closing tag without an opening one', 'text</p></div>more', 'text\n\nmore'],
    ['a processing instruction and a doctype', '<?xml version="1.0"?><!DOCTYPE html>hi', 'hi'],
    ['empty input', '', ''],
  ])('%s', (_name, html, expected) => {
    expect(htmlToPlainText(html)).toBe(expected);
  });

  it('reads only the first maxInputChars characters', () => {
    expect(htmlToPlainText(`${'a'.repeat(10)}<b>${'b'.repeat(10)}</b>`, { maxInputChars: 15 })).toBe('aaaaaaaaaabb');
  });

  it('does not lose a character whose lower-case form is longer (index safety)', () => {
    expect(htmlToPlainText('İİ<SCRIPT>x</SCRIPT>ok')).toBe('İİok');
  });

  it('handles a very large hostile message without giving up', () => {
    const hostile = '<a title="'.repeat(5_000) + '<script>'.repeat(5_000) + '&#x41;'.repeat(5_000);
    expect(typeof htmlToPlainText(hostile, { maxInputChars: 200_000 })).toBe('string');
  });
});

describe('htmlToPlainText, property tests', () => {
  const words = ['Q3', 'planning', 'Megan', 'Ünïcødé', '👩🏽‍💻', 'a<b', 'x&y', '"quoted"', "it's", '>', '<', '&', ';', 'ø', '世界'];
  const tagNames = ['b', 'i', 'span', 'a', 'at', 'em', 'strong', 'code', 'u', 'font'];
  const attributeValues = ['x', '1 > 0', "it's", '"', 'javascript:alert(1)', '<p>', ''];

  function escapeHtml(text: string): string {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  }

  function randomAttributes(random: SeededRandom): string {
    let out = '';
    for (let n = random.int(3); n > 0; n--) {
      const value = random.pick(attributeValues);
      // A value holding a double quote is written in single quotes, and the other way round.
      out += value.includes('"') ? ` data-${n}='${value}'` : ` data-${n}="${value}"`;
    }
    return out;
  }

  /** Wraps escaped words in random inline tags with hostile attribute values. */
  function wrapInInlineTags(random: SeededRandom, text: string): string {
    if (text === '' || random.int(3) === 0) return escapeHtml(text);
    const name = random.pick(tagNames);
    const cut = random.int(text.length + 1);
    return `<${name}${randomAttributes(random)}>${wrapInInlineTags(random, text.slice(0, cut))}</${name}>${wrapInInlineTags(random, text.slice(cut))}`;
  }

  const seed = 20261127;
  const random = new SeededRandom(seed);
  const cases = Array.from({ length: 300 }, (_, index) => {
    const text = Array.from({ length: 1 + random.int(8) }, () => random.pick(words)).join(' ');
    return { index, text, html: wrapInInlineTags(random, text) };
  });

  it(`inline markup with hostile attributes around escaped text leaves exactly that text (seed ${seed}, ${cases.length} cases)`, () => {
    for (const { index, text, html } of cases) {
      expect({ index, html, text: htmlToPlainText(html) }).toEqual({ index, html, text: normalizeText(text) });
    }
  });

  const noise = ['<', '>', '"', "'", '&', '#', ';', '!', '-', '/', '=', 'a', 'p', 'script', ' ', '\n', '\u202E', '\u0000', '\uD83D', '😀', 'x'];
  const noiseCases = Array.from({ length: 300 }, (_, index) => ({ index, html: random.string(noise, random.int(80)) }));

  it(`random markup noise never throws and never returns invisible or control characters (seed ${seed})`, () => {
    for (const { index, html } of noiseCases) {
      const text = htmlToPlainText(html);
      const problems = [
        // eslint-disable-next-line no-control-regex -- finding control characters is the point
        /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/.test(text) && 'invisible character',
        /[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(text) && 'lone surrogate',
        text !== text.trim() && 'untrimmed',
        text.length > html.length && 'longer than the input',
      ].filter(Boolean);
      expect({ index, html, problems }).toEqual({ index, html, problems: [] });
    }
  });
});
