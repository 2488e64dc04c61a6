import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haversineKm } from '../../src/matching/distance.ts';
import { loadDemoIfEmpty } from '../../src/services/demo.ts';
import { startTestApp, type TestApp } from '../support/harness.ts';

let app: TestApp;
const FACILITATOR = {};

/** The id of a listing or company of the demo, by its ref. */
async function idOf(label: 'Listing' | 'Company', ref: string): Promise<string> {
  const r = await app.runtime.deps.store.read((tx) =>
    tx.run(`MATCH (n:${label} {ref: $ref}) RETURN n.id AS id`, { ref }),
  );
  return r.records[0]?.get('id') as string;
}

/** A business user acting for the company with this ref. */
async function businessOf(companyRef: string): Promise<string> {
  return app.user({
    name: `User of ${companyRef}`,
    role: 'business',
    companyIds: [await idOf('Company', companyRef)],
  });
}

beforeAll(async () => {
  app = await startTestApp();
  await loadDemoIfEmpty(app.runtime.deps);
});
afterAll(async () => {
  await app?.close();
});

interface SuggestionBody {
  allocatedQuantity: number;
  offerUse: number;
  offer: { id: string; canonicalQuantity: { value: number } };
  need: { id: string; canonicalQuantity: { value: number } };
}

/** Starts a run with `body`, then reads all its suggestions (at most 500), which must be all of them. */
async function runAndRead(body: object) {
  const res = await app.request('POST', '/match-runs', body);
  expect(res.status).toBe(201);
  const ofRun = await app.request(
    'GET',
    `/suggestions?runId=${res.body.id}&limit=500&count=true`,
    undefined,
    FACILITATOR,
  );
  expect(ofRun.body.total).toBe(res.body.candidates);
  return { run: res.body, items: ofRun.body.items };
}

async function suggestionCount(): Promise<number> {
  const r = await app.runtime.deps.store.read((tx) => tx.run('MATCH (s:Suggestion) RETURN count(s) AS n'));
  return r.records[0]?.get('n') as number;
}

describe('match runs over the demo region', () => {
  let runId: string;
  let allocatedPairs: number;

  it('when a full run is started, then it is stored with its versions and produces allocated suggestions', async () => {
    const res = await app.request('POST', '/match-runs', {});
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'finished',
      engineVersion: expect.any(String),
      configVersion: '1',
    });
    expect(res.body.factorSet).toMatch(/^no-physical-2025@/);
    expect(res.body.candidates).toBeGreaterThan(50);
    expect(res.body.allocated).toBeGreaterThan(0);
    runId = res.body.id;
    allocatedPairs = res.body.allocated;
    const read = await app.request('GET', `/match-runs/${runId}`);
    expect(read.body).toEqual(res.body);
  });

  it('when the run is repeated on unchanged data, then the same suggestions come back without duplicates', async () => {
    const before = await app.request('GET', `/suggestions?limit=500&count=true`, undefined, FACILITATOR);
    const countBefore = await suggestionCount();
    const again = await app.request('POST', '/match-runs', {});
    expect(again.body.candidates).toBe(before.body.total);
    expect(await suggestionCount()).toBe(countBefore);
    const after = await app.request('GET', `/suggestions?limit=500`, undefined, FACILITATOR);
    const key = (s: { id: string; score: number; allocatedQuantity: number }) =>
      `${s.id}:${s.score}:${s.allocatedQuantity}`;
    expect(after.body.items.map(key)).toEqual(before.body.items.map(key));
  });

  it('when suggestions are read, then each explains its score with weighted terms and an impact', async () => {
    const res = await app.request('GET', '/suggestions?kind=energy&limit=5', undefined, FACILITATOR);
    expect(res.body.items.length).toBeGreaterThan(0);
    for (const s of res.body.items) {
      const sum = s.terms.reduce(
        (acc: number, t: { weight: number; value: number }) => acc + t.weight * t.value,
        0,
      );
      expect(s.score).toBeCloseTo(sum, 6);
      for (const t of s.terms) expect(t.reason.length).toBeGreaterThan(10);
      expect(s.impact.factorSet).toMatch(/no-physical-2025/);
      expect(typeof s.impact.co2eAvoidedT).toBe('number');
    }
  });

  it('when filtering by minimum score and impact, then only those suggestions are listed', async () => {
    const res = await app.request(
      'GET',
      '/suggestions?minScore=0.7&minCo2eT=10&limit=500',
      undefined,
      FACILITATOR,
    );
    for (const s of res.body.items) {
      expect(s.score).toBeGreaterThanOrEqual(0.7);
      expect(s.co2eAvoidedT).toBeGreaterThanOrEqual(10);
    }
  });

  it('when the allocation is read, then no offer or need is promised more than it has', async () => {
    const items: SuggestionBody[] = [];
    for (let offset = 0; ; offset += 500) {
      const page = await app.request(
        'GET',
        `/suggestions?runId=${runId}&limit=500&offset=${offset}`,
        undefined,
        FACILITATOR,
      );
      items.push(...page.body.items);
      if (!page.body.hasMore) break;
    }
    // The run's allocated pairs are exactly the suggestions with a quantity (the writer stores
    // suggestions while the allocation is solved, then sets the allocated quantities).
    expect(items.filter((s) => s.allocatedQuantity > 0)).toHaveLength(allocatedPairs);
    const used = new Map<string, number>();
    for (const s of items) {
      const offerKey = `offer:${s.offer.id}`;
      const needKey = `need:${s.need.id}`;
      used.set(offerKey, (used.get(offerKey) ?? 0) + s.allocatedQuantity * s.offerUse);
      used.set(needKey, (used.get(needKey) ?? 0) + s.allocatedQuantity);
      const limits = {
        [offerKey]: s.offer.canonicalQuantity.value,
        [needKey]: s.need.canonicalQuantity.value,
      };
      for (const [k, limit] of Object.entries(limits))
        expect(used.get(k)!).toBeLessThanOrEqual(limit * (1 + 1e-6));
    }
  });
});

describe('confidentiality in suggestions', () => {
  it('when a counterpart business reads suggestions, then an anonymous listing shows no company or site', async () => {
    const anonymousOffer = await idOf('Listing', 'alu-spl');
    const ofOffer = await app.request('GET', `/listings/${anonymousOffer}/suggestions?limit=50`);
    const need = ofOffer.body.items[0].need;
    const counterpart = await app.user({
      name: 'Counterpart',
      role: 'business',
      companyIds: [need.companyId],
    });
    const res = await app.as(counterpart).request('GET', '/suggestions?limit=500');
    const anon = res.body.items.filter((s: { offer: { id: string } }) => s.offer.id === anonymousOffer);
    expect(anon.length).toBeGreaterThan(0);
    for (const s of anon) {
      expect(JSON.stringify(s.offer)).not.toContain(await idOf('Company', 'storvik-aluminium'));
      expect(JSON.stringify(s.offer)).not.toContain('storvik-alu-verk');
      expect(s.offer.companyId).toBeUndefined();
      expect(s.offer.siteId).toBeUndefined();
      expect(s.offer.anonymised).toBe(true);
    }
  });

  it('when a business reads suggestions, then private listings are absent; a facilitator sees them', async () => {
    const privateOffer = await idOf('Listing', 'ren-apc');
    const ofOffer = await app.request('GET', `/listings/${privateOffer}/suggestions?limit=50`);
    expect(ofOffer.body.items.length).toBeGreaterThan(0);
    const counterpart = await app.user({
      name: 'Counterpart',
      role: 'business',
      companyIds: [ofOffer.body.items[0].need.companyId],
    });
    const business = await app.as(counterpart).request('GET', '/suggestions?limit=500');
    expect(business.status).toBe(200);
    expect(JSON.stringify(business.body)).not.toContain(privateOffer);
    const facilitator = await app
      .as(await app.user({ name: 'Facilitator', role: 'facilitator', regions: ['4617'] }))
      .request('GET', '/suggestions?limit=500');
    expect(JSON.stringify(facilitator.body)).toContain(privateOffer);
  });

  it('when a business asks for a private listing or its suggestions, then it is not found', async () => {
    const privateOffer = await idOf('Listing', 'ren-apc');
    const other = app.as(await app.user({ name: 'Someone else', role: 'business' }));
    expect((await other.request('GET', `/listings/${privateOffer}`)).status).toBe(404);
    expect((await other.request('GET', `/listings/${privateOffer}/suggestions`)).status).toBe(404);
    expect((await app.request('GET', `/listings/${privateOffer}`)).status).toBe(200);
  });
});

describe('incremental matching', () => {
  it('when a listing changes, then the pairs its counterparts ranked high stay active, re-scored', async () => {
    const r = await app.runtime.deps.store.read((tx) =>
      tx.run("MATCH (s:Suggestion {status: 'active'}) RETURN s.offerId AS offer, s.needId AS need"),
    );
    const byListing = new Map<string, Set<string>>();
    for (const rec of r.records) {
      const pair = `${rec.get('offer')}|${rec.get('need')}`;
      for (const id of [rec.get('offer') as string, rec.get('need') as string]) {
        byListing.set(id, (byListing.get(id) ?? new Set()).add(pair));
      }
    }
    // With K = 10 a listing with more than 10 active pairs holds some only for its counterparts' sake.
    const [id, before] = [...byListing].sort((a, b) => b[1].size - a[1].size)[0]!;
    expect(before.size).toBeGreaterThan(10);
    const res = await app.request(
      'PATCH',
      `/listings/${id}`,
      { description: 'Updated by the owner: same material, same quantity.' },
      FACILITATOR,
    );
    expect(res.status).toBe(200);
    const after = await app.runtime.deps.store.read((tx) =>
      tx.run(
        "MATCH (:Listing {id: $id})<-[:OFFERS|SERVES]-(s:Suggestion {status: 'active'}) RETURN s.offerId AS offer, s.needId AS need, s.source AS source",
        { id },
      ),
    );
    expect(new Set(after.records.map((rec) => `${rec.get('offer')}|${rec.get('need')}`))).toEqual(before);
    expect(after.records.every((rec) => rec.get('source') === 'incremental')).toBe(true);
  });

  it('when a business creates a need, then the response carries its suggestions at once', async () => {
    const sites = await app.request('GET', `/companies/${await idOf('Company', 'storvik-fjernvarme')}/sites`);
    const siteId = sites.body.items?.[0]?.id;
    expect(siteId).toBeDefined();
    const res = await app.request('POST', '/listings', {
      siteId,
      direction: 'need',
      kind: 'material',
      title: 'Clean wood chips for a new boiler',
      quantity: { value: 4000, unit: 't/yr' },
      material: { wasteCodes: ['0301'], category: 'solid-biofuel' },
    });
    expect(res.status).toBe(201);
    expect(res.body.suggestions.length).toBeGreaterThan(0);
    for (const s of res.body.suggestions) expect(s.need.id).toBe(res.body.id);
    const read = await app.request('GET', `/listings/${res.body.id}/suggestions`);
    expect(read.body.items.map((s: { id: string }) => s.id)).toEqual(
      res.body.suggestions.map((s: { id: string }) => s.id),
    );
  });
});

describe('scoped runs and filters', () => {
  it('when a run is scoped to one kind, then only that kind is matched and other suggestions stay active', async () => {
    const before = await app.request(
      'GET',
      '/suggestions?kind=material&limit=1&count=true',
      undefined,
      FACILITATOR,
    );
    const { items } = await runAndRead({ scope: { kind: 'energy' } });
    for (const s of items) expect(s.kind).toBe('energy');
    const after = await app.request(
      'GET',
      '/suggestions?kind=material&limit=1&count=true',
      undefined,
      FACILITATOR,
    );
    expect(after.body.total).toBe(before.body.total);
  });

  it('when suggestions are filtered by a radius, then one of the two sites lies within it', async () => {
    const all = await app.request('GET', '/suggestions?limit=1&count=true', undefined, FACILITATOR);
    const { lat, lon } = all.body.items[0].need;
    const res = await app.request(
      'GET',
      `/suggestions?lat=${lat}&lon=${lon}&radiusKm=2&limit=500&count=true`,
      undefined,
      FACILITATOR,
    );
    expect(res.body.total).toBeGreaterThan(0);
    expect(res.body.total).toBeLessThanOrEqual(all.body.total);
  });

  it('when a company asks for its suggestions, then each involves one of its listings', async () => {
    const companyId = await idOf('Company', 'storvik-fjernvarme');
    const res = await app
      .as(await businessOf('storvik-fjernvarme'))
      .request('GET', `/companies/${companyId}/suggestions`);
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    for (const s of res.body.items) expect([s.offer.companyId, s.need.companyId]).toContain(companyId);
  });

  it('when the European-mix factor set is chosen, then the run records it and heat pumps cost more CO2e', async () => {
    type S = {
      id: string;
      route: { type: string };
      impact: { factorSet: string; co2eBreakdown: { electricityT: number } };
    };
    const physical = await app.request('GET', '/suggestions?kind=energy&limit=500', undefined, FACILITATOR);
    const electricity = new Map<string, number>(
      (physical.body.items as S[]).map((s) => [s.id, s.impact.co2eBreakdown.electricityT]),
    );
    const { run, items } = await runAndRead({ scope: { kind: 'energy' }, factorSet: 'eu-mix-2025' });
    expect(run.factorSet).toMatch(/^eu-mix-2025@/);
    const heatPumps = (items as S[]).filter((s) => s.route.type === 'heat-pump');
    expect(heatPumps.length).toBeGreaterThan(0);
    for (const s of items as S[]) expect(s.impact.factorSet).toBe('eu-mix-2025');
    for (const s of heatPumps)
      expect(s.impact.co2eBreakdown.electricityT).toBeGreaterThan(electricity.get(s.id)!);
  });
  it('when runs are scoped to municipalities, then each loads the listings of its own sites only', async () => {
    const run = async (scope: object) => {
      const res = await app.request('POST', '/match-runs', { scope });
      expect(res.status).toBe(201);
      return res.body as { listings: number; candidates: number };
    };
    const kvernfjord = await run({ municipality: 'Kvernfjord' });
    const aalborg = await run({ municipality: 'Aalborg' });
    const whole = await run({});
    expect(aalborg.listings).toBeGreaterThan(0);
    expect(kvernfjord.listings).toBeGreaterThan(aalborg.listings);
    expect(kvernfjord.listings + aalborg.listings).toBe(whole.listings);
    expect(await run({ municipality: 'Atlantis' })).toMatchObject({ listings: 0, candidates: 0 });
  });

  it('when a run is scoped to a circle, then both listings of each of its suggestions lie inside it', async () => {
    const all = await app.request('GET', '/suggestions?kind=energy&limit=1', undefined, FACILITATOR);
    const { lat, lon } = all.body.items[0].need;
    const radiusKm = 3;
    const { run, items } = await runAndRead({ scope: { lat, lon, radiusKm } });
    expect(run.candidates).toBeGreaterThan(0);
    for (const s of items) {
      for (const side of [s.offer, s.need]) {
        expect(haversineKm(lat, lon, side.lat, side.lon)).toBeLessThanOrEqual(radiusKm);
      }
    }
  });
});
