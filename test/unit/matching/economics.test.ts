import { describe, expect, it } from 'vitest';
import type { CostFactorName, CostSet } from '../../../src/domain/cost-set.ts';
import { rescaleEconomics } from '../../../src/domain/economics.ts';
import { buildLandIndex } from '../../../src/domain/geo-water.ts';
import type { Polygon } from '../../../src/domain/regions.ts';
import {
  annuityFactor,
  type EconomicsInput,
  estimateEconomics,
  transportModeOf,
} from '../../../src/matching/economics.ts';
import { pipeCostEurPerM } from '../../../src/matching/heat-reach.ts';
import { evaluatePair } from '../../../src/matching/pair.ts';
import { loadCostSet } from '../../../src/reference/costs.ts';
import { loadLand } from '../../../src/reference/land.ts';
import { CTX, energy, listing, materialNeed, materialOffer } from './fixtures.ts';

/** Round numbers for hand calculation; each factor with a made-up source (tests only). */
const VALUES: Record<CostFactorName, [number, string]> = {
  'detour.road': [1.5, 'ratio'],
  'transport.truck': [2, 'NOK/tkm'],
  'transport.ship': [0.5, 'NOK/tkm'],
  'pipe.water': [1000, 'NOK/m'],
  'heat.source-exchanger': [10_000, 'EUR/MW'],
  'heat.sink-exchanger-small': [200_000, 'EUR/MW'],
  'heat.sink-exchanger': [100_000, 'EUR/MW'],
  'heat.pump-small': [200_000, 'EUR/MW'],
  'heat.pump': [100_000, 'EUR/MW'],
  'heat.value': [500, 'NOK/MWh'],
  'exchange.eur': [10, 'NOK/EUR'],
  'finance.discount-rate': [0.05, 'fraction'],
  'finance.lifetime': [20, 'yr'],
};
const COSTS: CostSet = {
  id: 'costs-test',
  version: '1',
  description: 'round numbers',
  factors: Object.fromEntries(
    Object.entries(VALUES).map(([name, [value, unit]]) => [
      name,
      { value, unit, source: 'test figures', year: 2025 },
    ]),
  ) as CostSet['factors'],
};

/** Two islands 0.2° of longitude apart at 60° N (a strait of about 11 km). */
const square = (lon: number): Polygon => [
  [
    [lon, 60],
    [lon + 0.5, 60],
    [lon + 0.5, 60.5],
    [lon, 60.5],
    [lon, 60],
  ],
];
const ISLANDS = buildLandIndex([square(10), square(10.7)]);
const WEST = { lat: 60.25, lon: 10.2 };
const WEST_2 = { lat: 60.4, lon: 10.4 };
const EAST = { lat: 60.25, lon: 11 };

const material = (over: Partial<EconomicsInput> = {}): EconomicsInput => ({
  offer: { ...WEST },
  need: { ...WEST_2, kind: 'material' },
  straightKm: 20,
  maxQuantity: 1000,
  offerUse: 1,
  costSet: COSTS,
  land: ISLANDS,
  ...over,
});
const heat = (km: number, mwh: number, over: Partial<EconomicsInput> = {}): EconomicsInput => ({
  offer: { ...WEST },
  need: { ...WEST_2, kind: 'energy', energy: { carrier: 'hot-water' } },
  straightKm: km,
  maxQuantity: mwh,
  offerUse: 1,
  costSet: COSTS,
  ...over,
});

describe('the economics of a candidate', () => {
  it('when a pair is 20 km apart, then its route is 20 km × the detour factor', () => {
    const e = estimateEconomics(material());
    expect(e.straightKm).toBe(20);
    expect(e.detourFactor).toBe(1.5);
    expect(e.routeKm).toBe(30);
    expect(e.costSet).toBe('costs-test@1');
  });

  it('when a material pair is on one island, then it goes by truck: t × route km × NOK/tkm', () => {
    const e = estimateEconomics(material());
    expect(e.crossesOpenWater).toBe(false);
    expect(e.mode).toBe('truck');
    // 1,000 t × 30 km × 2 NOK/tkm.
    expect(e.transportCostNokPerYear).toBe(60_000);
    expect(e.pipe).toBeUndefined();
  });

  it('when a material pair lies across the strait, then it goes by ship at the ship rate', () => {
    const e = estimateEconomics(material({ need: { ...EAST, kind: 'material' }, straightKm: 44 }));
    expect(e.crossesOpenWater).toBe(true);
    expect(e.mode).toBe('ship');
    // 1,000 t × 66 km × 0.5 NOK/tkm.
    expect(e.transportCostNokPerYear).toBeCloseTo(33_000, 6);
  });

  it('when a heat pump takes part of the offer, then the tonnes moved are the offer side: maxQuantity × offerUse', () => {
    expect(estimateEconomics(material({ offerUse: 0.5 })).transportCostNokPerYear).toBe(30_000);
  });

  it('when no land outline is given, then open water is not checked and a material pair goes by truck', () => {
    const { land: _land, ...rest } = material({ need: { ...EAST, kind: 'material' } });
    const e = estimateEconomics(rest);
    expect(e.crossesOpenWater).toBeNull();
    expect(e.mode).toBe('truck');
  });

  it('when the kind or carrier differs, then the mode follows: pipes for heat, cold and water, none for land and power', () => {
    expect(transportModeOf({ lat: 0, lon: 0, kind: 'water' }, false)).toBe('pipe');
    expect(transportModeOf({ lat: 0, lon: 0, kind: 'energy', energy: { carrier: 'cold' } }, false)).toBe(
      'pipe',
    );
    expect(
      transportModeOf({ lat: 0, lon: 0, kind: 'energy', energy: { carrier: 'electricity' } }, true),
    ).toBe('none');
    expect(transportModeOf({ lat: 0, lon: 0, kind: 'land' }, true)).toBe('none');
    expect(transportModeOf({ lat: 0, lon: 0, kind: 'material' }, true)).toBe('ship');
  });

  it("when heat goes by pipe, then capacity, cost per metre, capital, annuity and payback are Hotmaps' by hand", () => {
    // 20,000 MWh/yr over 5,000 h: 4 MW; Hotmaps interpolates 3.6 → 288 €/m, 6.1 → 323 €/m.
    const e = estimateEconomics(heat(10, 20_000));
    const p = e.pipe!;
    expect(e.mode).toBe('pipe');
    expect(p.capacityMW).toBe(4);
    expect(p.costNokPerM).toBeCloseTo(pipeCostEurPerM(4) * 10, 9);
    expect(p.costNokPerM).toBeCloseTo((288 + (35 * 0.4) / 2.5) * 10, 9);
    expect(p.lengthKm).toBe(15);
    expect(p.lineCostNok).toBeCloseTo(15_000 * p.costNokPerM, 3);
    // Stations from 1 MW: (10,000 + 100,000 + 100,000) €/MW × 4 MW × 10 NOK/€.
    expect(p.stationsCostNok).toBeCloseTo(8_400_000, 3);
    expect(p.capitalCostNok).toBeCloseTo(p.lineCostNok + 8_400_000, 3);
    expect(p.annualCostNok).toBeCloseTo(p.capitalCostNok * annuityFactor(0.05, 20), 3);
    expect(e.transportCostNokPerYear).toBe(p.annualCostNok);
    // Valued at the set's heat value: 20,000 MWh × 500 NOK/MWh.
    expect(p.valueNokPerYear).toBe(10_000_000);
    expect(p.paybackYears).toBeCloseTo(p.capitalCostNok / 10_000_000, 12);
  });

  it('when the pipe is longer, then its payback grows; when it delivers more heat, then its payback shrinks', () => {
    const payback = (km: number, mwh: number) => estimateEconomics(heat(km, mwh)).pipe!.paybackYears!;
    let last = 0;
    for (const km of [1, 2, 5, 10, 20, 30]) {
      const years = payback(km, 20_000);
      expect(years).toBeGreaterThan(last);
      last = years;
    }
    last = Number.POSITIVE_INFINITY;
    for (const mwh of [2_000, 5_000, 20_000, 50_000, 200_000]) {
      const years = payback(10, mwh);
      expect(years).toBeLessThan(last);
      last = years;
    }
  });

  it('when the heat need states what it pays today, then the pipe is valued at that price instead', () => {
    const e = estimateEconomics(
      heat(10, 20_000, {
        need: {
          ...WEST_2,
          kind: 'energy',
          energy: { carrier: 'hot-water' },
          currentCost: { nokPerUnit: 800 },
        },
      }),
    );
    expect(e.pipe!.valueNokPerYear).toBe(16_000_000);
  });

  it('when cold goes by pipe and the need states no price, then its value and payback are unknown', () => {
    const e = estimateEconomics(
      heat(5, 10_000, { need: { ...WEST_2, kind: 'energy', energy: { carrier: 'cold' } } }),
    );
    expect(e.pipe!.valueNokPerYear).toBeNull();
    expect(e.pipe!.paybackYears).toBeNull();
  });

  it('when water goes by pipe, then it costs the water pipe per metre with no stations', () => {
    const e = estimateEconomics({ ...material(), need: { ...WEST_2, kind: 'water' }, maxQuantity: 50_000 });
    expect(e.mode).toBe('pipe');
    expect(e.pipe!.capacityMW).toBeNull();
    expect(e.pipe!.capitalCostNok).toBe(30_000 * 1000);
    expect(e.pipe!.stationsCostNok).toBe(0);
    expect(e.pipe!.paybackYears).toBeNull();
  });

  it('when neither listing states a current cost, then there is no saving', () => {
    expect(estimateEconomics(material()).saving).toBeUndefined();
  });

  it("when both state one, then each side's saving is its cost × its quantity, and the net subtracts transport", () => {
    const e = estimateEconomics(
      material({
        offer: { ...WEST, currentCost: { nokPerUnit: 300 } },
        need: { ...WEST_2, kind: 'material', currentCost: { nokPerUnit: 150 } },
        offerUse: 0.8,
      }),
    );
    // The offer gives 800 t it no longer pays 300 NOK/t to dispose of; the need gets 1,000 t at 150.
    expect(e.saving).toEqual({
      offerSideNokPerYear: 240_000,
      needSideNokPerYear: 150_000,
      netNokPerYear: 240_000 + 150_000 - 800 * 30 * 2,
    });
  });

  it('when only the need states one, then only its side is given', () => {
    const e = estimateEconomics(
      material({ need: { ...WEST_2, kind: 'material', currentCost: { nokPerUnit: 100 } } }),
    );
    expect(e.saving).toEqual({ needSideNokPerYear: 100_000, netNokPerYear: 100_000 - 60_000 });
  });

  it('when a pair is shown from an anonymised location, then its distance-dependent figures follow the distance shown', () => {
    const e = estimateEconomics(
      heat(10, 20_000, {
        need: {
          ...WEST_2,
          kind: 'energy',
          energy: { carrier: 'hot-water' },
          currentCost: { nokPerUnit: 500 },
        },
      }),
    );
    const shown = rescaleEconomics(e, 12);
    expect(shown.straightKm).toBe(12);
    expect(shown.routeKm).toBe(18);
    const again = estimateEconomics(
      heat(12, 20_000, {
        need: {
          ...WEST_2,
          kind: 'energy',
          energy: { carrier: 'hot-water' },
          currentCost: { nokPerUnit: 500 },
        },
      }),
    );
    expect(shown.pipe!.capitalCostNok).toBeCloseTo(again.pipe!.capitalCostNok, 3);
    expect(shown.pipe!.paybackYears!).toBeCloseTo(again.pipe!.paybackYears!, 9);
    expect(shown.saving!.netNokPerYear).toBeCloseTo(again.saving!.netNokPerYear, 3);
    const truck = estimateEconomics(material());
    expect(rescaleEconomics(truck, 10).transportCostNokPerYear).toBeCloseTo(30_000, 6);
  });
});

describe('economics in an explained candidate', () => {
  const costs = loadCostSet();
  const land = loadLand();
  // Horten and Moss, across the Oslofjord; Hamar and Lillehammer, on land.
  const horten = { lat: 59.417, lon: 10.483 };
  const moss = { lat: 59.434, lon: 10.66 };

  it('when the context has a cost set, then the candidate carries economics and the distance reason names both distances', () => {
    const offer = materialOffer('o', ['100101'], { ...horten });
    const need = materialNeed('n', { wasteCodes: ['100101'] }, { ...moss, maxDistanceKm: 50 });
    const c = evaluatePair(offer, need, { ...CTX, costSet: costs, land })!;
    expect(c.economics?.crossesOpenWater).toBe(true);
    expect(c.economics?.mode).toBe('ship');
    expect(c.economics?.costSet).toBe('costs-no-2025@2025.1');
    const reason = c.terms.find((t) => t.name === 'distance')!.reason;
    expect(reason).toMatch(
      /^10\.\d km straight, crosses open water \(ferry or ship\), about 13 km by road and sea; within a 50 km limit \(the listings' own\)$/,
    );
  });

  it('when the pair is on land, then the reason gives the road estimate and no crossing', () => {
    const offer = materialOffer('o', ['100101'], { lat: 60.79, lon: 11.07 });
    const need = materialNeed(
      'n',
      { wasteCodes: ['100101'] },
      { lat: 61.115, lon: 10.466, maxDistanceKm: 100 },
    );
    const c = evaluatePair(offer, need, { ...CTX, costSet: costs, land })!;
    expect(c.economics?.crossesOpenWater).toBe(false);
    expect(c.economics?.mode).toBe('truck');
    expect(c.economics?.routeKm).toBeCloseTo(c.distanceKm * 1.3, 9);
    expect(c.terms.find((t) => t.name === 'distance')!.reason).toBe(
      `${(Math.round(c.distanceKm * 10) / 10).toString()} km straight, about ${Math.round(c.distanceKm * 1.3)} km by road; within a 100 km limit (the listings' own)`,
    );
  });

  it('when the context has no cost set, then the candidate has no economics and the old reason', () => {
    const c = evaluatePair(
      listing({
        id: 'o',
        direction: 'offer',
        kind: 'energy',
        energy: { carrier: 'hot-water', supplyTemperatureC: 90 },
      }),
      energy('n', 'need', { carrier: 'hot-water', supplyTemperatureC: 70 }),
      CTX,
    )!;
    expect(c.economics).toBeUndefined();
    expect(c.terms.find((t) => t.name === 'distance')!.reason).toBe('0 km of a 10 km limit');
  });
});
