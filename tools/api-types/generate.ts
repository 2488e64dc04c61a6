/**
 * web/src/api/schema.d.ts, the web app's types of every path of the API, from the OpenAPI document
 * the service builds from its route table (src/http/api-document.ts): no server, no database.
 * `npm run api:types` writes it; test/unit/web/api-types.test.ts fails when the file and the
 * routes part, so the app and the API cannot drift.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';
import { apiDocument } from '../../src/http/api-document.ts';

export const SCHEMA_FILE = join(import.meta.dirname, '../../web/src/api/schema.d.ts');

const HEADER = `${COMMENT_HEADER.trimEnd()}\n// Regenerate with \`npm run api:types\` after a change to the routes or their schemas.\n\n`;

export async function generateApiTypes(): Promise<string> {
  const nodes = await openapiTS(apiDocument() as Parameters<typeof openapiTS>[0], { silent: true });
  return HEADER + astToString(nodes);
}

async function main(): Promise<void> {
  const text = await generateApiTypes();
  const before = (() => {
    try {
      return readFileSync(SCHEMA_FILE, 'utf8');
    } catch {
      return null;
    }
  })();
  if (before === text) {
    process.stdout.write(`${SCHEMA_FILE}: up to date\n`);
    return;
  }
  writeFileSync(SCHEMA_FILE, text);
  process.stdout.write(`${SCHEMA_FILE}: written (${text.length} characters)\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
