/**
 * A small OData v4 `$filter` parser for the user properties Graph lets you filter on:
 * a tokenizer and a recursive-descent parser producing a typed tree. Unsupported or malformed
 * input throws FilterSyntaxError; the endpoint turns it into Graph's 400.
 */

export type Literal = string | boolean | null;

export type Operand =
  | { kind: 'property'; name: string }
  | { kind: 'variable'; name: string }
  | { kind: 'literal'; value: Literal };

export type FilterNode =
  | { kind: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'not'; operand: FilterNode }
  | { kind: 'compare'; op: 'eq' | 'ne'; left: Operand; right: Operand }
  | { kind: 'in'; operand: Operand; values: Literal[] }
  | { kind: 'startswith' | 'endswith'; target: Operand; prefix: Operand }
  | { kind: 'any'; collection: string; variable: string | null; predicate: FilterNode | null };

export class FilterSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FilterSyntaxError';
  }
}

type Token =
  | { type: 'string'; value: string; at: number }
  | { type: 'identifier'; value: string; at: number }
  | { type: 'punctuation'; value: '(' | ')' | ',' | '/' | ':'; at: number };

const PUNCTUATION = new Set(['(', ')', ',', '/', ':']);

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      i += 1;
    } else if (PUNCTUATION.has(ch)) {
      tokens.push({ type: 'punctuation', value: ch as '(' | ')' | ',' | '/' | ':', at: i });
      i += 1;
    } else if (ch === "'") {
      const start = i;
      let value = '';
      i += 1;
      for (;;) {
        if (i >= text.length) throw new FilterSyntaxError(`Unterminated string literal at position ${start}`);
        if (text[i] === "'") {
          // OData quoting: a doubled quote is one quote; a single one ends the literal.
          if (text[i + 1] === "'") {
            value += "'";
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        value += text[i];
        i += 1;
      }
      tokens.push({ type: 'string', value, at: start });
    } else if (/[A-Za-z0-9_$.@-]/.test(ch)) {
      const start = i;
      while (i < text.length && /[A-Za-z0-9_$.@-]/.test(text[i]!)) i += 1;
      tokens.push({ type: 'identifier', value: text.slice(start, i), at: start });
    } else {
      throw new FilterSyntaxError(`Unexpected character '${ch}' at position ${i}`);
    }
  }
  return tokens;
}

export interface FilterSchema {
  /** Single-valued properties (string or boolean). */
  scalar: ReadonlySet<string>;
  /** Collections of strings, usable only through `any()`. */
  collections: ReadonlySet<string>;
  /** Named in Graph's "could not find a property" message; default `microsoft.graph.user`. */
  typeName?: string;
}

export function parseFilter(text: string, schema: FilterSchema): FilterNode {
  const parser = new FilterParser(tokenize(text), schema);
  return parser.parseAll();
}

class FilterParser {
  private position = 0;
  private readonly variables: string[] = [];

  constructor(private readonly tokens: Token[], private readonly schema: FilterSchema) {}

  parseAll(): FilterNode {
    if (this.tokens.length === 0) throw new FilterSyntaxError('Empty filter');
    const node = this.parseOr();
    const rest = this.peek();
    if (rest) throw new FilterSyntaxError(`Unexpected '${rest.value}' at position ${rest.at}`);
    return node;
  }

  private peek(offset = 0): Token | undefined {
    return this.tokens[this.position + offset];
  }

  private next(): Token {
    const token = this.tokens[this.position];
    if (!token) throw new FilterSyntaxError('Unexpected end of filter');
    this.position += 1;
    return token;
  }

  private isKeyword(word: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token?.type === 'identifier' && token.value === word;
  }

  private isPunctuation(value: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token?.type === 'punctuation' && token.value === value;
  }

  private expectPunctuation(value: string): void {
    const token = this.next();
    if (token.type !== 'punctuation' || token.value !== value) {
      throw new FilterSyntaxError(`Expected '${value}' at position ${token.at}`);
    }
  }

  private parseOr(): FilterNode {
    let left = this.parseAnd();
    while (this.isKeyword('or')) {
      this.next();
      left = { kind: 'or', left, right: this.parseAnd() };
    }
    return left;
  }

  private parseAnd(): FilterNode {
    let left = this.parseUnary();
    while (this.isKeyword('and')) {
      this.next();
      left = { kind: 'and', left, right: this.parseUnary() };
    }
    return left;
  }

  private parseUnary(): FilterNode {
    if (this.isKeyword('not')) {
      this.next();
      return { kind: 'not', operand: this.parseUnary() };
    }
    return this.parsePrimary();
  }

  private parsePrimary(): FilterNode {
    if (this.isPunctuation('(')) {
      this.next();
      const inner = this.parseOr();
      this.expectPunctuation(')');
      return inner;
    }
    if ((this.isKeyword('startswith') || this.isKeyword('endswith')) && this.isPunctuation('(', 1)) {
      const kind = this.next().value as 'startswith' | 'endswith';
      this.expectPunctuation('(');
      const target = this.parseOperand();
      this.expectPunctuation(',');
      const prefix = this.parseOperand();
      this.expectPunctuation(')');
      if (target.kind === 'literal' || prefix.kind !== 'literal' || typeof prefix.value !== 'string') {
        throw new FilterSyntaxError(`${kind} takes a property and a string literal`);
      }
      return { kind, target, prefix };
    }
    if (this.peek()?.type === 'identifier' && this.isPunctuation('/', 1)) return this.parseLambda();
    return this.parseComparison();
  }

  private parseLambda(): FilterNode {
    const collection = this.next().value;
    if (!this.schema.collections.has(collection)) {
      throw new FilterSyntaxError(`'${collection}' is not a collection that supports lambda operators`);
    }
    this.expectPunctuation('/');
    const operator = this.next();
    if (operator.type !== 'identifier' || operator.value !== 'any') {
      throw new FilterSyntaxError(`Unsupported lambda operator '${operator.value}'`);
    }
    this.expectPunctuation('(');
    if (this.isPunctuation(')')) {
      this.next();
      return { kind: 'any', collection, variable: null, predicate: null };
    }
    const variable = this.next();
    if (variable.type !== 'identifier' || this.schema.scalar.has(variable.value)) {
      throw new FilterSyntaxError('Expected a lambda variable name');
    }
    this.expectPunctuation(':');
    this.variables.push(variable.value);
    const predicate = this.parseOr();
    this.variables.pop();
    this.expectPunctuation(')');
    return { kind: 'any', collection, variable: variable.value, predicate };
  }

  private parseComparison(): FilterNode {
    const left = this.parseOperand();
    const operator = this.next();
    if (operator.type === 'identifier' && (operator.value === 'eq' || operator.value === 'ne')) {
      const right = this.parseOperand();
      if (left.kind === 'literal' && right.kind === 'literal') {
        throw new FilterSyntaxError('A comparison needs a property on one side');
      }
      return { kind: 'compare', op: operator.value, left, right };
    }
    if (operator.type === 'identifier' && operator.value === 'in') {
      this.expectPunctuation('(');
      const values: Literal[] = [];
      for (;;) {
        const operand = this.parseOperand();
        if (operand.kind !== 'literal') throw new FilterSyntaxError("'in' takes a list of literals");
        values.push(operand.value);
        if (this.isPunctuation(',')) {
          this.next();
          continue;
        }
        break;
      }
      this.expectPunctuation(')');
      return { kind: 'in', operand: left, values };
    }
    throw new FilterSyntaxError(`Unsupported operator '${operator.value}' at position ${operator.at}`);
  }

  private parseOperand(): Operand {
    const token = this.next();
    if (token.type === 'string') return { kind: 'literal', value: token.value };
    if (token.type !== 'identifier') throw new FilterSyntaxError(`Unexpected '${token.value}' at position ${token.at}`);
    if (token.value === 'true' || token.value === 'false') return { kind: 'literal', value: token.value === 'true' };
    if (token.value === 'null') return { kind: 'literal', value: null };
    if (this.variables.includes(token.value)) return { kind: 'variable', name: token.value };
    if (this.schema.scalar.has(token.value)) return { kind: 'property', name: token.value };
    if (this.schema.collections.has(token.value)) {
      throw new FilterSyntaxError(`Collection property '${token.value}' can only be filtered with any()`);
    }
    throw new UnknownPropertyError(token.value, this.schema.typeName);
  }
}

/** Graph reports an unknown property differently from a syntax error. */
export class UnknownPropertyError extends FilterSyntaxError {
  constructor(readonly property: string, typeName = 'microsoft.graph.user') {
    super(`Could not find a property named '${property}' on type '${typeName}'.`);
    this.name = 'UnknownPropertyError';
  }
}

/** Operators Graph only serves as "advanced queries" (ConsistencyLevel: eventual + $count=true). */
export function advancedOperators(node: FilterNode): string[] {
  const found = new Set<string>();
  const visit = (n: FilterNode | null): void => {
    if (!n) return;
    switch (n.kind) {
      case 'and':
      case 'or':
        visit(n.left);
        visit(n.right);
        break;
      case 'not':
        found.add('not');
        visit(n.operand);
        break;
      case 'compare':
        if (n.op === 'ne') found.add('ne');
        break;
      case 'endswith':
        found.add('endsWith');
        break;
      case 'any':
        visit(n.predicate);
        break;
      case 'in':
      case 'startswith':
        break;
    }
  };
  visit(node);
  return [...found];
}

export type PropertyReader = (name: string) => string | boolean | null | readonly string[] | undefined;

/** Evaluates the tree against one object. Strings compare case-insensitively, as Entra does. */
export function evaluateFilter(node: FilterNode, read: PropertyReader): boolean {
  return evaluate(node, read, new Map());
}

function evaluate(node: FilterNode, read: PropertyReader, scope: Map<string, string>): boolean {
  switch (node.kind) {
    case 'and':
      return evaluate(node.left, read, scope) && evaluate(node.right, read, scope);
    case 'or':
      return evaluate(node.left, read, scope) || evaluate(node.right, read, scope);
    case 'not':
      return !evaluate(node.operand, read, scope);
    case 'compare': {
      const same = equal(value(node.left, read, scope), value(node.right, read, scope));
      return node.op === 'eq' ? same : !same;
    }
    case 'in': {
      const actual = value(node.operand, read, scope);
      return node.values.some((v) => equal(actual, v));
    }
    case 'startswith':
    case 'endswith': {
      const target = value(node.target, read, scope);
      const affix = value(node.prefix, read, scope);
      if (typeof target !== 'string' || typeof affix !== 'string') return false;
      const t = target.toLowerCase();
      const a = affix.toLowerCase();
      return node.kind === 'startswith' ? t.startsWith(a) : t.endsWith(a);
    }
    case 'any': {
      const items = read(node.collection);
      if (!Array.isArray(items)) return false;
      if (node.predicate === null || node.variable === null) return items.length > 0;
      const variable = node.variable;
      const predicate = node.predicate;
      return items.some((item: string) => evaluate(predicate, read, new Map(scope).set(variable, item)));
    }
  }
}

function value(operand: Operand, read: PropertyReader, scope: Map<string, string>): Literal {
  switch (operand.kind) {
    case 'literal':
      return operand.value;
    case 'variable':
      return scope.get(operand.name) ?? null;
    case 'property': {
      const v = read(operand.name);
      if (v === undefined || Array.isArray(v)) return null;
      return v as Literal;
    }
  }
}

function equal(a: Literal, b: Literal): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  return a === b;
}
