import { promises as fs } from 'node:fs';
import path from 'node:path';
import { AppManifestUtils, type AppManifest } from '@microsoft/app-manifest';
import type { PackageProblem } from './appPackageError';
import { isRecord, stringAt } from './jsonValue';

/**
 * Schema validation against the Teams manifest schemas bundled in `@microsoft/app-manifest`.
 * We load the schema file ourselves and hand it to `validateAgainstSchema`, because without a
 * schema argument the library falls back to downloading `$schema` when no bundled copy matches;
 * validation must never touch the network.
 */
export const SCHEMA_URL_PREFIX = 'https://developer.microsoft.com/json-schemas/teams/';

export function schemaUrlFor(manifestVersion: string): string {
  return `${SCHEMA_URL_PREFIX}v${manifestVersion}/MicrosoftTeams.schema.json`;
}

function bundledSchemaPath(manifestVersion: string): string {
  const packageRoot = path.dirname(require.resolve('@microsoft/app-manifest/package.json'));
  return path.join(packageRoot, 'build', 'json-schemas', 'teams', `v${manifestVersion}`, 'MicrosoftTeams.schema.json');
}

export async function validateAgainstBundledSchema(manifest: unknown): Promise<PackageProblem[]> {
  if (!isRecord(manifest)) return [{ field: '(root)', message: 'manifest must be a JSON object' }];
  const version = stringAt(manifest, 'manifestVersion');
  if (version === undefined || !/^\d+\.\d+$/.test(version)) {
    return [{ field: 'manifestVersion', message: 'must be a schema version such as "1.19"' }];
  }
  const problems: PackageProblem[] = [];
  const declared = stringAt(manifest, '$schema');
  if (declared !== schemaUrlFor(version)) {
    problems.push({ field: '$schema', message: `must be ${schemaUrlFor(version)} to match manifestVersion ${version}` });
  }
  let schemaText: string;
  try {
    schemaText = await fs.readFile(bundledSchemaPath(version), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    return [...problems, { field: 'manifestVersion', message: `${version} is not a schema version bundled with @microsoft/app-manifest` }];
  }
  // The library's types describe every manifest flavour; the schema decides what is valid here.
  const schema = JSON.parse(schemaText) as Parameters<typeof AppManifestUtils.validateAgainstSchema>[1];
  const errors = await AppManifestUtils.validateAgainstSchema(manifest as unknown as AppManifest, schema);
  return [...problems, ...errors.map(toProblem)];
}

/**
 * The library reports `"<instancePath> <message>. Details: <params>"`; turn the JSON pointer into
 * the dotted field name people read, and name a missing property as the field itself.
 */
export function toProblem(error: string): PackageProblem {
  const match = /^(\S*) (.*?)(?:\. Details: (.*))?$/s.exec(error);
  if (!match) return { field: '(root)', message: error };
  const pointerField = pointerToField(match[1] ?? '');
  const message = match[2] ?? error;
  const missing = /must have required property '([^']+)'/.exec(message);
  if (missing?.[1]) {
    return { field: pointerField === '(root)' ? missing[1] : `${pointerField}.${missing[1]}`, message: 'is required' };
  }
  const extra = /must NOT have additional properties/.test(message) ? additionalProperty(match[3]) : undefined;
  if (extra !== undefined) {
    return { field: pointerField === '(root)' ? extra : `${pointerField}.${extra}`, message: 'is not allowed by the schema' };
  }
  return { field: pointerField, message };
}

function additionalProperty(details: string | undefined): string | undefined {
  if (!details) return undefined;
  try {
    const params: unknown = JSON.parse(details);
    return stringAt(params, 'additionalProperty');
  } catch (error) {
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}

function pointerToField(pointer: string): string {
  if (pointer === '') return '(root)';
  return pointer
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((field, segment) => (/^\d+$/.test(segment) ? `${field}[${segment}]` : field ? `${field}.${segment}` : segment), '');
}
