import path from 'node:path';

/**
 * The repository root. This file runs from `src/sandbox` (ts-jest) and from `dist-tools/sandbox`
 * (compiled); both sit two levels below the root.
 */
export function repoRoot(): string {
  return path.resolve(__dirname, '..', '..');
}
