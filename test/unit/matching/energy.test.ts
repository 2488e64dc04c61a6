import { describe, expect, it } from 'vitest';
import { routeHeat } from '../../../src/matching/heat-pump.ts';
import { evaluatePair } from '../../../src/matching/pair.ts';
import { CONFIG, CTX, energy } from './fixtures.ts';

const quality = (c: ReturnType<typeof evaluatePair>) => c?.terms.find((t) => t.name === 'quality');

describe('heat pump COP', () => {
  it('when 30 °C heat serves a 70 °C need, then COP = 0.5 × 348.15 / 50 = 3.4815', () => {
    // sink 70 + 5 approach = 75 °C = 348.15 K; source 30 − 5 = 25 °C = 298.15 K; lift 50 K.
    const route = routeHeat(30, 70, CONFIG);
    expect(route).toMatchObject({ type: 'heat-pump', liftK: 50, sinkK: 348.15, sourceK: 298.15 });
    expect(route.type === 'heat-pump' && route.cop).toBeCloseTo(3.4815, 10);
  });

  it('when the lift is small, then the COP is capped at maxHeatPumpCop', () => {
    // lift 12 K would give 0.5 × 348.15 / 12 = 14.5.
    const route = routeHeat(68, 70, CONFIG);
    expect(route.type === 'heat-pump' && route.cop).toBe(8);
  });

  it('when the lift exceeds maxHeatPumpLiftK, then one stage no longer does it: two stages up to 100 K, none beyond', () => {
    // 25 °C → 70 °C: lift exactly 60 K is one stage's.
    expect(routeHeat(25, 70, CONFIG)).toMatchObject({ type: 'heat-pump', stages: 1 });
    // 20 °C → 80 °C: lift 80 + 5 − (20 − 5) = 70 K > 60 K, so two stages (heat-pump.ts).
    expect(routeHeat(20, 80, CONFIG)).toMatchObject({ type: 'heat-pump', stages: 2, liftK: 70 });
    // 10 °C → 100 °C: lift 100 K, the most two stages make; 10 °C → 101 °C is rejected.
    expect(routeHeat(10, 100, CONFIG)).toMatchObject({ type: 'heat-pump', stages: 2 });
    expect(routeHeat(10, 101, CONFIG)).toEqual({ type: 'rejected', reason: 'lift 101.0 K exceeds 100 K' });
    // A config whose two-stage limit is its single-stage one has single stages only.
    expect(routeHeat(20, 80, { ...CONFIG, maxTwoStageHeatPumpLiftK: 60 }).type).toBe('rejected');
  });

  it('when two stages lift 20 °C to an 80 °C need, then COP = COP_low × COP_high / (COP_low + COP_high − 1)', () => {
    // sink 85 °C = 358.15 K, source 15 °C = 288.15 K, lift 70 K; each stage lifts (70 + 5) / 2 = 37.5 K.
    // Lower stage condenses at the mean 323.15 K + 2.5 = 325.65 K: COP 0.5 × 325.65 / 37.5 = 4.342.
    // Upper stage condenses at 358.15 K: COP 0.5 × 358.15 / 37.5 = 4.7753.
    const low = (0.5 * 325.65) / 37.5;
    const high = (0.5 * 358.15) / 37.5;
    const cop = (low * high) / (low + high - 1);
    const route = routeHeat(20, 80, CONFIG);
    expect(route.type === 'heat-pump' && route.cop).toBeCloseTo(cop, 12);
    expect(cop).toBeCloseTo(2.554, 3);
    // Lower than one stage at the same fraction of Carnot would be (0.5 × 358.15 / 70 = 2.558).
    expect(cop).toBeLessThan((0.5 * 358.15) / 70);
  });

  it('when the source is exactly the approach above the need, then it is used directly', () => {
    expect(routeHeat(75, 70, CONFIG)).toEqual({ type: 'direct', marginK: 5 });
    expect(routeHeat(74.9, 70, CONFIG).type).toBe('heat-pump');
  });
});

describe('energy carriers and temperatures', () => {
  const hotWaterNeed = (t = 70, extra = {}) =>
    energy('n', 'need', { carrier: 'hot-water', supplyTemperatureC: t }, { amount: 2000, ...extra });

  it('when steam is hot enough for a hot-water need, then it serves it directly through a heat exchanger', () => {
    const c = evaluatePair(
      energy('o', 'offer', { carrier: 'steam', supplyTemperatureC: 180 }),
      hotWaterNeed(),
      CTX,
    );
    expect(c?.route).toEqual({ type: 'direct', detail: 'steam → hot-water' });
    expect(c?.offerUse).toBe(1);
    expect(c?.terms.find((t) => t.name === 'resource')?.value).toBe(0.9);
  });

  it('when flue gas is hot enough for a steam need, then it serves it directly', () => {
    const need = energy('n', 'need', { carrier: 'steam', supplyTemperatureC: 140 });
    expect(
      evaluatePair(energy('o', 'offer', { carrier: 'flue-gas', supplyTemperatureC: 200 }), need, CTX)?.route
        .type,
    ).toBe('direct');
  });

  it('when steam is not hot enough, then no heat pump is offered for it and there is no candidate', () => {
    const c = evaluatePair(
      energy('o', 'offer', { carrier: 'steam', supplyTemperatureC: 100 }),
      hotWaterNeed(120),
      CTX,
    );
    expect(c).toBeNull();
  });

  it('when warm cooling water is below the need temperature, then a heat pump lifts it and uses (COP−1)/COP of the offer', () => {
    const c = evaluatePair(
      energy('o', 'offer', { carrier: 'cooling-water', supplyTemperatureC: 30 }, { amount: 1000 }),
      hotWaterNeed(),
      CTX,
    );
    const cop = (0.5 * 348.15) / 50;
    expect(c?.route).toEqual({ type: 'heat-pump', detail: 'COP 3.48, lift 50 K' });
    expect(c?.offerUse).toBeCloseTo((cop - 1) / cop, 12);
    expect(quality(c)?.value).toBeCloseTo(1 - (0.5 * 50) / 60, 12);
    expect(quality(c)?.reason).toBe('a heat pump lifts 30 °C to 70 °C (lift 50 K incl. approach, COP 3.48)');
  });

  it('when the heat pump lift would exceed two stages, then there is no candidate; within two stages, the route says so', () => {
    expect(
      evaluatePair(
        energy('o', 'offer', { carrier: 'cooling-water', supplyTemperatureC: 10 }),
        hotWaterNeed(105),
        CTX,
      ),
    ).toBeNull();
    const c = evaluatePair(
      energy('o', 'offer', { carrier: 'cooling-water', supplyTemperatureC: 20 }, { amount: 1000 }),
      hotWaterNeed(80),
      CTX,
    );
    expect(c?.route).toEqual({ type: 'heat-pump', detail: 'COP 2.55, lift 70 K, two stages' });
    expect(quality(c)?.reason).toBe(
      'a two-stage heat pump lifts 20 °C to 80 °C (lift 70 K incl. approach, COP 2.55)',
    );
    // Its electricity is the heat delivered over the cascade's COP.
    const route = routeHeat(20, 80, CONFIG);
    const cop = route.type === 'heat-pump' ? route.cop : Number.NaN;
    expect(c?.impact.heatPumpElectricityMWh).toBeCloseTo(c!.maxQuantity / cop, 9);
  });

  it('when hot water is offered for an electricity need, then there is no candidate', () => {
    const need = energy('n', 'need', { carrier: 'electricity' });
    expect(
      evaluatePair(energy('o', 'offer', { carrier: 'hot-water', supplyTemperatureC: 90 }), need, CTX),
    ).toBeNull();
  });

  it('when electricity meets electricity and gas meets gas, then they match directly; crossed, they do not', () => {
    const el = (d: 'offer' | 'need', id: string) => energy(id, d, { carrier: 'electricity' });
    const gas = (d: 'offer' | 'need', id: string) => energy(id, d, { carrier: 'gas' });
    expect(evaluatePair(el('offer', 'o1'), el('need', 'n1'), CTX)?.route.type).toBe('direct');
    expect(evaluatePair(gas('offer', 'o2'), gas('need', 'n2'), CTX)?.route.type).toBe('direct');
    expect(evaluatePair(gas('offer', 'o2'), el('need', 'n1'), CTX)).toBeNull();
  });

  it('when surplus cold is colder than the need by the approach, then it serves cold and cooling-water needs', () => {
    const cold = energy('o', 'offer', { carrier: 'cold', supplyTemperatureC: 2 });
    expect(
      evaluatePair(cold, energy('n', 'need', { carrier: 'cold', supplyTemperatureC: 7 }), CTX)?.route.type,
    ).toBe('direct');
    expect(
      evaluatePair(cold, energy('n', 'need', { carrier: 'cooling-water', supplyTemperatureC: 12 }), CTX)
        ?.route.detail,
    ).toBe('cold → cooling-water');
    expect(
      evaluatePair(cold, energy('n', 'need', { carrier: 'cold', supplyTemperatureC: 6 }), CTX),
    ).toBeNull();
  });

  it('when a temperature is not stated, then the carrier-typical one is assumed and the reason says so', () => {
    const c = evaluatePair(
      energy('o', 'offer', { carrier: 'hot-water' }),
      energy('n', 'need', { carrier: 'hot-water' }),
      CTX,
    );
    // Assumed 80 °C offer against a 70 °C need: direct, quality discounted to 0.8, times the grade
    // of 80 °C heat where 75 °C would do (heat-grade.ts): 1 − 283.15 × (1/348.15 − 1/353.15) / 0.5.
    expect(c?.route.type).toBe('direct');
    expect(quality(c)?.value).toBeCloseTo(0.8 * (1 - (283.15 * (1 / 348.15 - 1 / 353.15)) / 0.5), 12);
    expect(quality(c)?.reason).toContain('(temperature assumed typical for the carrier)');
  });
});
