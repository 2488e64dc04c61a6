import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boxChordKm, cosLatitude, EARTH_RADIUS_KM, writeUnitVector } from '../../../src/matching/distance.ts';

/** R × the chord between two points, as the candidate search measures a member. */
function chordKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const v = new Float64Array(6);
  writeUnitVector(lat1, lon1, v, 0);
  writeUnitVector(lat2, lon2, v, 3);
  return EARTH_RADIUS_KM * Math.hypot(v[0]! - v[3]!, v[1]! - v[4]!, v[2]! - v[5]!);
}

const lat = fc.double({ min: -89.9, max: 89.9, noNaN: true });
const lon = fc.double({ min: -180, max: 180, noNaN: true });
const share = fc.double({ min: 0, max: 1, noNaN: true });

describe('box chord', () => {
  it('when a point lies in a box, then the bound from anywhere is at most its chord, also across the antimeridian and near the poles', () => {
    fc.assert(
      fc.property(lat, lon, lat, lon, lat, lon, share, share, (pLat, pLon, aLat, aLon, bLat, bLon, s, t) => {
        const [minLat, maxLat] = [Math.min(aLat, bLat), Math.max(aLat, bLat)];
        const [minLon, maxLon] = [Math.min(aLon, bLon), Math.max(aLon, bLon)];
        const mLat = minLat + s * (maxLat - minLat);
        const mLon = minLon + t * (maxLon - minLon);
        const bound = boxChordKm(pLat, pLon, cosLatitude(pLat), minLon, minLat, maxLon, maxLat);
        expect(bound).toBeLessThanOrEqual(chordKm(pLat, pLon, mLat, mLon) * (1 + 1e-12) + 1e-9);
      }),
      { numRuns: 5000, seed: 23 },
    );
  });

  it('when the box is a single point, then the bound is the chord to it; inside a box, 0', () => {
    fc.assert(
      fc.property(lat, lon, lat, lon, (pLat, pLon, mLat, mLon) => {
        const bound = boxChordKm(pLat, pLon, cosLatitude(pLat), mLon, mLat, mLon, mLat);
        expect(bound).toBeCloseTo(chordKm(pLat, pLon, mLat, mLon), 6);
      }),
      { numRuns: 1000, seed: 29 },
    );
    expect(boxChordKm(60, 10.75, cosLatitude(60), 10, 59, 11, 61)).toBe(0);
  });

  it('when a box edge is not a number, then it bounds nothing', () => {
    expect(boxChordKm(60, 10, cosLatitude(60), -Infinity, -Infinity, Infinity, Infinity)).toBe(0);
    expect(boxChordKm(60, 10, cosLatitude(60), 20, Number.NaN, 30, 61)).toBe(0);
  });
});
