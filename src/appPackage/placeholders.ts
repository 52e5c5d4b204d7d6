import { MissingVariableError } from './appPackageError';
import type { EnvValues } from './envFile';

/**
 * `${{VAR}}` placeholders, as the Teams/M365 Agents Toolkit writes them in `manifest.json`.
 * Filling works on the JSON text so a template with placeholders in any string can be filled;
 * values are JSON-escaped, so a quote in a value cannot break the manifest.
 */
const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** The distinct variable names a template uses, in order of first appearance. */
export function listPlaceholders(template: string): string[] {
  const names: string[] = [];
  for (const match of template.matchAll(PLACEHOLDER)) {
    const name = match[1];
    if (name !== undefined && !names.includes(name)) names.push(name);
  }
  return names;
}

/**
 * Replaces every placeholder in JSON text. Throws `MissingVariableError` naming every variable
 * that has no value and the files that were searched.
 */
export function fillJsonPlaceholders(template: string, values: EnvValues, lookedIn: readonly string[]): string {
  const missing = listPlaceholders(template).filter((name) => values[name] === undefined);
  if (missing.length > 0) throw new MissingVariableError(missing, lookedIn);
  return template.replace(PLACEHOLDER, (_match, name: string) => JSON.stringify(values[name] ?? '').slice(1, -1));
}

/** Paths of string values that still contain `${{`: an unfilled placeholder. */
export function findUnfilledPlaceholders(value: unknown, at = ''): string[] {
  if (typeof value === 'string') return value.includes('${{') ? [at || '(root)'] : [];
  if (Array.isArray(value)) return value.flatMap((item, i) => findUnfilledPlaceholders(item, `${at}[${i}]`));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => findUnfilledPlaceholders(item, at ? `${at}.${key}` : key));
  }
  return [];
}
