import path from 'node:path';
import { defaultPaths, renderAppPackage, type AppPackagePaths } from '../../src/appPackage/buildPackage';
import { parseManifest } from '../../src/appPackage/validatePackage';
import { REPO_ROOT } from './helpers';

/** The repository's real template, icons and env files, writing into `outDir`. */
export function repoPaths(outDir: string): AppPackagePaths {
  return { ...defaultPaths(REPO_ROOT), outDir: path.resolve(outDir) };
}

/** A filled, valid manifest (environment "dev") as a plain object the tests may mutate. */
export async function filledDevManifest(): Promise<Record<string, unknown>> {
  const rendered = await renderAppPackage({ envName: 'dev', paths: defaultPaths(REPO_ROOT), overrides: {} });
  return parseManifest(rendered.manifestText) as Record<string, unknown>;
}
