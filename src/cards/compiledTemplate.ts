/**
 * Adaptive Card templates (the templating language of `cards/*.json`) compiled once into plain
 * functions. `adaptivecards-templating` walks the template and evaluates every `${…}` through the
 * general Adaptive Expressions engine on each render: with its expression language it was the
 * largest single piece of the bot's own work per chat turn, and some 450 modules in memory.
 * The cards use a small part of the language, so that part is compiled here, with the library's
 * results (checked against it in `test/cards/compiledTemplate.test.ts`):
 *
 * - `"${expr}"` as a whole string gives the value itself (a string, boolean, number, list…);
 *   `"text ${expr} text"` gives a string; an expression whose value is undefined stays as written;
 * - `"$data": "${list}"` repeats an object once per element (an object: once, with it as data;
 *   undefined: once, with the data unchanged), `$index` counting; `$data` names the element;
 * - `"$when": "${expr}"` keeps an object only when the expression is `true`;
 * - expressions: names and dotted paths (`$root`, `$data`, `$index`), '…' strings, numbers,
 *   `true`/`false`/`null`, `!`, `&&`, `||`, `==`, `!=`, `<`, `<=`, `>`, `>=`, parentheses and the
 *   functions `if`, `count` and `join`.
 *
 * Anything else in a template is refused when it is compiled (at start-up), never guessed at.
 * Values are never parsed: text people wrote that contains `${…}` comes out as written.
 */
export type CompiledTemplate = (root: unknown) => unknown;

/** What an expression sees: the root data, the current data and its index in a repetition. */
interface Scope {
  readonly root: unknown;
  readonly data: unknown;
  readonly index: number | undefined;
}

type Evaluate = (scope: Scope) => unknown;

export function compileTemplate(template: unknown): CompiledTemplate {
  const render = compileValue(template, 'the template');
  return (root) => render({ root, data: root, index: undefined });
}

/**
 * As the library expands: an object with `$data`/`$when` gives `null` when nothing is left, the
 * object itself for one, a list for several; a list leaves out `null` items and splices lists in.
 */
function compileValue(value: unknown, where: string): Evaluate {
  if (typeof value === 'string') return compileString(value, where);
  if (Array.isArray(value)) {
    const items = value.map((item, index) => compileValue(item, `${where}[${index}]`));
    return (scope) => {
      const list: unknown[] = [];
      for (const item of items) {
        const expanded = item(scope);
        if (Array.isArray(expanded)) list.push(...(expanded as unknown[]));
        else if (expanded !== null) list.push(expanded);
      }
      return list;
    };
  }
  if (typeof value === 'object' && value !== null) return compileObject(value as Record<string, unknown>, where);
  return () => value;
}

function compileObject(template: Record<string, unknown>, where: string): Evaluate {
  const { $data: dataSource, $when: condition, ...fields } = template;
  const properties = Object.entries(fields).map(([key, value]) => [key, compileValue(value, `${where}.${key}`)] as const);
  const renderOne = (scope: Scope): Record<string, unknown> => {
    const result: Record<string, unknown> = {};
    for (const [key, render] of properties) {
      const expanded = render(scope);
      if (expanded !== undefined) result[key] = expanded;
    }
    return result;
  };
  if (dataSource === undefined && condition === undefined) return renderOne;
  const when = condition === undefined ? undefined : wholeExpression(condition, `${where}.$when`);
  const data = dataSource === undefined ? undefined : wholeExpression(dataSource, `${where}.$data`);
  return (scope) => {
    const value = data?.(scope);
    const scopes: Scope[] = Array.isArray(value)
      ? value.map((element, index) => ({ root: scope.root, data: element, index }))
      : [value === undefined ? scope : { root: scope.root, data: value, index: scope.index }];
    const results: Record<string, unknown>[] = [];
    for (const each of scopes) if (!when || when(each) === true) results.push(renderOne(each));
    return results.length === 0 ? null : results.length === 1 ? results[0] : results;
  };
}

/** `$data` and `$when` take one expression, nothing around it. */
function wholeExpression(value: unknown, where: string): Evaluate {
  const parts = typeof value === 'string' ? splitTemplateString(value) : undefined;
  if (!parts || parts.length !== 1 || typeof parts[0] === 'string') throw new Error(`${where} must be a single \${…} expression`);
  return parts[0]!.evaluate;
}

interface ExpressionPart {
  readonly source: string;
  readonly evaluate: Evaluate;
}

function compileString(text: string, where: string): Evaluate {
  let parts: (string | ExpressionPart)[];
  try {
    parts = splitTemplateString(text);
  } catch (error) {
    throw new Error(`${where}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  if (parts.every((part) => typeof part === 'string')) return () => text;
  if (parts.length === 1) {
    const only = parts[0] as ExpressionPart;
    return (scope) => {
      const value = only.evaluate(scope);
      return value === undefined ? only.source : value;
    };
  }
  return (scope) => {
    let result = '';
    for (const part of parts) {
      if (typeof part === 'string') {
        result += part;
        continue;
      }
      const value = part.evaluate(scope);
      result += value === undefined ? part.source : String(value);
    }
    return result;
  };
}

/** Literal text and `${…}` expressions, in order. */
function splitTemplateString(text: string): (string | ExpressionPart)[] {
  const parts: (string | ExpressionPart)[] = [];
  let at = 0;
  while (at < text.length) {
    const start = text.indexOf('${', at);
    if (start < 0) {
      parts.push(text.slice(at));
      break;
    }
    if (start > at) parts.push(text.slice(at, start));
    const end = expressionEnd(text, start + 2);
    const source = text.slice(start, end + 1);
    parts.push({ source, evaluate: parseExpression(text.slice(start + 2, end)) });
    at = end + 1;
  }
  return parts;
}

/** The `}` closing an expression that starts at `from`, skipping quoted strings. */
function expressionEnd(text: string, from: number): number {
  let quote: string | undefined;
  for (let at = from; at < text.length; at += 1) {
    const char = text[at]!;
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === "'" || char === '"') {
      quote = char;
    } else if (char === '}') {
      return at;
    }
  }
  throw new Error(`unclosed expression in "${text}"`);
}

// ---------------------------------------------------------------------------------------------
// Expressions

type Token =
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'name'; readonly value: string }
  | { readonly kind: 'symbol'; readonly value: string };

const SYMBOLS = ['==', '!=', '<=', '>=', '&&', '||', '!', '<', '>', '(', ')', ',', '.'];

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < source.length) {
    const char = source[at]!;
    if (/\s/.test(char)) {
      at += 1;
    } else if (char === "'" || char === '"') {
      const end = source.indexOf(char, at + 1);
      if (end < 0) throw new Error(`unclosed string in \${${source}}`);
      tokens.push({ kind: 'string', value: source.slice(at + 1, end) });
      at = end + 1;
    } else if (/[0-9]/.test(char)) {
      const match = /^[0-9]+(?:\.[0-9]+)?/.exec(source.slice(at))!;
      tokens.push({ kind: 'number', value: Number(match[0]) });
      at += match[0].length;
    } else if (/[A-Za-z_$]/.test(char)) {
      const match = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(source.slice(at))!;
      tokens.push({ kind: 'name', value: match[0] });
      at += match[0].length;
    } else {
      const symbol = SYMBOLS.find((candidate) => source.startsWith(candidate, at));
      if (!symbol) throw new Error(`unsupported "${char}" in \${${source}}`);
      tokens.push({ kind: 'symbol', value: symbol });
      at += symbol.length;
    }
  }
  return tokens;
}

const FUNCTIONS: Record<string, { readonly arity: number; readonly call: (args: readonly Evaluate[], scope: Scope) => unknown }> = {
  if: { arity: 3, call: ([condition, then, otherwise], scope) => (truthy(condition!(scope)) ? then!(scope) : otherwise!(scope)) },
  count: {
    arity: 1,
    call: ([list], scope) => {
      const value = list!(scope);
      return Array.isArray(value) || typeof value === 'string' ? value.length : undefined;
    },
  },
  join: {
    arity: 2,
    call: ([list, separator], scope) => {
      const value = list!(scope);
      const between = separator!(scope);
      return Array.isArray(value) && typeof between === 'string' ? value.join(between) : undefined;
    },
  },
};

/** A recursive-descent parser over the subset described at the top of this file. */
function parseExpression(source: string): Evaluate {
  const tokens = tokenize(source);
  let at = 0;
  const peek = (): Token | undefined => tokens[at];
  const isSymbol = (value: string): boolean => peek()?.kind === 'symbol' && peek()!.value === value;
  const expect = (value: string): void => {
    if (!isSymbol(value)) throw new Error(`expected "${value}" in \${${source}}`);
    at += 1;
  };

  const binary = (next: () => Evaluate, operators: Record<string, (left: unknown, right: unknown) => unknown>): (() => Evaluate) => () => {
    let left = next();
    for (;;) {
      const token = peek();
      const operator = token?.kind === 'symbol' ? operators[token.value] : undefined;
      if (!operator) return left;
      at += 1;
      const right = next();
      const before = left;
      left = (scope) => operator(before(scope), right(scope));
    }
  };

  const primary = (): Evaluate => {
    const token = tokens[at++];
    if (!token) throw new Error(`\${${source}} ends too early`);
    if (token.kind === 'string' || token.kind === 'number') return () => token.value;
    if (token.kind === 'symbol') {
      if (token.value === '!') {
        const operand = primary();
        return (scope) => !truthy(operand(scope));
      }
      if (token.value === '(') {
        const inner = or();
        expect(')');
        return inner;
      }
      throw new Error(`unexpected "${token.value}" in \${${source}}`);
    }
    if (token.value === 'true') return () => true;
    if (token.value === 'false') return () => false;
    if (token.value === 'null') return () => null;
    if (isSymbol('(')) return call(token.value);
    return path(token.value);
  };

  const call = (name: string): Evaluate => {
    const fn = FUNCTIONS[name];
    if (!fn) throw new Error(`unsupported function ${name}() in \${${source}}`);
    expect('(');
    const args: Evaluate[] = [];
    if (!isSymbol(')')) {
      args.push(or());
      while (isSymbol(',')) {
        at += 1;
        args.push(or());
      }
    }
    expect(')');
    if (args.length !== fn.arity) throw new Error(`${name}() takes ${fn.arity} arguments in \${${source}}`);
    return (scope) => fn.call(args, scope);
  };

  const path = (first: string): Evaluate => {
    const names = [first];
    while (isSymbol('.')) {
      at += 1;
      const next = tokens[at++];
      if (next?.kind !== 'name') throw new Error(`expected a name after "." in \${${source}}`);
      names.push(next.value);
    }
    const [head, ...rest] = names as [string, ...string[]];
    const start: Evaluate =
      head === '$root' ? (scope) => scope.root : head === '$data' ? (scope) => scope.data : head === '$index' ? (scope) => scope.index : (scope) => property(scope.data, head);
    if (rest.length === 0) return start;
    return (scope) => rest.reduce<unknown>((value, name) => property(value, name), start(scope));
  };

  const comparison = binary(primary, {
    '==': (left, right) => left === right,
    '!=': (left, right) => left !== right,
    '<': (left, right) => compare(left, right, (a, b) => a < b),
    '<=': (left, right) => compare(left, right, (a, b) => a <= b),
    '>': (left, right) => compare(left, right, (a, b) => a > b),
    '>=': (left, right) => compare(left, right, (a, b) => a >= b),
  });
  const and = binary(comparison, { '&&': (left, right) => truthy(left) && truthy(right) });
  const or = binary(and, { '||': (left, right) => truthy(left) || truthy(right) });

  const evaluate = or();
  if (at !== tokens.length) throw new Error(`unexpected text after the expression in \${${source}}`);
  return evaluate;
}

/** A field the data owns; never one it inherits, nor a list's `length` (as the library reads names). */
function property(value: unknown, name: string): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.prototype.hasOwnProperty.call(value, name)) return undefined;
  return (value as Record<string, unknown>)[name];
}

/** Adaptive Expressions' truth (`isLogicTrue`): a boolean is itself, null and undefined are false, anything else is true. */
function truthy(value: unknown): boolean {
  return typeof value === 'boolean' ? value : value !== null && value !== undefined;
}

function compare(left: unknown, right: unknown, test: (a: number | string, b: number | string) => boolean): boolean | undefined {
  if (typeof left === 'number' && typeof right === 'number') return test(left, right);
  if (typeof left === 'string' && typeof right === 'string') return test(left, right);
  return undefined;
}
