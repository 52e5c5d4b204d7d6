import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { CommandInfo } from '../commands/catalog';
import { AppPackageError, PackageInvalidError, type PackageProblem } from './appPackageError';
import { loadEnvironment } from './envFile';
import { iconNamesOf } from './manifestRules';
import { zipAppPackage } from './packageZip';
import { fillJsonPlaceholders } from './placeholders';
import { parseManifest, validateAppPackageZip } from './validatePackage';

/**
 * Builds the app package for one environment: fill the manifest template from the env files,
 * zip it with its icons, validate the zip, and only then write `manifest.<env>.json` and
 * `appPackage.<env>.zip`, so a broken package never lands in the output folder.
 */
export interface AppPackagePaths {
  /** `appPackage/manifest.json`, the template with `${{VAR}}` placeholders. */
  readonly manifestTemplate: string;
  /** Folder holding the icons the manifest names (`appPackage/`). */
  readonly iconsDir: string;
  /** `env/`. */
  readonly envDir: string;
  /** `appPackage/build/`. */
  readonly outDir: string;
}

export function defaultPaths(rootDir: string): AppPackagePaths {
  return {
    manifestTemplate: path.join(rootDir, 'appPackage', 'manifest.json'),
    iconsDir: path.join(rootDir, 'appPackage'),
    envDir: path.join(rootDir, 'env'),
    outDir: path.join(rootDir, 'appPackage', 'build'),
  };
}

export interface RenderOptions {
  readonly envName: string;
  readonly paths: AppPackagePaths;
  /** Values that win over the env files; the CLI passes `process.env`. */
  readonly overrides?: Readonly<Record<string, string | undefined>>;
}

export interface RenderedPackage {
  readonly manifestText: string;
  readonly zip: Buffer;
}

export async function renderAppPackage(options: RenderOptions): Promise<RenderedPackage> {
  const env = await loadEnvironment({ envDir: options.paths.envDir, envName: options.envName, overrides: options.overrides });
  const template = await fs.readFile(options.paths.manifestTemplate, 'utf8');
  const manifestText = fillJsonPlaceholders(template, env.values, env.lookedIn);
  const icons = new Map<string, Buffer>();
  for (const name of iconNamesOf(parseManifest(manifestText))) {
    icons.set(name, await readIcon(options.paths.iconsDir, name));
  }
  return { manifestText, zip: await zipAppPackage({ manifestText, icons }) };
}

async function readIcon(iconsDir: string, name: string): Promise<Buffer> {
  // Names with a folder are reported by validation; read by base name so it can say so.
  const file = path.join(iconsDir, path.basename(name));
  try {
    return await fs.readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new PackageInvalidError([{ field: name, message: `icon file ${file} not found (run the icons script)` }]);
    }
    throw error;
  }
}

export interface BuildOptions extends RenderOptions {
  readonly commands: readonly CommandInfo[];
}

export interface BuiltPackage {
  readonly manifestPath: string;
  readonly zipPath: string;
}

export async function buildAppPackage(options: BuildOptions): Promise<BuiltPackage> {
  const rendered = await renderAppPackage(options);
  const problems = await validateAppPackageZip(rendered.zip, { commands: options.commands });
  if (problems.length > 0) throw new PackageInvalidError(problems);
  await fs.mkdir(options.paths.outDir, { recursive: true });
  const manifestPath = path.join(options.paths.outDir, `manifest.${options.envName}.json`);
  const zipPath = path.join(options.paths.outDir, `appPackage.${options.envName}.zip`);
  await fs.writeFile(manifestPath, rendered.manifestText);
  await fs.writeFile(zipPath, rendered.zip);
  return { manifestPath, zipPath };
}

/** Validates what `package` would build for an environment, writing nothing. */
export async function validateEnvironmentPackage(options: BuildOptions): Promise<PackageProblem[]> {
  const rendered = await renderAppPackage(options);
  return validateAppPackageZip(rendered.zip, { commands: options.commands });
}

/** Validates a zip on disk (for example one an admin is about to upload). */
export async function validateZipFile(zipPath: string, commands: readonly CommandInfo[]): Promise<PackageProblem[]> {
  let data: Buffer;
  try {
    data = await fs.readFile(zipPath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new AppPackageError('USAGE', `No such file: ${zipPath}`);
    throw error;
  }
  return validateAppPackageZip(data, { commands });
}
