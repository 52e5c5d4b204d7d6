/**
 * Cuts text to at most `max` UTF-16 code units (how Teams and our form count a topic), at a word
 * boundary when there is one in the last part, ending with "…" when anything was cut. Never
 * splits a surrogate pair.
 */
export function cutAtWordBoundary(text: string, max: number): string {
  if (max < 1) return '';
  if (text.length <= max) return text;
  const room = max - ELLIPSIS.length;
  let cut = text.slice(0, room);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  const lastSpace = cut.search(/\s\S*$/);
  // Only go back to a word boundary if that keeps most of the text (one very long word is cut).
  if (lastSpace >= Math.floor(room / 2)) cut = cut.slice(0, lastSpace);
  return `${cut.replace(/[\s,;:.\-–—]+$/, '')}${ELLIPSIS}`;
}

const ELLIPSIS = '…';
