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
