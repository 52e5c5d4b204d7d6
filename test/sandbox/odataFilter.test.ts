import { FilterSyntaxError, advancedOperators, evaluateFilter, parseFilter, tokenize } from '../../src/sandbox/odataFilter';

const schema = { scalar: new Set(['displayName', 'accountEnabled']), collections: new Set(['otherMails']) };

describe('OData $filter parser', () => {
  it('tokenizes a doubled quote as one quote inside one literal', () => {
    expect(tokenize("displayName eq 'O''Brien'").map((t) => t.value)).toEqual(['displayName', 'eq', "O'Brien"]);
  });

  it('rejects a lone quote, an unterminated literal and trailing tokens', () => {
    expect(() => parseFilter("displayName eq 'O'Brien'", schema)).toThrow(FilterSyntaxError);
    expect(() => parseFilter("displayName eq 'open", schema)).toThrow(FilterSyntaxError);
    expect(() => parseFilter("displayName eq 'a' 'b'", schema)).toThrow(FilterSyntaxError);
  });

  it('binds and tighter than or', () => {
    const tree = parseFilter("displayName eq 'a' or displayName eq 'b' and accountEnabled eq true", schema);
    expect(tree.kind).toBe('or');
    const read = (values: Record<string, unknown>) => (name: string) => values[name] as string | boolean | null;
    expect(evaluateFilter(tree, read({ displayName: 'A', accountEnabled: false }))).toBe(true);
    expect(evaluateFilter(tree, read({ displayName: 'b', accountEnabled: false }))).toBe(false);
  });

  it('evaluates any() with and without a predicate', () => {
    const withPredicate = parseFilter("otherMails/any(x:x eq 'p@f.com')", schema);
    const bare = parseFilter('otherMails/any()', schema);
    expect(evaluateFilter(withPredicate, (n) => (n === 'otherMails' ? ['P@F.com'] : null))).toBe(true);
    expect(evaluateFilter(bare, (n) => (n === 'otherMails' ? [] : null))).toBe(false);
  });

  it('lists the operators that need an advanced query', () => {
    expect(advancedOperators(parseFilter("not(displayName ne 'a') or endswith(displayName,'x')", schema)).sort()).toEqual(['endsWith', 'ne', 'not']);
    expect(advancedOperators(parseFilter("startswith(displayName,'a')", schema))).toEqual([]);
  });
});
