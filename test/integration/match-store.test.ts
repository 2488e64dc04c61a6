import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listingAccess } from '../../src/domain/access.ts';
import { SYSTEM } from '../../src/domain/caller.ts';
import { newId } from '../../src/domain/ids.ts';
import type { MatchListing } from '../../src/matching/types.ts';
import type { Runtime } from '../../src/runtime.ts';
import { loadDemoIfEmpty } from '../../src/services/demo.ts';
import { startMatchRun } from '../../src/services/match-runs.ts';
import { allListings } from '../../src/store/listing-store.ts';
import {
  type SuggestionWrite,
  suggestionCounts,
  suggestionsForListing,
  upsertSuggestions,
  withdrawStale,
} from '../../src/store/match-store.ts';
import { openTestRuntime, wipeBusinessData } from '../support/harness.ts';

let runtime: Runtime;
let material: { offers: MatchListing[]; needs: MatchListing[] };
let energy: { offers: MatchListing[]; needs: MatchListing[] };
let everything: MatchListing[];

beforeAll(async () => {
  runtime = await openTestRuntime();
  await wipeBusinessData(runtime);
  await loadDemoIfEmpty(runtime.deps);
  const listings = await allListings(runtime.deps.store);
  everything = listings;
  const of = (kind: string) => ({
    offers: listings.filter((l) => l.kind === kind && l.direction === 'offer'),
    needs: listings.filter((l) => l.kind === kind && l.direction === 'need'),
  });
  material = of('material');
  energy = of('energy');
});
afterAll(async () => {
  await runtime?.close();
});

const key = (o: MatchListing, n: MatchListing) => `${o.id}|${n.id}`;

function write(o: MatchListing, n: MatchListing): SuggestionWrite {
  return {
    id: newId('sg'),
    pairKey: key(o, n),
    offerId: o.id,
    needId: n.id,
    kind: o.kind,
    score: 0.5,
    distanceKm: 1,
    route: { type: 'direct' },
    terms: [],
    impact: { unit: 't/yr' },
    co2eAvoidedT: 1,
    maxQuantity: 1,
    offerUse: 1,
    allocatedQuantity: null,
    unit: 't/yr',
    source: 'incremental',
    lastRunId: null,
    engineVersion: 'test',
    factorSet: 'test',
    configVersion: '1',
  };
}

async function statuses(): Promise<Map<string, { status: string; updatedAt: string }>> {
  const r = await runtime.deps.store.read((tx) =>
    tx.run('MATCH (sg:Suggestion) RETURN sg.pairKey AS k, sg.status AS status, sg.updatedAt AS updatedAt'),
  );
  return new Map(
    r.records.map((rec) => [rec.get('k'), { status: rec.get('status'), updatedAt: rec.get('updatedAt') }]),
  );
}

describe('withdrawing stale suggestions', () => {
  // Material offers a0, a1 and needs b0, b1; energy offer e0 and need f0.
  let pairs: { a0b0: SuggestionWrite; a0b1: SuggestionWrite; a1b0: SuggestionWrite; e0f0: SuggestionWrite };
  let ids: { a0: string; a1: string; b0: string; b1: string; e0: string; f0: string };

  async function reset(): Promise<void> {
    await runtime.deps.store.write((tx) => tx.run('MATCH (sg:Suggestion) DETACH DELETE sg'));
    const [a0, a1] = material.offers;
    const [b0, b1] = material.needs;
    const [e0] = energy.offers;
    const [f0] = energy.needs;
    ids = { a0: a0!.id, a1: a1!.id, b0: b0!.id, b1: b1!.id, e0: e0!.id, f0: f0!.id };
    pairs = {
      a0b0: write(a0!, b0!),
      a0b1: write(a0!, b1!),
      a1b0: write(a1!, b0!),
      e0f0: write(e0!, f0!),
    };
    await upsertSuggestions(runtime.deps.store, Object.values(pairs), '2026-01-01T00:00:00.000Z');
  }

  it('when a computation over all listings keeps one pair, then every other active one is withdrawn and counted once', async () => {
    await reset();
    const now = '2026-02-01T00:00:00.000Z';
    const withdrawn = await withdrawStale(runtime.deps.store, {
      listingIds: Object.values(ids),
      keptKeys: [pairs.a0b0.pairKey],
      kind: null,
      requireBothInScope: false,
      now,
    });
    expect(withdrawn).toBe(3);
    const after = await statuses();
    expect(after.get(pairs.a0b0.pairKey)).toEqual({
      status: 'active',
      updatedAt: '2026-01-01T00:00:00.000Z',
    });
    for (const p of [pairs.a0b1, pairs.a1b0, pairs.e0f0])
      expect(after.get(p.pairKey)).toEqual({ status: 'withdrawn', updatedAt: now });
    const again = await withdrawStale(runtime.deps.store, {
      listingIds: Object.values(ids),
      keptKeys: [pairs.a0b0.pairKey],
      kind: null,
      requireBothInScope: false,
      now,
    });
    expect(again).toBe(0);
    expect((await suggestionCounts(runtime.deps.store, now)).total).toBe(4);
  });

  it('when the computation is scoped to a kind, then suggestions of other kinds stay active', async () => {
    await reset();
    const withdrawn = await withdrawStale(runtime.deps.store, {
      listingIds: Object.values(ids),
      keptKeys: [],
      kind: 'energy',
      requireBothInScope: false,
      now: '2026-02-01T00:00:00.000Z',
    });
    expect(withdrawn).toBe(1);
    const after = await statuses();
    expect(after.get(pairs.e0f0.pairKey)?.status).toBe('withdrawn');
    expect(after.get(pairs.a0b0.pairKey)?.status).toBe('active');
  });

  it('when only one side of a pair is in a regional scope, then that pair stays active', async () => {
    await reset();
    const listingIds = [ids.a0, ids.b0, ids.e0];
    const withdrawn = await withdrawStale(runtime.deps.store, {
      listingIds,
      keptKeys: [],
      kind: null,
      requireBothInScope: true,
      now: '2026-02-01T00:00:00.000Z',
    });
    expect(withdrawn).toBe(1);
    const after = await statuses();
    expect(after.get(pairs.a0b0.pairKey)?.status).toBe('withdrawn');
    for (const p of [pairs.a0b1, pairs.a1b0, pairs.e0f0]) expect(after.get(p.pairKey)?.status).toBe('active');
  });

  it('when one listing is refreshed, then its pairs with listings outside the scope are withdrawn too', async () => {
    await reset();
    const withdrawn = await withdrawStale(runtime.deps.store, {
      listingIds: [ids.b0],
      keptKeys: [pairs.a1b0.pairKey],
      kind: null,
      requireBothInScope: false,
      now: '2026-02-01T00:00:00.000Z',
    });
    expect(withdrawn).toBe(1);
    const after = await statuses();
    expect(after.get(pairs.a0b0.pairKey)?.status).toBe('withdrawn');
    for (const p of [pairs.a0b1, pairs.a1b0, pairs.e0f0]) expect(after.get(p.pairKey)?.status).toBe('active');
  });

  it('when a withdrawn pair is produced again, then the same suggestion is active again, not a duplicate', async () => {
    await reset();
    await withdrawStale(runtime.deps.store, {
      listingIds: Object.values(ids),
      keptKeys: [],
      kind: null,
      requireBothInScope: false,
      now: '2026-02-01T00:00:00.000Z',
    });
    await upsertSuggestions(
      runtime.deps.store,
      [{ ...pairs.a0b1, id: newId('sg') }],
      '2026-03-01T00:00:00.000Z',
    );
    const after = await statuses();
    expect(after.size).toBe(4);
    expect(after.get(pairs.a0b1.pairKey)).toEqual({
      status: 'active',
      updatedAt: '2026-03-01T00:00:00.000Z',
    });
    const r = await runtime.deps.store.read((tx) =>
      tx.run('MATCH (sg:Suggestion {pairKey: $k}) RETURN sg.id AS id', { k: pairs.a0b1.pairKey }),
    );
    expect(r.records.map((rec) => rec.get('id'))).toEqual([pairs.a0b1.id]);
  });

  it('when more pairs are stale than one transaction withdraws, then all are withdrawn and counted', async () => {
    await runtime.deps.store.write((tx) => tx.run('MATCH (sg:Suggestion) DETACH DELETE sg'));
    const offers = everything.filter((l) => l.direction === 'offer');
    const needs = everything.filter((l) => l.direction === 'need');
    const writes = offers.flatMap((o) => needs.map((n) => write(o, n))).slice(0, 6_000);
    expect(writes.length).toBe(6_000);
    await upsertSuggestions(runtime.deps.store, writes, '2026-01-01T00:00:00.000Z');
    const withdrawn = await withdrawStale(runtime.deps.store, {
      listingIds: everything.map((l) => l.id),
      keptKeys: [writes[0]!.pairKey],
      kind: null,
      requireBothInScope: false,
      now: '2026-02-01T00:00:00.000Z',
    });
    expect(withdrawn).toBe(5_999);
    const counts = await suggestionCounts(runtime.deps.store, '2026-01-01T00:00:00.000Z');
    expect(counts).toEqual({ total: 6_000, active: 1, createdSince: 6_000, staged: 0 });
  });
});

describe('suggestions written before the compact rows (decision 0018)', () => {
  const STAFF = listingAccess(SYSTEM);
  const OLD_FIELDS = ['route', 'terms', 'impact', 'economics', 'distanceKm', 'maxQuantity', 'unit'];

  /** Rewrites a stored suggestion as the old format had it: each value a property, no `doc`. */
  async function toOldFormat(pairKey: string, score: number): Promise<void> {
    await runtime.deps.store.write((tx) =>
      tx.run(
        `MATCH (sg:Suggestion {pairKey: $pairKey})
         SET sg.route = '{"type":"direct","detail":"old"}', sg.terms = '[]', sg.impact = '{"unit":"t/yr"}',
             sg.distanceKm = 99.0, sg.maxQuantity = 1.0, sg.unit = 't/yr', sg.score = $score,
             sg.contentHash = 'old'
         REMOVE sg.doc`,
        { pairKey, score },
      ),
    );
  }

  async function node(pairKey: string): Promise<Record<string, unknown>> {
    const r = await runtime.deps.store.read((tx) =>
      tx.run('MATCH (sg:Suggestion {pairKey: $pairKey}) RETURN properties(sg) AS p', { pairKey }),
    );
    return r.records[0]!.get('p') as Record<string, unknown>;
  }

  it('when a suggestion is stored with its values as separate properties, then it is read as before, and a run that revises it leaves one document', async () => {
    await runtime.deps.store.write((tx) => tx.run('MATCH (sg:Suggestion) DETACH DELETE sg'));
    await startMatchRun(runtime.deps, {});
    // A material offer the run suggested something for (ids are random, so the first may have none).
    const suggested = await runtime.deps.store.read((tx) =>
      tx.run(
        `MATCH (sg:Suggestion {status: 'active', kind: 'material'}) RETURN sg.offerId AS id ORDER BY id LIMIT 1`,
      ),
    );
    const listing = material.offers.find((l) => l.id === suggested.records[0]?.get('id'))!;
    expect(listing).toBeDefined();
    const page = await suggestionsForListing(runtime.deps.store, listing.id, STAFF, { offset: 0, limit: 5 });
    const fresh = page.items[0]!.suggestion;
    expect(Object.keys(await node(fresh.pairKey))).toContain('doc');
    await toOldFormat(fresh.pairKey, 0.01);

    const old = (
      await suggestionsForListing(runtime.deps.store, listing.id, STAFF, { offset: 0, limit: 50 })
    ).items
      .map((row) => row.suggestion)
      .find((s) => s.pairKey === fresh.pairKey)!;
    expect(old).toMatchObject({
      score: 0.01,
      distanceKm: 99,
      route: { type: 'direct', detail: 'old' },
      terms: [],
    });

    await startMatchRun(runtime.deps, {});
    const stored = await node(fresh.pairKey);
    for (const f of OLD_FIELDS) expect(stored).not.toHaveProperty(f);
    const again = (
      await suggestionsForListing(runtime.deps.store, listing.id, STAFF, { offset: 0, limit: 50 })
    ).items
      .map((row) => row.suggestion)
      .find((s) => s.pairKey === fresh.pairKey)!;
    expect(again).toEqual({ ...fresh, updatedAt: again.updatedAt, lastRunId: again.lastRunId });
  });

  it('when an incremental refresh rewrites an old-format suggestion, then only the document is left', async () => {
    const [o, n] = [energy.offers[0]!, energy.needs[0]!];
    await upsertSuggestions(runtime.deps.store, [write(o, n)], '2026-03-01T00:00:00.000Z');
    await toOldFormat(key(o, n), 0.2);
    await upsertSuggestions(runtime.deps.store, [{ ...write(o, n), score: 0.7 }], '2026-03-02T00:00:00.000Z');
    const stored = await node(key(o, n));
    for (const f of OLD_FIELDS) expect(stored).not.toHaveProperty(f);
    expect(stored['score']).toBe(0.7);
    expect(JSON.parse(stored['doc'] as string)).toMatchObject({ distanceKm: 1, route: { type: 'direct' } });
  });
});
