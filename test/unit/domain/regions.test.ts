import { describe, expect, it } from 'vitest';
import { checkMunicipality, containsPoint, regionOf } from '../../../src/domain/regions.ts';
import { loadRegions } from '../../../src/reference/regions.ts';

const index = loadRegions();

describe('a site’s region from its coordinates', () => {
  it('when a point lies in Bergen, then it is in municipality 4601 of county 46 (Vestland)', () => {
    expect(regionOf(index, 60.3913, 5.3221)).toEqual({ municipalityCode: '4601', countyCode: '46' });
  });

  it('when a point lies in Oslo, then it is in 0301 of county 03', () => {
    expect(regionOf(index, 59.9139, 10.7522)).toEqual({ municipalityCode: '0301', countyCode: '03' });
  });

  it('when a point lies abroad (Stockholm, Copenhagen), then it has no Norwegian region', () => {
    expect(regionOf(index, 59.3293, 18.0686)).toBeNull();
    expect(regionOf(index, 55.6761, 12.5683)).toBeNull();
  });

  it('when a polygon has a hole, then a point in the hole is outside it', () => {
    const square = (a: number, b: number): [number, number][] => [
      [a, a],
      [b, a],
      [b, b],
      [a, b],
      [a, a],
    ];
    const withHole = [[square(0, 10), square(4, 6)]];
    expect(containsPoint(withHole, 2, 2)).toBe(true);
    expect(containsPoint(withHole, 5, 5)).toBe(false);
  });
});

describe('the typed municipality is checked against the coordinates', () => {
  it('when nothing was typed, then there is nothing to report', () => {
    expect(checkMunicipality(index, undefined, '4601')).toBeNull();
    expect(checkMunicipality(index, '  ', '4601')).toBeNull();
  });

  it('when the typed name names the municipality found (any case, "kommune", the number), then it agrees', () => {
    for (const typed of ['Bergen', 'bergen kommune', 'BERGEN', '4601']) {
      expect(checkMunicipality(index, typed, '4601')).toMatchObject({
        agrees: true,
        found: { code: '4601', name: 'Bergen' },
      });
    }
  });

  it('when a municipality has names in several languages, then each of them agrees', () => {
    const code = [...index.municipalityByCode.values()].find((m) => m.name.startsWith('Nordreisa'))!.code;
    expect(checkMunicipality(index, 'Nordreisa', code)?.agrees).toBe(true);
    expect(checkMunicipality(index, 'Ráisa', code)?.agrees).toBe(true);
  });

  it('when the typed name disagrees with the coordinates, then it is reported with what was found', () => {
    const check = checkMunicipality(index, 'Oslo', '4601');
    expect(check).toMatchObject({ typed: 'Oslo', agrees: false, found: { code: '4601', name: 'Bergen' } });
    expect(check?.message).toMatch(/'Oslo' was typed, but the coordinates lie in Bergen \(4601\)/);
  });

  it('when the coordinates lie abroad but a municipality was typed, then that is reported too', () => {
    expect(checkMunicipality(index, 'Bergen', undefined)).toMatchObject({ agrees: false, found: null });
  });
});
