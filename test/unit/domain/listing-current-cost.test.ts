import { describe, expect, it } from 'vitest';
import { ImportListingSchema } from '../../../src/domain/import-document.ts';
import { type ListingInput, ListingInputSchema, ListingPatchSchema } from '../../../src/domain/listing.ts';

const need = (over: Partial<ListingInput> = {}): ListingInput => ({
  siteId: 'site-1',
  direction: 'need',
  kind: 'material',
  title: 'Gypsum for board',
  quantity: { value: 100, unit: 't/yr' },
  material: { wasteCodes: ['1013'] },
  ...over,
});

const paths = (input: unknown) => {
  const r = ListingInputSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
};

describe("a listing's current cost", () => {
  it('when a need states what it pays per tonne today, then it is kept as given', () => {
    expect(ListingInputSchema.parse(need({ currentCost: { nokPerUnit: 450 } })).currentCost).toEqual({
      nokPerUnit: 450,
    });
  });

  it('when none is stated, then the listing has none (no default, in a patch either)', () => {
    expect(ListingInputSchema.parse(need()).currentCost).toBeUndefined();
    expect(ListingPatchSchema.parse({ title: 'x' })).toEqual({ title: 'x' });
  });

  it('when it is negative, huge, not a number or has an unknown field, then the field is named', () => {
    expect(paths(need({ currentCost: { nokPerUnit: -1 } }))).toEqual(['currentCost.nokPerUnit']);
    expect(paths(need({ currentCost: { nokPerUnit: 2_000_000 } }))).toEqual(['currentCost.nokPerUnit']);
    expect(paths(need({ currentCost: { nokPerUnit: Number.NaN } }))).toEqual(['currentCost.nokPerUnit']);
    expect(paths(need({ currentCost: { nokPerUnit: '12' as unknown as number } }))).toEqual([
      'currentCost.nokPerUnit',
    ]);
    expect(paths(need({ currentCost: { nokPerUnit: 1, currency: 'EUR' } as never }))).toEqual([
      'currentCost',
    ]);
    expect(paths(need({ currentCost: {} as never }))).toEqual(['currentCost.nokPerUnit']);
  });

  it('when a patch or an import row states a bad one, then the field is named there too', () => {
    const patch = ListingPatchSchema.safeParse({ currentCost: { nokPerUnit: -5 } });
    expect(patch.success ? [] : patch.error.issues.map((i) => i.path.join('.'))).toEqual([
      'currentCost.nokPerUnit',
    ]);
    const row = ImportListingSchema.safeParse({
      ...need({ currentCost: { nokPerUnit: 1e9 } }),
      siteId: undefined,
      ref: 'n1',
      company: 'c1',
      site: 's1',
    });
    expect(row.success ? [] : row.error.issues.map((i) => i.path.join('.'))).toContain(
      'currentCost.nokPerUnit',
    );
  });
});
