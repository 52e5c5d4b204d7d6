import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { openApiText } from '../api/openApiDocument';

/**
 * `npm run openapi`: writes docs/openapi.json from the document the bot serves at
 * `GET /api/openapi.json` (test/api/openApiDocument.test.ts fails while the two differ).
 */
const target = path.resolve(__dirname, '..', '..', 'docs', 'openapi.json');
writeFileSync(target, openApiText());
process.stdout.write(`wrote ${target}\n`);
