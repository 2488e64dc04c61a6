/**
 * Scoped runs, concurrent with what is published, never promise an offer or a need more than it
 * has: a full run, then a municipality run, then a radius run, then incremental updates, over a
 * synthetic region large enough that suggestions cross municipality borders.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDocumentOf } from '../../bench/region-document.ts';
import { generateRegion, type SyntheticRegion } from '../../bench/synthetic-region.ts';
import { SYSTEM } from '../../src/domain/caller.ts';
import type { MatchRun } from '../../src/domain/suggestion.ts';
import type { Runtime } from '../../src/runtime.ts';
import { importDocument } from '../../src/services/import.ts';
import { updateListing } from '../../src/services/listings.ts';
import { startMatchRun } from '../../src/services/match-runs.ts';
import { allocatedByListing } from '../../src/store/match-store.ts';
import { openTestRuntime, wipeBusinessData } from '../support/harness.ts';

let runtime: Runtime;
let region: SyntheticRegion;

/** The stored id of the region's listing with this ref (ids are random). */
async function listingIdOf(ref: string): Promise<string> {
  const r = await runtime.deps.store.read((tx) =>
    tx.run('MATCH (l:Listing {ref: $ref}) RETURN l.id AS id', { ref }),
  );
  return r.records[0]!.get('id') as string;
}

beforeAll(async () => {
  runtime = await openTestRuntime();
  await wipeBusinessData(runtime);
  region = generateRegion(runtime.deps.reference, { listings: 3000, seed: 7 });
  const summary = await importDocument(runtime.deps, SYSTEM, importDocumentOf(region));
  expect(summary.errors).toEqual([]);
});
afterAll(async () => {
  await runtime?.close();
});

/** Listings whose active suggestions promise more than their canonical quantity. */
async function overAllocated(): Promise<string[]> {
  const rows = await allocatedByListing(runtime.deps.store);
  expect(rows.length).toBeGreaterThan(0);
  return rows
    .filter((r) => r.allocated > r.quantity * (1 + 1e-6) + 1e-9)
    .map((r) => `${r.listingId}: ${r.allocated} of ${r.quantity}`);
}

/** Published allocations with exactly one listing in `municipality`. */
async function allocatedAcross(municipality: string): Promise<number> {
  const r = await runtime.deps.store.read((tx) =>
    tx.run(
      `MATCH (sg:Suggestion {status: 'active'})-[:OFFERS]->(:Listing)-[:AT_SITE]->(os:Site)
       MATCH (sg)-[:SERVES]->(:Listing)-[:AT_SITE]->(ns:Site)
       WHERE sg.allocatedQuantity > 0 AND (os.municipality = $m) <> (ns.municipality = $m)
       RETURN count(sg) AS n`,
      { m: municipality },
    ),
  );
  return r.records[0]?.get('n') as number;
}

describe('allocations across runs', () => {
  it('when a full, a municipality and a radius run follow each other, and listings change, then no listing is promised more than it has', {
    timeout: 120_000,
  }, async () => {
    const full: MatchRun = await startMatchRun(runtime.deps, {});
    expect(full.allocated).toBeGreaterThan(100);
    expect(await overAllocated()).toEqual([]);

    // The town with the most listings, whose suggestions reach into its neighbours.
    const perTown = new Map<string, number>();
    for (const s of region.sites) perTown.set(s.municipality!, (perTown.get(s.municipality!) ?? 0) + 1);
    const [town] = [...perTown].sort((a, b) => b[1] - a[1])[0]!;
    expect(await allocatedAcross(town)).toBeGreaterThan(0);
    const local = await startMatchRun(runtime.deps, { scope: { municipality: town } });
    expect(local.candidates).toBeGreaterThan(0);
    expect(await overAllocated()).toEqual([]);

    const site = region.sites.find((s) => s.municipality === town)!;
    const circle = await startMatchRun(runtime.deps, {
      scope: { lat: site.lat, lon: site.lon, radiusKm: 40 },
    });
    expect(circle.candidates).toBeGreaterThan(0);
    expect(await overAllocated()).toEqual([]);

    // Owners change a few listings: quantities halve, doubled, a title changes.
    const changed = region.inputs.slice(0, 12);
    for (const [i, input] of changed.entries()) {
      const id = await listingIdOf(region.listings[i]!.id);
      const factor = i % 3 === 0 ? 0.5 : i % 3 === 1 ? 2 : 1;
      await updateListing(
        runtime.deps,
        SYSTEM,
        id,
        {
          quantity: { ...input.quantity, value: input.quantity.value * factor },
          title: `${input.title} (revised)`,
        },
        null,
      );
    }
    expect(await overAllocated()).toEqual([]);

    // A scoped run after the changes still fits within what is left.
    await startMatchRun(runtime.deps, { scope: { municipality: town } });
    expect(await overAllocated()).toEqual([]);
  });
});
