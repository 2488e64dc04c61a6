/**
 * `virtual:norway-boundaries`: Norway's counties and municipalities from the boundaries the
 * project ships (data/reference/boundaries-no: Kartverket's administrative units via
 * robhop/fylker-og-kommuner, CC BY 4.0), made small enough to bundle, so the app draws its maps
 * without a tile server or any request leaving the machine.
 *
 * Each ring is simplified (Douglas-Peucker, simplify.ts) with a tolerance of about a kilometre,
 * on coordinates whose longitude is scaled by cos 65° so the tolerance is alike in both
 * directions, then rounded to a grid of the same size and stored as integers of that grid; a
 * ring left with fewer than four points disappears, unless it is all its municipality has. That
 * is finer than a pixel when the whole country is drawn, and takes the two files from 1.9 MB to
 * about 210 kB (70 kB gzipped). The module is imported lazily, so it is a chunk of its own.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import type { CompactArea, CompactBoundaries } from '../src/map/compact-boundaries.ts';
import { type Point, simplifyLine } from './simplify.ts';

export const VIRTUAL_ID = 'virtual:norway-boundaries';
const RESOLVED_ID = `\0${VIRTUAL_ID}`;

export const DEFAULTS = {
  dir: join(import.meta.dirname, '../../data/reference/boundaries-no'),
  /** Degrees of latitude: the simplification's tolerance and the grid of the stored integers. */
  grid: 0.01,
  /** cos 65°: a degree of longitude is this many degrees of latitude long in mid-Norway. */
  lonScale: 0.42,
};

type Position = readonly [number, number];
type Ring = readonly Position[];
interface Feature {
  properties: Record<string, string>;
  geometry: { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };
}

/** A ring in grid integers, a point that rounds onto the one before left out; none below four points. */
function onGrid(points: readonly Point[], { grid, lonScale }: typeof DEFAULTS): [number[]] | null {
  const flat: number[] = [];
  for (const [sx, lat] of points) {
    const x = Math.round(sx / lonScale / grid);
    const y = Math.round(lat / grid);
    const n = flat.length;
    if (n > 0 && flat[n - 2] === x && flat[n - 1] === y) continue;
    flat.push(x, y);
  }
  return flat.length >= 8 ? [flat] : null;
}

function compactArea(polygons: readonly (readonly Ring[])[], options: typeof DEFAULTS): number[][] {
  const rings = polygons.flat().map((ring) => ring.map(([lon, lat]): Point => [lon * options.lonScale, lat]));
  const simplified = rings.flatMap((ring) => onGrid(simplifyLine(ring, options.grid), options) ?? []);
  // A municipality smaller than the tolerance (Kvitsøy, Røst) keeps its rings as shipped.
  return simplified.length > 0 ? simplified : rings.flatMap((ring) => onGrid(ring, options) ?? []);
}

function compactFeatures(file: string, codeKey: string, nameKey: string, options: typeof DEFAULTS) {
  const { features } = JSON.parse(readFileSync(join(options.dir, file), 'utf8')) as { features: Feature[] };
  return features
    .map((f): CompactArea => {
      const polygons = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
      return {
        code: f.properties[codeKey]!,
        name: f.properties[nameKey]!,
        rings: compactArea(polygons, options),
      };
    })
    .filter((area) => area.rings.length > 0)
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

export function compactBoundaries(options: Partial<typeof DEFAULTS> = {}): CompactBoundaries {
  const o = { ...DEFAULTS, ...options };
  return {
    grid: o.grid,
    counties: compactFeatures('Fylker-S.geojson', 'fylkesnummer', 'fylkesnavn', o),
    municipalities: compactFeatures('Kommuner-S.geojson', 'kommunenummer', 'kommunenavn', o),
  };
}

export function boundaries(options: Partial<typeof DEFAULTS> = {}): Plugin {
  return {
    name: 'norway-boundaries',
    resolveId: (id) => (id === VIRTUAL_ID ? RESOLVED_ID : null),
    load(id) {
      if (id !== RESOLVED_ID) return null;
      const dir = options.dir ?? DEFAULTS.dir;
      for (const file of ['Fylker-S.geojson', 'Kommuner-S.geojson']) this.addWatchFile(join(dir, file));
      return `export default ${JSON.stringify(compactBoundaries(options))};\n`;
    },
  };
}
