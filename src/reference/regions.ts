/**
 * Loads Norway's county and municipality boundaries (Kartverket via robhop/fylker-og-kommuner,
 * 2024 structure, simplified; CC BY 4.0) from data/reference/boundaries-no once per process.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bboxOf, type County, type Municipality, type Polygon, type RegionIndex } from '../domain/regions.ts';
import { DATA_DIR } from './paths.ts';

interface Feature {
  properties: Record<string, string>;
  geometry: { type: 'Polygon'; coordinates: Polygon } | { type: 'MultiPolygon'; coordinates: Polygon[] };
}

let cached: RegionIndex | undefined;

export function loadRegions(dataDir: string = DATA_DIR): RegionIndex {
  if (cached && dataDir === DATA_DIR) return cached;
  const read = (file: string) =>
    (
      JSON.parse(readFileSync(join(dataDir, 'reference/boundaries-no', file), 'utf8')) as {
        features: Feature[];
      }
    ).features;
  const counties = new Map<string, County>();
  for (const f of read('Fylker-S.geojson')) {
    const code = f.properties['fylkesnummer']!;
    counties.set(code, { code, name: f.properties['fylkesnavn']! });
  }
  const municipalities: Municipality[] = read('Kommuner-S.geojson').map((f) => {
    const polygons = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    const code = f.properties['kommunenummer']!;
    return {
      code,
      name: f.properties['kommunenavn']!,
      countyCode: code.slice(0, 2),
      polygons,
      bbox: bboxOf(polygons),
    };
  });
  const index: RegionIndex = {
    municipalities,
    counties,
    municipalityByCode: new Map(municipalities.map((m) => [m.code, m])),
  };
  if (dataDir === DATA_DIR) cached = index;
  return index;
}
