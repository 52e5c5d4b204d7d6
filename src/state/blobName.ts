import { createHash } from 'node:crypto';

/** Azure's limit on a blob name's length. */
const MAX_BLOB_NAME_LENGTH = 1024;

/** Characters that pass through unchanged: URL-safe, never special to Blob storage. */
const PLAIN = /[A-Za-z0-9_-]/;

/**
 * State-store key → blob name. Keys carry `:`, `#`, spaces, Teams ids and user text; a blob
 * name has URL and file-system pitfalls (`?`, `#`, `%`, trailing dots, `.`/`..` segments,
 * empty segments). Every other character becomes `~HH` per UTF-8 byte, so the mapping is
 * one-to-one and the name needs no escaping. A `/` between two non-empty segments is kept, so
 * `request/…` and `choice/…` show as folders and lifecycle rules can match them by prefix.
 */
export function blobNameForKey(key: string): string {
  const segments = key.split('/');
  const keepSlashes = segments.every((segment) => segment !== '');
  const name = keepSlashes ? segments.map(encodeSegment).join('/') : encodeSegment(key);
  if (name.length <= MAX_BLOB_NAME_LENGTH) return name;
  // `~~` never comes out of the encoding above, so a hashed name cannot collide with another key.
  const prefix = keepSlashes && segments.length > 1 ? `${encodeSegment(segments[0]!).slice(0, 200)}/` : '';
  return `${prefix}~~${createHash('sha256').update(key, 'utf8').digest('hex')}`;
}

function encodeSegment(segment: string): string {
  let out = '';
  for (const char of segment) {
    if (PLAIN.test(char)) {
      out += char;
      continue;
    }
    for (const byte of Buffer.from(char, 'utf8')) out += `~${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}
