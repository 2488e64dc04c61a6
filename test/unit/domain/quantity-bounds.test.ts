import { describe, expect, it } from 'vitest';
import { type ListingData, type ListingInput, ListingInputSchema } from '../../../src/domain/listing.ts';
import { LISTING_KINDS } from '../../../src/domain/listing-kinds.ts';
import { checkListingReference, materialiseListing } from '../../../src/domain/listing-rules.ts';
import { CANONICAL_BOUNDS, canonicalQuantityProblem } from '../../../src/domain/quantity-bounds.ts';
import { issuesToDetails } from '../../../src/domain/validate.ts';
import { loadReferenceData } from '../../../src/reference/load.ts';

const ref = loadReferenceData();

const material = (quantity: ListingInput['quantity']): ListingData =>
  ListingInputSchema.parse({
    siteId: 'site-1',
    direction: 'offer',
    kind: 'material',
    title: 'Slag',
    quantity,
    material: { wasteCodes: ['100202'] },
  });

const energy = (over: Record<string, unknown>): unknown => ({
  siteId: 'site-1',
  direction: 'offer',
  kind: 'energy',
  title: 'Heat',
  quantity: { value: 2, unit: 'GWh/yr' },
  energy: { carrier: 'hot-water' },
  ...over,
});

const pathsOf = (input: unknown): string[] => {
  const r = ListingInputSchema.safeParse(input, { reportInput: true });
  return r.success ? [] : issuesToDetails(r.error.issues).map((d) => d.path);
};

describe('canonicalQuantityProblem', () => {
  it.each(LISTING_KINDS)('when a %s quantity sits on either bound, then it is accepted', (kind) => {
    expect(canonicalQuantityProblem(kind, CANONICAL_BOUNDS[kind].max)).toBeUndefined();
    expect(canonicalQuantityProblem(kind, CANONICAL_BOUNDS[kind].min)).toBeUndefined();
  });

  it.each(LISTING_KINDS)(
    'when a %s quantity is beyond a bound, zero, subnormal or not finite, then it is refused',
    (kind) => {
      const { min, max } = CANONICAL_BOUNDS[kind];
      for (const value of [max * 1.01, min / 2, 0, 5e-324, Number.POSITIVE_INFINITY, Number.NaN]) {
        expect(canonicalQuantityProblem(kind, value), String(value)).toMatch(/check the value and the unit/);
      }
    },
  );
});

describe('checkListingReference: quantity bounds', () => {
  it('when 1e308 t/day is given, then quantity.value is named: the canonical value is not finite', () => {
    const problems = checkListingReference(material({ value: 1e308, unit: 't/day' }), ref);
    expect(problems).toEqual([
      {
        path: 'quantity.value',
        message: '1e+308 t/day comes to more t/yr than a number can hold; check the value and the unit',
      },
    ]);
  });

  it('when 1 Mt a day is given, then it is refused as more than 1e8 t/yr', () => {
    const problems = checkListingReference(material({ value: 1_000_000, unit: 't/day' }), ref);
    expect(problems.map((p) => p.path)).toEqual(['quantity.value']);
    expect(problems[0]!.message).toContain('3.65e+8 t/yr, more than the 1e8 t/yr');
  });

  it('when 500 mg a year is given, then it is refused as below 1 g a year', () => {
    const problems = checkListingReference(material({ value: 500, unit: 'mg/yr' }), ref);
    expect(problems.map((p) => p.path)).toEqual(['quantity.value']);
    expect(problems[0]!.message).toContain('less than the 1e-6 t/yr (1 g a year)');
  });

  it('when a bound is kept, then materialiseListing stores a finite canonical value', () => {
    const l = materialiseListing(
      material({ value: 1e8, unit: 't/yr' }),
      ref,
      { id: 'l', companyId: 'c' },
      { createdAt: 'x', updatedAt: 'x' },
    );
    expect(l.canonicalQuantity).toEqual({ value: 1e8, unit: 't/yr' });
  });

  it('when materialiseListing is given an unchecked quantity beyond bounds, then it throws rather than store it', () => {
    expect(() =>
      materialiseListing(
        material({ value: 1e308, unit: 't/day' }),
        ref,
        { id: 'l', companyId: 'c' },
        { createdAt: 'x', updatedAt: 'x' },
      ),
    ).toThrow(/unchecked input/);
  });
});

describe('numeric fields are finite and bounded', () => {
  it.each([
    ['quantity.value', { quantity: { value: Number.POSITIVE_INFINITY, unit: 'GWh/yr' } }],
    ['quantity.operatingHours', { quantity: { value: 1, unit: 'MW', operatingHours: 1e9 } }],
    ['maxDistanceKm', { maxDistanceKm: 1e300 }],
    ['energy.powerKw', { energy: { carrier: 'hot-water', powerKw: 1e12 } }],
    ['energy.powerKw', { energy: { carrier: 'hot-water', powerKw: Number.POSITIVE_INFINITY } }],
    ['energy.supplyTemperatureC', { energy: { carrier: 'hot-water', supplyTemperatureC: 1e6 } }],
    ['energy.returnTemperatureC', { energy: { carrier: 'hot-water', returnTemperatureC: -1e6 } }],
    [
      'energy.monthlyProfile[3]',
      { energy: { carrier: 'hot-water', monthlyProfile: [1, 1, 1, 1e300, 1, 1, 1, 1, 1, 1, 1, 1] } },
    ],
  ])('when %s is huge or not finite, then the field is named', (path, over) => {
    expect(pathsOf(energy(over))).toEqual([path]);
  });

  it('when a number is Infinity (JSON 1e400), then the message says it must be finite', () => {
    const r = ListingInputSchema.safeParse(energy({ maxDistanceKm: JSON.parse('1e400') }), {
      reportInput: true,
    });
    expect(r.success).toBe(false);
    expect(issuesToDetails(r.error!.issues)).toEqual([
      { path: 'maxDistanceKm', message: 'must be a finite number, got Infinity' },
    ]);
  });
});
