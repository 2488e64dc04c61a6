import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { CompanyFieldsSchema, CompanyPatchSchema } from '../../../src/domain/company.ts';
import { ListingBaseSchema, ListingPatchSchema } from '../../../src/domain/listing.ts';
import {
  CONFIDENTIALITIES,
  CONTINUITIES,
  DIRECTIONS,
  ENERGY_CARRIERS,
  LAND_USES,
  LISTING_KINDS,
  WATER_TYPES,
} from '../../../src/domain/listing-kinds.ts';
import { mergePatch } from '../../../src/domain/patch.ts';
import { SitePatchSchema } from '../../../src/domain/site.ts';
import { PERIODS } from '../../../src/domain/units.ts';

type Fields = Record<string, unknown>;

const text = (maxLength: number) => fc.string({ minLength: 1, maxLength }).filter((s) => s.trim().length > 0);
const ref = fc.stringMatching(/^[\w.:@/-]{1,20}$/);
const date = fc.constantFrom('2025-01-01', '2025-06-30', '2026-03-15');

/** Valid values of every editable listing field (each valid on its own; a patch has no cross-field rules). */
const listingFields = {
  ref,
  siteId: text(30),
  direction: fc.constantFrom(...DIRECTIONS),
  title: text(60),
  description: fc.string({ maxLength: 80 }),
  quantity: fc.record(
    {
      value: fc.double({ min: 0.001, max: 1e6, noNaN: true }),
      unit: fc.constantFrom('t/yr', 'GWh/yr', 'm3/day', 'daa', 'kW'),
      period: fc.constantFrom(...PERIODS),
      operatingHours: fc.integer({ min: 1, max: 8760 }),
    },
    { requiredKeys: ['value', 'unit'] },
  ),
  availableFrom: date,
  availableTo: date,
  continuity: fc.constantFrom(...CONTINUITIES),
  maxDistanceKm: fc.integer({ min: 1, max: 20_000 }),
  confidentiality: fc.constantFrom(...CONFIDENTIALITIES),
  material: fc.record(
    { wasteCodes: fc.subarray(['100816', '1008', '10']), category: fc.constant('silica-fume') },
    { requiredKeys: [] },
  ),
  energy: fc.record(
    { carrier: fc.constantFrom(...ENERGY_CARRIERS), supplyTemperatureC: fc.integer({ min: -60, max: 1600 }) },
    { requiredKeys: ['carrier'] },
  ),
  water: fc.record({ type: fc.constantFrom(...WATER_TYPES) }),
  land: fc.record({ landUse: fc.constantFrom(...LAND_USES) }),
};

const storedListing = fc.record(
  { ...listingFields, kind: fc.constantFrom(...LISTING_KINDS) },
  {
    requiredKeys: ['siteId', 'direction', 'kind', 'title', 'quantity', 'continuity', 'confidentiality'],
  },
);
const listingPatch = fc.record(listingFields, { requiredKeys: [] });

const companyFields = {
  ref,
  name: text(60),
  orgNumber: fc.constantFrom('100000016', '100000024', '923609016', '974760673'),
  country: fc.stringMatching(/^[A-Z]{2}$/),
  industry: fc.constantFrom('24.420', '10.20', '35', '38.3'),
  contact: fc.record(
    { name: text(30), email: fc.constantFrom('post@fjordvik.no'), phone: fc.constantFrom('+47 22 00 00 00') },
    { requiredKeys: [] },
  ),
};
const storedCompany = fc.record(companyFields, { requiredKeys: ['name', 'country', 'industry'] });
const companyPatch = fc.record(companyFields, { requiredKeys: [] });

const siteFields = {
  ref,
  name: text(30),
  lat: fc.double({ min: -90, max: 90, noNaN: true }),
  lon: fc.double({ min: -180, max: 180, noNaN: true }),
  address: fc.string({ maxLength: 60 }),
  municipality: fc.string({ maxLength: 30 }),
};
const storedSite = fc.record(siteFields, { requiredKeys: ['lat', 'lon'] });
const sitePatch = fc.record(siteFields, { requiredKeys: [] });

/**
 * The property: the parsed patch names only what the raw patch named (no default filled in), and
 * after the merge every named field equals the parsed patch while every other field is the stored
 * value itself.
 */
function assertMergeKeepsUnnamed(schema: z.ZodType, stored: Fields, raw: Fields): void {
  const parsed = schema.parse(raw) as Fields;
  expect(Object.keys(parsed).filter((k) => !(k in raw))).toEqual([]);
  const merged = mergePatch(stored, parsed) as Fields;
  for (const key of new Set([...Object.keys(stored), ...Object.keys(raw)])) {
    if (key in raw) expect(merged[key], key).toEqual(parsed[key]);
    else expect(merged[key], key).toBe(stored[key]);
  }
}

describe('patch schemas and mergePatch', () => {
  it('when any stored listing gets any valid patch, then only the named fields change, to the patch', () => {
    fc.assert(
      fc.property(storedListing, listingPatch, (stored, raw) => {
        assertMergeKeepsUnnamed(ListingPatchSchema, stored, raw);
      }),
    );
  });

  it('when any stored company gets any valid patch, then only the named fields change, country included', () => {
    fc.assert(
      fc.property(storedCompany, companyPatch, (stored, raw) => {
        assertMergeKeepsUnnamed(CompanyPatchSchema, stored, raw);
      }),
    );
  });

  it('when any stored site gets any valid patch, then only the named fields change, to the patch', () => {
    fc.assert(
      fc.property(storedSite, sitePatch, (stored, raw) => {
        assertMergeKeepsUnnamed(SitePatchSchema, stored, raw);
      }),
    );
  });

  it('when a patch schema is derived with a plain .partial(), then zod 4 fills defaults and the property fails', () => {
    // What the patch schemas replace: the reason the property above can fail.
    expect(ListingBaseSchema.partial().parse({ title: 'New title' })).toMatchObject({
      confidentiality: 'public',
      continuity: 'continuous',
    });
    expect(CompanyFieldsSchema.partial().parse({ name: 'X' })).toMatchObject({ country: 'NO' });
    const stored = { title: 'Old', confidentiality: 'private', continuity: 'batch' };
    expect(() => assertMergeKeepsUnnamed(ListingBaseSchema.partial(), stored, { title: 'New' })).toThrow();
  });

  it('when a private batch listing is patched with only a title, then it stays private and batch', () => {
    const stored = { title: 'Old', confidentiality: 'private', continuity: 'batch' };
    expect(mergePatch(stored, ListingPatchSchema.parse({ title: ' New ' }))).toEqual({
      title: 'New',
      confidentiality: 'private',
      continuity: 'batch',
    });
  });

  it('when a patch names a kind block, then the block is replaced whole, not merged field by field', () => {
    const stored = { energy: { carrier: 'steam', supplyTemperatureC: 180 } };
    expect(mergePatch(stored, { energy: { carrier: 'hot-water' } })).toEqual({
      energy: { carrier: 'hot-water' },
    });
  });

  it('when a patch holds a field as undefined, then the stored value stays', () => {
    expect(mergePatch({ a: 1, b: 2 }, { a: undefined, b: 3 })).toEqual({ a: 1, b: 3 });
  });
});
