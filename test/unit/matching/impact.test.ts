import { describe, expect, it } from 'vitest';
import { evaluatePair } from '../../../src/matching/pair.ts';
import { CTX, energy, FACTORS, listing, materialNeed, materialOffer, northOfOslo } from './fixtures.ts';

describe('impact estimate', () => {
  it('when fly ash substitutes cement raw material 50 km away, then CO2e = clinker avoided + disposal − transport', () => {
    const c = evaluatePair(
      materialOffer('o', ['100102'], { amount: 100 }),
      materialNeed('n', { category: 'cement-raw-material' }, { amount: 200, ...northOfOslo(50) }),
      CTX,
    );
    // 100 t diverted at factor 0.8 displace 80 t of virgin input (the need's "cement clinker").
    // production 80 t × 800 kg/t = 64 t; disposal 100 t × 10 kg/t = 1 t;
    // transport 100 t × 50 km × 0.1 kg/tkm = 0.5 t  →  64 + 1 − 0.5 = 64.5 t CO2e.
    expect(c?.impact.tonnesDiverted).toBeCloseTo(100, 9);
    expect(c?.impact.virginMaterialDisplacedT).toBeCloseTo(80, 9);
    expect(c?.impact.co2eBreakdown.avoidedT).toBeCloseTo(65, 9);
    expect(c?.impact.co2eBreakdown.transportT).toBeCloseTo(0.5, 9);
    expect(c?.impact.co2eBreakdown.electricityT).toBe(0);
    expect(c?.impact.co2eAvoidedT).toBeCloseTo(64.5, 9);
    expect(c?.impact).toMatchObject({ quantity: 80, unit: 't/yr', factorSet: 'test-factors' });
    expect(c?.impact.missingFactors).toBeUndefined();
  });

  it("when the offered residue's category has its own disposal factor, then that one is used", () => {
    const c = evaluatePair(
      materialOffer('o', ['150102'], { amount: 10 }),
      materialNeed('n', { wasteCodes: ['150102'] }, { amount: 10 }),
      CTX,
    );
    // 10 t × 2,000 kg/t avoided incineration; no displaced-material factor; 0 km.
    expect(c?.impact.co2eAvoidedT).toBeCloseTo(20, 9);
  });

  it('when a heat pump lifts 1,000 MWh of 30 °C heat to a 70 °C need, then its electricity counts against the match', () => {
    const c = evaluatePair(
      energy('o', 'offer', { carrier: 'cooling-water', supplyTemperatureC: 30 }, { amount: 1000 }),
      energy('n', 'need', { carrier: 'hot-water', supplyTemperatureC: 70 }, { amount: 2000 }),
      CTX,
    );
    const cop = (0.5 * 348.15) / 50;
    const delivered = 1000 / ((cop - 1) / cop); // 1,402.98 MWh: the offer's heat plus the pump's work
    const electricity = delivered / cop; // 402.98 MWh
    expect(c?.maxQuantity).toBeCloseTo(delivered, 9);
    expect(electricity).toBeCloseTo(delivered - 1000, 9);
    expect(c?.impact.mwhDelivered).toBeCloseTo(delivered, 9);
    expect(c?.impact.heatPumpElectricityMWh).toBeCloseTo(electricity, 9);
    // displaced heat 0.2 t/MWh, grid 0.1 t/MWh
    expect(c?.impact.co2eBreakdown.avoidedT).toBeCloseTo(delivered * 0.2, 9);
    expect(c?.impact.co2eBreakdown.electricityT).toBeCloseTo(electricity * 0.1, 9);
    expect(c?.impact.co2eAvoidedT).toBeCloseTo(delivered * 0.2 - electricity * 0.1, 9);
    expect(c?.impact.co2eAvoidedT).toBeCloseTo(240.298, 3);
  });

  it('when water is supplied, then CO2e avoided is m³ × the supply factor', () => {
    const c = evaluatePair(
      listing({
        id: 'o',
        direction: 'offer',
        kind: 'water',
        water: { type: 'treated-wastewater' },
        amount: 5000,
      }),
      listing({ id: 'n', direction: 'need', kind: 'water', water: { type: 'grey' }, amount: 4000 }),
      CTX,
    );
    expect(c?.impact).toMatchObject({ m3Supplied: 4000, unit: 'm3/yr', co2eAvoidedT: 2 });
  });

  it('when the factor set lacks a factor, then that part is not quantified, and neither is the total', () => {
    const { 'water.supply': _dropped, ...rest } = FACTORS.factors;
    const c = evaluatePair(
      listing({ id: 'o', direction: 'offer', kind: 'water', water: { type: 'grey' } }),
      listing({ id: 'n', direction: 'need', kind: 'water', water: { type: 'grey' } }),
      { ...CTX, factorSet: { ...FACTORS, factors: rest } },
    );
    expect(c?.impact.co2eAvoidedT).toBeNull();
    expect(c?.impact.co2eBreakdown.avoidedT).toBeNull();
    expect(c?.impact.notQuantified).toEqual(['avoided-production']);
    expect(c?.impact.missingFactors).toEqual(['water.supply']);
    // What does not depend on a factor is still given.
    expect(c?.impact.m3Supplied).toBe(100);
  });

  it('when the displaced material has no factor, then the impact says "not quantified" instead of a negative CO2e made of transport alone', () => {
    // Gypsum displaces natural gypsum, but the set has no virgin.gypsum: without the credit, 100 t
    // trucked 50 km would have shown disposal 1 t − transport 0.5 t, and with no disposal credit
    // either, −0.5 t.
    const { 'avoided-disposal.default': _d, ...rest } = FACTORS.factors;
    const c = evaluatePair(
      materialOffer('o', ['100105'], { amount: 100 }),
      materialNeed('n', { category: 'gypsum' }, { amount: 100, ...northOfOslo(50) }),
      { ...CTX, factorSet: { ...FACTORS, factors: rest } },
    );
    expect(c?.impact.co2eAvoidedT).toBeNull();
    expect(c?.impact.co2eBreakdown).toEqual({
      avoidedT: null,
      transportT: expect.closeTo(0.5, 9),
      electricityT: 0,
    });
    expect(c?.impact.notQuantified).toEqual(['avoided-production', 'avoided-disposal']);
    expect(c?.impact.missingFactors).toEqual(['avoided-disposal.default', 'virgin.gypsum']);
    expect(c?.impact.tonnesDiverted).toBe(100);
  });

  it('when the grid factor is missing for a heat pump, then the electricity part is not quantified and the total is null', () => {
    const { 'electricity.grid': _g, ...rest } = FACTORS.factors;
    const c = evaluatePair(
      energy('o', 'offer', { carrier: 'cooling-water', supplyTemperatureC: 30 }, { amount: 1000 }),
      energy('n', 'need', { carrier: 'hot-water', supplyTemperatureC: 70 }, { amount: 2000 }),
      { ...CTX, factorSet: { ...FACTORS, factors: rest } },
    );
    expect(c?.impact.co2eBreakdown.avoidedT).toBeCloseTo(c!.maxQuantity * 0.2, 9);
    expect(c?.impact.co2eBreakdown.electricityT).toBeNull();
    expect(c?.impact.co2eAvoidedT).toBeNull();
    expect(c?.impact.notQuantified).toEqual(['electricity']);
  });

  it('when every factor is there, then nothing is listed as not quantified', () => {
    const c = evaluatePair(
      materialOffer('o', ['100102']),
      materialNeed('n', { category: 'cement-raw-material' }),
      CTX,
    );
    expect(c?.impact.notQuantified).toBeUndefined();
    expect(typeof c?.impact.co2eAvoidedT).toBe('number');
  });

  it("when the need's category has no virgin factor, then the offered residue's category is used", () => {
    // A need by code only: the offered 170504 is soil-and-stone (5 kg/t), 20 t over 0 km.
    const c = evaluatePair(
      materialOffer('o', ['170504'], { amount: 20 }),
      materialNeed('n', { wasteCodes: ['1705'] }, { amount: 20 }),
      CTX,
    );
    // production 20 × 5 kg + disposal 20 × 10 kg = 0.3 t
    expect(c?.impact.co2eAvoidedT).toBeCloseTo(0.3, 12);
  });

  it('when the displaced category says what it displaces but the set has no factor, then virgin.<id> is missing', () => {
    const c = evaluatePair(materialOffer('o', ['100105']), materialNeed('n', { category: 'gypsum' }), CTX);
    expect(c?.impact.missingFactors).toEqual(['virgin.gypsum']);
  });
  it('when the run compares factor sets, then each candidate carries its CO2e under every set beside its own estimate', () => {
    // The same pairing under a set whose grid is 5× dirtier and whose displaced heat is halved.
    const dirty = {
      ...FACTORS,
      id: 'dirty-grid',
      factors: {
        ...FACTORS.factors,
        'electricity.grid': { ...FACTORS.factors['electricity.grid']!, value: 0.5 },
        'heat.displaced': { ...FACTORS.factors['heat.displaced']!, value: 0.1 },
      },
    };
    const offer = energy(
      'o',
      'offer',
      { carrier: 'cooling-water', supplyTemperatureC: 30 },
      { amount: 1000 },
    );
    const need = energy('n', 'need', { carrier: 'hot-water', supplyTemperatureC: 70 }, { amount: 2000 });
    const alone = evaluatePair(offer, need, CTX);
    const c = evaluatePair(offer, need, { ...CTX, comparedFactorSets: [FACTORS, dirty] });
    expect(alone?.impact.co2eBySet).toBeUndefined();
    // The run's own estimate is unchanged by the comparison.
    expect(c?.impact.co2eAvoidedT).toBe(alone?.impact.co2eAvoidedT);
    const delivered = c!.maxQuantity;
    const electricity = c!.impact.heatPumpElectricityMWh!;
    expect(c?.impact.co2eBySet).toEqual({
      'test-factors@1': c?.impact.co2eAvoidedT,
      'dirty-grid@1': expect.closeTo(delivered * 0.1 - electricity * 0.5, 9),
    });
  });
});
