/**
 * The analyst's whole job on the demo region, from Neo4j over HTTP: exchanges carried through the
 * review workflow to implemented (one of them from a company that only ever lists anonymously),
 * then the network and its metrics, breakdowns, series, barriers, every export read back by its
 * own parser, and the report. And the confidentiality of all of it: an analyst never learns the
 * company behind an anonymous listing, and never sees a private one.
 */

import { check as checkGeoJson } from '@placemarkio/check-geojson';
import { parse as parseCsv } from 'csv-parse/sync';
import { MultiDirectedGraph } from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoIfEmpty } from '../../src/services/demo.ts';
import { settleMatchRuns } from '../../src/services/match-runs.ts';
import { startTestApp, type TestApp } from '../support/harness.ts';

let app: TestApp;
let analyst = '';
let facilitator = '';

// biome-ignore lint/suspicious/noExplicitAny: the tests read the JSON answers
type Json = any;

async function ok(res: { status: number; body: unknown }, status = 200): Promise<Json> {
  expect(res.status, JSON.stringify(res.body)?.slice(0, 500)).toBe(status);
  return res.body;
}

async function step(id: string, to: string, extra: object = {}) {
  const now = await ok(await app.request('GET', `/suggestions/${id}`));
  return ok(
    await app.request('POST', `/suggestions/${id}/transitions`, { to, version: now.version, ...extra }),
  );
}

async function implement(id: string, quantityPerYear: number) {
  for (const to of ['under-review', 'introduced', 'negotiating', 'agreed']) await step(id, to);
  await step(id, 'implemented', {
    outcome: { quantityPerYear, quantityBasis: 'measured', startDate: '2026-02-01' },
  });
}

/** A company that lists only anonymously: nothing about it may reach an analyst. */
const secret = {
  company: { name: 'Hemmelig Sjømat AS', orgNumber: '914778271', industry: '10.200' },
  site: { name: 'Skjult anlegg', lat: 59.9137, lon: 5.7713, address: 'Løyndevegen 7' },
};
const ids: Record<string, string> = {};

/** What would identify the secret company: its id, name, org number, site and exact place. */
const secretMarks = () => [
  ids.secretCompany!,
  ids.secretSite!,
  secret.company.name,
  secret.company.orgNumber,
  secret.site.name,
  secret.site.address,
  String(secret.site.lat),
  String(secret.site.lon),
];

beforeAll(async () => {
  app = await startTestApp();
  await loadDemoIfEmpty(app.runtime.deps);
  const company = await ok(await app.request('POST', '/companies', secret.company), 201);
  ids.secretCompany = company.id;
  const site = await ok(await app.request('POST', `/companies/${company.id}/sites`, secret.site), 201);
  ids.secretSite = site.id;
  const listing = await ok(
    await app.request('POST', '/listings', {
      siteId: site.id,
      direction: 'offer',
      kind: 'material',
      title: 'Flotation sludge from effluent treatment',
      quantity: { value: 900, unit: 't/yr' },
      confidentiality: 'anonymous',
      material: {
        wasteCodes: ['020204'],
        category: 'food-organic-residues',
        form: 'sludge',
        moisturePct: 85,
      },
    }),
    201,
  );
  ids.secretListing = listing.id;
  await ok(await app.request('POST', '/match-runs', {}), 202);
  await settleMatchRuns();
  analyst = await app.user({ name: 'County analyst', role: 'analyst' });
  facilitator = await app.user({ name: 'Regional facilitator', role: 'facilitator', regions: ['46'] });
}, 180_000);
afterAll(async () => {
  await app?.close();
});

describe('the demo region carried through the workflow', () => {
  const done: { id: string; kind: string; quantity: number }[] = [];

  it('when exchanges are implemented, then the network shows them realised and the potential ones beside them', async () => {
    const own = await ok(await app.request('GET', `/listings/${ids.secretListing}/suggestions?limit=50`));
    const fromSecret = own.items.find(
      (s: Json) => (s.allocatedQuantity ?? 0) > 0 && s.matchStatus !== 'withdrawn',
    ) as Json;
    expect(fromSecret, 'the anonymous sludge is matched to a feedstock need').toBeDefined();
    const queue = (await ok(await app.request('GET', '/review-queue?limit=100'))).items as Json[];
    const others = queue.filter(
      (q) => (q.suggestion.allocatedQuantity ?? 0) > 0 && q.id !== fromSecret.id && q.kind !== 'material',
    );
    const picks = [
      { id: fromSecret.id as string, kind: 'material', quantity: 600 },
      { id: others[0]!.id as string, kind: others[0]!.kind as string, quantity: 1500 },
    ];
    for (const p of picks) {
      await implement(p.id, p.quantity);
      done.push(p);
    }
    const rejected = queue.find((q) => !picks.some((p) => p.id === q.id) && q.kind === 'material')!;
    await step(rejected.id, 'rejected', { reason: { code: 'distance', text: 'too far for trucks' } });

    const net = await ok(await app.as(analyst).request('GET', '/network?region=4617&layout=true'));
    const realised = net.edges.filter((e: Json) => e.realised);
    expect(realised.map((e: Json) => e.id).sort()).toEqual(done.map((d) => d.id).sort());
    for (const d of done) {
      const edge = realised.find((e: Json) => e.id === d.id);
      expect(edge).toMatchObject({ state: 'implemented', quantity: d.quantity });
    }
    expect(net.edges.some((e: Json) => !e.realised)).toBe(true);
    expect(net.metrics.summary).toMatchObject({ edges: net.edges.length, nodes: net.nodes.length });
    expect(net.metrics.summary.realisedEdges).toBe(2);
    expect(net.metrics.realisedShare.byCount.realised).toBe(2);
    expect(net.metrics.components.count).toBeGreaterThan(0);
    expect(net.metrics.communities.count).toBeGreaterThan(0);
    expect(net.nodes.every((n: Json) => typeof n.x === 'number' && typeof n.y === 'number')).toBe(true);
    expect(net.layout).toMatchObject({ seed: 1 });

    // The same seed gives the same communities and layout.
    const again = await ok(await app.as(analyst).request('GET', '/network?region=4617&layout=true'));
    expect(again.nodes).toEqual(net.nodes);
  });

  it('when the analyst reads the indicators, then realised figures are the recorded quantities, CO2e is given under each factor set, and the funnel counts the steps', async () => {
    const ind = await ok(await app.as(analyst).request('GET', '/indicators?region=4617'));
    expect(ind.realised.activeSymbioses.value).toBe(2);
    // Every shipped set, the configured one (no-physical-2025) first.
    expect(ind.factorSets).toEqual([
      expect.stringMatching(/^no-physical-2025@/),
      expect.stringMatching(/^eu-mix-2025@/),
    ]);
    expect(ind.realised.co2eAvoidedT.map((f: Json) => f.factorSet)).toEqual(ind.factorSets);
    const material = done.find((d) => d.kind === 'material')!;
    expect(ind.realised.materialsT.value).toBeCloseTo(material.quantity, 6);
    const stages = Object.fromEntries(ind.funnel.stages.map((s: Json) => [s.stage, s.count]));
    expect(stages).toMatchObject({ 'under-review': 2, introduced: 2, agreed: 2, implemented: 2 });
    expect(ind.funnel.medianDaysToImplemented.suggestions).toBe(2);
    const tables = await app
      .as(analyst)
      .request('GET', '/exports/indicators?region=4617&table=co2e-by-factor-set');
    const rows = parseCsv(String(tables.body), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => Object.values(r)[0])).toEqual(ind.factorSets);
  });

  it('when the analyst asks for breakdowns, series and barriers, then each answers for the same scope', async () => {
    const byKind = await ok(
      await app.as(analyst).request('GET', '/indicators/breakdown?region=4617&by=kind'),
    );
    const kinds = byKind.groups.map((g: Json) => g.key);
    expect(kinds).toEqual([...kinds].sort());
    const realisedTotal = byKind.groups.reduce(
      (sum: number, g: Json) => sum + g.realised.activeSymbioses.value,
      0,
    );
    expect(realisedTotal).toBe(2);
    const bySection = await ok(
      await app.as(analyst).request('GET', '/indicators/breakdown?region=4617&by=industrySection'),
    );
    expect(bySection.groups.every((g: Json) => /^([A-U]|\(none\))$/.test(g.key))).toBe(true);

    const series = await ok(
      await app.as(analyst).request('GET', '/indicators/series?region=4617&interval=quarter'),
    );
    const implemented = series.buckets.reduce((sum: number, b: Json) => sum + b.counts.implemented, 0);
    expect(implemented).toBe(2);

    const barriers = await ok(
      await app.as(analyst).request('GET', '/indicators/barriers?region=4617&by=kind'),
    );
    expect(barriers.barriers.byReason).toEqual([
      expect.objectContaining({ reasonCode: 'distance', count: 1 }),
    ]);
    expect(barriers.groups).toEqual([expect.objectContaining({ key: 'material' })]);
    expect(barriers.examples).toHaveLength(1);
    expect(barriers.examples[0]).toMatchObject({ kind: 'material' });
    expect(barriers.examples[0].offered).toMatch(/^(LoW|category|material)/);
  });

  it('when the scope is a box or a circle, then only sites inside it count; a box and a circle together are refused', async () => {
    const box = await ok(await app.as(analyst).request('GET', '/network?bbox=5.5,59.8,6.1,60.1'));
    const region = await ok(await app.as(analyst).request('GET', '/network?region=4617'));
    expect(box.edges.length).toBeGreaterThan(0);
    const far = await ok(await app.as(analyst).request('GET', '/indicators?lat=69.65&lon=18.96&radiusKm=5'));
    expect(far.realised.activeSymbioses.value).toBe(0);
    expect(far.potential.suggestions.value).toBe(0);
    const near = await ok(
      await app
        .as(analyst)
        .request('GET', `/indicators?lat=${secret.site.lat}&lon=${secret.site.lon}&radiusKm=30`),
    );
    expect(near.realised.activeSymbioses.value).toBeGreaterThan(0);
    expect(region.edges.length).toBeGreaterThan(0);
    const both = await app.as(analyst).request('GET', '/network?bbox=5,59,6,60&lat=59.5&lon=5.5&radiusKm=10');
    expect(both.status).toBe(400);
    expect(both.body.error.details).toContainEqual(expect.objectContaining({ path: 'bbox' }));
    const inverted = await app.as(analyst).request('GET', '/indicators?bbox=6,60,5,59');
    expect(inverted.status).toBe(400);
    const unknown = await app.as(analyst).request('GET', '/indicators?region=9999');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details).toContainEqual(expect.objectContaining({ path: 'region' }));
  });
});

describe('exports parse back', () => {
  it('when the network is exported as GeoJSON, then it is valid RFC 7946 with a point per located node and a line per exchange', async () => {
    const net = await ok(await app.as(analyst).request('GET', '/network?region=4617'));
    const res = await app.as(analyst).request('GET', '/exports/network?region=4617&format=geojson');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/geo\+json/);
    expect(res.headers.get('content-disposition')).toMatch(
      /attachment; filename="symbiosis-network-4617\.geojson"/,
    );
    const doc = checkGeoJson(JSON.stringify(res.body)) as {
      features: { geometry: { type: string } | null }[];
    };
    const points = doc.features.filter((f) => f.geometry?.type === 'Point');
    const lines = doc.features.filter((f) => f.geometry?.type === 'LineString');
    expect(points.length).toBe(net.nodes.filter((n: Json) => n.lat !== undefined).length);
    expect(lines.length + res.body.skipped.edges).toBe(net.edges.length);
  });

  it('when it is exported as GraphML and GEXF, then graphology reads back the same nodes and exchanges', async () => {
    const net = await ok(await app.as(analyst).request('GET', '/network?region=4617'));
    const nodeIds = net.nodes.map((n: Json) => n.id).sort();
    const edgeIds = net.edges.map((e: Json) => e.id).sort();
    for (const format of ['graphml', 'gexf'] as const) {
      const res = await app.as(analyst).request('GET', `/exports/network?region=4617&format=${format}`);
      expect(res.status).toBe(200);
      const text = String(res.body);
      const graph =
        format === 'gexf' ? parseGexf(MultiDirectedGraph, text) : parseGraphml(MultiDirectedGraph, text);
      expect(graph.nodes().sort(), format).toEqual(nodeIds);
      expect(graph.edges().sort(), format).toEqual(edgeIds);
      for (const e of net.edges as Json[]) expect(graph.source(e.id)).toBe(e.source);
    }
  });

  it('when an indicator table or the edges are exported as CSV, then they parse back with one row per item', async () => {
    const net = await ok(await app.as(analyst).request('GET', '/network?region=4617'));
    const edges = await app.as(analyst).request('GET', '/exports/network?region=4617&format=csv&table=edges');
    expect(edges.headers.get('content-type')).toMatch(/text\/csv/);
    const rows = parseCsv(String(edges.body), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r['id']).sort()).toEqual(net.edges.map((e: Json) => e.id).sort());
    const funnel = await app.as(analyst).request('GET', '/exports/indicators?region=4617&table=funnel');
    const stages = parseCsv(String(funnel.body), { columns: true }) as Record<string, string>[];
    expect(stages.map((s) => s['stage'])).toEqual([
      'listings',
      'suggestions',
      'under-review',
      'introduced',
      'agreed',
      'implemented',
    ]);
    const missing = await app.as(analyst).request('GET', '/exports/indicators?region=4617&table=nope');
    expect(missing.status).toBe(400);
    expect(missing.body.error.details[0].message).toMatch(/realised/);
  });
});

describe('confidentiality', () => {
  it('when an analyst reads every indicator, network, export and the report, then nothing names the company behind an anonymous listing', async () => {
    const q = 'region=4617';
    const answers: string[] = [];
    for (const path of [
      `/indicators?${q}`,
      `/indicators/breakdown?${q}&by=municipality`,
      `/indicators/breakdown?${q}&by=industryDivision`,
      `/indicators/series?${q}`,
      `/indicators/barriers?${q}&by=industrySection`,
      `/network?${q}&layout=true`,
      `/network?${q}&nodes=site`,
      `/network`,
      `/exports/network?${q}&format=geojson`,
      `/exports/network?${q}&format=graphml`,
      `/exports/network?${q}&format=gexf`,
      `/exports/network?${q}&format=csv&table=nodes`,
      `/exports/network?${q}&format=csv&table=edges`,
      `/exports/indicators?${q}&table=realised`,
      `/exports/indicators?${q}&table=breakdown-by-industryDivision`,
      `/report?${q}`,
    ]) {
      const res = await app.as(analyst).request('GET', path);
      expect(res.status, path).toBe(200);
      answers.push(typeof res.body === 'string' ? res.body : JSON.stringify(res.body));
    }
    for (const [i, text] of answers.entries()) {
      for (const mark of secretMarks()) expect(text.includes(mark), `${mark} in answer ${i}`).toBe(false);
    }
    // Its exchange is there, from an anonymised node at the coarse grid point.
    const net = await ok(await app.as(analyst).request('GET', `/network?${q}`));
    const node = net.nodes.find((n: Json) => n.id === `anon-${ids.secretListing}`);
    expect(node).toMatchObject({ anonymised: true, lat: 59.9, lon: 5.8 });
    expect(node.label).toBeUndefined();
  });

  it('when a private listing is in an exchange, then analysts do not see it and facilitators of its region do', async () => {
    const privateOffer = await ok(
      await app.request('POST', '/listings', {
        siteId: ids.secretSite,
        direction: 'offer',
        kind: 'material',
        title: 'Fish silage, private',
        quantity: { value: 400, unit: 't/yr' },
        confidentiality: 'private',
        material: { wasteCodes: ['020202'], category: 'food-organic-residues', form: 'sludge' },
      }),
      201,
    );
    await ok(await app.request('POST', '/match-runs', {}), 202);
    await settleMatchRuns();
    const suggestions = await ok(
      await app.request('GET', `/listings/${privateOffer.id}/suggestions?limit=50`),
    );
    const allocated = suggestions.items
      .filter((s: Json) => (s.allocatedQuantity ?? 0) > 0)
      .map((s: Json) => s.id);
    expect(allocated.length).toBeGreaterThan(0);
    const seen = await ok(await app.as(analyst).request('GET', '/network?region=4617'));
    expect(seen.edges.filter((e: Json) => allocated.includes(e.id))).toEqual([]);
    expect(seen.hiddenExchanges).toBeGreaterThanOrEqual(allocated.length);
    const byFacilitator = await ok(await app.as(facilitator).request('GET', '/network?region=4617'));
    const shown = byFacilitator.edges.filter((e: Json) => allocated.includes(e.id));
    expect(shown.length).toBe(allocated.length);
    // In its own region the facilitator identifies the company.
    expect(byFacilitator.nodes.find((n: Json) => n.id === ids.secretCompany)).toMatchObject({
      label: secret.company.name,
    });
  });
});

describe('the report', () => {
  it('when an analyst asks for the demo region’s report, then one self-contained HTML file holds the indicators, funnel, map, network and opportunities', async () => {
    const res = await app.as(analyst).request('GET', '/report?region=4617&from=2026-01-01&to=2027-01-01');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const html = String(res.body);
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).not.toMatch(/<script\b/i);
    expect(html).not.toMatch(/\b(src|href)\s*=\s*["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/@import|url\(\s*["']?https?:/i);
    expect((html.match(/<svg\b/g) ?? []).length).toBeGreaterThanOrEqual(3);
    expect(html).toContain('Kvinnherad');
    for (const set of ['eu-mix-2025@', 'no-physical-2025@']) expect(html).toContain(set);
  });
});
