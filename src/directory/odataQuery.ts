/**
 * Building OData `$filter` text from user input. A string literal doubles its single quotes;
 * the whole query value is then percent-encoded by `encodeQueryValue`, because Graph's JS client
 * encodes nothing for us and batch sub-request URLs are built by hand.
 */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** Percent-encodes a query-string value, including characters URLs tolerate but OData does not (`#`, `&`, `+`, `'`). */
export function encodeQueryValue(value: string): string {
  return encodeURIComponent(value).replace(/'/g, '%27');
}

/** Encodes one path segment (an id or UPN such as `x_y.com#EXT#@t.onmicrosoft.com`). */
export function encodePathSegment(value: string): string {
  return encodeURIComponent(value).replace(/'/g, '%27');
}
