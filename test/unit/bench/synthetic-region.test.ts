import { describe, expect, it } from 'vitest';
import { NORWAY_EXTENT } from '../../../bench/norway-towns.ts';
import { checkRegionSample, generateRegion } from '../../../bench/synthetic-region.ts';
import { loadReferenceData } from '../../../src/reference/load.ts';

const reference = loadReferenceData();

describe('synthetic region', () => {
  const region = generateRegion(reference, { listings: 2000, seed: 42 });

  it('when the same seed is used twice, then the region is identical', () => {
    expect(generateRegion(reference, { listings: 2000, seed: 42 })).toEqual(region);
    expect(generateRegion(reference, { listings: 2000, seed: 43 }).listings).not.toEqual(region.listings);
  });

  it('when listings are generated, then each passes the input schema and the reference checks', () => {
    expect(checkRegionSample(region, reference)).toEqual([]);
  });

  it('when a region is generated, then sizes, mix and coordinates look like Norway', () => {
    expect(region.listings).toHaveLength(2000);
    expect(region.companies.length).toBeGreaterThan(350);
    expect(region.companies.length).toBeLessThan(650);
    const share = (kind: string) => region.listings.filter((l) => l.kind === kind).length / 2000;
    expect(share('material')).toBeCloseTo(0.55, 1);
    expect(share('energy')).toBeCloseTo(0.25, 1);
    const offers = region.listings.filter((l) => l.direction === 'offer').length / 2000;
    expect(offers).toBeCloseTo(0.5, 1);
    for (const l of region.listings) {
      expect(l.lat).toBeGreaterThanOrEqual(NORWAY_EXTENT.minLat);
      expect(l.lat).toBeLessThanOrEqual(NORWAY_EXTENT.maxLat);
      expect(l.lon).toBeGreaterThanOrEqual(NORWAY_EXTENT.minLon);
      expect(l.lon).toBeLessThanOrEqual(NORWAY_EXTENT.maxLon);
      expect(l.canonicalQuantity.value).toBeGreaterThan(0);
    }
  });
});
