import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startSandbox } from '../src/sandbox';
import { sandboxEnv } from '../test/support/botOnSandbox';
import { startBotChild } from './botChild';
import { groupLines, groupSection, runGroupBench } from './groupBench';
import { ReplyCatcher } from './replyCatcher';

/**
 * `node dist-bench/bench/groupsOnly.js [turns] [--write]`: only section 7 of `npm run bench` (a
 * typed request naming a group of 30), printed; with `--write`, that section of
 * docs/benchmarks.md is replaced (or added before "What the figures say") and the rest left alone.
 */
const REPO = path.resolve(__dirname, '..', '..');
const REQUESTER_ID = '00000000-0000-0000-0000-0000000000020';
const SECTION_HEADING = '## 7. A group named';
/** Where the section goes when the doc has none yet: before the next section, or the closing one. */
const FOLLOWING_HEADINGS = ['## 8.', '## What the figures say'];

async function main(): Promise<void> {
  const turns = Number(process.argv.find((arg) => /^\d+$/.test(arg)) ?? '30');
  const directoryFile = path.join(REPO, 'env', 'sandbox-directory.json');
  const sandbox = await startSandbox({ port: 0, directoryFile, stateDir: path.join(REPO, '.sandbox') });
  const catcher = new ReplyCatcher();
  try {
    await catcher.start();
    // As `npm run bench` runs it: no kickoff card, pacing far above these rates.
    const env = { PATH: process.env.PATH ?? '', ...sandboxEnv(sandbox), KICKOFF: 'off', GRAPH_CHAT_CREATE_RATE: '1000000', GRAPH_LOOKUP_RATE: '1000000' };
    const result = await runGroupBench({ sandbox, catcher, requesterId: REQUESTER_ID, startBot: (extra) => startBotChild({ repoRoot: REPO, env: { ...env, ...extra } }) }, { turns });
    process.stdout.write(`${groupLines(result)}\n`);
    if (process.argv.includes('--write')) {
      const file = path.join(REPO, 'docs', 'benchmarks.md');
      writeFileSync(file, withSection(readFileSync(file, 'utf8'), groupSection(result).join('\n')));
      process.stdout.write(`wrote section 7 of ${path.relative(REPO, file)}\n`);
    }
  } finally {
    await catcher.stop();
    await sandbox.close();
  }
}

/** The document with the section in place: replacing the old one, or before the closing section. */
function withSection(doc: string, section: string): string {
  const start = doc.indexOf(SECTION_HEADING);
  if (start >= 0) {
    const next = doc.indexOf('\n## ', start + SECTION_HEADING.length);
    return `${doc.slice(0, start)}${section}\n${next >= 0 ? doc.slice(next) : ''}`;
  }
  const following = FOLLOWING_HEADINGS.map((heading) => doc.indexOf(`\n${heading}`)).find((index) => index >= 0);
  if (following === undefined) return `${doc.trimEnd()}\n\n${section}\n`;
  return `${doc.slice(0, following + 1)}${section}\n\n${doc.slice(following + 1)}`;
}

main().catch((error: unknown) => {
  process.stderr.write(`groups bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
