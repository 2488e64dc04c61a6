import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../src/domain/caller.ts';
import { importDocument } from '../../src/services/import.ts';
import { startTestApp, type TestApp } from '../support/harness.ts';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

const document = () => ({
  companies: [
    {
      ref: 'acme',
      name: 'Acme Sawmill AS',
      orgNumber: '100000040',
      industry: '16.100',
      sites: [{ ref: 'acme-mill', lat: 61.1, lon: 10.4, municipality: 'Lillehammer' }],
    },
    {
      ref: 'badco',
      name: 'Bad Org AS',
      orgNumber: '123456789',
      industry: '10.200',
      sites: [{ ref: 'bad-site', lat: 60, lon: 10 }],
    },
    {
      ref: 'heatco',
      name: 'Heat Co AS',
      orgNumber: '100000059',
      industry: '35.300',
      sites: [{ ref: 'heat-plant', lat: 61.11, lon: 10.42 }],
    },
  ],
  listings: [
    {
      ref: 'acme-sawdust',
      site: 'acme-mill',
      direction: 'offer',
      kind: 'material',
      title: 'Sawdust',
      quantity: { value: 3000, unit: 't/yr' },
      material: { wasteCodes: ['030105'], category: 'wood-residues' },
    },
    {
      ref: 'heat-fuel',
      site: 'heat-plant',
      direction: 'need',
      kind: 'material',
      title: 'Wood fuel for the boiler',
      quantity: { value: 5000, unit: 't/yr' },
      material: { wasteCodes: ['0301'] },
    },
    {
      ref: 'bad-code',
      site: 'acme-mill',
      direction: 'offer',
      kind: 'material',
      title: 'x',
      quantity: { value: 1, unit: 't/yr' },
      material: { wasteCodes: ['999999'] },
    },
    {
      ref: 'bad-qty',
      site: 'acme-mill',
      direction: 'offer',
      kind: 'material',
      title: 'x',
      quantity: { value: -1, unit: 't/yr' },
      material: { wasteCodes: ['030105'] },
    },
    {
      ref: 'bad-unit',
      site: 'acme-mill',
      direction: 'offer',
      kind: 'material',
      title: 'x',
      quantity: { value: 1, unit: 'furlongs' },
      material: { wasteCodes: ['030105'] },
    },
    {
      ref: 'no-site',
      site: 'nowhere',
      direction: 'offer',
      kind: 'material',
      title: 'x',
      quantity: { value: 1, unit: 't/yr' },
      material: { wasteCodes: ['030105'] },
    },
    {
      ref: 'orphan',
      site: 'bad-site',
      direction: 'offer',
      kind: 'material',
      title: 'x',
      quantity: { value: 1, unit: 't/yr' },
      material: { wasteCodes: ['030105'] },
    },
  ],
});

describe('bulk import', () => {
  it('when some rows are bad, then each is reported with row, field and reason and none of them is stored', async () => {
    const res = await app.request('POST', '/imports', document());
    expect(res.status).toBe(422);
    const errs = res.body.errors.map(
      (e: { section: string; row: number; path: string }) => `${e.section}:${e.row}:${e.path}`,
    );
    expect(errs).toEqual(
      expect.arrayContaining([
        'companies:1:companies[1].orgNumber',
        'listings:2:listings[2].material.wasteCodes[0]',
        'listings:3:listings[3].quantity.value',
        'listings:4:listings[4].quantity.unit',
        'listings:5:listings[5].site',
        'listings:6:listings[6].site',
      ]),
    );
    expect(res.body.companies).toMatchObject({ created: 2, rejected: 1 });
    expect(res.body.listings).toMatchObject({ created: 2, rejected: 5 });

    const stored = await app.request('GET', '/listings?limit=100');
    expect(stored.body.items.map((l: { ref: string }) => l.ref).sort()).toEqual([
      'acme-sawdust',
      'heat-fuel',
    ]);
    const companies = await app.request('GET', '/companies?count=true');
    expect(companies.body.total).toBe(2);
  });

  it('when the same file is imported again, then nothing changes', async () => {
    const before = await app.request('GET', '/listings?limit=100');
    const again = await app.request('POST', '/imports', document());
    expect(again.body.companies).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    expect(again.body.listings).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    const after = await app.request('GET', '/listings?limit=100');
    expect(after.body).toEqual(before.body);
  });

  it('when a row changes, then only that row is updated and keeps its id', async () => {
    const doc = document();
    doc.listings[0]!.quantity.value = 3500;
    const res = await app.request('POST', '/imports', doc);
    expect(res.body.listings).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    const list = await app.request('GET', '/listings?q=sawdust');
    expect(list.body.items[0].canonicalQuantity.value).toBe(3500);
  });

  it('when a dry run is asked for, then the summary is given and nothing is written', async () => {
    const doc = document();
    doc.listings[1]!.ref = 'heat-fuel-2';
    const res = await app.request('POST', '/imports?dryRun=true', doc);
    expect(res.body.dryRun).toBe(true);
    expect(res.body.listings.created).toBe(1);
    const list = await app.request('GET', '/listings?limit=100&count=true');
    expect(list.body.total).toBe(2);
  });

  it('when the document is not an import document, then 400 names the field', async () => {
    const res = await app.request('POST', '/imports', { companies: 'nope' });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('companies');
  });

  it('when CSV files are imported, then rows land like JSON and errors name line and column', async () => {
    const companies = [
      'company_ref,name,org_number,country,industry,site_ref,site_name,lat,lon',
      'csv-co,CSV Dairy AS,,SE,10.510,csv-site,Dairy,59.9,10.7',
      'csv-co,CSV Dairy AS,,SE,10.510,csv-site-2,Store,59.95,10.75',
    ].join('\n');
    const listings = [
      'ref,site,direction,kind,title,quantity_value,quantity_unit,energy_carrier,energy_supply_temperature_c,energy_monthly_profile',
      'csv-heat,csv-site,offer,energy,Cooling heat,2.5,GWh/yr,hot-water,35,',
      'csv-bad,csv-site,offer,energy,Bad,lots,GWh/yr,hot-water,35,',
      'csv-need,csv-site-2,need,energy,Space heat,800,MWh/yr,hot-water,60,2;2;1.5;1;0.5;0.2;0.2;0.2;0.5;1;1.5;2',
    ].join('\n');
    const res = await app.request('POST', '/imports/csv', { companies, listings });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([
      expect.objectContaining({ section: 'listings', row: 3, path: 'quantity_value' }),
    ]);
    expect(res.body.sites.created).toBe(2);
    const heat = await app.request('GET', '/listings?kind=energy&direction=offer');
    expect(heat.body.items[0].canonicalQuantity).toEqual({ value: 2500, unit: 'MWh/yr' });
  });

  it('when a CSV file has a quote that is never closed, then 400 names the file and line and nothing is written', async () => {
    const before = await app.request('GET', '/listings?limit=100');
    const res = await app.request('POST', '/imports/csv', {
      companies: 'company_ref,name,country,industry,site_ref,lat,lon\nq-co,Q AS,SE,10.510,q-site,59.9,10.7\n',
      listings: [
        'ref,site,direction,kind,title,quantity_value,quantity_unit,land_use',
        'q-1,q-site,offer,land,Plot,2,daa,industrial',
        'q-2,q-site,offer,land,"Plot with a quote left open,3,daa,industrial',
        'q-3,q-site,offer,land,Quay,4,daa,industrial',
      ].join('\r\n'),
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([
      {
        path: 'listings (line 3, column title)',
        message: expect.stringContaining('closing quote never comes'),
      },
    ]);
    expect((await app.request('GET', '/listings?limit=100')).body).toEqual(before.body);
    expect((await app.request('GET', '/companies?q=Q%20AS')).body.items).toEqual([]);
  });

  it('when a CSV file has an unknown column, then the whole import is refused', async () => {
    const res = await app.request('POST', '/imports/csv', {
      companies: 'company_ref,name,shoe_size\nx,y,42',
      listings: 'ref\n',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toContainEqual({
      path: 'companies.shoe_size',
      message: 'is not a known column',
    });
  });

  it('when a document given to the CLI holds a NUL or a lone surrogate, then only those rows are rejected, each naming its field', async () => {
    const doc = document();
    doc.listings[0]!.title = 'Saw\u0000dust';
    doc.companies[2]!.name = 'Heat Co \ud800';
    const summary = await importDocument(app.runtime.deps, SYSTEM, doc, { dryRun: true });
    expect(summary.errors).toEqual(
      expect.arrayContaining([
        {
          section: 'companies',
          row: 2,
          ref: 'heatco',
          path: 'companies[2].name',
          message: 'holds an unpaired UTF-16 surrogate (U+D800) at position 9',
        },
        {
          section: 'listings',
          row: 0,
          ref: 'acme-sawdust',
          path: 'listings[0].title',
          message: 'holds a NUL character (U+0000) at position 4',
        },
      ]),
    );
    expect(summary.companies.rejected).toBe(2);
    // The five rows that were bad before, and the sawdust; heat-fuel keeps its site stored earlier.
    expect(summary.listings.rejected).toBe(6);
  });

  it('when the same new document is imported twice at once, then each import reports what it did and together they created each row once', async () => {
    const doc = {
      companies: Array.from({ length: 30 }, (_, i) => ({
        ref: `race-${i}`,
        name: `Race ${i} AB`,
        country: 'SE',
        industry: '16.100',
        sites: [{ ref: `race-site-${i}`, lat: 59.3, lon: 18.0 + i / 100 }],
      })),
      listings: Array.from({ length: 60 }, (_, i) => ({
        ref: `race-listing-${i}`,
        site: `race-site-${i % 30}`,
        direction: 'offer',
        kind: 'material',
        title: `Sawdust ${i}`,
        quantity: { value: 100 + i, unit: 't/yr' },
        material: { wasteCodes: ['030105'] },
      })),
    };
    const [a, b] = await Promise.all([
      app.request('POST', '/imports', doc),
      app.request('POST', '/imports', doc),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body.companies.created + b.body.companies.created).toBe(30);
    expect(a.body.companies.created + a.body.companies.unchanged).toBe(30);
    expect(a.body.listings.created + b.body.listings.created).toBe(60);
    expect(a.body.listings.created + a.body.listings.unchanged).toBe(60);
    const stored = await app.runtime.deps.store.read((tx) =>
      tx.run("MATCH (l:Listing) WHERE l.ref STARTS WITH 'race-listing-' RETURN count(l) AS n"),
    );
    expect(stored.records[0]!.get('n')).toBe(60);
  });
  it('when a document spans several write batches, then every row lands with its relationships and its outcome', async () => {
    const doc = {
      companies: Array.from({ length: 5 }, (_, i) => ({
        ref: `batch-${i}`,
        name: `Batch ${i} AB`,
        country: 'SE',
        industry: '16.100',
        sites: [{ ref: `batch-site-${i}`, lat: 59.3, lon: 18.0 + i / 100 }],
      })),
      listings: Array.from({ length: 7 }, (_, i) => ({
        ref: `batch-listing-${i}`,
        site: `batch-site-${i % 5}`,
        direction: i % 2 === 0 ? 'offer' : 'need',
        kind: 'material',
        title: `Wood residues ${i}`,
        quantity: { value: 100 + i, unit: 't/yr' },
        // A code named twice is linked once.
        material: { wasteCodes: i % 2 === 0 ? ['030105', '030105'] : ['0301'], category: 'wood-residues' },
      })),
    };
    const batchSize = { companies: 2, listings: 3 };
    const progress: [number, number][] = [];
    const first = await importDocument(app.runtime.deps, SYSTEM, doc, {
      batchSize,
      onProgress: (done, total) => progress.push([done, total]),
    });
    expect(first.errors).toEqual([]);
    expect(first.companies).toMatchObject({ created: 5, updated: 0, unchanged: 0 });
    expect(first.sites).toEqual({ created: 5, updated: 0, unchanged: 0 });
    expect(first.listings).toMatchObject({ created: 7, updated: 0, unchanged: 0 });
    expect(progress.at(-1)).toEqual([17, 17]);
    expect(progress.length).toBe(1 + 3 + 3);

    const links = async () =>
      (
        await app.runtime.deps.store.read((tx) =>
          tx.run(
            `MATCH (c:Company)-[:HAS_SITE]->(s:Site)<-[:AT_SITE]-(l:Listing) WHERE c.ref STARTS WITH 'batch-'
             RETURN l.ref AS ref, c.version AS cv, s.version AS sv, l.version AS lv,
                    COUNT { (c)-[:IN_INDUSTRY]->(:Industry) } AS industry,
                    [(l)-[:HAS_CODE]->(w) | w.code] AS codes,
                    [(l)-[:ACCEPTS]->(w) | w.code] AS accepts,
                    COUNT { (l)-[:IN_CATEGORY]->(:MaterialCategory) } AS category
             ORDER BY ref`,
          ),
        )
      ).records.map((r) => r.toObject());
    const stored = await links();
    expect(stored).toHaveLength(7);
    for (const [i, l] of stored.entries()) {
      expect(l).toEqual({
        ref: `batch-listing-${i}`,
        cv: 1,
        sv: 1,
        lv: 1,
        industry: 1,
        codes: i % 2 === 0 ? ['030105'] : [],
        accepts: i % 2 === 0 ? [] : ['0301'],
        category: 1,
      });
    }

    // A change in the last batch: only that row is updated, its code replaced.
    doc.listings[6]!.material.wasteCodes = ['030101'];
    const again = await importDocument(app.runtime.deps, SYSTEM, doc, { batchSize });
    expect(again.companies).toMatchObject({ created: 0, updated: 0, unchanged: 5 });
    expect(again.listings).toMatchObject({ created: 0, updated: 1, unchanged: 6 });
    const after = await links();
    expect(after[6]).toMatchObject({ lv: 2, codes: ['030101'], category: 1 });
    expect(after.slice(0, 6)).toEqual(stored.slice(0, 6));
  });
});
