import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../src/domain/caller.ts';
import type { Runtime } from '../../src/runtime.ts';
import { DEMO_FILE, loadDemoIfEmpty } from '../../src/services/demo.ts';
import { importDocument } from '../../src/services/import.ts';
import { countAll } from '../../src/store/listing-store.ts';
import { openTestRuntime, wipeBusinessData } from '../support/harness.ts';

let runtime: Runtime;
beforeAll(async () => {
  runtime = await openTestRuntime();
  await wipeBusinessData(runtime);
});
afterAll(async () => {
  await runtime?.close();
});

describe('the demo region', () => {
  it('when loaded into an empty database, then every row is taken: 40+ companies, 150+ listings of all kinds', async () => {
    const summary = await loadDemoIfEmpty(runtime.deps);
    expect(summary?.errors).toEqual([]);
    const counts = await countAll(runtime.deps.store);
    expect(counts.companies).toBeGreaterThanOrEqual(40);
    expect(counts.listings).toBeGreaterThanOrEqual(150);
    const kinds = await runtime.deps.store.read((tx) =>
      tx.run('MATCH (l:Listing) RETURN l.kind AS kind, l.direction AS direction, count(*) AS n'),
    );
    const seen = new Set(kinds.records.map((r) => `${r.get('kind')}/${r.get('direction')}`));
    for (const kind of ['material', 'energy', 'water', 'land']) {
      expect(seen).toContain(`${kind}/offer`);
      expect(seen).toContain(`${kind}/need`);
    }
  });

  it('when the database already holds data, then the demo is not loaded again', async () => {
    expect(await loadDemoIfEmpty(runtime.deps)).toBeNull();
  });

  it('when the demo is imported twice, then the counts are identical and nothing is rewritten', async () => {
    const before = await countAll(runtime.deps.store);
    const summary = await importDocument(runtime.deps, SYSTEM, JSON.parse(readFileSync(DEMO_FILE, 'utf8')));
    expect(summary.companies.created + summary.companies.updated).toBe(0);
    expect(summary.listings.created + summary.listings.updated).toBe(0);
    expect(await countAll(runtime.deps.store)).toEqual(before);
  });
});
