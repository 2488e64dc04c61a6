import { describe, expect, it } from 'vitest';
import { type ListingData, type ListingInput, ListingInputSchema } from '../../../src/domain/listing.ts';
import { checkListingReference, materialiseListing } from '../../../src/domain/listing-rules.ts';
import { loadReferenceData } from '../../../src/reference/load.ts';

const ref = loadReferenceData();

const listing = (over: Partial<ListingInput>): ListingData =>
  ListingInputSchema.parse({
    siteId: 'site-1',
    direction: 'need',
    kind: 'material',
    title: 'Silica fume',
    quantity: { value: 2, unit: 't/month' },
    material: { wasteCodes: ['100816'] },
    ...over,
  });

const IDS = { id: 'l-1', companyId: 'c-1' };
const TIMES = { createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-02T00:00:00.000Z' };

describe('checkListingReference', () => {
  it('when code, sub-chapter, chapter and category all exist, then there is no problem', () => {
    const l = listing({ material: { wasteCodes: ['100816', '1008', '10'], category: 'silica-fume' } });
    expect(checkListingReference(l, ref)).toEqual([]);
  });

  it('when a 6-digit code is not in the List of Waste, then that code is named as a code', () => {
    expect(checkListingReference(listing({ material: { wasteCodes: ['100816', '020188'] } }), ref)).toEqual([
      { path: 'material.wasteCodes[1]', message: "'020188' is not a code of the European List of Waste" },
    ]);
  });

  it('when a 4-digit prefix is not a sub-chapter, then it is named as a sub-chapter', () => {
    expect(checkListingReference(listing({ material: { wasteCodes: ['0199'] } }), ref)).toEqual([
      {
        path: 'material.wasteCodes[0]',
        message: "'0199' is not a sub-chapter of the European List of Waste",
      },
    ]);
  });

  it('when a 2-digit prefix is not a chapter, then it is named as a chapter', () => {
    expect(checkListingReference(listing({ material: { wasteCodes: ['21'] } }), ref)).toEqual([
      { path: 'material.wasteCodes[0]', message: "'21' is not a chapter of the European List of Waste" },
    ]);
  });

  it('when the category is unknown, then material.category is named', () => {
    const problems = checkListingReference(listing({ material: { category: 'moon-dust' } }), ref);
    expect(problems.map((p) => p.path)).toEqual(['material.category']);
    expect(problems[0]?.message).toContain("'moon-dust'");
  });

  it('when the hourly profile is unknown, then energy.hourlyProfile is named with the known ones', () => {
    const l = listing({
      kind: 'energy',
      quantity: { value: 1, unit: 'GWh/yr' },
      material: undefined,
      energy: { carrier: 'hot-water', hourlyProfile: 'hotmaps-no:bakery' },
    });
    const problems = checkListingReference(l, ref);
    expect(problems.map((p) => p.path)).toEqual(['energy.hourlyProfile']);
    expect(problems[0]?.message).toContain('hotmaps-no:paper');
  });

  it('when the hourly profile is one of data/reference/load-profiles-no, then it is accepted', () => {
    const l = listing({
      kind: 'energy',
      quantity: { value: 1, unit: 'GWh/yr' },
      material: undefined,
      energy: { carrier: 'hot-water', hourlyProfile: 'hotmaps-no:paper' },
    });
    expect(checkListingReference(l, ref)).toEqual([]);
  });

  it('when the unit does not convert and a code is unknown, then both problems are reported', () => {
    const l = listing({ quantity: { value: 1, unit: 'MWh/yr' }, material: { wasteCodes: ['020188'] } });
    expect(checkListingReference(l, ref).map((p) => p.path)).toEqual([
      'quantity.unit',
      'material.wasteCodes[0]',
    ]);
  });
});

describe('materialiseListing', () => {
  it('when an offer names a hazardous (asterisk) code, then the stored listing is flagged hazardous', () => {
    const l = listing({ direction: 'offer', material: { wasteCodes: ['170504', '170503'] } });
    expect(materialiseListing(l, ref, IDS, TIMES).material?.hazardous).toBe(true);
  });

  it('when every code is non-hazardous, then the listing is not hazardous', () => {
    const l = listing({ direction: 'offer', material: { wasteCodes: ['170504'] } });
    expect(materialiseListing(l, ref, IDS, TIMES).material?.hazardous).toBe(false);
  });

  it('when 2 t/month is stored, then the canonical quantity is 24 t/yr and the typed unit is kept', () => {
    const stored = materialiseListing(listing({}), ref, IDS, TIMES);
    expect(stored.canonicalQuantity).toEqual({ value: 24, unit: 't/yr' });
    expect(stored.quantity).toEqual({ value: 2, unit: 't/month' });
    expect(stored).toMatchObject({ ...IDS, ...TIMES });
  });

  it('when an energy listing is stored, then its power is converted over its operating hours and no material block appears', () => {
    const l = listing({
      kind: 'energy',
      quantity: { value: 6, unit: 'MW', operatingHours: 8300 },
      material: undefined,
      energy: { carrier: 'hot-water' },
    });
    const stored = materialiseListing(l, ref, IDS, TIMES);
    expect(stored.canonicalQuantity).toEqual({ value: 49_800, unit: 'MWh/yr' });
    expect(stored).not.toHaveProperty('material');
  });

  it('when the unit does not convert, then it refuses to build a listing', () => {
    const l = listing({ quantity: { value: 1, unit: 'MWh/yr' } });
    expect(() => materialiseListing(l, ref, IDS, TIMES)).toThrow(/materialiseListing on unchecked input/);
  });
});
