/**
 * The layer direction of the README (http -> services -> {store, matching, analytics} -> domain) is a lint
 * rule in biome.json; these tests hold the rule to it, so the claim stays checked by `npm test`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
const BIOME = join(ROOT, 'node_modules/.bin/biome');

/** A scratch tree with the project's biome.json, so probe files never touch src/. */
const SCRATCH = mkdtempSync(join(tmpdir(), 'layers-'));
copyFileSync(join(ROOT, 'biome.json'), join(SCRATCH, 'biome.json'));
afterAll(() => rmSync(SCRATCH, { recursive: true, force: true }));
let probes = 0;

function lintAs(path: string, importLine: string): { ok: boolean; output: string } {
  const file = join(SCRATCH, path.replace(/x\.ts$/, `probe${probes++}.ts`));
  const name = /import (?:type )?\{ (\w+) \}|import (\w+) from/.exec(importLine)!.slice(1).find(Boolean);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${importLine}\n\nexport const used = [${name}];\n`);
  const r = spawnSync(BIOME, ['lint', file], { cwd: SCRATCH, encoding: 'utf8' });
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
}

describe('layers', () => {
  it('when the source tree is linted, then no import points the wrong way', () => {
    expect(() => execFileSync(BIOME, ['lint', 'src'], { cwd: ROOT, stdio: 'pipe' })).not.toThrow();
  });

  it.each([
    ['src/domain/x.ts', "import { query } from '../store/queries.ts';"],
    ['src/domain/x.ts', "import { matchSnapshot } from '../matching/match-snapshot.ts';"],
    ['src/matching/x.ts', "import { getListing } from '../store/listing-store.ts';"],
    ['src/matching/x.ts', "import { loadFactorSet } from '../reference/factors.ts';"],
    ['src/analytics/x.ts', "import { getListing } from '../store/listing-store.ts';"],
    ['src/domain/x.ts', "import { buildNetwork } from '../analytics/network.ts';"],
    ['src/store/x.ts', "import { createListing } from '../services/listings.ts';"],
    ['src/services/x.ts', "import { createApp } from '../http/app.ts';"],
    ['src/http/routes/x.ts', "import { getListing } from '../../store/listing-store.ts';"],
    ['src/http/x.ts', "import { matchSnapshot } from '../matching/match-snapshot.ts';"],
    ['src/services/x.ts', "import express from 'express';"],
    ['src/http/x.ts', "import neo4j from 'neo4j-driver';"],
    ['web/src/x.ts', "import { createApp } from '../../src/http/app.ts';"],
    ['web/src/workspaces/x.ts', "import { getListing } from '../../../src/services/listings.ts';"],
    ['web/src/x.ts', "import { readFileSync } from 'node:fs';"],
  ])('when %s imports against the direction (%s), then lint fails', (path, line) => {
    const r = lintAs(path, line);
    expect(r.ok, r.output).toBe(false);
    expect(r.output).toContain('noRestrictedImports');
  });

  it.each([
    ['src/http/routes/x.ts', "import { getListing } from '../../services/listings.ts';"],
    ['src/services/x.ts', "import { getListing } from '../store/listing-store.ts';"],
    ['src/matching/x.ts', "import type { MatchListing } from '../domain/match-listing.ts';"],
    ['src/services/x.ts', "import { buildNetwork } from '../analytics/network.ts';"],
    ['src/analytics/x.ts', "import { haversineKm } from '../domain/geo.ts';"],
    ['web/src/x.ts', "import { haversineKm } from '../../src/domain/geo.ts';"],
    ['web/src/workspaces/x.ts', "import { createApi } from '../api/client.ts';"],
  ])('when %s imports along the direction (%s), then lint passes', (path, line) => {
    const r = lintAs(path, line);
    expect(r.ok, r.output).toBe(true);
  });
});
