/**
 * The web app's API types (web/src/api/schema.d.ts) are generated from the route table; this
 * regenerates them in memory and holds the committed file to them, so the app and the API
 * cannot drift apart unnoticed.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateApiTypes, SCHEMA_FILE } from '../../../tools/api-types/generate.ts';

describe('the web app’s API types', () => {
  it('when the types are generated from the route table, then they are the committed web/src/api/schema.d.ts', async () => {
    const fresh = await generateApiTypes();
    const committed = readFileSync(SCHEMA_FILE, 'utf8');
    expect(
      committed === fresh,
      'web/src/api/schema.d.ts differs from the routes and schemas: run `npm run api:types` and commit the file',
    ).toBe(true);
  }, 60_000);

  it('when the types are generated, then every path of the API is in them', async () => {
    const fresh = await generateApiTypes();
    for (const path of ['/me', '/listings', '/review-queue', '/indicators', '/network'])
      expect(fresh).toContain(`"${path}": {`);
  }, 60_000);
});
