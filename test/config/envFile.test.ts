import { parseEnvFile } from '../../src/config/envFile';

describe('parseEnvFile', () => {
  it('reads the dotenv syntax the Toolkit writes', () => {
    expect(
      parseEnvFile(['# comment', 'A=1', 'export B = two ', 'C="quoted # not a comment"', "D='single'", 'E=value # comment', 'not a line', 'F='].join('\n')),
    ).toEqual({ A: '1', B: 'two', C: 'quoted # not a comment', D: 'single', E: 'value', F: '' });
  });
});
