/**
 * Reads `KEY=value` files in the dotenv syntax the Teams/M365 Agents Toolkit writes: `#` comments
 * (also after an unquoted value, preceded by a space), optional `export `, `'single'` quotes taken
 * literally, `"double"` quotes with `\n \r \t \" \\` escapes. Pure: text in, map out. The bot's
 * `.env` and the app-package tool read through this one parser.
 *
 * Not Node's `util.parseEnv`: it silently skips malformed lines and unterminated quotes (we name
 * the file and line), cuts `URL=https://host/#part` at the `#` without a space before it, and
 * expands only `\n` in double quotes (a `\"` ends the value), so it cannot keep env/README.md's rules.
 */
export class EnvFileSyntaxError extends Error {
  constructor(readonly where: string, problem: string) {
    super(`${where}: ${problem}`);
    this.name = 'EnvFileSyntaxError';
  }
}

const LINE = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=(.*)$/;
const ESCAPES: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

/** A line that is not blank, a comment or `KEY=value` is an error naming the file and line. */
export function parseEnvText(text: string, sourceName: string): Record<string, string> {
  const values: Record<string, string> = {};
  text.split(/\r?\n/).forEach((rawLine, index) => {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) return;
    const where = `${sourceName}:${index + 1}`;
    const match = LINE.exec(line);
    if (!match || match[1] === undefined || match[2] === undefined) throw new EnvFileSyntaxError(where, `expected KEY=value, got "${line}"`);
    values[match[1]] = parseValue(match[2].trim(), where);
  });
  return values;
}

function parseValue(raw: string, where: string): string {
  const quote = raw[0];
  if (quote === '"' || quote === "'") {
    const end = findClosingQuote(raw, quote);
    if (end < 0) throw new EnvFileSyntaxError(where, `unterminated ${quote} quote`);
    const rest = raw.slice(end + 1).trim();
    if (rest !== '' && !rest.startsWith('#')) throw new EnvFileSyntaxError(where, 'unexpected text after the closing quote');
    const inner = raw.slice(1, end);
    return quote === "'" ? inner : inner.replace(/\\([nrt"\\])/g, (_m, c: string) => ESCAPES[c] ?? c);
  }
  const comment = raw.search(/\s#/);
  return (comment >= 0 ? raw.slice(0, comment) : raw).trim();
}

function findClosingQuote(raw: string, quote: string): number {
  for (let i = 1; i < raw.length; i += 1) {
    if (raw[i] === '\\' && quote === '"') i += 1;
    else if (raw[i] === quote) return i;
  }
  return -1;
}
