import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../src/domain/caller.ts';
import type { MatchListing } from '../../src/domain/match-listing.ts';
import type { Runtime } from '../../src/runtime.ts';
import type { CounterpartIndex } from '../../src/services/counterpart-index.ts';
import { loadDemoIfEmpty } from '../../src/services/demo.ts';
import type { Deps } from '../../src/services/deps.ts';
import { refreshListingSuggestions } from '../../src/services/incremental.ts';
import { createListing, deleteListing, updateListing } from '../../src/services/listings.ts';
import { startMatchRun } from '../../src/services/match-runs.ts';
import { updateSite } from '../../src/services/sites.ts';
import { allListings } from '../../src/store/listing-store.ts';
import { openTestRuntime, wipeBusinessData } from '../support/harness.ts';

let runtime: Runtime;
let kept: CounterpartIndex;
/** The same service without a kept index: every refresh reads its counterparts from Neo4j. */
let fromNeo4j: Deps;

beforeAll(async () => {
  runtime = await openTestRuntime();
  await wipeBusinessData(runtime);
  await loadDemoIfEmpty(runtime.deps);
  await startMatchRun(runtime.deps, {});
  kept = runtime.deps.counterparts!;
  fromNeo4j = { ...runtime.deps, counterparts: undefined };
});
afterAll(async () => {
  await runtime?.close();
});

const pairs = (candidates: { offerId: string; needId: string; score: number }[]) =>
  candidates.map((c) => `${c.offerId}|${c.needId}|${c.score.toFixed(12)}`);

/** Each listing's refreshed candidates, through the kept index and through Neo4j, side by side. */
async function compareAll(): Promise<{ listings: number; withCandidates: number }> {
  const listings = await allListings(runtime.deps.store);
  let withCandidates = 0;
  for (const listing of listings) {
    const before = kept.stats.answered;
    const indexed = await refreshListingSuggestions(runtime.deps, listing);
    expect(kept.stats.answered, `the kept index answered for ${listing.id}`).toBe(before + 1);
    const read = await refreshListingSuggestions(fromNeo4j, listing);
    expect(pairs(indexed), listing.id).toEqual(pairs(read));
    if (indexed.length > 0) withCandidates++;
  }
  return { listings: listings.length, withCandidates };
}

describe('the in-memory counterpart index (decision 0018)', () => {
  it('when it is built over the demo region, then every listing finds exactly what reading its counterparts from Neo4j finds', async () => {
    kept.warm(runtime.deps);
    await kept.settled();
    expect(kept.ready).toBe(true);
    const { listings, withCandidates } = await compareAll();
    expect(listings).toBeGreaterThan(150);
    expect(withCandidates).toBeGreaterThan(100);
  });

  it('when listings are changed, added and deleted and a site moves after it was built, then searches see what is stored now', async () => {
    const listings = await allListings(runtime.deps.store);
    // The first material listing with counterparts, offer or need: its two best counterparts.
    let suggested: string[] = [];
    for (const l of listings.filter((x) => x.kind === 'material')) {
      const found = await refreshListingSuggestions(runtime.deps, l);
      suggested = [...new Set(found.map((c) => (c.offerId === l.id ? c.needId : c.offerId)))].slice(0, 2);
      if (suggested.length === 2) break;
    }
    expect(suggested).toHaveLength(2);
    // Counterparts someone's K best holds, deleted: a search must not propose them any more.
    for (const id of suggested) await deleteListing(runtime.deps, SYSTEM, id, null);
    // Changed quantities, and copies registered as new listings.
    const materials = listings.filter((l) => l.kind === 'material' && !suggested.includes(l.id)).slice(0, 6);
    for (const l of materials.slice(0, 3))
      await updateListing(
        runtime.deps,
        SYSTEM,
        l.id,
        { quantity: { ...l.quantity, value: l.quantity.value * 7 } },
        null,
      );
    for (const [i, l] of materials.slice(3).entries())
      await createListing(runtime.deps, SYSTEM, copyOf(l, i));
    // A site moved 40 km north: its listings move with it, though they are not written.
    const moved = listings.find((l) => l.kind === 'energy')!;
    await updateSite(runtime.deps, SYSTEM, moved.siteId, { lat: moved.lat + 0.36 }, null);
    await compareAll();
    const all = new Set((await allListings(runtime.deps.store)).map((l) => l.id));
    for (const id of suggested) expect(all.has(id)).toBe(false);
  });

  it('when another API process registers a listing, then this one proposes it to a counterpart registered next, from its kept index', async () => {
    const other = await openTestRuntime();
    try {
      const listings = await allListings(runtime.deps.store);
      const need = listings.find(
        (l) =>
          l.kind === 'material' &&
          l.direction === 'need' &&
          (l.material?.wasteCodes ?? []).some((code) => /^\d{6}$/.test(code)) &&
          l.quantity.unit === 't/yr',
      )!;
      // The other process registers an offer of exactly what the need takes, at the nearest site of
      // another company: a pair this process's index has never seen.
      const near = listings
        .filter((l) => l.companyId !== need.companyId)
        .sort(
          (a, b) =>
            Math.hypot(a.lat - need.lat, a.lon - need.lon) - Math.hypot(b.lat - need.lat, b.lon - need.lon),
        )[0]!;
      const offer = await createListing(other.deps, SYSTEM, {
        siteId: near.siteId,
        direction: 'offer',
        kind: 'material',
        title: 'Offered by the other process',
        quantity: need.quantity,
        material: {
          wasteCodes: need.material!.wasteCodes!.filter((code) => /^\d{6}$/.test(code)).slice(0, 1),
          form: need.material!.form ?? 'solid',
        },
        ref: 'other-process-offer',
      });
      expect(kept.ready).toBe(true);
      const before = kept.stats.answered;
      const answer = await updateListing(
        runtime.deps,
        SYSTEM,
        need.id,
        { quantity: { ...need.quantity, value: need.quantity.value * 1.01 } },
        null,
      );
      expect(kept.stats.answered).toBe(before + 1);
      expect(answer.suggestions.map((sg) => sg.offer.id)).toContain(offer.id);
    } finally {
      await other.close();
    }
  });
});

function copyOf(l: MatchListing, i: number) {
  const {
    id: _id,
    companyId: _c,
    createdAt: _ca,
    updatedAt: _u,
    version: _v,
    canonicalQuantity: _q,
    lat: _lat,
    lon: _lon,
    material,
    ...input
  } = l;
  const stripped = material ? (({ hazardous: _h, ...m }) => m)(material) : undefined;
  return { ...input, ...(stripped ? { material: stripped } : {}), ref: `copy-${i}` };
}
