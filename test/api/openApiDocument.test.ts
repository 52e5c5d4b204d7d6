import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openApiDocument, openApiText } from '../../src/api/openApiDocument';

const REPO = path.resolve(__dirname, '..', '..');
const VALIDATOR = path.join(REPO, 'node_modules', '@seriousme', 'openapi-schema-validator', 'bin', 'validate-api-cli.js');

/** The maintained validator's verdict (its CLI: the package is ESM only, jest here is CommonJS). */
function validate(file: string): { valid: boolean; output: string } {
  const run = spawnSync(process.execPath, [VALIDATOR, file], { encoding: 'utf8' });
  return { valid: run.status === 0 && /"valid":\s*true/.test(run.stdout), output: run.stdout + run.stderr };
}

describe('the OpenAPI document', () => {
  it('is committed as docs/openapi.json exactly as the bot serves it (npm run openapi writes it)', () => {
    expect(readFileSync(path.join(REPO, 'docs', 'openapi.json'), 'utf8')).toBe(openApiText());
  });

  it('is a valid OpenAPI 3.1 document for @seriousme/openapi-schema-validator', () => {
    const verdict = validate(path.join(REPO, 'docs', 'openapi.json'));
    expect(verdict.output).toContain('"valid": true');
    expect(verdict.valid).toBe(true);
  });

  it('is refused by the same validator once broken (the check can fail)', () => {
    const broken = JSON.parse(openApiText()) as { paths: Record<string, { post?: { responses: Record<string, unknown> } }> };
    broken.paths['/api/chats']!.post!.responses['201'] = { content: {} };
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'openapi-')), 'broken.json');
    writeFileSync(file, JSON.stringify(broken));
    expect(validate(file).valid).toBe(false);
  });

  it('states 3.1 and the limits the code enforces', () => {
    expect(openApiDocument.openapi).toBe('3.1.0');
    const request = openApiDocument.components.schemas.ChatRequest;
    expect(request.properties.members.maxItems).toBe(200);
    expect(request.properties.topic.maxLength).toBe(250);
  });
});
