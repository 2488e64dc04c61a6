import { describe, expect, it } from 'vitest';
import {
  excessHeatOfDivision,
  HOTMAPS_SUBSECTOR_DIVISIONS,
  type HotmapsSite,
  hotmapsDivisions,
  median,
} from '../../../src/domain/excess-heat.ts';
import { loadHotmapsSites } from '../../../src/reference/excess-heat.ts';

const site = (subsector: string, low: number, mid: number, high: number): HotmapsSite => ({
  subsector,
  excessHeatGWh: { '100-200': low, '200-500': mid, '500+': high },
});

/** Division 24 in miniature: two metal subsectors, a site without estimate, and a cement site. */
const SITES: HotmapsSite[] = [
  site('Iron and steel', 0, 30, 10), // 40
  site('Iron and steel', 0, 0, 0),
  site('Non-ferrous metals', 5, 0, 0), // 5
  site('Non-ferrous metals', 0, 20, 0), // 20
  site('Cement', 0, 100, 0),
  site('Other non-classified', 50, 0, 0),
];

describe('excess heat by division (Hotmaps)', () => {
  it('when a division has sites with excess heat, then it gets their share, median and the band with most heat', () => {
    const heat = excessHeatOfDivision(SITES, '24', { minSitesWithHeat: 1 });
    expect(heat).toMatchObject({
      division: '24',
      sites: 4,
      sitesWithExcessHeat: 3,
      shareWithExcessHeat: 0.75,
      medianGWhPerYear: 20,
      band: '200-500',
      bandShare: 50 / 65,
      subsectors: [
        { name: 'Iron and steel', sites: 2 },
        { name: 'Non-ferrous metals', sites: 2 },
      ],
    });
    expect(heat!.bands).toEqual([
      { band: '100-200', sites: 1, medianGWhPerYear: 5, totalGWhPerYear: 5 },
      { band: '200-500', sites: 2, medianGWhPerYear: 25, totalGWhPerYear: 50 },
      { band: '500+', sites: 1, medianGWhPerYear: 10, totalGWhPerYear: 10 },
    ]);
  });

  it('when too few sites of a division have excess heat, or no subsector maps to it, then there is nothing to say', () => {
    expect(excessHeatOfDivision(SITES, '24')).toBeNull(); // 3 < 5 by default
    expect(excessHeatOfDivision(SITES, '10', { minSitesWithHeat: 1 })).toBeNull();
    // "Other non-classified" counts for no division.
    expect(
      excessHeatOfDivision([site('Other non-classified', 9, 9, 9)], '24', { minSitesWithHeat: 1 }),
    ).toBeNull();
  });

  it('when two bands hold the same heat, then the lower one is named', () => {
    const heat = excessHeatOfDivision([site('Glass', 0, 10, 10)], '23', { minSitesWithHeat: 1 });
    expect(heat!.band).toBe('200-500');
    expect(heat!.bandShare).toBe(0.5);
  });

  it('when the median is taken, then an even count gives the mean of the middle two', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('when the real database is read, then its 5,029 sites fall in the subsectors the mapping names', () => {
    const sites = loadHotmapsSites();
    expect(sites).toHaveLength(5029);
    for (const s of sites) expect(Object.keys(HOTMAPS_SUBSECTOR_DIVISIONS)).toContain(s.subsector);
    expect(hotmapsDivisions()).toEqual(['17', '19', '20', '23', '24']);
  });

  it('when division 24 (basic metals) is asked of the real database, then most of its heat is at 200-500 °C', () => {
    const heat = excessHeatOfDivision(loadHotmapsSites(), '24')!;
    expect(heat.sites).toBe(698); // 525 iron and steel + 173 non-ferrous metals
    expect(heat.sitesWithExcessHeat).toBe(160);
    expect(heat.medianGWhPerYear).toBeCloseTo(29.415, 3);
    expect(heat.band).toBe('200-500');
    // Hotmaps estimates no excess heat for refineries and chemical sites: no prompt for them.
    expect(excessHeatOfDivision(loadHotmapsSites(), '19')).toBeNull();
    expect(excessHeatOfDivision(loadHotmapsSites(), '20')).toBeNull();
  });
});
