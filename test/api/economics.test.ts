/**
 * Economics on a suggestion (issue 13): a listing that states what it pays today shows the saving
 * on its suggestions, stored with the pair and read back, beside the route and transport cost.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/harness.ts';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

async function siteOf(name: string, orgNumber: string, at: { lat: number; lon: number }): Promise<string> {
  const c = await app.request('POST', '/companies', { name, orgNumber, industry: '23.510' });
  expect(c.status).toBe(201);
  const s = await app.request('POST', `/companies/${c.body.id}/sites`, { name: `${name} site`, ...at });
  expect(s.status).toBe(201);
  return s.body.id as string;
}

describe('economics of a suggestion', () => {
  it('when a need states its current cost, then its suggestion shows the saving, the route and the transport cost, also when read again', async () => {
    // Hamar to Lillehammer, about 49 km apart over land.
    const offerSite = await siteOf('Hedmark Gips AS', '100000016', { lat: 60.79, lon: 11.07 });
    const needSite = await siteOf('Mjøs Plater AS', '100000024', { lat: 61.115, lon: 10.466 });
    const offer = await app.request('POST', '/listings', {
      siteId: offerSite,
      direction: 'offer',
      kind: 'material',
      title: 'FGD gypsum',
      quantity: { value: 2000, unit: 't/yr' },
      maxDistanceKm: 100,
      material: { wasteCodes: ['100105'], form: 'powder' },
    });
    expect(offer.status).toBe(201);
    const need = await app.request('POST', '/listings', {
      siteId: needSite,
      direction: 'need',
      kind: 'material',
      title: 'Gypsum for plasterboard',
      quantity: { value: 1000, unit: 't/yr' },
      currentCost: { nokPerUnit: 600 },
      material: { wasteCodes: ['100105'], form: 'powder' },
    });
    expect(need.status).toBe(201);
    expect(need.body.currentCost).toEqual({ nokPerUnit: 600 });
    const suggestion = need.body.suggestions.find(
      (s: { offer: { id: string } }) => s.offer.id === offer.body.id,
    );
    expect(suggestion).toBeDefined();
    const e = suggestion.economics;
    expect(e).toMatchObject({ costSet: 'costs-no-2025@2025.1', mode: 'truck', crossesOpenWater: false });
    expect(e.routeKm).toBeCloseTo(e.straightKm * e.detourFactor, 6);
    // 1,000 t × route km × 1.5 NOK/tkm; the need no longer buys 1,000 t at 600 NOK.
    expect(e.transportCostNokPerYear).toBeCloseTo(1000 * e.routeKm * 1.5, 3);
    expect(e.saving.offerSideNokPerYear).toBeUndefined();
    expect(e.saving.needSideNokPerYear).toBe(600_000);
    expect(e.saving.netNokPerYear).toBeCloseTo(600_000 - e.transportCostNokPerYear, 3);
    expect(suggestion.terms.find((t: { name: string }) => t.name === 'distance').reason).toMatch(
      /^\d+(\.\d)? km straight, about \d+ km by road; within a 100 km limit \(the listings' own\)$/,
    );

    const read = await app.request('GET', `/suggestions/${suggestion.id}`);
    expect(read.status).toBe(200);
    expect(read.body.suggestion.economics).toEqual(e);
  });

  it('when the other company reads the suggestion, then neither the need’s current cost nor any figure made of it is shown; its own business and a facilitator of its region see them', async () => {
    const company = async (name: string, orgNumber: string, at: { lat: number; lon: number }) => {
      const c = await app.request('POST', '/companies', { name, orgNumber, industry: '23.510' });
      const site = await app.request('POST', `/companies/${c.body.id}/sites`, {
        name: `${name} site`,
        ...at,
      });
      return { companyId: c.body.id as string, siteId: site.body.id as string };
    };
    const supplier = await company('Toten Gips AS', '100000040', { lat: 60.79, lon: 11.07 });
    const buyer = await company('Gjøvik Plater AS', '100000059', { lat: 61.115, lon: 10.466 });
    const offer = await app.request('POST', '/listings', {
      siteId: supplier.siteId,
      direction: 'offer',
      kind: 'material',
      title: 'FGD gypsum from Toten',
      quantity: { value: 2000, unit: 't/yr' },
      maxDistanceKm: 100,
      currentCost: { nokPerUnit: 250 },
      material: { wasteCodes: ['100105'], form: 'powder' },
    });
    const need = await app.request('POST', '/listings', {
      siteId: buyer.siteId,
      direction: 'need',
      kind: 'material',
      title: 'Gypsum for boards in Gjøvik',
      quantity: { value: 1000, unit: 't/yr' },
      currentCost: { nokPerUnit: 600 },
      material: { wasteCodes: ['100105'], form: 'powder' },
    });
    expect([offer.status, need.status]).toEqual([201, 201]);
    const id = need.body.suggestions.find((s: { offer: { id: string } }) => s.offer.id === offer.body.id).id;
    const asSupplier = app.as(
      await app.user({ name: 'Sigrid', role: 'business', companyIds: [supplier.companyId] }),
    );
    const asBuyer = app.as(
      await app.user({ name: 'Bjørn', role: 'business', companyIds: [buyer.companyId] }),
    );
    const asFacilitator = app.as(await app.user({ name: 'Frida', role: 'facilitator', regions: ['34'] }));

    const seen = (await asSupplier.request('GET', `/suggestions/${id}`)).body.suggestion;
    expect(seen.need.currentCost).toBeUndefined();
    expect(seen.offer.currentCost).toEqual({ nokPerUnit: 250 });
    const transport = seen.economics.transportCostNokPerYear;
    // Its own saving (1,000 t no longer disposed of at 250 NOK), the net of that side alone.
    expect(seen.economics.saving).toEqual({
      offerSideNokPerYear: 250_000,
      netNokPerYear: 250_000 - transport,
    });
    expect((await asSupplier.request('GET', `/listings/${need.body.id}`)).body.currentCost).toBeUndefined();

    const mine = (await asBuyer.request('GET', `/suggestions/${id}`)).body.suggestion;
    expect(mine.need.currentCost).toEqual({ nokPerUnit: 600 });
    expect(mine.offer.currentCost).toBeUndefined();
    expect(mine.economics.saving).toEqual({
      needSideNokPerYear: 600_000,
      netNokPerYear: 600_000 - transport,
    });

    const whole = (await asFacilitator.request('GET', `/suggestions/${id}`)).body.suggestion;
    expect(whole.economics.saving).toEqual({
      offerSideNokPerYear: 250_000,
      needSideNokPerYear: 600_000,
      netNokPerYear: 850_000 - transport,
    });
  });

  it('when a listing states a negative current cost, then 400 names currentCost.nokPerUnit', async () => {
    const site = await siteOf('Negativ AS', '100000032', { lat: 60.79, lon: 11.07 });
    const res = await app.request('POST', '/listings', {
      siteId: site,
      direction: 'need',
      kind: 'material',
      title: 'Gypsum',
      quantity: { value: 10, unit: 't/yr' },
      currentCost: { nokPerUnit: -3 },
      material: { wasteCodes: ['100105'] },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toContainEqual(
      expect.objectContaining({ path: 'currentCost.nokPerUnit' }),
    );
  });
});
