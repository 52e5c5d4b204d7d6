/**
 * `users('key')` addressing: the key is a single-quoted OData literal in which a doubled quote is
 * one quote. Returns undefined when the text is not in that form (or a lone quote breaks it).
 */
export function parseKeySegment(segment: string, entitySet: string): string | undefined {
  const prefix = `${entitySet}('`;
  if (!segment.toLowerCase().startsWith(prefix.toLowerCase()) || !segment.endsWith("')")) return undefined;
  const inner = segment.slice(prefix.length, -2);
  let key = '';
  for (let i = 0; i < inner.length; i += 1) {
    if (inner[i] === "'") {
      if (inner[i + 1] !== "'") return undefined;
      i += 1;
    }
    key += inner[i];
  }
  return key;
}
