/**
 * Chains through processors over HTTP against Neo4j (decision 0016): in the demo region a match
 * run suggests the municipal food waste of Kvernfjord Renovasjon → Storvik Biogass (feedstock in,
 * digestate out) → Hagen Gard's fertiliser need, a chain that is no direct pair, with its links,
 * quantity, distance, impact and each link's explanation. It is carried through the review
 * workflow like a pair, with all three businesses answering; a business outside the chain can
 * neither see nor answer it, and a re-run that finds it again leaves its review alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoIfEmpty } from '../../src/services/demo.ts';
import { settleMatchRuns } from '../../src/services/match-runs.ts';
import { startTestApp, type TestApp } from '../support/harness.ts';

let app: TestApp;
const t = { supplier: '', processor: '', farm: '', bystander: '', fac: '' };
const ids = { suggestion: '', foodWaste: '', feedstock: '', digestate: '', fertiliser: '' };

interface Link {
  offerId: string;
  needId: string;
  distanceKm: number;
  quantity: number;
  maxQuantity: number;
  terms: { name: string; reason: string }[];
  impact: { tonnesDiverted?: number };
}
interface ChainSuggestion {
  id: string;
  score: number;
  distanceKm: number;
  maxQuantity: number;
  route: { type: string };
  impact: { tonnesDiverted?: number; co2eBreakdown: { transportT: number | null } };
  chain?: { processorNeedId: string; processorOfferId: string; yield: number; links: Link[] };
  offer: { id: string };
  need: { id: string };
  processor?: { need: { id: string }; offer: { id: string } };
}

async function ok(res: { status: number; body: unknown }, status = 200) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body as Record<string, unknown>;
}

async function idOf(label: string, ref: string): Promise<string> {
  const r = await app.runtime.deps.store.read((tx) =>
    tx.run(`MATCH (n:${label} {ref: $ref}) RETURN n.id AS id`, { ref }),
  );
  return r.records[0]!.get('id') as string;
}

async function runAll(): Promise<Record<string, unknown>> {
  const started = await ok(await app.request('POST', '/match-runs', {}), 202);
  await settleMatchRuns();
  const run = await ok(await app.request('GET', `/match-runs/${started['id']}`));
  expect(run['status']).toBe('finished');
  return run;
}

const review = async (token: string) =>
  ok(await app.as(token).request('GET', `/suggestions/${ids.suggestion}`));

async function move(to: string, extra: Record<string, unknown> = {}) {
  const current = await review(t.fac);
  return ok(
    await app.as(t.fac).request('POST', `/suggestions/${ids.suggestion}/transitions`, {
      to,
      version: current['version'],
      ...extra,
    }),
  );
}

const answer = (token: string, body: Record<string, unknown> = { answer: 'interested' }) =>
  app.as(token).request('POST', `/suggestions/${ids.suggestion}/responses`, body);

beforeAll(async () => {
  app = await startTestApp();
  await loadDemoIfEmpty(app.runtime.deps);
  const business = async (name: string, ref: string) =>
    app.user({ name, role: 'business', companyIds: [await idOf('Company', ref)] });
  t.supplier = await business('Renovasjon', 'kvernfjord-renovasjon');
  t.processor = await business('Biogass', 'storvik-biogass');
  t.farm = await business('Hagen', 'hagen-gard');
  t.bystander = await business('Smelter', 'storvik-aluminium');
  // Kvernfjord, the demo municipality.
  t.fac = await app.user({ name: 'Kvernfjord facilitator', role: 'facilitator', regions: ['4617'] });
  for (const [key, ref] of [
    ['foodWaste', 'ren-foodwaste'],
    ['feedstock', 'bio-need-feedstock'],
    ['digestate', 'bio-digestate'],
    ['fertiliser', 'hagen-need-fert'],
  ] as const)
    ids[key] = await idOf('Listing', ref);
});
afterAll(async () => {
  await app?.close();
});

describe('a chain through a processor, from the demo region to a running exchange', () => {
  it('when a run matches the demo region, then food waste → biogas plant → farm is suggested with its links, and no direct pair joins them', async () => {
    const run = await runAll();
    expect(run['chains']).toBeGreaterThan(0);
    // The processor's digestate lists the chains it carries.
    const listed = await ok(
      await app.as(t.fac).request('GET', `/listings/${ids.digestate}/suggestions?limit=500`),
    );
    const items = listed['items'] as ChainSuggestion[];
    const chain = items.find(
      (s) => s.route.type === 'chain' && s.offer.id === ids.foodWaste && s.need.id === ids.fertiliser,
    );
    expect(chain, JSON.stringify(items.map((s) => [s.route.type, s.offer.id, s.need.id]))).toBeDefined();
    ids.suggestion = chain!.id;
    expect(chain!.processor).toMatchObject({ need: { id: ids.feedstock }, offer: { id: ids.digestate } });
    const links = chain!.chain!.links;
    expect(links.map((l) => [l.offerId, l.needId])).toEqual([
      [ids.foodWaste, ids.feedstock],
      [ids.digestate, ids.fertiliser],
    ]);
    expect(chain!.distanceKm).toBeCloseTo(links[0]!.distanceKm + links[1]!.distanceKm, 9);
    // Storvik Biogass gives 38,000 t of digestate per 45,000 t it takes.
    expect(chain!.chain!.yield).toBeCloseTo(38_000 / 45_000, 9);
    expect(chain!.maxQuantity).toBeCloseTo(links[1]!.quantity, 9);
    expect(links[1]!.quantity).toBeCloseTo(links[0]!.quantity * chain!.chain!.yield, 6);
    for (const l of links) {
      expect(l.quantity).toBeLessThanOrEqual(l.maxQuantity + 1e-9);
      expect(l.terms.map((term) => term.name)).toContain('resource');
      expect(l.terms.every((term) => term.reason.length > 0)).toBe(true);
    }
    // Tonnes diverted are the food waste's, not the digestate's as well.
    expect(chain!.impact.tonnesDiverted).toBeCloseTo(links[0]!.impact.tonnesDiverted!, 6);
    expect(chain!.score).toBeCloseTo(
      (chain!.chain as unknown as { links: { score: number }[] }).links.reduce((p, l) => p * l.score, 1),
      9,
    );

    // The food waste serves the farm through the plant only: no pair joins them.
    const ofWaste = await ok(
      await app.as(t.fac).request('GET', `/listings/${ids.foodWaste}/suggestions?limit=500`),
    );
    const direct = (ofWaste['items'] as ChainSuggestion[]).filter(
      (s) => s.route.type !== 'chain' && s.need.id === ids.fertiliser,
    );
    expect(direct).toEqual([]);
  });

  it('when each business of the chain reads it, then it answers for its own side; a business outside it gets 404', async () => {
    expect(await review(t.supplier)).toMatchObject({ state: 'suggested', yourSides: ['offer'] });
    expect(await review(t.processor)).toMatchObject({ yourSides: ['processor'] });
    expect(await review(t.farm)).toMatchObject({ yourSides: ['need'] });
    expect((await app.as(t.bystander).request('GET', `/suggestions/${ids.suggestion}`)).status).toBe(404);
    // The processor finds it among its suggestions; the bystander does not.
    const mine = await ok(await app.as(t.processor).request('GET', '/suggestions?limit=500'));
    expect((mine['items'] as { id: string }[]).map((s) => s.id)).toContain(ids.suggestion);
    const theirs = await ok(await app.as(t.bystander).request('GET', '/suggestions?limit=500'));
    expect((theirs['items'] as { id: string }[]).map((s) => s.id)).not.toContain(ids.suggestion);
  });

  it('when a business outside the chain answers it, or one of its businesses answers for another side, then it is refused and nothing is recorded', async () => {
    const before = await review(t.supplier);
    expect((await answer(t.bystander)).status).toBe(404);
    // The processor may answer for its own side only: not for the supplier's, nor the farm's.
    for (const side of ['offer', 'need']) {
      const refused = await answer(t.processor, { answer: 'interested', side });
      expect(refused.status, JSON.stringify(refused.body)).toBeGreaterThanOrEqual(400);
      expect(refused.status).toBeLessThan(500);
    }
    const farmAsProcessor = await answer(t.farm, { answer: 'not-interested', side: 'processor' });
    expect(farmAsProcessor.status).toBeGreaterThanOrEqual(400);
    expect(farmAsProcessor.status).toBeLessThan(500);
    const after = await review(t.supplier);
    expect(after.version).toBe(before.version);
    expect(after.state).toBe('suggested');
  });

  it('when the facilitator introduces it and all three businesses are interested, then it is revealed to each and negotiated', async () => {
    expect(await move('under-review')).toMatchObject({ state: 'under-review' });
    expect(await move('introduced')).toMatchObject({ state: 'introduced' });
    const feed = await ok(await app.as(t.processor).request('GET', '/feed'));
    expect((feed['awaiting'] as { id: string }[]).map((s) => s.id)).toContain(ids.suggestion);

    // A bystander may not answer it, nor claim the processor's side.
    expect((await answer(t.bystander)).status).toBe(404);
    expect((await answer(t.supplier, { answer: 'interested', side: 'processor' })).status).toBe(403);

    await ok(await answer(t.supplier));
    await ok(await answer(t.processor));
    const two = await review(t.farm);
    expect(two).toMatchObject({
      state: 'introduced',
      revealed: false,
      interest: { offer: 'interested', need: null, processor: 'interested' },
    });
    const all = await ok(await answer(t.farm));
    expect(all).toMatchObject({ state: 'negotiating', revealed: true });
    const parties = (await review(t.supplier))['parties'] as Record<string, { name: string } | null>;
    expect(parties['processor']?.name).toBe('Storvik Biogass AS');
    expect(parties['need']?.name).toBe('Hagen Gard');
    const events = await ok(
      await app.as(t.processor).request('GET', `/suggestions/${ids.suggestion}/events`),
    );
    expect((events['items'] as { type: string }[]).map((e) => e.type)).toContain('reveal');
  });

  it('when agreed and implemented, then a re-run that finds the chain again leaves it implemented', async () => {
    await move('agreed');
    const outcome = { quantityPerYear: 2000, quantityBasis: 'estimated', startDate: '2027-03-01' };
    const done = await move('implemented', { outcome });
    expect(done).toMatchObject({ state: 'implemented', outcome });
    const run = await runAll();
    expect(run['chains']).toBeGreaterThan(0);
    expect(await review(t.fac)).toMatchObject({
      state: 'implemented',
      version: done['version'],
      matchStatus: 'active',
    });
    // The processor still sees it, the bystander still does not.
    expect((await app.as(t.processor).request('GET', `/suggestions/${ids.suggestion}`)).status).toBe(200);
    expect((await app.as(t.bystander).request('GET', `/suggestions/${ids.suggestion}`)).status).toBe(404);
  });

  it('when a link of a chain goes, then the incremental refresh leaves the chain to the next run, which withdraws it', async () => {
    const co2Need = await idOf('Listing', 'gart-need-co2');
    const co2Offer = await idOf('Listing', 'bio-co2');
    const chainsInto = async () =>
      (
        (await ok(await app.as(t.fac).request('GET', `/listings/${co2Need}/suggestions?limit=500`)))[
          'items'
        ] as ChainSuggestion[]
      ).filter((s) => s.route.type === 'chain');
    const before = await chainsInto();
    expect(before.length).toBeGreaterThan(0);
    expect(before.every((s) => s.chain!.processorOfferId === co2Offer)).toBe(true);
    // The greenhouse takes CO2 from within 1 km only: the biogas plant is farther.
    await ok(await app.request('PATCH', `/listings/${co2Need}`, { maxDistanceKm: 1 }));
    expect((await chainsInto()).map((s) => s.id)).toEqual(before.map((s) => s.id));
    const run = await runAll();
    expect(run['withdrawn']).toBeGreaterThanOrEqual(before.length);
    expect(await chainsInto()).toEqual([]);
    const gone = await ok(await app.as(t.fac).request('GET', `/suggestions/${before[0]!.id}`));
    expect(gone).toMatchObject({ matchStatus: 'withdrawn', state: 'withdrawn' });
  });
});
