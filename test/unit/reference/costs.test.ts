import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COST_FACTOR_NAMES, COST_FACTOR_UNITS } from '../../../src/domain/cost-set.ts';
import { loadCostSet } from '../../../src/reference/costs.ts';
import { DATA_DIR } from '../../../src/reference/paths.ts';

describe('cost sets', () => {
  it('when the shipped set is loaded, then every factor the engine reads is there in its unit, with a source and a year', () => {
    const set = loadCostSet();
    expect(set.id).toBe('costs-no-2025');
    for (const name of COST_FACTOR_NAMES) {
      const f = set.factors[name];
      expect(f.unit).toBe(COST_FACTOR_UNITS[name]);
      expect(f.source.length).toBeGreaterThan(40);
      expect(f.year).toBeGreaterThanOrEqual(2016);
    }
    expect(set.factors['detour.road'].value).toBeGreaterThanOrEqual(1);
  });

  it('when a set gives a factor in another unit, lacks one or names an unknown id, then it is refused', () => {
    const dir = mkdtempSync(join(tmpdir(), 'costs-'));
    mkdirSync(join(dir, 'costs'));
    const shipped = loadCostSet();
    const write = (id: string, factors: object) =>
      writeFileSync(join(dir, 'costs', `${id}.json`), JSON.stringify({ ...shipped, id, factors }));
    write('wrong-unit', {
      ...shipped.factors,
      'transport.truck': { ...shipped.factors['transport.truck'], unit: 'NOK/km' },
    });
    const { 'pipe.water': _missing, ...rest } = shipped.factors;
    write('missing', rest);
    write('short-road', {
      ...shipped.factors,
      'detour.road': { ...shipped.factors['detour.road'], value: 0.9 },
    });
    expect(() => loadCostSet('wrong-unit', dir)).toThrow(/invalid/);
    expect(() => loadCostSet('missing', dir)).toThrow(/invalid/);
    expect(() => loadCostSet('short-road', dir)).toThrow(/invalid/);
    expect(() => loadCostSet('nothing-here', DATA_DIR)).toThrow(/cost set/);
    expect(() => loadCostSet('../factors/no-physical-2025', DATA_DIR)).toThrow(/cost set/);
  });
});
