import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/harness.ts';

let app: TestApp;
let ids: { company: string; site: string; listing: string };

beforeAll(async () => {
  app = await startTestApp();
  const company = await app.request('POST', '/companies', {
    name: 'Probe AS',
    country: 'SE',
    industry: '10.200',
  });
  const site = await app.request('POST', `/companies/${company.body.id}/sites`, { lat: 59, lon: 10 });
  const listing = await app.request('POST', '/listings', {
    siteId: site.body.id,
    direction: 'offer',
    kind: 'water',
    title: 'Cooling water',
    quantity: { value: 10, unit: 'm3/day' },
    water: { type: 'cooling' },
  });
  ids = { company: company.body.id, site: site.body.id, listing: listing.body.id };
});
afterAll(async () => {
  await app?.close();
});

const junk: unknown[] = [
  null,
  [],
  42,
  'text',
  true,
  {},
  { name: null },
  { name: Number.MAX_VALUE },
  { quantity: { value: 'NaN', unit: {} } },
  { a: { b: { c: { d: { e: [1, [2, [3]]] } } } } },
  { title: 'x'.repeat(100_000) },
  { __proto__: { polluted: true } },
  { constructor: { prototype: { polluted: true } } },
];

describe('bad input never gives a 500', () => {
  const targets = () => [
    ['POST', '/companies'],
    ['PATCH', `/companies/${ids.company}`],
    ['POST', `/companies/${ids.company}/sites`],
    ['PATCH', `/sites/${ids.site}`],
    ['POST', '/listings'],
    ['PATCH', `/listings/${ids.listing}`],
    ['POST', '/imports'],
    ['POST', '/imports/csv'],
    ['POST', '/match-runs'],
  ];

  it('when any endpoint gets junk JSON, then it answers 4xx with details and writes nothing', async () => {
    const before = await app.request('GET', '/listings?limit=500');
    for (const [method, path] of targets()) {
      for (const body of junk) {
        const res = await app.request(method!, path!, body);
        // {} is a valid run request, and a valid PATCH that changes nothing (and writes nothing).
        if (JSON.stringify(body) === '{}' && (path === '/match-runs' || method === 'PATCH')) continue;
        expect(res.status, `${method} ${path} ${JSON.stringify(body).slice(0, 80)}`).toBeGreaterThanOrEqual(
          400,
        );
        expect(res.status, `${method} ${path}`).toBeLessThan(500);
        expect(res.body.error.details.length).toBeGreaterThan(0);
      }
    }
    const after = await app.request('GET', '/listings?limit=500');
    expect(after.body.items.map((l: { id: string; updatedAt: string }) => `${l.id}@${l.updatedAt}`)).toEqual(
      before.body.items.map((l: { id: string; updatedAt: string }) => `${l.id}@${l.updatedAt}`),
    );
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('when the body is not JSON, then 415 names the content type', async () => {
    const res = await fetch(`${app.url}/companies`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'hi',
    });
    expect(res.status).toBe(415);
    const body = (await res.json()) as { error: { details: { path: string }[] } };
    expect(body.error.details[0]!.path).toBe('header content-type');
  });

  it('when a query number is empty or not decimal, or a name blank or too long before trimming, then 400 names it', async () => {
    for (const q of ['offset=', 'limit=0x10', 'lat=&lon=&radiusKm=1']) {
      const res = await app.request('GET', `/listings?${q}`);
      expect(res.status, q).toBe(400);
    }
    const blank = await app.request('POST', '/companies', { name: '   ', country: 'SE', industry: '24.420' });
    expect(blank.status).toBe(400);
    expect(blank.body.error.details[0].path).toBe('name');
    const long = await app.request('POST', '/companies', {
      name: `${'x'.repeat(200)}   `,
      country: 'SE',
      industry: '24.420',
    });
    expect(long.status).toBe(400);
  });

  it('when a query has an unknown parameter, then 400 names it', async () => {
    const res = await app.request('GET', '/listings?colour=red');
    expect(res.status).toBe(400);
    expect(res.body.error.details).toContainEqual({ path: 'colour', message: 'is not a known field' });
  });

  it('when an unknown id or route is asked for, then 404 with the request id', async () => {
    const res = await app.request('GET', '/listings/li_nope', undefined, { 'x-request-id': 'probe-123' });
    expect(res.status).toBe(404);
    expect(res.headers.get('x-request-id')).toBe('probe-123');
    expect(res.body.error.requestId).toBe('probe-123');
    expect((await app.request('GET', '/nothing-here')).status).toBe(404);
  });

  it('when a match run names an unknown factor set, then 400 names factorSet and no run is stored', async () => {
    const runsBefore = await app.request('GET', '/match-runs');
    const res = await app.request('POST', '/match-runs', { factorSet: '../../etc/passwd' });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('factorSet');
    const runsAfter = await app.request('GET', '/match-runs');
    expect(runsAfter.body.items.length).toBe(runsBefore.body.items.length);
  });
});

describe('poisoned quantities are refused before they are stored', () => {
  const listingsNow = async () =>
    (await app.request('GET', '/listings?limit=500')).body.items.map(
      (l: { id: string; updatedAt: string; canonicalQuantity: unknown }) =>
        `${l.id}@${l.updatedAt}:${JSON.stringify(l.canonicalQuantity)}`,
    );
  const huge = { value: 1e308, unit: 't/day' };
  const materialOffer = (over: Record<string, unknown> = {}) => ({
    siteId: ids.site,
    direction: 'offer',
    kind: 'material',
    title: 'Slag',
    quantity: huge,
    material: { wasteCodes: ['100202'] },
    ...over,
  });

  it('when a listing of 1e308 t/day is posted, patched in or imported, then 4xx names quantity.value and nothing is written', async () => {
    const before = await listingsNow();

    const created = await app.request('POST', '/listings', materialOffer());
    expect(created.status).toBe(400);
    expect(created.body.error.details).toEqual([
      { path: 'quantity.value', message: expect.stringContaining('than a number can hold') },
    ]);

    const patched = await app.request('PATCH', `/listings/${ids.listing}`, {
      quantity: { value: 1e12, unit: 'm3/day' },
    });
    expect(patched.status).toBe(400);
    expect(patched.body.error.details.map((d: { path: string }) => d.path)).toEqual(['quantity.value']);

    const imported = await app.request('POST', '/imports', {
      listings: [{ ...materialOffer({ siteId: undefined }), ref: 'huge-slag', site: 'nowhere' }],
    });
    expect(imported.status).toBe(422);
    expect(imported.body.errors).toContainEqual(
      expect.objectContaining({ section: 'listings', row: 0, path: 'listings[0].quantity.value' }),
    );
    expect(imported.body.listings.created).toBe(0);

    expect(await listingsNow()).toEqual(before);
    // What used to turn a stored null into a 500 on every later read and run.
    expect((await app.request('GET', '/suggestions')).status).toBe(200);
    expect((await app.request('POST', '/match-runs', {})).status).toBeLessThan(300);
  });
});

describe('text that cannot be stored is refused at the door', () => {
  it('when a body or a query holds U+0000 or a lone surrogate, then 400 names each place and nothing is written', async () => {
    const before = await app.request('GET', '/listings?limit=500');
    // Sent as raw JSON text: the escapes reach the parser exactly as a client would send them.
    const body =
      '{"siteId":"SITE","direction":"offer","kind":"water","title":"Cooling\\u0000water",' +
      '"quantity":{"value":10,"unit":"m3/day"},"water":{"type":"cooling"},"description":"x\\ud800y"}';
    const res = await app.request('POST', '/listings', body.replace('SITE', ids.site));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.details).toEqual([
      { path: 'title', message: 'holds a NUL character (U+0000) at position 8' },
      { path: 'description', message: 'holds an unpaired UTF-16 surrogate (U+D800) at position 2' },
    ]);

    const patch = await app.request('PATCH', `/companies/${ids.company}`, '{"name":"Probe\\u0000AS"}');
    expect(patch.status).toBe(400);
    expect(patch.body.error.details).toEqual([
      { path: 'name', message: 'holds a NUL character (U+0000) at position 6' },
    ]);

    const query = await app.request('GET', '/listings?q=heat%00');
    expect(query.status).toBe(400);
    expect(query.body.error.details).toEqual([
      { path: 'q', message: 'holds a NUL character (U+0000) at position 5' },
    ]);

    const after = await app.request('GET', '/listings?limit=500');
    expect(after.body).toEqual(before.body);
    expect((await app.request('GET', `/companies/${ids.company}`)).body.name).toBe('Probe AS');
  });
});
