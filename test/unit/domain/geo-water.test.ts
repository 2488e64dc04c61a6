import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildLandIndex, crossesOpenWater, isOnLand, longestWaterKm } from '../../../src/domain/geo-water.ts';
import { containsPoint, type Polygon } from '../../../src/domain/regions.ts';
import { loadLand } from '../../../src/reference/land.ts';
import { DATA_DIR } from '../../../src/reference/paths.ts';

/** Two islands of 0.5° square at 60° N with a strait of 0.2° (about 11 km) between them. */
const square = (lon: number, lat: number, size: number): Polygon => [
  [
    [lon, lat],
    [lon + size, lat],
    [lon + size, lat + size],
    [lon, lat + size],
    [lon, lat],
  ],
];
const ISLANDS = buildLandIndex([square(10, 60, 0.5), square(10.7, 60, 0.5)]);

describe('open water between two sites', () => {
  it('when a point lies on an island, in the strait or outside the raster, then it is land, water and water', () => {
    expect(isOnLand(ISLANDS, 60.25, 10.25)).toBe(true);
    expect(isOnLand(ISLANDS, 60.25, 10.9)).toBe(true);
    expect(isOnLand(ISLANDS, 60.25, 10.6)).toBe(false);
    expect(isOnLand(ISLANDS, 70, 10.25)).toBe(false);
  });

  it('when the line runs from one island to the other, then it crosses the strait: about 11 km of open water', () => {
    expect(crossesOpenWater(ISLANDS, 60.25, 10.2, 60.25, 11)).toBe(true);
    // 0.2° of longitude at 60° N is 11.1 km; the samples find it to within a step or two.
    expect(longestWaterKm(ISLANDS, 60.25, 10.2, 60.25, 11)).toBeCloseTo(11.1, 0);
  });

  it('when the line stays on one island, then it crosses no water', () => {
    expect(crossesOpenWater(ISLANDS, 60.1, 10.1, 60.4, 10.4)).toBe(false);
    expect(longestWaterKm(ISLANDS, 60.1, 10.1, 60.4, 10.4)).toBe(0);
  });

  it("when a site lies just off its island's outline, then its own shore does not count as open water", () => {
    // 0.5 km west of the first island's west coast, to a point inland: water only at the shore.
    const offshore = 10 - 0.5 / (111.32 * Math.cos((60.25 * Math.PI) / 180));
    expect(longestWaterKm(ISLANDS, 60.25, offshore, 60.25, 10.3)).toBe(0);
    expect(crossesOpenWater(ISLANDS, 60.25, offshore, 60.25, 10.3)).toBe(false);
  });

  it('when the strait is narrower than the minimum stretch, then it is not open water', () => {
    // A 0.01° strait (about 0.56 km) between two squares.
    const narrow = buildLandIndex([square(10, 60, 0.5), square(10.51, 60, 0.5)]);
    expect(longestWaterKm(narrow, 60.25, 10.2, 60.25, 10.8)).toBeLessThan(1);
    expect(crossesOpenWater(narrow, 60.25, 10.2, 60.25, 10.8)).toBe(false);
  });
});

describe("Norway's outline (Kartverket, simplified)", () => {
  const land = loadLand();
  const outline = (
    JSON.parse(readFileSync(join(DATA_DIR, 'reference/boundaries-no/Norge-S.geojson'), 'utf8')) as {
      features: { geometry: { coordinates: Polygon[] } }[];
    }
  ).features[0]!.geometry.coordinates;

  it('when a pair lies across the Oslofjord (Horten to Moss), then it crosses open water', () => {
    expect(crossesOpenWater(land, 59.417, 10.483, 59.434, 10.66)).toBe(true);
  });

  it('when a pair lies across the Trondheimsfjord (Trondheim to Vanvikan), then it crosses open water', () => {
    expect(crossesOpenWater(land, 63.43, 10.39, 63.55, 10.23)).toBe(true);
  });

  it('when a pair lies on land (Hamar to Lillehammer, Skien to Porsgrunn), then it does not', () => {
    expect(crossesOpenWater(land, 60.79, 11.07, 61.115, 10.466)).toBe(false);
    expect(crossesOpenWater(land, 59.21, 9.61, 59.14, 9.65)).toBe(false);
  });

  it('when random points are tested, then the raster agrees with ray casting on the outline but within a cell of the coast', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    let disagree = 0;
    const n = 1000;
    for (let i = 0; i < n; i++) {
      const lat = 58 + random() * 13;
      const lon = 4.7 + random() * 26;
      if (isOnLand(land, lat, lon) !== containsPoint(outline, lon, lat)) disagree++;
    }
    expect(disagree / n).toBeLessThan(0.005);
  }, 60_000);
});
