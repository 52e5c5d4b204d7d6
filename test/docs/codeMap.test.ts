import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The README's code map names exactly the folders and top-level files under src/. */
const REPO = resolve(__dirname, '..', '..');

function codeMapEntries(): string[] {
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
  const block = /```\nsrc\/\n([\s\S]*?)```/.exec(readme);
  if (!block) throw new Error('README.md has no code map starting with "src/"');
  // Entries directly under src/ are indented by two spaces exactly; deeper ones and continuation lines by more.
  return block[1]!
    .split('\n')
    .filter((line) => /^ {2}\S/.test(line))
    .map((line) => line.trim().split(/\s+/)[0]!)
    .sort();
}

describe('README code map', () => {
  it('lists every folder and file directly under src/, and nothing else', () => {
    const tree = readdirSync(join(REPO, 'src'), { withFileTypes: true })
      .map((entry) => (entry.isDirectory() ? `${entry.name}/` : entry.name))
      .sort();
    expect(codeMapEntries()).toEqual(tree);
  });
});
