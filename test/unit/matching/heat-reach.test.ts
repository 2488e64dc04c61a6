import { describe, expect, it } from 'vitest';
import { generateCandidates } from '../../../src/matching/candidates.ts';
import { defaultLimitKm, pairLimitKm } from '../../../src/matching/distance.ts';
import { economicReachKm, heatReachKm, pipeCostEurPerM } from '../../../src/matching/heat-reach.ts';
import { naiveCandidates } from '../../../src/matching/naive.ts';
import { evaluatePair } from '../../../src/matching/pair.ts';
import { CONFIG, CTX, energy, northOfOslo } from './fixtures.ts';

/** The annuity of 4 % over 30 years. */
const ANNUITY = 0.04 / (1 - 1.04 ** -30);

const source = (id: string, mwh: number) =>
  energy(
    id,
    'offer',
    { carrier: 'hot-water', supplyTemperatureC: 95 },
    { amount: mwh, companyId: `c-${id}` },
  );
/** A district-heating network 25 km north, taking 120 GWh/yr at 70 °C. */
const network = (km = 25, mwh = 120_000) =>
  energy('dh', 'need', { carrier: 'hot-water', supplyTemperatureC: 70 }, { amount: mwh, ...northOfOslo(km) });
const distance = (c: ReturnType<typeof evaluatePair>) => c?.terms.find((t) => t.name === 'distance');

describe('the reach of a heat pipe', () => {
  it("when a line's capacity is between Hotmaps' rows, then its cost per metre is interpolated, constant beyond the table", () => {
    expect(pipeCostEurPerM(0.1)).toBe(195);
    expect(pipeCostEurPerM(20)).toBe(426);
    expect(pipeCostEurPerM(32.5)).toBeCloseTo((426 + 564) / 2, 12);
    expect(pipeCostEurPerM(500)).toBe(976);
  });

  it('when the heat delivered grows, then the affordable length grows with it: t × Q / (a × c(Q / 5000 h) × 1000)', () => {
    // 20 GWh/yr: 4 MW, 293.6 €/m; 10 €/MWh × 20,000 MWh / (0.0578 × 293,600 €/km) = 11.8 km.
    expect(economicReachKm(20_000)).toBeCloseTo((10 * 20_000) / (ANNUITY * pipeCostEurPerM(4) * 1000), 9);
    expect(economicReachKm(2_000)).toBeCloseTo(1.64, 2);
    expect(economicReachKm(20_000)).toBeCloseTo(11.8, 1);
    expect(economicReachKm(50_000)).toBeCloseTo(24.1, 1);
    let last = 0;
    for (let mwh = 100; mwh <= 2_000_000; mwh *= 1.1) {
      const km = economicReachKm(mwh);
      expect(km).toBeGreaterThan(last);
      last = km;
    }
  });

  it('when the reach is capped and floored, then it lies between the carrier limit and 30 km', () => {
    expect(heatReachKm(10, 2_000)).toBe(10);
    expect(heatReachKm(10, 50_000)).toBeCloseTo(24.1, 1);
    expect(heatReachKm(10, 500_000)).toBe(30);
    // A configured limit above 30 km stays the limit; an unknown quantity gets the largest reach.
    expect(heatReachKm(40, 500_000)).toBe(40);
    expect(heatReachKm(10, Number.NaN)).toBe(30);
  });

  it('when the reach is found the quick way below the floor, then it is what the formula gives, at every quantity', () => {
    for (const floor of [10, 5, 10, 40]) {
      for (let mwh = 1; mwh < 1e7; mwh *= 1.01) {
        const slow = Math.min(Math.max(floor, 30), Math.max(floor, economicReachKm(mwh)));
        expect(heatReachKm(floor, mwh)).toBe(slow);
      }
    }
  });

  it('when a small and a large source are 25 km from a district-heating network, then only the large one reaches it', () => {
    expect(evaluatePair(source('small', 5_000), network(), CTX)).toBeNull();
    const large = evaluatePair(source('large', 100_000), network(), CTX);
    expect(large).not.toBeNull();
    // 100 GWh/yr affords more than 30 km: the cap.
    expect(distance(large)?.value).toBeCloseTo(1 - 25 / 30, 9);
    expect(distance(large)?.reason).toBe(
      '25 km of a 30 km limit (the reach of a heat pipe carrying 100000 MWh/yr)',
    );
  });

  it('when a large source meets a small need, then the pipe carries only the need: no 25 km line for it', () => {
    expect(evaluatePair(source('large', 100_000), network(25, 5_000), CTX)).toBeNull();
    expect(pairLimitKm(CONFIG, source('large', 100_000), network(25, 5_000), 5_000)).toBe(10);
  });

  it("when a pair is within the carrier's own limit, then its reason is the plain limit's", () => {
    const c = evaluatePair(source('small', 5_000), network(4), CTX);
    expect(distance(c)?.reason).toBe('4 km of a 10 km limit');
  });

  it('when a listing states its own limit, then it wins over the reach of the pipe', () => {
    const own = { ...network(), maxDistanceKm: 20 };
    expect(evaluatePair(source('large', 100_000), own, CTX)).toBeNull();
  });

  it("when the need's whole quantity is large, then its default limit (what the index searches within) is its reach", () => {
    expect(defaultLimitKm(CONFIG, network())).toBe(30);
    expect(defaultLimitKm(CONFIG, network(25, 5_000))).toBe(10);
    // Steam keeps its fixed limit whatever the quantity.
    expect(
      defaultLimitKm(
        CONFIG,
        energy('s', 'need', { carrier: 'steam', supplyTemperatureC: 150 }, { amount: 1e6 }),
      ),
    ).toBe(3);
  });

  it('when candidates are generated through the index, then the 25 km pair is found as the naive matcher finds it', () => {
    const input = {
      ...CTX,
      listings: [source('small', 5_000), source('large', 100_000), network(), network(8, 3_000)].map(
        (l, i) => (i === 3 ? { ...l, id: 'near' } : l),
      ),
    };
    const indexed = generateCandidates(input);
    expect(indexed.map((c) => `${c.offerId}->${c.needId}`).sort()).toEqual(
      ['large->dh', 'large->near', 'small->near'].sort(),
    );
    expect(indexed).toEqual(naiveCandidates(input));
  });
});
