import { promises as fs } from 'node:fs';
import path from 'node:path';
import { AppPackageError } from '../../src/appPackage/appPackageError';
import { loadEnvironment, parseEnvText } from '../../src/appPackage/envFile';
import { makeTempDir, removeDir } from './helpers';

describe('parseEnvText', () => {
  it('reads KEY=value lines, comments, quotes and inline comments', () => {
    const text = [
      '# a comment',
      '',
      'PLAIN=value',
      'export EXPORTED=yes',
      'SPACED = around  ',
      'INLINE=abc # trailing comment',
      'HASH_IN_VALUE=a#b',
      'DOUBLE=" keeps spaces # and hash"',
      "SINGLE='literal \\n'",
      'ESCAPED="line\\nbreak \\"quoted\\""',
      'EMPTY=',
    ].join('\n');
    expect(parseEnvText(text, 'x.env')).toEqual({
      PLAIN: 'value',
      EXPORTED: 'yes',
      SPACED: 'around',
      INLINE: 'abc',
      HASH_IN_VALUE: 'a#b',
      DOUBLE: ' keeps spaces # and hash',
      SINGLE: 'literal \\n',
      ESCAPED: 'line\nbreak "quoted"',
      EMPTY: '',
    });
  });

  it('names the file and line of a malformed line', () => {
    expect(() => parseEnvText('OK=1\nthis is not a pair\n', 'env/.env.dev')).toThrow(/env\/\.env\.dev:2: expected KEY=value/);
  });

  it('rejects an unterminated quote', () => {
    expect(() => parseEnvText('A="open', 'f')).toThrow(/f:1: unterminated " quote/);
  });
});

describe('loadEnvironment', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await makeTempDir('env');
  });
  afterEach(async () => {
    await removeDir(dir);
  });

  it('lets .env.<name>.user override .env.<name>, and the process environment override both', async () => {
    await fs.writeFile(path.join(dir, '.env.test'), 'A=file\nB=file\nC=file\n');
    await fs.writeFile(path.join(dir, '.env.test.user'), 'B=user\nC=user\nSECRET_X=s3cret\n');
    const loaded = await loadEnvironment({ envDir: dir, envName: 'test', overrides: { C: 'process', D: undefined } });
    expect(loaded.values).toEqual({ A: 'file', B: 'user', C: 'process', SECRET_X: 's3cret' });
    expect(loaded.lookedIn).toEqual([path.join(dir, '.env.test'), path.join(dir, '.env.test.user')]);
  });

  it('works without a .user file', async () => {
    await fs.writeFile(path.join(dir, '.env.solo'), 'A=1\n');
    const loaded = await loadEnvironment({ envDir: dir, envName: 'solo' });
    expect(loaded.values).toEqual({ A: '1' });
  });

  it('fails naming the missing env file', async () => {
    const failure = loadEnvironment({ envDir: dir, envName: 'absent' });
    await expect(failure).rejects.toBeInstanceOf(AppPackageError);
    await expect(failure).rejects.toMatchObject({ code: 'ENV_FILE_NOT_FOUND', message: expect.stringContaining('.env.absent') });
  });

  it('refuses an environment name that could escape the env folder', async () => {
    await expect(loadEnvironment({ envDir: dir, envName: '../dev' })).rejects.toMatchObject({ code: 'USAGE' });
  });
});
