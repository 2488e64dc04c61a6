import { describe, expect, it } from 'vitest';
import { listFactorSets, loadFactorSet } from '../../../src/reference/factors.ts';
import { loadReferenceData } from '../../../src/reference/load.ts';

const MATERIAL_FAMILIES = ['virgin.', 'avoided-disposal.'];
const SHARED = ['natural-gas.combustion', 'transport.road-freight'];

describe('material factors of the shipped factor sets', () => {
  it('when a set has virgin.<id> or avoided-disposal.<id>, then <id> is a taxonomy category, and a virgin one displaces something', () => {
    const categories = loadReferenceData().materialCategories;
    for (const { id } of listFactorSets()) {
      for (const name of Object.keys(loadFactorSet(id).factors)) {
        if (name.startsWith('virgin.')) {
          expect(categories.get(name.slice('virgin.'.length))?.displaces, `${id}: ${name}`).toBeDefined();
        } else if (name.startsWith('avoided-disposal.') && name !== 'avoided-disposal.default') {
          expect(categories.has(name.slice('avoided-disposal.'.length)), `${id}: ${name}`).toBe(true);
        }
      }
    }
  });

  it('when the sets are compared, then material, transport and fuel factors are the same in each', () => {
    const sets = listFactorSets().map(({ id }) => loadFactorSet(id).factors);
    const isShared = (name: string) =>
      SHARED.includes(name) || MATERIAL_FAMILIES.some((f) => name.startsWith(f));
    const names = new Set(sets.flatMap((f) => Object.keys(f).filter(isShared)));
    for (const name of names) {
      const values = sets.map((f) => f[name] && { value: f[name].value, unit: f[name].unit });
      for (const v of values) expect(v, name).toEqual(values[0]);
    }
  });
});
