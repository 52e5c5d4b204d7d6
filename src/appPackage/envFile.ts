import { promises as fs } from 'node:fs';
import path from 'node:path';
import { AppPackageError } from './appPackageError';

/**
 * Reads the Toolkit's environment files: `env/.env.<name>` (committed, non-secret) and then
 * `env/.env.<name>.user` (git-ignored, `SECRET_*` values). Values from the process environment
 * win over both, so CI can inject secrets without writing files.
 */
export type EnvValues = Readonly<Record<string, string>>;

const LINE = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=(.*)$/;

/** Parses `.env` text. A line that is not blank, a comment or `KEY=value` is an error naming it. */
export function parseEnvText(text: string, sourceName: string): Record<string, string> {
  const values: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  lines.forEach((rawLine, index) => {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) return;
    const match = LINE.exec(line);
    if (!match || match[1] === undefined || match[2] === undefined) {
      throw new AppPackageError('ENV_FILE_SYNTAX', `${sourceName}:${index + 1}: expected KEY=value, got "${line}"`);
    }
    values[match[1]] = parseValue(match[2].trim(), `${sourceName}:${index + 1}`);
  });
  return values;
}

function parseValue(raw: string, where: string): string {
  const quote = raw[0];
  if (quote === '"' || quote === "'") {
    const end = findClosingQuote(raw, quote);
    if (end < 0) throw new AppPackageError('ENV_FILE_SYNTAX', `${where}: unterminated ${quote} quote`);
    const rest = raw.slice(end + 1).trim();
    if (rest !== '' && !rest.startsWith('#')) {
      throw new AppPackageError('ENV_FILE_SYNTAX', `${where}: unexpected text after the closing quote`);
    }
    const inner = raw.slice(1, end);
    // Single quotes are literal; double quotes understand the usual escapes.
    return quote === "'" ? inner : inner.replace(/\\([nrt"\\])/g, (_m, c: string) => ESCAPES[c] ?? c);
  }
  // Unquoted: an inline comment starts at whitespace followed by `#`.
  const comment = raw.search(/\s#/);
  return (comment >= 0 ? raw.slice(0, comment) : raw).trim();
}

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

function findClosingQuote(raw: string, quote: string): number {
  for (let i = 1; i < raw.length; i += 1) {
    if (raw[i] === '\\' && quote === '"') {
      i += 1;
    } else if (raw[i] === quote) {
      return i;
    }
  }
  return -1;
}

export interface LoadEnvironmentOptions {
  /** Folder holding `.env.<name>` files (the repository's `env/`). */
  readonly envDir: string;
  /** Environment name: `dev`, `local`, ... */
  readonly envName: string;
  /** Values that override the files; the CLI passes `process.env`. */
  readonly overrides?: Readonly<Record<string, string | undefined>>;
}

export interface LoadedEnvironment {
  readonly values: EnvValues;
  /** The files that were (or would have been) read, for error messages. */
  readonly lookedIn: readonly string[];
}

const ENV_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

export async function loadEnvironment(options: LoadEnvironmentOptions): Promise<LoadedEnvironment> {
  if (!ENV_NAME.test(options.envName)) {
    throw new AppPackageError('USAGE', `Environment name "${options.envName}" must be letters, digits, "-" or "_"`);
  }
  const mainFile = path.join(options.envDir, `.env.${options.envName}`);
  const userFile = `${mainFile}.user`;
  const main = await readIfPresent(mainFile);
  if (main === undefined) {
    throw new AppPackageError('ENV_FILE_NOT_FOUND', `Environment file ${mainFile} not found`);
  }
  const user = await readIfPresent(userFile);
  const values: Record<string, string> = {
    ...parseEnvText(main, mainFile),
    ...(user === undefined ? {} : parseEnvText(user, userFile)),
  };
  for (const [key, value] of Object.entries(options.overrides ?? {})) {
    if (value !== undefined) values[key] = value;
  }
  return { values: Object.freeze(values), lookedIn: [mainFile, userFile] };
}

async function readIfPresent(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
