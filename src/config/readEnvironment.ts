import { existsSync, readFileSync } from 'node:fs';
import { parseEnvText } from './envFile';
import type { Environment } from './loadConfig';

/** The process environment over `.env` in the working directory (the process environment wins). */
export function readEnvironment(): Environment {
  const fileValues = existsSync('.env') ? parseEnvText(readFileSync('.env', 'utf8'), '.env') : {};
  return { ...fileValues, ...process.env };
}
