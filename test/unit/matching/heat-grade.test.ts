import { describe, expect, it } from 'vitest';
import { exergyLoss, heatGrade } from '../../../src/matching/heat-grade.ts';
import { naiveCandidates } from '../../../src/matching/naive.ts';
import { evaluatePair } from '../../../src/matching/pair.ts';
import type { MatchListing } from '../../../src/matching/types.ts';
import { loadMatchConfig } from '../../../src/reference/match-config.ts';
import { CTX, energy } from './fixtures.ts';

/** The shipped weights (resource 0.3, quality 0.15), where a carrier's own kind counts most. */
const SHIPPED = { ...CTX, config: { ...loadMatchConfig('2'), minScore: 0, feedback: undefined } };

const quality = (c: ReturnType<typeof evaluatePair>) => c?.terms.find((t) => t.name === 'quality');

/** A 20 °C fish pond: hot water at 20 °C, 1,000 MWh/yr. */
const pond = energy('pond', 'need', { carrier: 'hot-water', supplyTemperatureC: 20 }, { amount: 1000 });
const source = (id: string, carrier: 'cooling-water' | 'hot-water' | 'flue-gas', c: number): MatchListing =>
  energy(id, 'offer', { carrier, supplyTemperatureC: c }, { amount: 1000, companyId: `company-${id}` });

describe('the grade of heat (exergy)', () => {
  it('when a source is just adequate, then nothing is lost; hotter sources lose T0 × (1/T_adequate − 1/T_source)', () => {
    expect(exergyLoss(25, 25)).toBe(0);
    expect(exergyLoss(20, 25)).toBe(0);
    // T0 = 10 °C = 283.15 K, adequate 25 °C = 298.15 K.
    expect(exergyLoss(30, 25)).toBeCloseTo(283.15 * (1 / 298.15 - 1 / 303.15), 12);
    expect(exergyLoss(90, 25)).toBeCloseTo(0.17, 3);
    expect(exergyLoss(500, 25)).toBeCloseTo(0.5835, 4);
    // The grade falls to 0 at a loss of 0.5.
    expect(heatGrade(30, 25)).toBeCloseTo(1 - exergyLoss(30, 25) / 0.5, 12);
    expect(heatGrade(90, 25)).toBeCloseTo(0.66, 2);
    expect(heatGrade(500, 25)).toBe(0);
  });

  it('when a 20 °C fish pond can have 30 °C, 90 °C or 500 °C heat, then the 30 °C source ranks first and the flue gas last', () => {
    for (const ctx of [CTX, SHIPPED]) {
      const candidates = naiveCandidates({
        ...ctx,
        listings: [
          pond,
          source('flue', 'flue-gas', 500),
          source('hot', 'hot-water', 90),
          source('warm', 'cooling-water', 30),
        ],
      });
      // Not the 90 °C hot water first, though it is of the pond's own carrier and 30 °C water is not.
      expect(candidates.map((c) => c.offerId)).toEqual(['warm', 'hot', 'flue']);
      const [warm, hot, flue] = candidates.map((c) => quality(c)!);
      expect(warm!.value).toBeCloseTo(heatGrade(30, 25), 12);
      expect(hot!.value).toBeCloseTo(heatGrade(90, 25), 12);
      expect(flue!.value).toBe(0);
      expect(warm!.reason).toBe(
        'source at 30 °C serves the 20 °C need directly (10 K ≥ 5 K approach); exergy lost: 0.02 per unit of heat (a cooler source would do)',
      );
      expect(flue!.reason).toContain('; exergy lost: 0.58 per unit of heat (a cooler source would do)');
    }
  });

  it('when a 90 °C source is the only one, then it still serves the pond: the grade ranks, it does not reject', () => {
    expect(evaluatePair(source('hot', 'hot-water', 90), pond, CTX)?.route.type).toBe('direct');
  });
});

describe('a need for a heat-pump source', () => {
  const pumpNeed = (extra: Partial<NonNullable<MatchListing['energy']>> = {}) =>
    energy(
      'hp',
      'need',
      { carrier: 'cooling-water', supplyTemperatureC: 12, heatPumpSource: true, ...extra },
      { amount: 800 },
    );

  it('when warm cooling water is offered to a heat pump that takes 12 °C, then it serves it directly, not as a cooling demand', () => {
    const c = evaluatePair(source('warm', 'cooling-water', 30), pumpNeed(), CTX);
    expect(c?.route).toEqual({ type: 'direct', detail: 'cooling-water' });
    expect(c?.offerUse).toBe(1);
    expect(c?.terms.find((t) => t.name === 'resource')?.reason).toBe(
      'cooling-water at 30 °C offered as the heat source of a heat pump',
    );
    expect(quality(c)?.reason).toBe(
      'source at 30 °C feeds a heat pump that takes at least 12 °C (18 K ≥ 5 K approach); exergy lost: 0.04 per unit of heat (a cooler source would do)',
    );
    // The same water offered to a cooling-water need that is a cooling demand is too warm.
    const cooling = energy(
      'cool',
      'need',
      { carrier: 'cooling-water', supplyTemperatureC: 12 },
      { amount: 800 },
    );
    expect(evaluatePair(source('warm', 'cooling-water', 30), cooling, CTX)).toBeNull();
  });

  it('when the source is colder than the heat pump takes, or is cold, then it does not serve it', () => {
    expect(evaluatePair(source('cool', 'cooling-water', 15), pumpNeed(), CTX)).toBeNull();
    const cold = energy('cold', 'offer', { carrier: 'cold', supplyTemperatureC: 2 }, { companyId: 'c-cold' });
    expect(evaluatePair(cold, pumpNeed(), CTX)).toBeNull();
  });

  it('when heat-pump sources of two grades are offered, then the lower one ranks first', () => {
    for (const ctx of [CTX, SHIPPED]) {
      const candidates = naiveCandidates({
        ...ctx,
        listings: [pumpNeed(), source('hot', 'hot-water', 80), source('warm', 'cooling-water', 25)],
      });
      expect(candidates.map((c) => c.offerId)).toEqual(['warm', 'hot']);
    }
  });

  it('when the need states no temperature, then 10 °C is assumed and the reason says so', () => {
    const c = evaluatePair(
      source('warm', 'cooling-water', 30),
      pumpNeed({ supplyTemperatureC: undefined }),
      CTX,
    );
    expect(quality(c)?.reason).toContain('takes at least 10 °C');
    expect(quality(c)?.reason).toContain('(temperature assumed typical for the carrier)');
  });
});
