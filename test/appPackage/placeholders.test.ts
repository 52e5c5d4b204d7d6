import { MissingVariableError } from '../../src/appPackage/appPackageError';
import { fillJsonPlaceholders, findUnfilledPlaceholders, listPlaceholders } from '../../src/appPackage/placeholders';

describe('placeholders', () => {
  const template = '{"id":"${{APP_ID}}","name":"Bot${{ SUFFIX }}","again":"${{APP_ID}}"}';

  it('lists each variable once, in order', () => {
    expect(listPlaceholders(template)).toEqual(['APP_ID', 'SUFFIX']);
  });

  it('fills every placeholder, JSON-escaping the values', () => {
    const filled = fillJsonPlaceholders(template, { APP_ID: 'abc', SUFFIX: ' "quoted" \\ ' }, []);
    expect(JSON.parse(filled)).toEqual({ id: 'abc', name: 'Bot "quoted" \\ ', again: 'abc' });
  });

  it('accepts an empty value (a production build has no name suffix)', () => {
    expect(JSON.parse(fillJsonPlaceholders(template, { APP_ID: 'abc', SUFFIX: '' }, [])).name).toBe('Bot');
  });

  it('names every missing variable and where it looked', () => {
    let caught: unknown;
    try {
      fillJsonPlaceholders(template, {}, ['env/.env.dev', 'env/.env.dev.user']);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(MissingVariableError);
    const error = caught as MissingVariableError;
    expect(error.variables).toEqual(['APP_ID', 'SUFFIX']);
    expect(error.message).toContain('APP_ID, SUFFIX');
    expect(error.message).toContain('env/.env.dev.user');
  });

  it('finds strings that still hold a placeholder, by field path', () => {
    const manifest = { id: 'x', developer: { websiteUrl: '${{URL}}' }, validDomains: ['ok', 'a${{HOST}}'] };
    expect(findUnfilledPlaceholders(manifest)).toEqual(['developer.websiteUrl', 'validDomains[1]']);
  });
});
