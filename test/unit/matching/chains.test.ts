import { describe, expect, it } from 'vitest';
import type { MaterialCategory, ReferenceData } from '../../../src/domain/reference.ts';
import { explainChain, findChains, findProcessors, linksOf } from '../../../src/matching/chains.ts';
import type { Candidate, Impact, MatchListing } from '../../../src/matching/types.ts';
import { FACTORS, listing, REFERENCE } from './fixtures.ts';

const category = (id: string, use?: MaterialCategory['use']): MaterialCategory => ({
  id,
  name: id,
  description: id,
  wasteCodePrefixes: [],
  ...(use ? { use } : {}),
});

const REF: ReferenceData = {
  ...REFERENCE,
  materialCategories: new Map(
    [
      category('food-waste'),
      category('biogas-feedstock', 'digestion'),
      category('digestate'),
      category('fertiliser-input', 'fertiliser'),
    ].map((c) => [c.id, c]),
  ),
};

const material = (
  id: string,
  direction: 'offer' | 'need',
  companyId: string,
  cat: string,
  amount: number,
  siteId = `site-${companyId}`,
): MatchListing =>
  listing({
    id,
    direction,
    kind: 'material',
    companyId,
    siteId,
    amount,
    material: { category: cat, hazardous: false },
  });

/** A candidate with round figures: 0.1 t CO2e avoided and 0.01 t of transport per tonne. */
function candidate(offerId: string, needId: string, score: number, maxQuantity: number, km = 10): Candidate {
  const impact: Impact = {
    quantity: maxQuantity,
    unit: 't/yr',
    co2eAvoidedT: maxQuantity * 0.09,
    co2eBreakdown: { avoidedT: maxQuantity * 0.1, transportT: maxQuantity * 0.01, electricityT: 0 },
    factorSet: FACTORS.id,
    tonnesDiverted: maxQuantity,
    virginMaterialDisplacedT: maxQuantity,
  };
  return {
    offerId,
    needId,
    kind: 'material',
    distanceKm: km,
    route: { type: 'direct' },
    score,
    terms: [{ name: 'resource', weight: 1, value: score, reason: `${offerId} serves ${needId}` }],
    maxQuantity,
    offerUse: 1,
    impact,
  };
}

// A dairy's food waste (A), a biogas plant (P: takes feedstock, gives digestate), a farm (C).
const dairyWaste = material('dairy-waste', 'offer', 'dairy', 'food-waste', 1000);
const plantNeed = material('plant-feedstock', 'need', 'plant', 'biogas-feedstock', 10_000);
const plantDigestate = material('plant-digestate', 'offer', 'plant', 'digestate', 8000);
const farmNeed = material('farm-fertiliser', 'need', 'farm', 'fertiliser-input', 5000);
const LISTINGS = [dairyWaste, plantNeed, plantDigestate, farmNeed];

const link1 = candidate('dairy-waste', 'plant-feedstock', 0.8, 1000, 12);
const link2 = candidate('plant-digestate', 'farm-fertiliser', 0.7, 5000, 8);

describe('chains through processors', () => {
  it('when food waste goes to a biogas plant whose digestate a farm needs, then a chain dairy → plant → farm is found', () => {
    const chains = findChains(linksOf([link1, link2]), LISTINGS, REF);
    expect(chains).toHaveLength(1);
    const [chain] = chains;
    expect(chain).toMatchObject({
      offerId: 'dairy-waste',
      needId: 'farm-fertiliser',
      processorNeedId: 'plant-feedstock',
      processorOfferId: 'plant-digestate',
      processorCompanyId: 'plant',
    });
    // The plant gives 8,000 t of digestate per 10,000 t it takes.
    expect(chain!.yield).toBeCloseTo(0.8, 12);
    // 1,000 t of food waste make 800 t of digestate, less than the farm could take (5,000).
    expect(chain!.q1).toBeCloseTo(1000, 9);
    expect(chain!.q2).toBeCloseTo(800, 9);
    expect(chain!.score).toBeCloseTo(0.56, 12);
    expect(chain!.offerUse).toBeCloseTo(1.25, 12);
  });

  it('when the chain is explained, then distance is the sum, impact is scaled and link 2 is not credited its avoided disposal', () => {
    const [plan] = findChains(linksOf([link1, link2]), LISTINGS, REF);
    const chain = explainChain(plan!, link1, link2, plantDigestate, FACTORS);
    expect(chain.distanceKm).toBe(20);
    expect(chain.maxQuantity).toBeCloseTo(800, 9);
    expect(chain.links.map((l) => [l.offerId, l.needId, l.quantity])).toEqual([
      ['dairy-waste', 'plant-feedstock', 1000],
      ['plant-digestate', 'farm-fertiliser', 800],
    ]);
    // Each link keeps its own reasons.
    expect(chain.links[0].terms[0]!.reason).toBe('dairy-waste serves plant-feedstock');
    expect(chain.links[1].impact.co2eBreakdown.avoidedT).toBeCloseTo(80, 9);
    // Avoided: 100 (link 1) + 80 (link 2) − 800 t × 10 kg/t avoided disposal of the digestate (8 t).
    expect(chain.impact.co2eBreakdown.avoidedT).toBeCloseTo(172, 9);
    expect(chain.impact.co2eBreakdown.transportT).toBeCloseTo(10 + 8, 9);
    expect(chain.impact.co2eAvoidedT).toBeCloseTo(172 - 18, 9);
    // Tonnes diverted are the dairy's only; virgin displaced is both links'.
    expect(chain.impact.tonnesDiverted).toBeCloseTo(1000, 9);
    expect(chain.impact.virginMaterialDisplacedT).toBeCloseTo(1800, 9);
    expect(chain.terms[0]!.reason).toBe(
      "through a processor that gives 0.8 of what it offers per unit it takes; the chain scores the product of its links' scores, 0.8 × 0.7",
    );
  });

  it("when the processor's offer serves nobody, then there is no chain", () => {
    expect(findChains(linksOf([link1]), LISTINGS, REF)).toEqual([]);
  });

  it('when the farm is the dairy itself, or the dairy runs the plant, then there is no chain', () => {
    const ownFarm = material('farm-fertiliser', 'need', 'dairy', 'fertiliser-input', 5000);
    expect(
      findChains(linksOf([link1, link2]), [dairyWaste, plantNeed, plantDigestate, ownFarm], REF),
    ).toEqual([]);
    const ownWaste = material('dairy-waste', 'offer', 'plant', 'food-waste', 1000, 'site-dairy');
    expect(findChains(linksOf([link1, link2]), [ownWaste, plantNeed, plantDigestate, farmNeed], REF)).toEqual(
      [],
    );
  });

  it('when the dairy serves the farm directly, then the direct pair is the suggestion and no chain is made', () => {
    const direct = candidate('dairy-waste', 'farm-fertiliser', 0.3, 1000);
    expect(findChains(linksOf([link1, link2, direct]), LISTINGS, REF)).toEqual([]);
  });

  it('when the second link is the weaker, then it limits the chain, and the first carries only what the yield needs', () => {
    const small = candidate('plant-digestate', 'farm-fertiliser', 0.7, 200);
    const [chain] = findChains(linksOf([link1, small]), LISTINGS, REF);
    expect(chain!.q2).toBeCloseTo(200, 9);
    // 200 t of digestate take 250 t of food waste at a yield of 0.8.
    expect(chain!.q1).toBeCloseTo(250, 9);
  });

  it('when a listing claims more output than input, then the yield is capped at 1', () => {
    const generous = material('plant-digestate', 'offer', 'plant', 'digestate', 30_000);
    const [p] = findProcessors([plantNeed, generous], REF);
    expect(p!.yield).toBe(1);
  });

  it('when the need and offer are at different sites, or the need is not for processing, then there is no processor', () => {
    const elsewhere = material('plant-digestate', 'offer', 'plant', 'digestate', 8000, 'other-site');
    expect(findProcessors([plantNeed, elsewhere], REF)).toEqual([]);
    // A farm needing fertiliser and offering digestate does not process what it takes.
    const farmOffer = material('farm-manure', 'offer', 'farm', 'digestate', 100);
    expect(findProcessors([farmNeed, farmOffer], REF)).toEqual([]);
  });

  it('when many suppliers feed one processor, then chains are kept per processor and per offer, best first', () => {
    const suppliers = Array.from({ length: 6 }, (_, i) =>
      material(`waste-${i}`, 'offer', `supplier-${i}`, 'food-waste', 100),
    );
    const farms = Array.from({ length: 4 }, (_, i) =>
      material(`need-${i}`, 'need', `farm-${i}`, 'fertiliser-input', 100),
    );
    const candidates = [
      ...suppliers.map((s, i) => candidate(s.id, 'plant-feedstock', 0.9 - i / 100, 100)),
      ...farms.map((f, i) => candidate('plant-digestate', f.id, 0.8 - i / 100, 100)),
    ];
    const chains = findChains(linksOf(candidates), [...suppliers, ...farms, plantNeed, plantDigestate], REF, {
      maxChainsPerProcessor: 7,
      maxChainsPerOffer: 2,
    });
    // The plant's 7 best of 24 (0.9 × 0.8 = 0.72, 0.89 × 0.8 = 0.712, …), then 2 per supplier:
    // waste-0's third (with need-2, 0.702) goes.
    expect(chains.map((c) => [c.offerId, c.needId])).toEqual([
      ['waste-0', 'need-0'],
      ['waste-1', 'need-0'],
      ['waste-0', 'need-1'],
      ['waste-2', 'need-0'],
      ['waste-1', 'need-1'],
      ['waste-3', 'need-0'],
    ]);
    for (let i = 1; i < chains.length; i++)
      expect(chains[i - 1]!.score).toBeGreaterThanOrEqual(chains[i]!.score);
  });
});
