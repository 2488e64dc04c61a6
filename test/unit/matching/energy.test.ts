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

  it('when the lift exceeds maxHeatPumpLiftK, then the heat is rejected', () => {
    // 20 °C → 80 °C: lift 80 + 5 − (20 − 5) = 70 K > 60 K.
    expect(routeHeat(20, 80, CONFIG).type).toBe('rejected');
    // 25 °C → 75 °C: lift exactly 60 K is allowed.
    expect(routeHeat(25, 70, CONFIG).type).toBe('heat-pump');
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

  it('when the heat pump lift would exceed the limit, then there is no candidate', () => {
    expect(
      evaluatePair(
        energy('o', 'offer', { carrier: 'cooling-water', supplyTemperatureC: 20 }),
        hotWaterNeed(80),
        CTX,
      ),
    ).toBeNull();
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
    // Assumed 80 °C offer against a 70 °C need: direct, quality discounted to 0.8.
    expect(c?.route.type).toBe('direct');
    expect(quality(c)?.value).toBe(0.8);
    expect(quality(c)?.reason).toContain('(temperature assumed typical for the carrier)');
  });
});
