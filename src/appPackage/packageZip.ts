import JSZip from 'jszip';
import type { PackageProblem } from './appPackageError';

/**
 * The app package is a flat zip: `manifest.json` and the two icons at its root, nothing else.
 * Teams rejects packages with folders or with the manifest below the root.
 */
export const MANIFEST_ENTRY = 'manifest.json';

export interface PackageFiles {
  readonly manifestText: string;
  /** File name (as the manifest's `icons` names it) → PNG bytes. */
  readonly icons: ReadonlyMap<string, Buffer>;
}

/** A fixed timestamp keeps the zip byte-for-byte reproducible for the same inputs. */
const ENTRY_DATE = new Date('2024-01-01T00:00:00Z');

export async function zipAppPackage(files: PackageFiles): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(MANIFEST_ENTRY, files.manifestText, { date: ENTRY_DATE });
  for (const [name, data] of files.icons) zip.file(name, data, { date: ENTRY_DATE });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

export interface UnzippedPackage {
  /** Every entry name, folders included (they end with `/`). */
  readonly entryNames: readonly string[];
  readonly manifestText: string | undefined;
  readonly files: ReadonlyMap<string, Buffer>;
}

export async function unzipAppPackage(zipData: Buffer): Promise<UnzippedPackage> {
  const zip = await JSZip.loadAsync(zipData);
  const entryNames = Object.keys(zip.files);
  const files = new Map<string, Buffer>();
  for (const entry of Object.values(zip.files)) {
    if (!entry.dir) files.set(entry.name, await entry.async('nodebuffer'));
  }
  const manifest = files.get(MANIFEST_ENTRY);
  return { entryNames, manifestText: manifest?.toString('utf8'), files };
}

/** Exactly `manifest.json` plus the files the manifest names as icons, all at the root. */
export function checkZipLayout(entryNames: readonly string[], iconNames: readonly string[]): PackageProblem[] {
  const expected = [MANIFEST_ENTRY, ...iconNames];
  const problems: PackageProblem[] = [];
  for (const name of expected) {
    if (!entryNames.includes(name)) problems.push({ field: name, message: 'missing from the root of the zip' });
  }
  for (const name of entryNames) {
    if (name.includes('/')) problems.push({ field: name, message: 'the zip must be flat: no folders' });
    else if (!expected.includes(name)) problems.push({ field: name, message: 'unexpected file in the zip' });
  }
  return problems;
}
