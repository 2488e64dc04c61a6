/**
 * Loads Norway's land outline (Kartverket via robhop/fylker-og-kommuner, 2024, simplified;
 * CC BY 4.0) from data/reference/boundaries-no/Norge-S.geojson and indexes it for the open-water
 * test of domain/geo-water.ts, once per process.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildLandIndex, type LandIndex } from '../domain/geo-water.ts';
import type { Polygon } from '../domain/regions.ts';
import { DATA_DIR } from './paths.ts';

interface Feature {
  geometry: { type: 'Polygon'; coordinates: Polygon } | { type: 'MultiPolygon'; coordinates: Polygon[] };
}

let cached: LandIndex | undefined;

export function loadLand(dataDir: string = DATA_DIR): LandIndex {
  if (cached && dataDir === DATA_DIR) return cached;
  const { features } = JSON.parse(
    readFileSync(join(dataDir, 'reference/boundaries-no/Norge-S.geojson'), 'utf8'),
  ) as { features: Feature[] };
  const polygons = features.flatMap((f) =>
    f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates,
  );
  const index = buildLandIndex(polygons);
  if (dataDir === DATA_DIR) cached = index;
  return index;
}
