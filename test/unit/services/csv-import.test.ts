import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImportListingSchema } from '../../../src/domain/import-document.ts';
import { issuesToDetails } from '../../../src/domain/validate.ts';
import { DATA_DIR } from '../../../src/reference/paths.ts';
import { csvToDocument } from '../../../src/services/csv-import.ts';

const COMPANIES = [
  'company_ref,name,org_number,industry,site_ref,lat,lon',
  'acme,Acme AS,923609016,24.420,acme-north,60.1,5.1',
  'other,Other AS,974760673,23.630,other-1,60.2,5.2',
  'acme,Acme AS,923609016,24.420,acme-south,60.3,5.3',
].join('\n');

const LISTINGS_HEADER =
  'ref,site,direction,kind,title,quantity_value,quantity_unit,material_waste_codes,material_contaminants,material_accepts_hazardous,energy_carrier,energy_monthly_profile';

const listings = (...rows: string[]) => [LISTINGS_HEADER, ...rows].join('\n');

describe('csvToDocument: companies', () => {
  it('when a company has rows for two sites, then it becomes one company with both sites', () => {
    const { document } = csvToDocument(COMPANIES, listings());
    expect(document.companies).toHaveLength(2);
    expect(document.companies[0]).toEqual({
      ref: 'acme',
      name: 'Acme AS',
      orgNumber: '923609016',
      industry: '24.420',
      sites: [
        { ref: 'acme-north', lat: 60.1, lon: 5.1 },
        { ref: 'acme-south', lat: 60.3, lon: 5.3 },
      ],
    });
  });

  it('when a company spans lines 2 and 4, then its row number is its first line', () => {
    const { options } = csvToDocument(COMPANIES, listings());
    expect(options.rowNumber?.('companies', 0)).toBe(2);
    expect(options.rowNumber?.('companies', 1)).toBe(3);
  });

  it('when two rows have no company_ref, then they stay two companies', () => {
    const csv = 'company_ref,name,site_ref,lat,lon\n,A,s1,1,1\n,B,s2,2,2';
    expect(csvToDocument(csv, listings()).document.companies.map((c) => c['name'])).toEqual(['A', 'B']);
  });

  it('when a site error is reported, then it names the site column and the line of that site', () => {
    const { options } = csvToDocument(COMPANIES, listings());
    expect(options.fieldName?.('companies', 0, 'sites[1].lat')).toBe('lat (line 4)');
    expect(options.fieldName?.('companies', 0, 'sites[0].ref')).toBe('site_ref (line 2)');
  });

  it('when a company field error is reported, then it names the CSV column', () => {
    const { options } = csvToDocument(COMPANIES, listings());
    expect(options.fieldName?.('companies', 1, 'orgNumber')).toBe('org_number');
    expect(options.fieldName?.('companies', 1, 'contact.email')).toBe('contact_email');
  });
});

describe('csvToDocument: listings', () => {
  it('when list cells hold values separated by ";", then they become arrays without blanks', () => {
    const { document } = csvToDocument(
      COMPANIES,
      listings('l1,acme-north,offer,material,Ash,10,t/yr,100102; 100103;,carbon;alkalis,,,'),
    );
    expect(document.listings[0]).toMatchObject({
      material: { wasteCodes: ['100102', '100103'], contaminants: ['carbon', 'alkalis'] },
    });
  });

  it('when number cells hold numbers, then they become numbers; otherwise they stay text', () => {
    const { document } = csvToDocument(
      COMPANIES,
      listings('l1,acme-north,offer,energy,Heat,"1,5",MW,,,,hot-water,1;2;x'),
    );
    expect(document.listings[0]).toMatchObject({
      quantity: { value: '1,5', unit: 'MW' },
      energy: { carrier: 'hot-water', monthlyProfile: [1, 2, 'x'] },
    });
  });

  it('when a number cell is not a number, then validation names it by its CSV column', () => {
    const { document, options } = csvToDocument(
      COMPANIES,
      listings('l1,acme-north,offer,material,Ash,ten,t/yr,100102,,,,'),
    );
    const parsed = ImportListingSchema.safeParse(document.listings[0]);
    const paths = issuesToDetails(parsed.error!.issues).map((d) =>
      options.fieldName?.('listings', 0, d.path),
    );
    expect(paths).toEqual(['quantity_value']);
  });

  it('when a boolean cell says TRUE, false or yes, then it becomes true, false or stays text', () => {
    const rows = ['TRUE', 'false', 'yes'].map((b) => `l,acme-north,need,material,Ash,1,t/yr,10,,${b},,`);
    const { document } = csvToDocument(COMPANIES, listings(...rows));
    expect(
      document.listings.map((l) => (l['material'] as { acceptsHazardous: unknown }).acceptsHazardous),
    ).toEqual([true, false, 'yes']);
  });

  it('when a cell is empty, then the field is absent, not an empty string', () => {
    const { document } = csvToDocument(COMPANIES, listings('l1,acme-north,offer,land,Plot,15,daa,,,,,'));
    expect(document.listings[0]).toEqual({
      ref: 'l1',
      site: 'acme-north',
      direction: 'offer',
      kind: 'land',
      title: 'Plot',
      quantity: { value: 15, unit: 'daa' },
    });
  });

  it('when the second listing is on line 3, then its errors carry line 3', () => {
    const { options } = csvToDocument(
      COMPANIES,
      listings('a,s,offer,land,P,1,daa,,,,,', 'b,s,offer,land,P,1,daa,,,,,'),
    );
    expect(options.rowNumber?.('listings', 1)).toBe(3);
  });

  it('when an error is on the second item of a list cell, then the column and item number are named', () => {
    const { options } = csvToDocument(COMPANIES, listings());
    expect(options.fieldName?.('listings', 0, 'material.wasteCodes[1]')).toBe(
      'material_waste_codes (item 2)',
    );
    expect(options.fieldName?.('listings', 0, 'quantity.unit')).toBe('quantity_unit');
    expect(options.fieldName?.('listings', 0, '')).toBe('(row)');
  });
});

describe('csvToDocument: file errors', () => {
  it('when either file has columns the format does not know, then each is reported with its file', () => {
    const companies = 'company_ref,name,colour\nacme,Acme,red';
    const { fileErrors } = csvToDocument(companies, `${LISTINGS_HEADER},weight\n${'x,'.repeat(12)}1`);
    expect(fileErrors).toEqual([
      { file: 'companies', column: 'colour', message: 'is not a known column' },
      { file: 'listings', column: 'weight', message: 'is not a known column' },
    ]);
  });

  it('when a quote in the listings is never closed, then the file and the line of that row are named and no row is read', () => {
    const { fileErrors, document } = csvToDocument(
      COMPANIES,
      listings(
        'l1,acme-north,offer,land,Plot,15,daa,,,,,',
        'l2,acme-north,offer,land,"Plot,15,daa,,,,,',
        'l3,x,y',
      ),
    );
    expect(fileErrors).toEqual([
      {
        file: 'listings',
        line: 3,
        column: 'title',
        message: expect.stringContaining('its closing quote never comes'),
      },
    ]);
    expect(document.listings).toEqual([]);
    expect(document.companies).toHaveLength(2);
  });

  it('when a company row is ragged, then the companies file and its line are named', () => {
    const { fileErrors } = csvToDocument(
      `${COMPANIES}
acme,Acme AS,923609016`,
      listings(),
    );
    expect(fileErrors).toEqual([
      { file: 'companies', line: 5, message: expect.stringContaining('has 3 cells where the header has 7') },
    ]);
  });

  it('when all columns are known, then there are no file errors', () => {
    expect(
      csvToDocument(COMPANIES, listings('l1,acme-north,offer,land,Plot,15,daa,,,,,')).fileErrors,
    ).toEqual([]);
  });
});

describe('csvToDocument: the example files', () => {
  it('when companies.csv and listings.csv are converted, then they say what small-import.json says', () => {
    const read = (f: string) => readFileSync(join(DATA_DIR, 'examples', f), 'utf8');
    const { document, fileErrors } = csvToDocument(read('companies.csv'), read('listings.csv'));
    expect(fileErrors).toEqual([]);
    expect(document).toEqual(JSON.parse(read('small-import.json')));
  });
});
