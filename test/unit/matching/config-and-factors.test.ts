import { describe, expect, it } from 'vitest';
import { FACTOR_UNITS } from '../../../src/domain/factor-set.ts';
import { ENERGY_CARRIERS } from '../../../src/domain/listing-kinds.ts';
import { FactorSetSchema, listFactorSets, loadFactorSet } from '../../../src/reference/factors.ts';
import { listMatchConfigs, loadMatchConfig, MatchConfigSchema } from '../../../src/reference/match-config.ts';

describe('shipped factor sets', () => {
  it('when listed, then the Norwegian physical and the European-mix sets are there', () => {
    expect(listFactorSets().map((s) => s.id)).toEqual(
      expect.arrayContaining(['eu-mix-2025', 'no-physical-2025']),
    );
  });

  it('when each is loaded, then every value has a unit, a source and a year', () => {
    for (const { id } of listFactorSets()) {
      const set = loadFactorSet(id);
      expect(set.id).toBe(id);
      for (const factor of Object.values(set.factors)) {
        expect(factor.source.length).toBeGreaterThan(10);
        expect(factor.year).toBeGreaterThanOrEqual(2000);
      }
    }
  });

  it('when the two conventions are compared, then Norwegian physical electricity is far cleaner than the EU mix', () => {
    const no = loadFactorSet('no-physical-2025').factors['electricity.grid']!.value;
    const eu = loadFactorSet('eu-mix-2025').factors['electricity.grid']!.value;
    expect(no).toBeGreaterThan(0.005);
    expect(no).toBeLessThan(0.03);
    expect(eu).toBeGreaterThan(0.15);
    expect(eu).toBeLessThan(0.45);
  });

  it('when the engine reads its named factors, then the EU set has them all and the Norwegian set lacks only water supply', () => {
    const names = Object.keys(FACTOR_UNITS);
    const eu = loadFactorSet('eu-mix-2025').factors;
    const no = loadFactorSet('no-physical-2025').factors;
    expect(names.filter((n) => eu[n] === undefined)).toEqual([]);
    expect(names.filter((n) => no[n] === undefined)).toEqual(['water.supply']);
  });

  it('when an id is unknown or not a plain slug, then it is NOT_FOUND', () => {
    expect(() => loadFactorSet('no-such-set')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(() => loadFactorSet('../matching/config-1')).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
  });

  it('when a factor the engine computes with has another unit, then the set is rejected', () => {
    const bad = {
      id: 'bad',
      version: '1',
      description: 'wrong unit',
      factors: {
        'electricity.grid': { value: 15, unit: 'gCO2e/kWh', source: 'somewhere official', year: 2023 },
      },
    };
    expect(FactorSetSchema.safeParse(bad).success).toBe(false);
  });
});

describe('shipped match configuration', () => {
  it('when version 1 is loaded, then it has a limit for every carrier and short heat networks', () => {
    expect(listMatchConfigs()).toContain('1');
    const config = loadMatchConfig('1');
    expect(Object.keys(config.distanceLimitsKm.energy).sort()).toEqual([...ENERGY_CARRIERS].sort());
    expect(config.distanceLimitsKm.energy['steam']).toBeLessThan(
      config.distanceLimitsKm.energy['hot-water']!,
    );
    expect(config.distanceLimitsKm.material).toBeGreaterThan(100);
  });

  it('when a carrier limit is missing or all weights are 0, then the schema rejects the config', () => {
    const config = loadMatchConfig('1');
    const { steam: _steam, ...energy } = config.distanceLimitsKm.energy;
    expect(
      MatchConfigSchema.safeParse({ ...config, distanceLimitsKm: { ...config.distanceLimitsKm, energy } })
        .success,
    ).toBe(false);
    const weights = { resource: 0, quantity: 0, distance: 0, temporal: 0, quality: 0 };
    expect(MatchConfigSchema.safeParse({ ...config, weights }).success).toBe(false);
  });

  it('when version 1 is loaded, then each listing keeps its 10 best pairs, and K must be a whole number from 1', () => {
    const config = loadMatchConfig('1');
    expect(config.maxCandidatesPerListing).toBe(10);
    for (const k of [0, 2.5, -1, 1001])
      expect(MatchConfigSchema.safeParse({ ...config, maxCandidatesPerListing: k }).success).toBe(false);
    const { maxCandidatesPerListing: _k, ...withoutK } = config;
    expect(MatchConfigSchema.safeParse(withoutK).success).toBe(true);
  });

  it('when a version is unknown, then it is NOT_FOUND', () => {
    expect(() => loadMatchConfig('99')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });
});
