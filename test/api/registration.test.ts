import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../src/domain/caller.ts';
import type { Deps } from '../../src/services/deps.ts';
import { createListing, updateListing } from '../../src/services/listings.ts';
import type { ManagedTransaction, Store } from '../../src/store/driver.ts';
import { query } from '../../src/store/queries.ts';
import { startTestApp, type TestApp } from '../support/harness.ts';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

const company = { name: 'Fjordvik Aluminium AS', orgNumber: '100000016', industry: '24.420' };
const site = { name: 'Smelter', lat: 60.12, lon: 6.55, municipality: 'Fjordvik' };
const materialOffer = (siteId: string) => ({
  siteId,
  direction: 'offer',
  kind: 'material',
  title: 'Spent potlining, first cut',
  quantity: { value: 1200, unit: 't/yr' },
  material: { wasteCodes: ['100308'], form: 'solid' },
});

async function companyWithSite() {
  const c = await app.request('POST', '/companies', { ...company, orgNumber: undefined, country: 'SE' });
  expect(c.status).toBe(201);
  const s = await app.request('POST', `/companies/${c.body.id}/sites`, site);
  expect(s.status).toBe(201);
  return { companyId: c.body.id as string, siteId: s.body.id as string };
}

describe('registering companies, sites and listings', () => {
  it('when a company is registered, then it can be read back with its industry division', async () => {
    const created = await app.request('POST', '/companies', company);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: company.name,
      orgNumber: '100000016',
      industryDivision: '24',
    });
    const read = await app.request('GET', `/companies/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body.name).toBe(company.name);
  });

  it('when a site’s typed municipality disagrees with its coordinates, then the site reports it and its codes follow the coordinates', async () => {
    const c = await app.request('POST', '/companies', { ...company, orgNumber: undefined, country: 'SE' });
    expect(c.status).toBe(201);
    const bergen = { name: 'Quay', lat: 60.3913, lon: 5.3221 };
    const wrong = await app.request('POST', `/companies/${c.body.id}/sites`, {
      ...bergen,
      municipality: 'Oslo',
    });
    expect(wrong.status).toBe(201);
    expect(wrong.body).toMatchObject({
      municipality: 'Oslo',
      municipalityCode: '4601',
      countyCode: '46',
      municipalityCheck: { agrees: false, typed: 'Oslo', found: { code: '4601', name: 'Bergen' } },
    });
    const read = await app.request('GET', `/sites/${wrong.body.id}`);
    expect(read.body.municipalityCheck.agrees).toBe(false);
    const fixed = await app.request('PATCH', `/sites/${wrong.body.id}`, { municipality: 'Bergen kommune' });
    expect(fixed.status).toBe(200);
    expect(fixed.body.municipalityCheck).toMatchObject({ agrees: true });
  });

  it('when the org number fails its mod-11 check, then 400 names orgNumber', async () => {
    const res = await app.request('POST', '/companies', { ...company, orgNumber: '100000017' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.details).toContainEqual(expect.objectContaining({ path: 'orgNumber' }));
  });

  it('when the industry division does not exist, then 400 names industry', async () => {
    const res = await app.request('POST', '/companies', {
      ...company,
      orgNumber: '100000024',
      industry: '04.100',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('industry');
  });

  it('when the division exists but has no such group, then 400 names industry and the missing level', async () => {
    const res = await app.request('POST', '/companies', {
      ...company,
      orgNumber: '100000024',
      industry: '99.999',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([
      { path: 'industry', message: expect.stringContaining('division 99 has no group 99.9') },
    ]);
  });

  it('when a body has an unknown field, then 400 names that field', async () => {
    const res = await app.request('POST', '/companies', {
      ...company,
      orgNumber: '100000032',
      colour: 'blue',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toContainEqual({ path: 'colour', message: 'is not a known field' });
  });

  it('when the JSON is malformed, then 400 MALFORMED_JSON and no stack trace', async () => {
    const res = await app.request('POST', '/companies', '{"name": ');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('MALFORMED_JSON');
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts:\d+/);
  });

  it('when a listing is created, then its quantity is also given in the canonical unit', async () => {
    const { siteId, companyId } = await companyWithSite();
    const res = await app.request('POST', '/listings', {
      ...materialOffer(siteId),
      quantity: { value: 100, unit: 't/month' },
    });
    expect(res.status).toBe(201);
    expect(res.body.companyId).toBe(companyId);
    expect(res.body.canonicalQuantity).toEqual({ value: 1200, unit: 't/yr' });
    expect(res.body.material.hazardous).toBe(true);
    const read = await app.request('GET', `/listings/${res.body.id}`);
    expect(read.body.quantity).toEqual({ value: 100, unit: 't/month' });
  });

  it.each([
    ['a wrong List of Waste code', { material: { wasteCodes: ['999999'] } }, 'material.wasteCodes[0]'],
    ['a negative quantity', { quantity: { value: -5, unit: 't/yr' } }, 'quantity.value'],
    ['an unknown unit', { quantity: { value: 5, unit: 'barrels/yr' } }, 'quantity.unit'],
    ['a missing site', { siteId: 'si_nope' }, 'siteId'],
    ['an energy block on a material listing', { energy: { carrier: 'steam' } }, 'energy'],
  ])('when a listing has %s, then 400 names the field and nothing is stored', async (_what, change, path) => {
    const { siteId, companyId } = await companyWithSite();
    const res = await app.request('POST', '/listings', { ...materialOffer(siteId), ...change });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
    const list = await app.request('GET', `/listings?companyId=${companyId}&count=true`);
    expect(list.body.total).toBe(0);
  });

  it('when a listing is patched, then the merged listing is revalidated and saved', async () => {
    const { siteId } = await companyWithSite();
    const created = await app.request('POST', '/listings', materialOffer(siteId));
    const bad = await app.request('PATCH', `/listings/${created.body.id}`, {
      quantity: { value: 0, unit: 't/yr' },
    });
    expect(bad.status).toBe(400);
    const ok = await app.request('PATCH', `/listings/${created.body.id}`, {
      title: 'SPL',
      quantity: { value: 2, unit: 'kt/yr' },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.canonicalQuantity.value).toBe(2000);
    expect(ok.body.createdAt).toBe(created.body.createdAt);
  });

  it('when a private batch listing is patched with a new title only, then it stays private and batch', async () => {
    const { siteId } = await companyWithSite();
    const created = await app.request('POST', '/listings', {
      ...materialOffer(siteId),
      confidentiality: 'private',
      continuity: 'batch',
    });
    expect(created.status).toBe(201);
    const patched = await app.request('PATCH', `/listings/${created.body.id}`, { title: 'Spent pot lining' });
    expect(patched.status).toBe(200);
    const read = await app.request('GET', `/listings/${created.body.id}`);
    expect(read.body).toMatchObject({
      title: 'Spent pot lining',
      confidentiality: 'private',
      continuity: 'batch',
    });
  });

  it('when a company abroad is patched with a new name only, then its country stays', async () => {
    const created = await app.request('POST', '/companies', {
      name: 'Svensk AB',
      country: 'SE',
      industry: '24.420',
    });
    const patched = await app.request('PATCH', `/companies/${created.body.id}`, { name: 'Svensk Metall AB' });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ name: 'Svensk Metall AB', country: 'SE' });
  });

  it('when a company with listings is deleted without cascade, then 409 and nothing is lost', async () => {
    const { siteId, companyId } = await companyWithSite();
    await app.request('POST', '/listings', materialOffer(siteId));
    const refused = await app.request('DELETE', `/companies/${companyId}`);
    expect(refused.status).toBe(409);
    expect((await app.request('GET', `/companies/${companyId}`)).status).toBe(200);
    const done = await app.request('DELETE', `/companies/${companyId}?cascade=true`);
    expect(done.status).toBe(204);
    expect((await app.request('GET', `/sites/${siteId}`)).status).toBe(404);
  });
});

describe('a registration is one transaction (decision 0018)', () => {
  /** The service's store, except that refreshing suggestions fails (reading the listing's published pairs), after the listing is written. */
  function failingRefresh(deps: Deps): Deps {
    const stale = query('match', 'activeOfListing');
    const failing = (tx: ManagedTransaction) =>
      new Proxy(tx, {
        get(target, prop, receiver) {
          if (prop !== 'run') return Reflect.get(target, prop, receiver);
          return (text: string, params?: Record<string, unknown>) => {
            if (text === stale) throw new Error('suggestions could not be written');
            return target.run(text, params);
          };
        },
      });
    const store: Store = {
      ...deps.store,
      read: (work) => deps.store.read((tx) => work(failing(tx))),
      write: (work) => deps.store.write((tx) => work(failing(tx))),
    };
    return { ...deps, store };
  }

  async function storedByRef(ref: string) {
    const r = await app.runtime.deps.store.read((tx) =>
      tx.run('MATCH (l:Listing {ref: $ref}) RETURN l.title AS title, l.version AS version', { ref }),
    );
    return r.records.map((x) => ({ title: x.get('title') as string, version: Number(x.get('version')) }));
  }

  it('when its suggestions cannot be written, then the new listing is not stored either', async () => {
    const { siteId } = await companyWithSite();
    const body = { ...materialOffer(siteId), ref: 'one-transaction-create' };
    await expect(createListing(failingRefresh(app.runtime.deps), SYSTEM, body)).rejects.toThrow(
      'suggestions could not be written',
    );
    expect(await storedByRef('one-transaction-create')).toEqual([]);
    const created = await createListing(app.runtime.deps, SYSTEM, body);
    expect(await storedByRef('one-transaction-create')).toEqual([{ title: body.title, version: 1 }]);
    expect(created.ref).toBe('one-transaction-create');
  });

  it('when a change’s suggestions cannot be written, then the listing keeps what it had', async () => {
    const { siteId } = await companyWithSite();
    const body = { ...materialOffer(siteId), ref: 'one-transaction-update' };
    const created = await createListing(app.runtime.deps, SYSTEM, body);
    await expect(
      updateListing(failingRefresh(app.runtime.deps), SYSTEM, created.id, { title: 'Changed' }, null),
    ).rejects.toThrow('suggestions could not be written');
    expect(await storedByRef('one-transaction-update')).toEqual([{ title: body.title, version: 1 }]);
    await updateListing(app.runtime.deps, SYSTEM, created.id, { title: 'Changed' }, null);
    expect(await storedByRef('one-transaction-update')).toEqual([{ title: 'Changed', version: 2 }]);
  });

  it('when a listing takes a ref its company already uses, then 409 names the ref and nothing of it is written', async () => {
    // The ref check goes out with the write and the refresh behind it (listings.ts checkedBefore):
    // a taken ref rolls all of it back, and the connection serves the next request.
    const { companyId, siteId } = await companyWithSite();
    const first = await app.request('POST', '/listings', { ...materialOffer(siteId), ref: 'taken-ref' });
    const other = await app.request('POST', '/listings', { ...materialOffer(siteId), ref: 'other-ref' });
    expect([first.status, other.status]).toEqual([201, 201]);
    const suggestionsOf = async () =>
      (
        await app.runtime.deps.store.read((tx) =>
          tx.run('MATCH (:Listing {companyId: $companyId})<-[:OFFERS]-(s:Suggestion) RETURN count(s) AS n', {
            companyId,
          }),
        )
      ).records[0]!.get('n') as number;
    const before = await suggestionsOf();
    const attempts = await Promise.all([
      ...Array.from({ length: 4 }, () =>
        app.request('POST', '/listings', { ...materialOffer(siteId), title: 'Dup', ref: 'taken-ref' }),
      ),
      ...Array.from({ length: 4 }, () =>
        app.request('PATCH', `/listings/${other.body.id}`, { title: 'Dup', ref: 'taken-ref' }),
      ),
    ]);
    for (const a of attempts) {
      expect(a.status).toBe(409);
      expect(a.body.error.details).toContainEqual(expect.objectContaining({ path: 'ref' }));
    }
    expect((await storedByRef('taken-ref')).map((l) => l.title)).toEqual([materialOffer(siteId).title]);
    expect(await storedByRef('other-ref')).toEqual([{ title: materialOffer(siteId).title, version: 1 }]);
    expect(await suggestionsOf()).toBe(before);
    const next = await app.request('POST', '/listings', { ...materialOffer(siteId), ref: 'free-ref' });
    expect(next.status).toBe(201);
  });
});
