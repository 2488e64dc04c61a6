/**
 * "Companies like you usually have…" (GET /companies/{id}/prompts) against Neo4j with the demo
 * region: a newcomer in division 24 (basic metals) with a site in the demo municipality gets the
 * excess heat Hotmaps knows of its division, with its basis, and the material streams at least two
 * other companies of its division list, counted in companies, naming none of them; a stream of
 * private listings never counts; each draft, given a site and a quantity, registers as it is.
 * Those who act for the company read it; another business 404, an analyst and another region's
 * facilitator 403, the public 401.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoIfEmpty } from '../../src/services/demo.ts';
import { PUBLIC, startTestApp, type TestApp, type TestResponse } from '../support/harness.ts';

let app: TestApp;
const token = { newcomer: '', other: '', facIn: '', facOut: '', analyst: '' };
let company = '';
let site = '';
/** The demo's companies of division 24, which no prompt may name. */
const division24: { id: string; ref: string }[] = [];

async function ok(res: TestResponse, status = 200) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body;
}

const prompts = async (as = token.newcomer) =>
  ok(await app.as(as).request('GET', `/companies/${company}/prompts`));

async function idOf(label: string, ref: string): Promise<string> {
  const r = await app.runtime.deps.store.read((tx) =>
    tx.run(`MATCH (n:${label} {ref: $ref}) RETURN n.id AS id`, { ref }),
  );
  return r.records[0]!.get('id') as string;
}

beforeAll(async () => {
  app = await startTestApp();
  await loadDemoIfEmpty(app.runtime.deps);
  const r = await app.runtime.deps.store.read((tx) =>
    tx.run("MATCH (c:Company {industryDivision: '24'}) RETURN c.id AS id, c.ref AS ref ORDER BY c.ref"),
  );
  division24.push(...r.records.map((x) => ({ id: x.get('id') as string, ref: x.get('ref') as string })));
  token.newcomer = await app.user({ name: 'Newcomer', role: 'business', companyIds: [] });
  company = (
    await ok(
      await app.as(token.newcomer).request('POST', '/companies', {
        name: 'Kvernfjord Aluminiumstøperi AS',
        country: 'SE',
        industry: '24.530',
      }),
      201,
    )
  ).id;
  site = (
    await ok(
      await app.as(token.newcomer).request('POST', `/companies/${company}/sites`, {
        name: 'Støperiet',
        lat: 59.87,
        lon: 5.77,
      }),
      201,
    )
  ).id;
  token.other = await app.user({
    name: 'Silicon',
    role: 'business',
    companyIds: [await idOf('Company', 'fjordsil')],
  });
  token.facIn = await app.user({ name: 'Kvinnherad', role: 'facilitator', regions: ['4617'] });
  token.facOut = await app.user({ name: 'Oslo', role: 'facilitator', regions: ['03'] });
  token.analyst = await app.user({ name: 'Analyst', role: 'analyst' });
});

afterAll(async () => {
  await app?.close();
});

describe('who may read a company’s prompts', () => {
  it('when those who act for the company ask, then 200; others 403 or 404 as they may see it; the public 401', async () => {
    // Before the newcomer lists anything: no public listing, so other businesses cannot see it.
    const status = async (as: string) =>
      (await app.as(as).request('GET', `/companies/${company}/prompts`)).status;
    expect(await status(token.newcomer)).toBe(200);
    expect(await status(app.adminToken)).toBe(200);
    expect(await status(token.facIn)).toBe(200);
    expect(await status(token.facOut)).toBe(403);
    expect(await status(token.analyst)).toBe(403);
    // Another business cannot see the company at all (it has no public listing).
    expect(await status(token.other)).toBe(404);
    expect(await status(PUBLIC)).toBe(401);
    const refused = await app.as(token.other).request('GET', `/companies/${company}/prompts`);
    expect(JSON.stringify(refused.body)).not.toContain('Hotmaps');
    expect((await app.as(token.newcomer).request('GET', '/companies/co_nonexistent/prompts')).status).toBe(
      404,
    );
  });
});

describe('prompts for a newcomer of division 24', () => {
  it('when a newcomer with no listings asks, then excess heat from Hotmaps comes first, with its basis and a draft', async () => {
    const body = await prompts();
    expect(body).toMatchObject({
      companyId: company,
      industry: '24.530',
      division: { code: '24', title: 'Manufacture of basic metals' },
      sites: 1,
      listings: 0,
    });
    expect(body.division.titleNb).toBeTruthy();
    const [heat] = body.prompts;
    expect(heat).toMatchObject({
      type: 'excess-heat',
      direction: 'offer',
      basis: {
        source: 'hotmaps',
        division: '24',
        sites: 698,
        sitesWithExcessHeat: 160,
        band: '200-500',
        subsectors: [
          { name: 'Iron and steel', sites: 525 },
          { name: 'Non-ferrous metals', sites: 173 },
        ],
      },
      draft: {
        kind: 'energy',
        direction: 'offer',
        quantity: { unit: 'GWh/yr' },
        energy: { carrier: 'flue-gas', supplyTemperatureC: 200 },
      },
    });
    expect(heat.basis.medianGWhPerYear).toBeCloseTo(29.4, 1);
    expect(heat.basis.shareWithExcessHeat).toBeCloseTo(160 / 698, 6);
  });

  it('when the division’s companies list streams, then those of two or more companies are prompts, counted in companies', async () => {
    const body = await prompts();
    const streams = body.prompts.filter((p: { type: string }) => p.type === 'material-stream');
    const keyed = streams.map(
      (p: {
        direction: string;
        by: string;
        category: { id: string } | null;
        wasteCode: { code: string } | null;
      }) => `${p.direction} ${p.by === 'category' ? p.category!.id : p.wasteCode!.code}`,
    );
    // Demo: the silicon plant's and the ferroalloy plant's slags; the smelter's and the ferroalloy
    // plant's refractory bricks; the foundry's and the ferroalloy plant's steel scrap.
    expect(keyed).toEqual(['offer ferroalloy-slag', 'offer 161104', 'need ferrous-scrap']);
    for (const p of streams) {
      expect(p.basis.source).toBe('listings');
      expect(p.basis.companies).toBeGreaterThanOrEqual(2);
      expect(p.basis.minCompanies).toBe(2);
      expect(p.basis.peers).toBeGreaterThanOrEqual(p.basis.companies);
    }
    const scrap = streams.find(
      (p: { category: { id: string } | null }) => p.category?.id === 'ferrous-scrap',
    );
    expect(scrap.draft).toEqual({
      kind: 'material',
      direction: 'need',
      title: 'Ferrous scrap',
      quantity: { unit: 't/yr' },
      material: { wasteCodes: ['120101', '170405', '191202'], category: 'ferrous-scrap' },
    });
    expect(scrap.category.nb).toBeTruthy();
  });

  it('when the answer is read, then it names no company, site or listing of the division', async () => {
    const text = JSON.stringify(await prompts());
    expect(division24.length).toBeGreaterThanOrEqual(4);
    for (const c of division24) {
      expect(text).not.toContain(c.id);
      expect(text).not.toContain(c.ref);
    }
    expect(text).not.toMatch(/"(siteId|listingId|ref|lat|lon)"/);
    expect(text).not.toMatch(/\bli_|\bsi_/);
  });

  it('when two companies list a stream privately, then it never counts; once two list it visibly, it shows', async () => {
    const [smelterSite, silSite, ferroSite] = await Promise.all([
      idOf('Site', 'storvik-alu-verk'),
      idOf('Site', 'fjordsil-verk'),
      idOf('Site', 'ferro-verk'),
    ]);
    const dust = (siteId: string, confidentiality: string) => ({
      siteId,
      direction: 'offer',
      kind: 'material',
      title: 'Waste alumina',
      quantity: { value: 50, unit: 't/yr' },
      material: { wasteCodes: ['100305'] },
      confidentiality,
    });
    const shown = async () =>
      (await prompts()).prompts.some(
        (p: { wasteCode: { code: string } | null }) => p.wasteCode?.code === '100305',
      );
    const a = (await ok(await app.request('POST', '/listings', dust(smelterSite, 'private')), 201)).id;
    await ok(await app.request('POST', '/listings', dust(silSite, 'private')), 201);
    expect(await shown()).toBe(false);
    // One of the two made public: still one company's alone.
    await ok(await app.request('PATCH', `/listings/${a}`, { confidentiality: 'public' }));
    expect(await shown()).toBe(false);
    // A second company lists it anonymously: two companies, neither named.
    await ok(await app.request('POST', '/listings', dust(ferroSite, 'anonymous')), 201);
    expect(await shown()).toBe(true);
  });

  it('when a draft is given a site and a quantity, then it registers as a listing of the newcomer', async () => {
    const body = await prompts();
    const heat = body.prompts.find((p: { type: string }) => p.type === 'excess-heat');
    const scrap = body.prompts.find(
      (p: { category: { id: string } | null }) => p.category?.id === 'ferrous-scrap',
    );
    for (const [draft, value] of [
      [heat.draft, 12],
      [scrap.draft, 800],
    ] as const) {
      const created = await ok(
        await app.as(token.newcomer).request('POST', '/listings', {
          ...draft,
          siteId: site,
          quantity: { ...draft.quantity, value },
        }),
        201,
      );
      expect(created.companyId).toBe(company);
    }
    expect((await prompts()).listings).toBe(2);
  });
});
