import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ListingInputSchema } from '../../../src/domain/listing.ts';
import { DATA_DIR } from '../../../src/reference/paths.ts';
import { schemaProblems } from '../../../web/src/forms/schema-check.ts';
import { fitProjection, NORWAY_BOX } from '../../../web/src/map/projection.ts';
import { fieldOf, parseNumber, placeErrors } from '../../../web/src/workspaces/business/form-errors.ts';
import {
  initialState,
  type Listing,
  type Site,
  toInput,
  unitsFor,
  unreadable,
} from '../../../web/src/workspaces/business/listing-input.ts';
import {
  editDistance,
  searchWasteCodes,
  type WasteCode,
} from '../../../web/src/workspaces/business/waste-search.ts';

const csvRows = (file: string) =>
  readFileSync(join(DATA_DIR, 'reference/list-of-waste', file), 'utf8')
    .split('\n')
    .slice(1)
    .filter((line) => line.trim() !== '')
    .map((line) =>
      line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, '').replace(/^"|"$/g, '')),
    );
const NB = new Map(csvRows('list-of-waste-nb.csv').map((cells) => [cells[0]!, cells[3]!]));

/** The List of Waste as GET /taxonomy/waste-codes serves it (code, descriptions, hazardous). */
const LIST: WasteCode[] = csvRows('list-of-waste.csv').map((cells) => ({
  code: cells[0]!,
  description: cells[5]!,
  descriptionNb: NB.get(cells[0]!)!,
  hazardous: cells[6] === 'true',
}));

describe('the List of Waste picker’s search', () => {
  it('when a code prefix is typed, then every code under it is found', () => {
    const found = searchWasteCodes(LIST, '0301', 50).matches.map((w) => w.code);
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((c) => c.startsWith('0301'))).toBe(true);
    expect(found).toContain('030105');
  });

  it('when English words are typed, then codes whose text holds them all are found', () => {
    const found = searchWasteCodes(LIST, 'sawdust shavings').matches.map((w) => w.code);
    expect(found).toContain('030105');
  });

  it('when a Norwegian word is typed, then the bokmål descriptions find the entries', () => {
    const found = searchWasteCodes(LIST, 'sagflis').matches.map((w) => w.code);
    expect(found).toContain('030105');
    expect(searchWasteCodes(LIST, 'slam').matches.length).toBeGreaterThan(0);
  });

  it('when “betong” or “concrete” is typed, then both find 17 01 01, in either UI language', () => {
    for (const language of ['nb', 'en'] as const) {
      expect(searchWasteCodes(LIST, 'betong', 20, language).matches.map((w) => w.code)).toContain('170101');
      expect(searchWasteCodes(LIST, 'concrete', 20, language).matches.map((w) => w.code)).toContain('170101');
    }
  });

  it('when Norwegian words are typed, then codes whose bokmål text holds them all are found', () => {
    const found = searchWasteCodes(LIST, 'slam avløpsvann på stedet', 100).matches.map((w) => w.code);
    expect(found).toContain('020204');
    expect(found).toContain('030311');
    expect(searchWasteCodes(LIST, 'Farlige STOFFER jord').matches.map((w) => w.code)).toContain('170503');
  });

  it('when a Norwegian compound is typed, then what holds it or its parts is found', () => {
    const found = searchWasteCodes(LIST, 'betongavfall', 50).matches.map((w) => w.code);
    expect(found).toContain('101314');
    expect(found).toContain('170101');
    expect(searchWasteCodes(LIST, 'teglavfall').matches.map((w) => w.code)).toEqual([
      '170102',
      '170106',
      '170107',
    ]);
  });

  it('when an everyday word the list does not use is typed, then the list’s own words are searched for', () => {
    expect(searchWasteCodes(LIST, 'asfalt').matches.map((w) => w.code)).toContain('170302');
    expect(searchWasteCodes(LIST, 'asphalt').matches.map((w) => w.code)).toContain('170302');
    expect(searchWasteCodes(LIST, 'trevirke', 50).matches.map((w) => w.code)).toContain('170201');
  });

  it('when a short word is typed, then entries holding it as a word come before those holding it inside one', () => {
    const found = searchWasteCodes(LIST, 'tre', 5, 'nb').matches.map((w) => w.descriptionNb);
    expect(found.every((d) => /(^|[^\p{L}])tre([^\p{L}]|$)/iu.test(d))).toBe(true);
  });

  it('when a Norwegian word is misspelt, then the nearest bokmål word of the list is offered', () => {
    const result = searchWasteCodes(LIST, 'betonng', 20, 'nb');
    expect(result.matches).toEqual([]);
    expect(result.didYouMean).toEqual(['betong']);
    expect(searchWasteCodes(LIST, 'flyveske slagg', 20, 'nb').didYouMean).toEqual(['flyveaske slagg']);
    expect(searchWasteCodes(LIST, 'concrte', 20, 'nb').didYouMean).toEqual(['concrete']);
  });

  it('when a word is misspelt, then nothing matches and the nearest word of the list is offered', () => {
    const result = searchWasteCodes(LIST, 'sawdsut');
    expect(result.matches).toEqual([]);
    expect(result.didYouMean).toEqual(['sawdust']);
  });

  it('when a six-digit code that does not exist is typed, then the codes one digit away are offered', () => {
    const result = searchWasteCodes(LIST, '030106');
    expect(result.matches).toEqual([]);
    expect(result.didYouMean).toContain('030105');
  });

  it('when the edit distance is measured, then inserts, deletes and replacements count one each', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('slag', 'slagg')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });
});

describe('the API’s errors on a form', () => {
  const fields = new Set(['quantity.value', 'material', 'material.wasteCodes', 'energy.monthlyProfile']);

  it('when a path names a field, then its message goes to that field', () => {
    expect(fieldOf('quantity.value', fields)).toBe('quantity.value');
  });

  it('when a path names an item or a part of a field, then it goes to the field', () => {
    expect(fieldOf('material.wasteCodes[2]', fields)).toBe('material.wasteCodes');
    expect(fieldOf('energy.monthlyProfile[3]', fields)).toBe('energy.monthlyProfile');
    expect(fieldOf('material.purityPct', fields)).toBe('material');
  });

  it('when a path names nothing of the form, then it stays in the summary', () => {
    const placed = placeErrors(
      [
        { path: 'quantity.value', message: 'must be greater than 0' },
        { path: 'siteId', message: 'no such site' },
      ],
      fields,
    );
    expect(placed.byField.get('quantity.value')).toEqual(['must be greater than 0']);
    expect(placed.unplaced).toEqual([{ path: 'siteId', message: 'no such site' }]);
  });

  it('when a number is typed the Norwegian way, then it is read', () => {
    expect(parseNumber('1 234,5')).toBe(1234.5);
    expect(parseNumber('12.5')).toBe(12.5);
    expect(parseNumber('  ')).toBeUndefined();
    expect(parseNumber('tolv')).toBeNaN();
  });
});

describe('the listing form’s values', () => {
  const site = { id: 'site-1' } as Site;

  it('when a kind is chosen, then its units are offered, without the milli units kept only to tell them from mega', () => {
    expect(unitsFor('material')).toEqual(['t', 'kt', 'Mg', 'kg']);
    expect(unitsFor('energy')).toContain('kW');
    expect(unitsFor('energy')).not.toContain('mWh');
    expect(unitsFor('water')).toContain('l/s');
    expect(unitsFor('land')).toEqual(['m2', 'daa', 'ha', 'km2']);
  });

  it('when an energy offer is filled in, then the body has its carrier, temperatures, power and both profiles', () => {
    const s = {
      ...initialState([site], undefined),
      kind: 'energy' as const,
      title: 'Waste heat',
      value: '2,5',
      unit: 'MW',
      operatingHours: '8000',
      carrier: 'hot-water',
      supplyTemperatureC: '80',
      returnTemperatureC: '40',
      powerKw: '2500',
      monthly: ['1', '1', '1', '0,8', '0,6', '0,4', '0,4', '0,4', '0,6', '0,8', '1', '1'],
      hourlyProfile: 'hotmaps-no:paper',
    };
    expect(unreadable(s)).toEqual([]);
    expect(toInput(s)).toEqual({
      siteId: 'site-1',
      direction: 'offer',
      kind: 'energy',
      title: 'Waste heat',
      quantity: { value: 2.5, unit: 'MW', operatingHours: 8000 },
      continuity: 'continuous',
      confidentiality: 'public',
      energy: {
        carrier: 'hot-water',
        supplyTemperatureC: 80,
        returnTemperatureC: 40,
        powerKw: 2500,
        monthlyProfile: [1, 1, 1, 0.8, 0.6, 0.4, 0.4, 0.4, 0.6, 0.8, 1, 1],
        hourlyProfile: 'hotmaps-no:paper',
      },
    });
  });

  it('when land is filled in, then the quantity has no period and the facilities are listed', () => {
    const s = {
      ...initialState([site], undefined),
      kind: 'land' as const,
      title: 'Plot',
      value: '12',
      unit: 'daa',
      period: '',
      facilities: ['quay', 'road'],
    };
    const input = toInput(s);
    expect(input.quantity).toEqual({ value: 12, unit: 'daa' });
    expect(input.land).toEqual({ landUse: 'industrial', facilities: ['quay', 'road'] });
    expect(input.material).toBeUndefined();
  });

  it('when a listing is changed, then the form starts from its values, its unit split from its period', () => {
    const listing = {
      id: 'l-1',
      siteId: 'site-1',
      direction: 'need',
      kind: 'material',
      title: 'Chips',
      quantity: { value: 300, unit: 't/month' },
      continuity: 'batch',
      confidentiality: 'anonymous',
      material: { wasteCodes: ['0301'], category: 'wood-residues', hazardous: false, acceptsHazardous: true },
    } as unknown as Listing;
    const s = initialState([site], listing);
    expect([s.value, s.unit, s.period, s.direction, s.continuity]).toEqual([
      '300',
      't',
      'month',
      'need',
      'batch',
    ]);
    expect(toInput(s).material).toEqual({
      wasteCodes: ['0301'],
      category: 'wood-residues',
      acceptsHazardous: true,
    });
  });

  it('when regulatory facts are filled in, then an offer sends its status and category, a need its permit and form', () => {
    const base = { ...initialState([site], undefined), title: 'Frames', value: '10', wasteCodes: ['020202'] };
    const offer = { ...base, animalByProductCategory: '3', wasteStatus: 'by-product', acceptsWaste: 'true' };
    expect(toInput(offer).material).toEqual({
      wasteCodes: ['020202'],
      animalByProductCategory: 3,
      wasteStatus: 'by-product',
    });
    const need = {
      ...base,
      direction: 'need' as const,
      form: 'liquid',
      formRequired: true,
      acceptsWaste: 'false',
    };
    expect(toInput(need).material).toEqual({
      wasteCodes: ['020202'],
      form: 'liquid',
      formRequired: true,
      acceptsWaste: false,
    });
    expect(schemaProblems(ListingInputSchema, toInput(need))).toEqual([]);
    const changed = initialState([site], { ...toInput(need), id: 'l-1' } as unknown as Listing);
    expect([changed.formRequired, changed.acceptsWaste]).toEqual([true, 'false']);
  });

  it('when a number cannot be read, then its field is named before anything is sent', () => {
    const s = { ...initialState([site], undefined), value: 'twelve', maxDistanceKm: '5 0' };
    expect(unreadable(s).map((p) => p.path)).toEqual(['quantity.value']);
  });
});

describe('the map as a place picker', () => {
  it('when a place is projected and read back, then it is the same place', () => {
    const p = fitProjection(NORWAY_BOX, 640, 560, 12);
    expect(p.lat(p.y(63.43))).toBeCloseTo(63.43, 9);
    expect(p.lon(p.x(10.39))).toBeCloseTo(10.39, 9);
  });
});
