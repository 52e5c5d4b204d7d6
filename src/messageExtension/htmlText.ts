import { decodeHTML } from 'entities';

/**
 * Plain text from the HTML of a Teams message (`messagePayload.body.content`), for proposing a
 * topic. The result is only ever used as a value in a card input, never as markup, so the job is
 * to keep what a person would read and drop everything else: tags (with quoted attributes that
 * may hold `>`), comments, script and style contents, unterminated tags, and characters that can
 * disguise text (controls, bidirectional overrides, zero-width marks).
 *
 * One left-to-right scan, no backtracking regular expressions: the work is linear in the input,
 * which is cut to `maxInputChars` first.
 */

export interface HtmlTextOptions {
  /** Only this much of the input is read; a message longer than that is cut (default 20,000). */
  readonly maxInputChars?: number;
}

const DEFAULT_MAX_INPUT_CHARS = 20_000;

/** Tags whose contents are never text a person reads. */
const RAW_TEXT_TAGS = new Set(['script', 'style', 'template', 'textarea', 'title', 'head']);

/** Tags that end a line or a block: they become a line break, so words on either side stay apart. */
const BREAKING_TAGS = new Set([
  'br', 'p', 'div', 'li', 'ul', 'ol', 'tr', 'td', 'th', 'table', 'blockquote', 'pre', 'hr',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'section', 'article', 'header', 'footer',
]);

export function htmlToPlainText(html: string, options: HtmlTextOptions = {}): string {
  const input = html.slice(0, options.maxInputChars ?? DEFAULT_MAX_INPUT_CHARS);
  // Entities are decoded after the tags are gone, so an escaped `&lt;b&gt;` stays text. `decodeHTML`
  // reads them as a browser reads text: every named entity of HTML (`&eacute;`, `&rsquo;`,
  // `&hellip;`…), numeric ones, and a numeric one that is no character becomes U+FFFD.
  return normalizeText(decodeHTML(stripTags(input)));
}

/**
 * Text as a person would read it on one screen: no invisible or direction-changing characters,
 * runs of spaces collapsed, lines trimmed, at most one empty line in a row.
 */
export function normalizeText(text: string): string {
  return text
    .replace(INVISIBLE, '')
    .replace(/\r\n?/g, '\n')
    .replace(/[^\S\n]+/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Text on one line (for a topic): every run of white space becomes one space. */
export function oneLine(text: string): string {
  return normalizeText(text).replace(/\s+/g, ' ');
}

// C0/C1 controls except tab and line breaks, bidirectional embeddings/overrides/isolates,
// zero-width characters, the BOM and lone surrogates.
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function stripTags(html: string): string {
  // ASCII only, so that indices in `lower` are indices in `html` (full lower-casing can change lengths).
  const lower = html.replace(/[A-Z]/g, (c) => c.toLowerCase());
  let out = '';
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      out += html.slice(i);
      break;
    }
    out += html.slice(i, lt);
    const next = html[lt + 1] ?? '';
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      if (end < 0) break;
      i = end + 3;
      continue;
    }
    if (!/[A-Za-z/!?]/.test(next)) {
      // "a < b" is text, not a tag.
      out += '<';
      i = lt + 1;
      continue;
    }
    const end = endOfTag(html, lt + 1);
    if (end < 0) break; // an unterminated tag: nothing after it can be trusted as text
    const name = tagName(html.slice(lt + 1, end));
    i = end + 1;
    if (BREAKING_TAGS.has(name.replace(/^\//, ''))) out += '\n';
    if (RAW_TEXT_TAGS.has(name)) {
      const close = lower.indexOf(`</${name}`, i);
      if (close < 0) break;
      const closeEnd = endOfTag(html, close + 1);
      if (closeEnd < 0) break;
      i = closeEnd + 1;
    }
  }
  return out;
}

/** Index of the `>` that closes a tag starting at `from`, skipping quoted attribute values; -1 if none. */
function endOfTag(html: string, from: number): number {
  let quote: string | undefined;
  for (let j = from; j < html.length; j++) {
    const c = html[j];
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '>') {
      return j;
    }
  }
  return -1;
}

/** `p`, `/p`, `br` … from the inside of a tag, lower case; '' for comments and declarations. */
function tagName(inside: string): string {
  const match = /^\/?[A-Za-z][A-Za-z0-9-]*/.exec(inside);
  return match ? match[0].toLowerCase() : '';
}
