import type { CommandInfo } from '../commands/catalog';
import { AppPackageError, type PackageProblem } from './appPackageError';
import { checkIcons } from './iconChecks';
import { checkManifestRules, iconNameOf, iconNamesOf } from './manifestRules';
import { validateAgainstBundledSchema } from './manifestSchema';
import { checkZipLayout, unzipAppPackage } from './packageZip';

/**
 * Validation of a filled manifest and of a whole package: the Teams schema first, then the
 * rules the schema cannot make. Returns every problem found, so one run shows them all.
 */
export interface ValidationOptions {
  /** The command catalog the menu must match (`COMMANDS` in production). */
  readonly commands: readonly CommandInfo[];
}

export async function validateManifest(manifest: unknown, options: ValidationOptions): Promise<PackageProblem[]> {
  return [...(await validateAgainstBundledSchema(manifest)), ...checkManifestRules(manifest, options.commands)];
}

export async function validateAppPackageZip(zipData: Buffer, options: ValidationOptions): Promise<PackageProblem[]> {
  let unzipped;
  try {
    unzipped = await unzipAppPackage(zipData);
  } catch (error) {
    return [{ field: '(zip)', message: `not a readable zip (${error instanceof Error ? error.message : String(error)})` }];
  }
  if (unzipped.manifestText === undefined) {
    return checkZipLayout(unzipped.entryNames, []);
  }
  const manifest = parseManifest(unzipped.manifestText);
  const iconNames = iconNamesOf(manifest);
  const problems = [...checkZipLayout(unzipped.entryNames, iconNames), ...(await validateManifest(manifest, options))];
  const [colorName, outlineName] = [iconNameOf(manifest, 'color'), iconNameOf(manifest, 'outline')];
  const color = colorName === undefined ? undefined : unzipped.files.get(colorName);
  const outline = outlineName === undefined ? undefined : unzipped.files.get(outlineName);
  if (colorName !== undefined && outlineName !== undefined && color && outline) {
    problems.push(...checkIcons({ colorName, color, outlineName, outline }));
  }
  return problems;
}

export function parseManifest(text: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch (error) {
    throw new AppPackageError('MANIFEST_NOT_JSON', `manifest.json is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}
