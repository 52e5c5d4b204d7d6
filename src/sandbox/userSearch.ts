import { GraphError } from './graphError';

/**
 * `$search="displayName:foo"` clauses joined by AND / OR. Graph tokenises the property value into
 * words and matches by prefix; the sandbox does the same, and also matches a prefix of the whole
 * value so "displayName:Megan Bowen" works.
 */
export interface SearchClause {
  property: string;
  term: string;
}

export interface SearchExpression {
  clauses: SearchClause[];
  /** How the clauses combine; mixed AND/OR is not supported by the sandbox. */
  join: 'AND' | 'OR';
}

const SEARCHABLE = new Set(['displayName', 'givenName', 'surname', 'mail', 'userPrincipalName', 'jobTitle']);

export function parseSearch(text: string): SearchExpression {
  const invalid = (): GraphError =>
    new GraphError(400, 'Request_UnsupportedQuery', `Invalid $search syntax: ${text}. Use "property:value", for example "displayName:Megan".`);
  const clauses: SearchClause[] = [];
  const joins = new Set<'AND' | 'OR'>();
  let i = 0;
  let expectClause = true;
  while (i < text.length) {
    if (text[i] === ' ') {
      i += 1;
      continue;
    }
    if (expectClause) {
      if (text[i] !== '"') throw invalid();
      const end = text.indexOf('"', i + 1);
      if (end < 0) throw invalid();
      const body = text.slice(i + 1, end);
      const colon = body.indexOf(':');
      if (colon <= 0) throw invalid();
      const property = body.slice(0, colon);
      const term = body.slice(colon + 1).trim();
      if (!SEARCHABLE.has(property)) {
        throw new GraphError(400, 'Request_UnsupportedQuery', `Unsupported property '${property}' in $search.`);
      }
      clauses.push({ property, term });
      i = end + 1;
      expectClause = false;
    } else {
      const word = text.slice(i).match(/^(AND|OR)\b/);
      if (!word) throw invalid();
      joins.add(word[1] as 'AND' | 'OR');
      i += word[1]!.length;
      expectClause = true;
    }
  }
  if (clauses.length === 0 || expectClause || joins.size > 1) throw invalid();
  return { clauses, join: joins.has('OR') ? 'OR' : 'AND' };
}

export function searchMatches(expression: SearchExpression, read: (property: string) => unknown): boolean {
  const test = (clause: SearchClause): boolean => {
    const value = read(clause.property);
    if (typeof value !== 'string') return false;
    const term = clause.term.toLowerCase();
    const lower = value.toLowerCase();
    if (lower.startsWith(term)) return true;
    return words(value).some((w) => w.startsWith(term));
  };
  return expression.join === 'AND' ? expression.clauses.every(test) : expression.clauses.some(test);
}

function words(value: string): string[] {
  // Split on anything that is not a letter or digit, and on lower→upper case changes.
  return value
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .map((w) => w.toLowerCase());
}
