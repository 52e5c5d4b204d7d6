// @microsoft/app-manifest requires strip-bom 5 (an ES module), which jest cannot load; unused here.
jest.mock('strip-bom', () => ({ __esModule: true, default: (text: string) => text.replace(/^\uFEFF/, '') }));

import { promises as fs } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { COMMANDS } from '../../src/commands/catalog';
import { MissingVariableError } from '../../src/appPackage/appPackageError';
import { buildAppPackage, validateZipFile } from '../../src/appPackage/buildPackage';
import { parseEnvText } from '../../src/appPackage/envFile';
import { REPO_ROOT, makeTempDir, removeDir } from './helpers';
import { repoPaths } from './manifestFixtures';

describe('buildAppPackage', () => {
  let outDir: string;
  beforeEach(async () => {
    outDir = await makeTempDir('build');
  });
  afterEach(async () => {
    await removeDir(outDir);
  });

  it.each(['dev', 'local'])('builds a valid package for the committed "%s" environment', async (envName) => {
    const built = await buildAppPackage({ envName, paths: repoPaths(outDir), overrides: {}, commands: COMMANDS });

    expect(built.zipPath).toBe(path.join(outDir, `appPackage.${envName}.zip`));
    expect(built.manifestPath).toBe(path.join(outDir, `manifest.${envName}.json`));
    const zip = await JSZip.loadAsync(await fs.readFile(built.zipPath));
    expect(Object.keys(zip.files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    expect(await validateZipFile(built.zipPath, COMMANDS)).toEqual([]);

    const env = parseEnvText(await fs.readFile(path.join(REPO_ROOT, 'env', `.env.${envName}`), 'utf8'), envName);
    const manifestText = await fs.readFile(built.manifestPath, 'utf8');
    expect(manifestText).not.toContain('${{');
    expect(await zip.file('manifest.json')?.async('string')).toBe(manifestText);
    const manifest = JSON.parse(manifestText);
    expect(manifest.id).toBe(env['TEAMS_APP_ID']);
    expect(manifest.bots[0].botId).toBe(env['BOT_ID']);
    expect(manifest.validDomains).toEqual([env['BOT_DOMAIN']]);
  });

  it('lets the process environment beat the env files', async () => {
    const overrides = { BOT_ID: '12345678-90ab-cdef-1234-567890abcdef', BOT_DOMAIN: 'override.example.org' };
    const built = await buildAppPackage({ envName: 'dev', paths: repoPaths(outDir), overrides, commands: COMMANDS });
    const manifest = JSON.parse(await fs.readFile(built.manifestPath, 'utf8'));
    expect(manifest.bots[0].botId).toBe(overrides.BOT_ID);
    expect(manifest.webApplicationInfo).toEqual({ id: overrides.BOT_ID, resource: `api://botid-${overrides.BOT_ID}` });
    expect(manifest.validDomains).toEqual(['override.example.org']);
  });

  it('fails naming a variable that no env file sets, and writes nothing', async () => {
    const envDir = await makeTempDir('env');
    try {
      const devText = await fs.readFile(path.join(REPO_ROOT, 'env', '.env.dev'), 'utf8');
      await fs.writeFile(path.join(envDir, '.env.partial'), devText.replace(/^BOT_DOMAIN=.*$/m, ''));
      const paths = { ...repoPaths(outDir), envDir };
      const failure = buildAppPackage({ envName: 'partial', paths, overrides: {}, commands: COMMANDS });
      await expect(failure).rejects.toBeInstanceOf(MissingVariableError);
      await expect(failure).rejects.toMatchObject({
        variables: ['BOT_DOMAIN'],
        message: expect.stringContaining(path.join(envDir, '.env.partial')),
      });
      expect(await fs.readdir(outDir)).toEqual([]);
    } finally {
      await removeDir(envDir);
    }
  });

  it('refuses to write a package that fails validation', async () => {
    const failure = buildAppPackage({ envName: 'dev', paths: repoPaths(outDir), overrides: { BOT_ID: 'not-a-guid' }, commands: COMMANDS });
    await expect(failure).rejects.toMatchObject({ code: 'PACKAGE_INVALID', message: expect.stringContaining('bots[0].botId') });
    expect(await fs.readdir(outDir)).toEqual([]);
  });
});
