/**
 * Does the straight line between two sites cross open water? Sampled along the line, each sample
 * tested against a land outline (Norway's, Kartverket via robhop/fylker-og-kommuner, simplified,
 * CC BY 4.0) through a raster index, so a sample costs one bit lookup: cheap enough for every
 * explained candidate, never meant for the search loop.
 *
 * The index: a raster over the outline's box, one bit per cell of about 220 m (0.002° of
 * latitude by 0.004° of longitude), set when the cell's centre is on land by the even-odd rule,
 * filled a row at a time between the sorted crossings of the row's centre line with the outline's
 * edges. So a sample costs one bit lookup, and the answer is exact but within a cell of the
 * coastline, far finer than the outline's simplification (edges of about 2.4 km); blocks of 16 × 16
 * cells that are land throughout let a line skip across inland stretches. Coordinates are
 * planar longitude/latitude, as src/domain/regions.ts reads them. The raster of Norway holds
 * about 44 million cells in 5.5 MB and builds in a fraction of a second.
 *
 * The rule: water counts as open when the line runs over at least DEFAULTS.minWaterKm of it in
 * one stretch, away from the sites' own shores (DEFAULTS.shoreKm: a quay or a plant at the
 * waterline may lie just outside a simplified outline). Narrower sounds, often bridged, do not
 * count. What the outline does not know, this does not know either: bridges and tunnels under a
 * fjord are not in it (such a pair is marked though a road crosses), inlets narrower than its
 * simplification are land, and lakes are land (the outline has no holes). Outside the outline is
 * water, so a line through Sweden or Finland would read as water: a matter for pairs near the
 * border only.
 *
 * References:
 *   W. R. Franklin, PNPOLY (point inclusion in polygon, the even-odd ray test).
 *   J. D. Foley, A. van Dam et al. (1990), Computer Graphics: Principles and Practice, 2nd ed.,
 *     §3.6 (scan-line filling of polygons).
 */
import { haversineKm } from './geo.ts';
import { bboxOf, type Polygon } from './regions.ts';

export const DEFAULTS = {
  /** Raster cell, degrees of latitude and longitude (about 220 m square at 60° N). */
  cellLat: 0.002,
  cellLon: 0.004,
  /** Distance between samples along the line, km. */
  stepKm: 0.25,
  /** Water within this distance of either site is that site's shore, km. */
  shoreKm: 1,
  /** The shortest stretch of water that counts as open water, km. */
  minWaterKm: 1,
};

export interface LandIndex {
  readonly minLon: number;
  readonly minLat: number;
  readonly cellLon: number;
  readonly cellLat: number;
  readonly cols: number;
  readonly rows: number;
  /** Bit (r · cols + c) is set when cell (r, c)'s centre is on land. */
  readonly bits: Uint8Array;
  /**
   * Blocks of BLOCK × BLOCK cells, BLOCK_LAND when every cell of the block is land: a line
   * crossing such a block is on land all the way through it, so the samples skip it.
   */
  readonly blockCols: number;
  readonly blocks: Uint8Array;
}

/** Cells per side of a block (about 3.5 km). */
const BLOCK = 16;
const BLOCK_LAND = 1;

/** The raster of a land outline (polygons of rings of [lon, lat], holes allowed). */
export function buildLandIndex(
  polygons: ReadonlyArray<Polygon>,
  options: { cellLat?: number; cellLon?: number } = {},
): LandIndex {
  const cellLat = options.cellLat ?? DEFAULTS.cellLat;
  const cellLon = options.cellLon ?? DEFAULTS.cellLon;
  let [minLon, minLat, maxLon, maxLat] = bboxOf(polygons);
  if (!(minLon <= maxLon)) minLon = minLat = maxLon = maxLat = 0;
  const cols = Math.max(1, Math.ceil((maxLon - minLon) / cellLon) + 1);
  const rows = Math.max(1, Math.ceil((maxLat - minLat) / cellLat) + 1);
  const bits = new Uint8Array(Math.ceil((cols * rows) / 8));
  // Each edge is listed in the rows whose centre line it may cross.
  const byRow: number[][] = Array.from({ length: rows }, () => []);
  const edges: [number, number, number, number][] = [];
  for (const poly of polygons)
    for (const ring of poly)
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xa, ya] = ring[j]!;
        const [xb, yb] = ring[i]!;
        if (ya === yb) continue;
        const e = edges.push([xa, ya, xb, yb]) - 1;
        const r0 = Math.max(0, Math.floor((Math.min(ya, yb) - minLat) / cellLat - 0.5));
        const r1 = Math.min(rows - 1, Math.ceil((Math.max(ya, yb) - minLat) / cellLat - 0.5));
        for (let r = r0; r <= r1; r++) byRow[r]!.push(e);
      }
  const blockCols = Math.ceil(cols / BLOCK);
  const blockRows = Math.ceil(rows / BLOCK);
  const landCells = new Int32Array(blockCols * blockRows);
  const crossings: number[] = [];
  for (let r = 0; r < rows; r++) {
    const y = minLat + (r + 0.5) * cellLat;
    crossings.length = 0;
    for (const e of byRow[r]!) {
      const [xa, ya, xb, yb] = edges[e]!;
      if (ya > y !== yb > y) crossings.push(xa + ((xb - xa) * (y - ya)) / (yb - ya));
    }
    crossings.sort((a, b) => a - b);
    // Between the 1st and 2nd crossing, the 3rd and 4th, …: inside (even-odd).
    for (let i = 0; i + 1 < crossings.length; i += 2) {
      const c0 = Math.max(0, Math.ceil((crossings[i]! - minLon) / cellLon - 0.5));
      const c1 = Math.min(cols - 1, Math.floor((crossings[i + 1]! - minLon) / cellLon - 0.5));
      for (let c = c0; c <= c1; c++) {
        const k = r * cols + c;
        bits[k >> 3]! |= 1 << (k & 7);
      }
      // The span's cells counted per block.
      for (let c = c0; c <= c1; c = (Math.floor(c / BLOCK) + 1) * BLOCK) {
        const end = Math.min(c1, (Math.floor(c / BLOCK) + 1) * BLOCK - 1);
        landCells[Math.floor(r / BLOCK) * blockCols + Math.floor(c / BLOCK)]! += end - c + 1;
      }
    }
  }
  // A block at the raster's edge has fewer cells: it is never all land (what lies beyond is water).
  const blocks = new Uint8Array(blockCols * blockRows);
  for (let b = 0; b < blocks.length; b++) if (landCells[b] === BLOCK * BLOCK) blocks[b] = BLOCK_LAND;
  return { minLon, minLat, cellLon, cellLat, cols, rows, bits, blockCols, blocks };
}

/** Whether (lat, lon) lies on land (its raster cell's centre does); outside the raster is water. */
export function isOnLand(land: LandIndex, lat: number, lon: number): boolean {
  const c = Math.floor((lon - land.minLon) / land.cellLon);
  const r = Math.floor((lat - land.minLat) / land.cellLat);
  if (!(c >= 0 && c < land.cols && r >= 0 && r < land.rows)) return false;
  const k = r * land.cols + c;
  return (land.bits[k >> 3]! & (1 << (k & 7))) !== 0;
}

/**
 * The longest stretch of open water the straight line from a to b runs over, km (0 when none),
 * samples within `shoreKm` of either end not counted. Stops once a stretch reaches `enoughKm`.
 * Positional parameters: it runs once per explained candidate.
 */
export function longestWaterKm(
  land: LandIndex,
  aLat: number,
  aLon: number,
  bLat: number,
  bLon: number,
  enoughKm: number = Number.POSITIVE_INFINITY,
  /** The great-circle distance from a to b when the caller has it. */
  km: number = haversineKm(aLat, aLon, bLat, bLon),
  stepKm: number = DEFAULTS.stepKm,
  shoreKm: number = DEFAULTS.shoreKm,
): number {
  if (!(km > 2 * shoreKm)) return 0;
  const n = Math.ceil(km / stepKm);
  const step = km / n;
  // The samples walk the raster in cell units: no division per sample.
  const c0 = (aLon - land.minLon) / land.cellLon;
  const r0 = (aLat - land.minLat) / land.cellLat;
  const dc = (bLon - aLon) / land.cellLon / n;
  const dr = (bLat - aLat) / land.cellLat / n;
  const { cols, rows, bits } = land;
  // Samples i with i · step in [shoreKm, km − shoreKm] count.
  const first = Math.ceil(shoreKm / step);
  const last = Math.floor((km - shoreKm) / step);
  let run = 0;
  let longest = 0;
  const { blockCols, blocks } = land;
  for (let i = first; i <= last; i++) {
    const x = c0 + i * dc;
    const y = r0 + i * dr;
    const c = Math.floor(x);
    const r = Math.floor(y);
    let onLand = false;
    if (c >= 0 && c < cols && r >= 0 && r < rows) {
      const bc = Math.floor(c / BLOCK);
      const br = Math.floor(r / BLOCK);
      if (blocks[br * blockCols + bc] === BLOCK_LAND) {
        // Inside a block of land: skip to the last sample still in it (strictly, by a margin).
        const toX = dc > 0 ? ((bc + 1) * BLOCK - x) / dc : dc < 0 ? (x - bc * BLOCK) / -dc : Infinity;
        const toY = dr > 0 ? ((br + 1) * BLOCK - y) / dr : dr < 0 ? (y - br * BLOCK) / -dr : Infinity;
        const skip = Math.floor(Math.min(toX, toY) - 1e-9);
        if (skip > 0) i += skip;
        run = 0;
        continue;
      }
      const k = r * cols + c;
      onLand = (bits[k >> 3]! & (1 << (k & 7))) !== 0;
    }
    if (onLand) {
      run = 0;
      continue;
    }
    run += 1;
    // A stretch of `run` samples in a row spans about `run` steps of water.
    if (run * step > longest) {
      longest = run * step;
      if (longest >= enoughKm) return longest;
    }
  }
  return longest;
}

/** Whether the straight line from a to b crosses open water (DEFAULTS.minWaterKm in one stretch). */
export function crossesOpenWater(
  land: LandIndex,
  aLat: number,
  aLon: number,
  bLat: number,
  bLon: number,
  km: number = haversineKm(aLat, aLon, bLat, bLon),
  minWaterKm: number = DEFAULTS.minWaterKm,
): boolean {
  return longestWaterKm(land, aLat, aLon, bLat, bLon, minWaterKm, km) >= minWaterKm;
}
