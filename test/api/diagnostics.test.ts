/**
 * GET /listings/{id}/diagnostics on a small hand-made region in Bergen: a 120 °C (pressurised)
 * hot-water need and four heat sources that each miss it in their own way, one of them anonymous
 * and one private.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/harness.ts';

let app: TestApp;
const token = { owner: '', supplier: '', facilitator: '' };
const ids: Record<string, string> = {};

/** `km` north of the need's site: along a meridian about 111.2 km per degree. */
const north = (km: number) => ({ lat: 60.39 + km / 111.2, lon: 5.32 });

const company = (ref: string, orgNumber: string, km: number) => ({
  ref,
  name: `${ref} AS`,
  orgNumber,
  country: 'NO',
  industry: '35.30',
  sites: [{ ref: `${ref}-site`, name: `${ref} site`, ...north(km) }],
});

const heat = (ref: string, direction: 'offer' | 'need', temperature: number, extra: object = {}) => ({
  ref,
  site: `${ref.split('.')[0]}-site`,
  direction,
  kind: 'energy',
  title: `${ref} heat`,
  quantity: { value: 5000, unit: 'MWh/yr' },
  energy: { carrier: 'hot-water', supplyTemperatureC: temperature },
  ...extra,
});

const REGION = {
  companies: [
    company('greenhouse', '912345602', 0),
    company('cold-plant', '912345610', 1),
    company('far-plant', '912345629', 15),
    company('quiet-plant', '912345637', 12),
    company('secret-plant', '912345645', 2),
  ],
  listings: [
    // The need: 120 °C pressurised hot water for a factory's process.
    heat('greenhouse.need', 'need', 120, { quantity: { value: 2000, unit: 'MWh/yr' } }),
    // 20 °C cooling water next door: a heat pump would lift 20 → 120 °C by 120 K, beyond its reach.
    {
      ...heat('cold-plant.offer', 'offer', 20),
      energy: { carrier: 'cooling-water', supplyTemperatureC: 20 },
    },
    // Hot enough, but 15 km away where hot water reaches 10 km.
    heat('far-plant.offer', 'offer', 130),
    // Hot enough, 12 km away, anonymous.
    heat('quiet-plant.offer', 'offer', 130, { confidentiality: 'anonymous' }),
    // Hot enough and 2 km away, private: its business never sees it.
    heat('secret-plant.offer', 'offer', 130, { confidentiality: 'private' }),
  ],
};

async function idOf(ref: string): Promise<string> {
  const r = await app.runtime.deps.store.read((tx) =>
    tx.run('MATCH (n {ref: $ref}) WHERE n:Listing OR n:Company RETURN n.id AS id', { ref }),
  );
  return r.records[0]!.get('id') as string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  app = await startTestApp();
  const imported = await app.request('POST', '/imports', REGION);
  expect(imported.status, JSON.stringify(imported.body)).toBe(200);
  for (const ref of ['greenhouse', 'cold-plant', 'greenhouse.need', 'cold-plant.offer', 'far-plant.offer'])
    ids[ref] = await idOf(ref);
  ids['secret-plant.offer'] = await idOf('secret-plant.offer');
  const run = await app.request('POST', '/match-runs', {});
  expect(run.status).toBe(202);
  for (let i = 0; i < 600; i++) {
    const r = await app.request('GET', `/match-runs/${run.body.id}`);
    if (r.body.status === 'failed' || r.body.phase === 'done') break;
    await sleep(50);
  }
  token.owner = await app.user({ name: 'Greenhouse', role: 'business', companyIds: [ids['greenhouse']!] });
  token.supplier = await app.user({ name: 'Cold plant', role: 'business', companyIds: [ids['cold-plant']!] });
  token.facilitator = await app.user({ name: 'Bergen', role: 'facilitator', regions: ['46'] });
});
afterAll(async () => {
  await app?.close();
});

interface Rule {
  code: string;
  effect: string;
  reason: string;
}
interface Counterpart {
  counterpart: { id: string; companyId?: string; ref?: string; anonymised: boolean };
  status: string;
  score: number | null;
  distanceKm: number;
  rules: Rule[];
}

const diagnostics = (as: string, query = '') =>
  app.as(as).request('GET', `/listings/${ids['greenhouse.need']}/diagnostics${query}`);
const of = (body: { closest: Counterpart[] }, id: string) =>
  body.closest.find((c) => c.counterpart.id === id);

describe('GET /listings/{id}/diagnostics', () => {
  it('when the business asks why its need has no suggestion, then the near misses come with the rule that blocks each', async () => {
    // Nothing it may see serves the need.
    const suggestions = await app
      .as(token.owner)
      .request('GET', `/listings/${ids['greenhouse.need']}/suggestions`);
    expect(suggestions.body.items).toEqual([]);

    const res = await diagnostics(token.owner);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      listingId: ids['greenhouse.need'],
      searchedKm: 30,
      counterparts: 3,
      compatible: 0,
      blockedBy: { 'temperature-lift': 1, distance: 2 },
    });
    const cold = of(res.body, ids['cold-plant.offer']!)!;
    expect(cold.status).toBe('blocked');
    expect(cold.rules).toEqual([
      {
        code: 'temperature-lift',
        effect: 'blocks',
        reason: expect.stringMatching(
          /^a heat pump cannot lift cooling-water at 20 °C to the 120 °C need: lift [\d.]+ K exceeds \d+ K/,
        ),
      },
    ]);
    const far = of(res.body, ids['far-plant.offer']!)!;
    expect(far.rules[0]).toMatchObject({ code: 'distance', effect: 'blocks' });
    expect(far.rules[0]!.reason).toMatch(/^15 km apart, beyond the 10 km limit$/);
    expect(far.score).toBeGreaterThan(0);
  });

  it('when a counterpart is anonymous, then it is shown without company, site or ref, its distance from the rounded location', async () => {
    const res = await diagnostics(token.owner);
    const quiet = res.body.closest.find((c: Counterpart) => c.counterpart.anonymised) as Counterpart;
    expect(quiet).toBeDefined();
    expect(quiet.counterpart).not.toHaveProperty('companyId');
    expect(quiet.counterpart).not.toHaveProperty('ref');
    expect(quiet.counterpart).not.toHaveProperty('siteId');
    expect(quiet.rules[0]!.code).toBe('distance');
    expect(quiet.rules[0]!.reason).toContain('measured from an anonymised location');
  });

  it('when a counterpart is private, then the business neither sees nor counts it, and an admin sees it suggested', async () => {
    const res = await diagnostics(token.owner);
    expect(of(res.body, ids['secret-plant.offer']!)).toBeUndefined();
    const admin = await diagnostics(app.adminToken);
    expect(admin.body.counterparts).toBe(4);
    expect(admin.body.compatible).toBe(1);
    const secret = of(admin.body, ids['secret-plant.offer']!)!;
    expect(secret.status).toBe('suggested');
    expect(secret.counterpart.anonymised).toBe(false);
    // Suggested and still not perfect: what lowers it is named.
    expect(secret.rules.every((r) => r.effect === 'lowers')).toBe(true);
  });

  it('when a facilitator of the region asks, then it gets the diagnosis; the limit cuts the list', async () => {
    const res = await diagnostics(token.facilitator, '?limit=2');
    expect(res.status).toBe(200);
    expect(res.body.closest).toHaveLength(2);
  });

  it('when another business or a bad limit asks, then 403 and 400', async () => {
    expect((await diagnostics(token.supplier)).status).toBe(403);
    const bad = await diagnostics(token.owner, '?limit=0');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('limit');
  });
});
