/**
 * Excess heat by industry division, from the Hotmaps Industrial Database (Manz & Fleiter,
 * Fraunhofer ISI, 2018; data/reference/excess-heat/industrial-sites.csv): what a company that has
 * listed nothing yet is told companies of its division usually have.
 *
 * Hotmaps files each site under one of nine subsectors of the energy statistics; they map to NACE
 * Rev. 2 (= SN2007) divisions as below. The database's sites come from the EU ETS and E-PRTR
 * registers, whose thresholds catch paper mills and chemical plants but hardly printers or
 * pharmaceutical plants, so "Paper and printing" stands for division 17 only and "Chemical
 * industry" for division 20 only; "Other non-classified" stands for none.
 *
 * For a division: how many of its sites have excess heat at all (Hotmaps estimates none for many,
 * and none for any refinery or chemical site), the median of their excess heat, and the
 * temperature band that holds most of the division's excess heat.
 */

/** The temperature bands of Hotmaps' excess heat, °C: 100-200, 200-500 and above 500. */
export const HEAT_BANDS = ['100-200', '200-500', '500+'] as const;
export type HeatBand = (typeof HEAT_BANDS)[number];

/** The lowest temperature of each band, °C: what a draft listing says it supplies at least. */
export const BAND_FLOOR_C: Record<HeatBand, number> = { '100-200': 100, '200-500': 200, '500+': 500 };

/** One Hotmaps site as far as the prompts need it: its subsector and excess heat per band, GWh/yr. */
export interface HotmapsSite {
  subsector: string;
  excessHeatGWh: Record<HeatBand, number>;
}

/** Hotmaps subsector → NACE Rev. 2 division (with the NACE groups it covers); null: none. */
export const HOTMAPS_SUBSECTOR_DIVISIONS: Readonly<
  Record<string, { division: string; covers: string } | null>
> = {
  'Iron and steel': { division: '24', covers: '24.1-24.3, 24.51-24.52' },
  'Non-ferrous metals': { division: '24', covers: '24.4, 24.53-24.54' },
  Cement: { division: '23', covers: '23.51' },
  Glass: { division: '23', covers: '23.1' },
  'Non-metallic mineral products': { division: '23', covers: '23.2-23.9 but 23.51 (ceramics, lime, ...)' },
  'Paper and printing': { division: '17', covers: '17 (pulp and paper)' },
  'Chemical industry': { division: '20', covers: '20' },
  Refineries: { division: '19', covers: '19.2' },
  'Other non-classified': null,
};

export const EXCESS_HEAT_DEFAULTS = {
  /** Fewer sites with excess heat than this say too little about a division to prompt from. */
  minSitesWithHeat: 5,
};

export interface BandSummary {
  band: HeatBand;
  /** Sites with excess heat in this band. */
  sites: number;
  /** Median excess heat in this band of those sites, GWh/yr. */
  medianGWhPerYear: number;
  totalGWhPerYear: number;
}

export interface DivisionExcessHeat {
  division: string;
  /** The Hotmaps subsectors behind the division, with their number of sites. */
  subsectors: { name: string; sites: number }[];
  sites: number;
  sitesWithExcessHeat: number;
  /** sitesWithExcessHeat / sites. */
  shareWithExcessHeat: number;
  /** Median total excess heat of the sites that have any, GWh/yr. */
  medianGWhPerYear: number;
  /** The band that holds the largest part of the division's excess heat, and that part (0..1). */
  band: HeatBand;
  bandShare: number;
  bands: BandSummary[];
}

/** The divisions some Hotmaps subsector maps to. */
export const hotmapsDivisions = (): string[] =>
  [
    ...new Set(Object.values(HOTMAPS_SUBSECTOR_DIVISIONS).flatMap((m) => (m === null ? [] : [m.division]))),
  ].sort();

/** The median of a list of numbers (the mean of the middle two for an even count); NaN for none. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const totalOf = (s: HotmapsSite) => HEAT_BANDS.reduce((sum, b) => sum + s.excessHeatGWh[b], 0);

/**
 * What Hotmaps says of a division's excess heat; null when no subsector maps to it or fewer than
 * `minSitesWithHeat` of its sites have any.
 */
export function excessHeatOfDivision(
  sites: readonly HotmapsSite[],
  division: string,
  options: Partial<typeof EXCESS_HEAT_DEFAULTS> = {},
): DivisionExcessHeat | null {
  const { minSitesWithHeat } = { ...EXCESS_HEAT_DEFAULTS, ...options };
  const mine = sites.filter((s) => HOTMAPS_SUBSECTOR_DIVISIONS[s.subsector]?.division === division);
  const hot = mine.filter((s) => totalOf(s) > 0);
  if (mine.length === 0 || hot.length < Math.max(1, minSitesWithHeat)) return null;

  const bySubsector = new Map<string, number>();
  for (const s of mine) bySubsector.set(s.subsector, (bySubsector.get(s.subsector) ?? 0) + 1);
  const bands = HEAT_BANDS.map((band): BandSummary => {
    const values = hot.map((s) => s.excessHeatGWh[band]).filter((v) => v > 0);
    return {
      band,
      sites: values.length,
      medianGWhPerYear: values.length ? median(values) : 0,
      totalGWhPerYear: values.reduce((a, b) => a + b, 0),
    };
  });
  const total = bands.reduce((sum, b) => sum + b.totalGWhPerYear, 0);
  // Ties go to the lower band, the more conservative promise.
  const top = bands.reduce((best, b) => (b.totalGWhPerYear > best.totalGWhPerYear ? b : best));
  return {
    division,
    subsectors: [...bySubsector]
      .map(([name, n]) => ({ name, sites: n }))
      .sort((a, b) => b.sites - a.sites || a.name.localeCompare(b.name)),
    sites: mine.length,
    sitesWithExcessHeat: hot.length,
    shareWithExcessHeat: hot.length / mine.length,
    medianGWhPerYear: median(hot.map(totalOf)),
    band: top.band,
    bandShare: top.totalGWhPerYear / total,
    bands,
  };
}
