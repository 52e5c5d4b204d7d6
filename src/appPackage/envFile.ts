import { promises as fs } from 'node:fs';
import path from 'node:path';
import { EnvFileSyntaxError, parseEnvText as parseEnvTextStrict } from '../config/envFile';
import { AppPackageError } from './appPackageError';

/**
 * Reads the Toolkit's environment files: `env/.env.<name>` (committed, non-secret) and then
 * `env/.env.<name>.user` (git-ignored, `SECRET_*` values). Values from the process environment
 * win over both, so CI can inject secrets without writing files.
 */
export type EnvValues = Readonly<Record<string, string>>;

/** Parses `.env` text with the project's one parser; a syntax error becomes a packaging error. */
export function parseEnvText(text: string, sourceName: string): Record<string, string> {
  try {
    return parseEnvTextStrict(text, sourceName);
  } catch (error) {
    if (error instanceof EnvFileSyntaxError) throw new AppPackageError('ENV_FILE_SYNTAX', error.message);
    throw error;
  }
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
