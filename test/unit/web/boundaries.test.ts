import { describe, expect, it } from 'vitest';
import { compactBoundaries } from '../../../web/build/boundaries.ts';
import { simplifyLine } from '../../../web/build/simplify.ts';
import { areaPath } from '../../../web/src/map/area-path.ts';
import { fitProjection, NORWAY_BOX } from '../../../web/src/map/projection.ts';

describe('the web app’s map data', () => {
  it('when a line wanders less than the tolerance, then only its ends are kept', () => {
    const line = [
      [0, 0],
      [1, 0.05],
      [2, -0.05],
      [3, 0],
    ] as const;
    expect(simplifyLine(line, 0.1)).toEqual([
      [0, 0],
      [3, 0],
    ]);
  });

  it('when a point lies farther than the tolerance, then it is kept', () => {
    const line = [
      [0, 0],
      [1, 0.95],
      [2, 2],
      [3, 0],
    ] as const;
    expect(simplifyLine(line, 0.1)).toEqual([
      [0, 0],
      [2, 2],
      [3, 0],
    ]);
  });

  it('when the shipped boundaries are compacted, then every county and municipality keeps an outline', () => {
    const b = compactBoundaries();
    expect(b.counties).toHaveLength(15);
    expect(b.municipalities).toHaveLength(357);
    for (const area of [...b.counties, ...b.municipalities]) {
      expect(area.rings.length, area.code).toBeGreaterThan(0);
      for (const ring of area.rings) expect(ring.length % 2, area.code).toBe(0);
    }
    expect(JSON.stringify(b).length).toBeLessThan(300_000);
  });

  it('when Norway is drawn, then every county outline lies inside the picture', () => {
    const b = compactBoundaries();
    const p = fitProjection(NORWAY_BOX, 640, 560, 12);
    for (const county of b.counties) {
      const d = areaPath(county, b.grid, p);
      expect(d, county.code).toMatch(/^M/);
      for (const [, x, y] of d.matchAll(/(-?[\d.]+),(-?[\d.]+)/g)) {
        expect(Number(x)).toBeGreaterThanOrEqual(0);
        expect(Number(x)).toBeLessThanOrEqual(p.width);
        expect(Number(y)).toBeGreaterThanOrEqual(0);
        expect(Number(y)).toBeLessThanOrEqual(p.height);
      }
    }
  });
});
