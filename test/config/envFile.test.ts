import { EnvFileSyntaxError, parseEnvText } from '../../src/config/envFile';

describe('parseEnvText', () => {
  it('reads the dotenv syntax the Toolkit writes', () => {
    expect(
      parseEnvText(['# comment', 'A=1', 'export B = two ', 'C="quoted # not a comment\\n"', "D='single \\n'", 'E=value # comment', 'F='].join('\n'), 'x'),
    ).toEqual({ A: '1', B: 'two', C: 'quoted # not a comment\n', D: 'single \\n', E: 'value', F: '' });
  });

  it.each([
    ['not a line', 'x:2: expected KEY=value'],
    ['A="open', 'x:2: unterminated " quote'],
    ["A='x' trailing", 'x:2: unexpected text after the closing quote'],
  ])('names the file and line of a malformed line: %s', (line, message) => {
    expect(() => parseEnvText(`OK=1\n${line}`, 'x')).toThrow(EnvFileSyntaxError);
    expect(() => parseEnvText(`OK=1\n${line}`, 'x')).toThrow(message);
  });
});
