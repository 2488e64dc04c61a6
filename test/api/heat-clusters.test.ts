/**
 * Heat clusters of the demo region over HTTP: the cluster of the smelter park's heat sources and
 * the district-heating, greenhouse, fish-farm and town sinks around them, with its members, the
 * length and cost of its tree and the heat it delivers; who may read it; bad input.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pipeCostEurPerM } from '../../src/matching/heat-reach.ts';
import { loadDemoIfEmpty } from '../../src/services/demo.ts';
import { settleMatchRuns } from '../../src/services/match-runs.ts';
import { PUBLIC, startTestApp, type TestApp } from '../support/harness.ts';

// biome-ignore lint/suspicious/noExplicitAny: the tests read the JSON answers
type Json = any;

let app: TestApp;
const tokens = { analyst: '', facIn: '', facOut: '', business: '' };
const listingIds = new Map<string, string>();

async function ok(res: { status: number; body: unknown }, status = 200): Promise<Json> {
  expect(res.status, JSON.stringify(res.body)?.slice(0, 500)).toBe(status);
  return res.body;
}

beforeAll(async () => {
  app = await startTestApp();
  await loadDemoIfEmpty(app.runtime.deps);
  await settleMatchRuns();
  const r = await app.runtime.deps.store.read((tx) =>
    tx.run('MATCH (l:Listing) WHERE l.kind = "energy" RETURN l.ref AS ref, l.id AS id'),
  );
  for (const rec of r.records) listingIds.set(rec.get('ref') as string, rec.get('id') as string);
  const smelter = await app.runtime.deps.store.read((tx) =>
    tx.run('MATCH (l:Listing {ref: "alu-heat-hotwater"}) RETURN l.companyId AS id'),
  );
  tokens.analyst = await app.user({ name: 'Analyst', role: 'analyst' });
  tokens.facIn = await app.user({ name: 'Kvinnherad', role: 'facilitator', regions: ['4617'] });
  tokens.facOut = await app.user({ name: 'Oslo', role: 'facilitator', regions: ['03'] });
  tokens.business = await app.user({
    name: 'Smelter',
    role: 'business',
    companyIds: [smelter.records[0]!.get('id') as string],
  });
}, 180_000);
afterAll(async () => {
  await app?.close();
});

describe('heat clusters of the demo region', () => {
  it('when a facilitator asks for its municipality, then a shared heat network is suggested with its length, cost and heat', async () => {
    const body = await ok(await app.as(tokens.facIn).request('GET', '/heat-clusters?region=4617'));
    expect(body.scope.region).toBe('4617');
    expect(body.clusters.length).toBeGreaterThan(0);
    const cluster = body.clusters.find((c: Json) =>
      c.members.some((m: Json) => m.listingId === listingIds.get('fv-need-baseload')),
    );
    expect(cluster, 'the district-heating network is in a cluster').toBeDefined();
    expect(cluster.id).toMatch(/^hc-[0-9a-f]{16}$/);
    expect(cluster.sources).toBeGreaterThanOrEqual(2);
    expect(cluster.sinks).toBeGreaterThanOrEqual(2);
    expect(cluster.members).toHaveLength(cluster.sources + cluster.sinks);
    // Members are the demo's heat listings: the smelter's hot water among the sources.
    const refOf = new Map([...listingIds].map(([ref, id]) => [id, ref]));
    const refs = cluster.members.map((m: Json) => refOf.get(m.listingId));
    expect(refs).toContain('alu-heat-hotwater');
    for (const m of cluster.members) expect(m.title.length).toBeGreaterThan(0);
    // Steam needs and electricity stay with the pairs.
    expect(refs).not.toContain('gips-need-steam');
    expect(refs).not.toContain('dc-need-power');

    // The tree: one pipe fewer than members, its length and cost the sums of its pipes.
    expect(cluster.pipes).toHaveLength(cluster.members.length - 1);
    const length = cluster.pipes.reduce((s: number, p: Json) => s + p.lengthKm, 0);
    expect(cluster.lengthKm).toBeCloseTo(length, 6);
    expect(cluster.lengthKm).toBeGreaterThan(1);
    for (const p of cluster.pipes) {
      expect(p.costEur).toBeCloseTo(p.lengthKm * 1000 * pipeCostEurPerM(p.capacityMW), 3);
    }
    expect(cluster.capitalEur).toBeGreaterThan(0);
    expect(cluster.capitalNok).toBeCloseTo(cluster.capitalEur * body.assumptions.eurToNok, 3);
    expect(cluster.annualisedEur).toBeCloseTo(cluster.capitalEur * body.assumptions.annuity, 3);
    // Heat delivered, month by month, no more than supplied or wanted.
    expect(cluster.deliveredMWh).toBeGreaterThan(1000);
    expect(cluster.months).toHaveLength(12);
    for (const m of cluster.months) {
      expect(m.deliveredMWh).toBeLessThanOrEqual(Math.min(m.supplyMWh, m.demandMWh) + 1e-6);
    }
    expect(cluster.costEurPerMWh).toBeCloseTo(cluster.annualisedEur / cluster.deliveredMWh, 6);
    expect(cluster.deliveredMWh).toBeGreaterThanOrEqual(cluster.pairwise.deliveredMWh - 1e-6);

    // Deterministic: the same answer twice.
    const again = await ok(await app.as(tokens.analyst).request('GET', '/heat-clusters?region=4617'));
    expect(again.clusters.map((c: Json) => c.id)).toEqual(body.clusters.map((c: Json) => c.id));
  });

  it('when an analyst asks, then anonymous members take part without their company, at a coarse location', async () => {
    const body = await ok(await app.as(tokens.analyst).request('GET', '/heat-clusters?region=46'));
    const members = body.clusters.flatMap((c: Json) => c.members);
    expect(members.length).toBeGreaterThan(0);
    for (const m of members.filter((x: Json) => x.anonymised)) {
      expect(m.companyId).toBeUndefined();
      expect(m.siteId).toBeUndefined();
      expect(Math.round(m.lat * 10) / 10).toBe(m.lat);
    }
  });

  it('when a business, another region or the public asks, then it is refused', async () => {
    expect((await app.as(tokens.business).request('GET', '/heat-clusters?region=4617')).status).toBe(403);
    expect((await app.as(tokens.facOut).request('GET', '/heat-clusters?region=4617')).status).toBe(403);
    expect((await app.as(tokens.facIn).request('GET', '/heat-clusters')).status).toBe(403);
    expect((await app.as(PUBLIC).request('GET', '/heat-clusters?region=4617')).status).toBe(401);
  });

  it('when the query is bad, then 400 names the field', async () => {
    for (const [query, field] of [
      ['region=46x', 'region'],
      ['region=9999', 'region'],
      ['radius=3', 'radius'],
    ] as const) {
      const res = await app.as(tokens.analyst).request('GET', `/heat-clusters?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.details.map((d: Json) => d.path)).toContain(field);
    }
  });
});
