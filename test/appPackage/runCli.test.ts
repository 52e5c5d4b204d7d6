// @microsoft/app-manifest requires strip-bom 5 (an ES module), which jest cannot load; unused here.
jest.mock('strip-bom', () => ({ __esModule: true, default: (text: string) => text.replace(/^\uFEFF/, '') }));

import { promises as fs } from 'node:fs';
import path from 'node:path';
import { COMMANDS } from '../../src/commands/catalog';
import { parseCliArgs } from '../../src/appPackage/cliArgs';
import { runCli } from '../../src/appPackage/runCli';
import { REPO_ROOT, makeTempDir, removeDir } from './helpers';

async function run(argv: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { rootDir: REPO_ROOT, env, commands: COMMANDS, out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('runCli', () => {
  let outDir: string;
  beforeEach(async () => {
    outDir = await makeTempDir('cli');
  });
  afterEach(async () => {
    await removeDir(outDir);
  });

  it('packages an environment into --out and validates the zip it wrote', async () => {
    const packaged = await run(['package', '--env', 'dev', '--out', outDir]);
    expect(packaged).toMatchObject({ code: 0, err: '' });
    expect((await fs.readdir(outDir)).sort()).toEqual(['appPackage.dev.zip', 'manifest.dev.json']);

    const validated = await run(['validate', '--zip', path.join(outDir, 'appPackage.dev.zip')]);
    expect(validated).toMatchObject({ code: 0, out: expect.stringContaining('is valid') });
  });

  it('validates an environment in memory, and fails naming the field when the environment is bad', async () => {
    expect((await run(['validate', '--env', 'local'])).code).toBe(0);
    const bad = await run(['validate', '--env', 'local'], { BOT_DOMAIN: 'https://bot.example.com' });
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('validDomains[0]');
  });

  it('exits 1 naming a missing environment file', async () => {
    const result = await run(['validate', '--env', 'nosuchenv']);
    expect(result).toMatchObject({ code: 1, err: expect.stringContaining('.env.nosuchenv') });
  });

  it('exits 2 on wrong usage', async () => {
    expect((await run(['validate'])).code).toBe(2);
    expect((await run(['package'])).code).toBe(2);
    expect((await run(['publish', '--env', 'dev'])).code).toBe(2);
  });
});

describe('parseCliArgs', () => {
  it('parses the verbs', () => {
    expect(parseCliArgs(['package', '--env', 'dev'])).toEqual({ kind: 'package', envName: 'dev', outDir: undefined });
    expect(parseCliArgs(['validate', '--zip', 'a.zip'])).toEqual({ kind: 'validateZip', zipPath: 'a.zip' });
    expect(parseCliArgs(['validate', '--env', 'local'])).toEqual({ kind: 'validateEnv', envName: 'local' });
    expect(parseCliArgs([])).toEqual({ kind: 'help' });
  });

  it('rejects both --env and --zip, and options without values', () => {
    expect(() => parseCliArgs(['validate', '--env', 'dev', '--zip', 'a.zip'])).toThrow(/exactly one/);
    expect(() => parseCliArgs(['package', '--env'])).toThrow(/--env needs a value/);
  });
});
