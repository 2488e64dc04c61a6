import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haversineKm } from '../../src/matching/distance.ts';
import { loadDemoIfEmpty } from '../../src/services/demo.ts';
import { startTestApp, type TestApp } from '../support/harness.ts';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  await loadDemoIfEmpty(app.runtime.deps);
});
afterAll(async () => {
  await app?.close();
});

type L = {
  kind: string;
  direction: string;
  lat: number;
  lon: number;
  title: string;
  description?: string;
  material?: { wasteCodes?: string[] };
  confidentiality: string;
};

describe('listing filters', () => {
  it('when filtering by kind and direction, then only those listings come back, paged', async () => {
    const first = await app.request('GET', '/listings?kind=energy&direction=offer&limit=5&count=true');
    expect(first.status).toBe(200);
    expect(first.body.total).toBeGreaterThan(5);
    expect(first.body.items).toHaveLength(5);
    for (const l of first.body.items as L[]) expect([l.kind, l.direction]).toEqual(['energy', 'offer']);
    const second = await app.request('GET', '/listings?kind=energy&direction=offer&limit=5&offset=5');
    const ids = new Set((first.body.items as { id: string }[]).map((l) => l.id));
    for (const l of second.body.items as { id: string }[]) expect(ids.has(l.id)).toBe(false);
  });

  it('when filtering by a code prefix, then offers under it and needs accepting it come back', async () => {
    const res = await app.request('GET', '/listings?code=1001&limit=200&count=true');
    expect(res.body.total).toBeGreaterThan(0);
    for (const l of res.body.items as L[]) {
      const codes = l.material?.wasteCodes ?? [];
      const hit = codes.some((c) => c.startsWith('1001') || (l.direction === 'need' && '1001'.startsWith(c)));
      expect(hit).toBe(true);
    }
  });

  it('when filtering by a radius, then every listing lies within it', async () => {
    const all = await app.request('GET', '/listings?limit=1');
    const centre = all.body.items[0] as L;
    const res = await app.request(
      'GET',
      `/listings?lat=${centre.lat}&lon=${centre.lon}&radiusKm=5&limit=500&count=true`,
    );
    expect(res.body.total).toBeGreaterThan(0);
    for (const l of res.body.items as L[]) {
      // Anonymous listings show a rounded location (0.1 degree), so allow that much slack.
      const slack = l.confidentiality === 'anonymous' ? 8 : 0.01;
      expect(haversineKm(centre.lat, centre.lon, l.lat, l.lon)).toBeLessThanOrEqual(5 + slack);
    }
  });

  it('when searching text, then matching words in title or description are found, special characters included', async () => {
    const res = await app.request('GET', `/listings?q=${encodeURIComponent('heat')}&limit=200&count=true`);
    expect(res.body.total).toBeGreaterThan(0);
    for (const l of res.body.items as L[])
      expect(`${l.title} ${l.description ?? ''}`.toLowerCase()).toContain('heat');
    const odd = await app.request('GET', `/listings?q=${encodeURIComponent('C++ (steel) "x')}`);
    expect(odd.status).toBe(200);
  });

  it('when a listing is registered or retitled, then a text search finds it in the next request', async () => {
    // The full-text index is updated after each commit (cypher/schema/007); the search waits for it.
    const company = await app.request('POST', '/companies', {
      name: 'Tekstsøk AB',
      country: 'SE',
      industry: '10.200',
    });
    const site = await app.request('POST', `/companies/${company.body.id}/sites`, { lat: 63.4, lon: 10.4 });
    for (let i = 0; i < 4; i++) {
      const word = `kvernstein${i}x${Date.now().toString(36)}`;
      const created = await app.request('POST', '/listings', {
        siteId: site.body.id,
        direction: 'offer',
        kind: 'water',
        title: `Cooling water ${word}`,
        quantity: { value: 10, unit: 'm3/day' },
        water: { type: 'cooling' },
      });
      expect(created.status).toBe(201);
      const found = await app.request('GET', `/listings?q=${word}&count=true`);
      expect(found.body.items.map((l: { id: string }) => l.id)).toEqual([created.body.id]);
      expect(found.body.total).toBe(1);
      const renamed = `${word}y`;
      const patched = await app.request('PATCH', `/listings/${created.body.id}`, {
        description: `now also ${renamed}`,
      });
      expect(patched.status).toBe(200);
      const again = await app.request('GET', `/listings?q=${renamed}`);
      expect(again.body.items.map((l: { id: string }) => l.id)).toEqual([created.body.id]);
    }
  });

  it('when a filter is malformed, then 400 names the parameter', async () => {
    const res = await app.request('GET', '/listings?lat=60&lon=5');
    expect(res.status).toBe(400);
    expect(res.body.error.details).toContainEqual(expect.objectContaining({ path: 'radiusKm' }));
    const bad = await app.request('GET', '/listings?kind=plasma&limit=0');
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['kind', 'limit']);
  });

  it('when a business lists listings, then private ones of others are not there and a facilitator sees them', async () => {
    const business = await app
      .as(await app.user({ name: 'Nobody AS user', role: 'business' }))
      .request('GET', '/listings?limit=500&count=true');
    const facilitator = await app
      .as(await app.user({ name: 'Facilitator', role: 'facilitator', regions: ['46'] }))
      .request('GET', '/listings?limit=500&count=true');
    expect((business.body.items as L[]).some((l) => l.confidentiality === 'private')).toBe(false);
    expect((facilitator.body.items as L[]).some((l) => l.confidentiality === 'private')).toBe(true);
    expect(facilitator.body.total).toBeGreaterThan(business.body.total);
  });

  it('when filtering by a company, then its anonymous listings are not revealed to others', async () => {
    const anon = (await app.request('GET', '/listings?limit=500')).body.items.find(
      (l: L) => l.confidentiality === 'anonymous',
    ) as { companyId: string; id: string };
    const other = await app.user({ name: 'Other business', role: 'business' });
    const asOther = await app.as(other).request('GET', `/listings?companyId=${anon.companyId}&limit=500`);
    expect((asOther.body.items as { id: string }[]).some((l) => l.id === anon.id)).toBe(false);
    const owner = await app.user({ name: 'Owner', role: 'business', companyIds: [anon.companyId] });
    const asOwner = await app.as(owner).request('GET', `/listings?companyId=${anon.companyId}&limit=500`);
    expect((asOwner.body.items as { id: string }[]).some((l) => l.id === anon.id)).toBe(true);
  });
});
