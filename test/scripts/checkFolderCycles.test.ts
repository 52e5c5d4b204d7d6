import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/** The lint step that fails on folders importing each other in a circle, run on synthetic trees. */
const SCRIPT = resolve(__dirname, '..', '..', 'scripts', 'checkFolderCycles.mjs');

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'folder-cycles-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

function check(root: string): { status: number | null; output: string } {
  const run = spawnSync(process.execPath, [SCRIPT, root], { encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe('checkFolderCycles', () => {
  const roots: string[] = [];
  afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

  it('fails on two folders that import each other, naming an import on each side', () => {
    const root = tree({
      'chats/service.ts': "import { PersonQuery } from '../commands/command';\nexport const x: PersonQuery = 1;\n",
      'commands/command.ts': "export type PersonQuery = number;\n",
      'commands/handler.ts': "import { x } from '../chats/service';\nexport const y = x;\n",
    });
    roots.push(root);
    const { status, output } = check(root);
    expect(status).toBe(1);
    expect(output).toContain('- chats, commands');
    expect(output).toContain('chats → commands: chats/service.ts imports commands/command.ts');
    expect(output).toContain('commands → chats: commands/handler.ts imports chats/service.ts');
  });

  it('finds a longer cycle through type-only imports, index files and export-from', () => {
    const root = tree({
      'a/index.ts': "export { b } from '../b/b';\n",
      'b/b.ts': "import type { C } from '../c';\nexport const b: C = 1;\n",
      'c/index.ts': "import '../a';\nexport type C = number;\n",
    });
    roots.push(root);
    const { status, output } = check(root);
    expect(status).toBe(1);
    expect(output).toContain('- a, b, c');
  });

  it('passes when imports point one way, and ignores packages and imports inside a folder', () => {
    const root = tree({
      'index.ts': "import { bot } from './bot/bot';\nexport default bot;\n",
      'bot/bot.ts': "import { restify } from 'restify';\nimport { chat } from '../chats/chat';\nimport { helper } from './helper';\nexport const bot = [restify, chat, helper];\n",
      'bot/helper.ts': "import { bot } from './bot';\nexport const helper = bot;\n",
      'chats/chat.ts': "import { error } from '../errors';\nexport const chat = error;\n",
      'errors/index.ts': 'export const error = 1;\n',
    });
    roots.push(root);
    expect(check(root)).toEqual({ status: 0, output: expect.stringContaining('No import cycle') });
  });

  it('passes on this repository', () => {
    expect(check(resolve(__dirname, '..', '..', 'src')).status).toBe(0);
  });
});
