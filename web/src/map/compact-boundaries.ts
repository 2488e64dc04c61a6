/** The shape of `virtual:norway-boundaries`, made at build time by web/build/boundaries.ts. */

/** One county or municipality: each ring a flat [lon, lat, lon, lat, …] list of grid integers. */
export interface CompactArea {
  code: string;
  name: string;
  rings: number[][];
}

export interface CompactBoundaries {
  /** Degrees per grid unit: a stored integer times this is the coordinate. */
  grid: number;
  counties: CompactArea[];
  municipalities: CompactArea[];
}
