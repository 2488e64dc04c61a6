import { describe, expect, it } from 'vitest';
import { buildMatchIndex } from '../../../src/matching/candidates.ts';
import { diagnoseListing, distanceBlockReason, loweringRules } from '../../../src/matching/diagnostics.ts';
import { evaluatePair, type PairContext } from '../../../src/matching/pair.ts';
import type { MatchListing } from '../../../src/matching/types.ts';
import { CTX, energy, listing, materialNeed, materialOffer, northOfOslo } from './fixtures.ts';

/** The diagnosis of `of` against `counterparts`, each offer of a company of its own unless it names one. */
function diagnose(of: MatchListing, counterparts: MatchListing[], ctx: PairContext = CTX, options = {}) {
  const listings = counterparts.map((c) =>
    c.companyId === 'company-offer' ? { ...c, companyId: `co-${c.id}` } : c,
  );
  return diagnoseListing(buildMatchIndex({ ...ctx, listings }), of, options);
}

const rulesOf = (d: ReturnType<typeof diagnose>, id: string) =>
  d.closest.find((c) => c.listing.id === id)?.rules.map((r) => `${r.effect} ${r.code}`);

describe('diagnoseListing: heat', () => {
  // A 120 °C (pressurised) hot-water need, and four offers that each fail it in their own way, or not.
  const need = energy('need', 'need', { carrier: 'hot-water', supplyTemperatureC: 120 }, { amount: 1000 });
  const offers = [
    // 20 °C cooling water: a heat pump would lift 20 → 120 °C by 120 K (approach included), more
    // than one heat pump stage, or two, can make.
    energy('cold-source', 'offer', { carrier: 'cooling-water', supplyTemperatureC: 20 }, northOfOslo(1)),
    // Hot enough, but 15 km away where hot water reaches 10 km.
    energy(
      'far-source',
      'offer',
      { carrier: 'hot-water', supplyTemperatureC: 130 },
      { ...northOfOslo(15), amount: 1000 },
    ),
    // Hot enough and near, but a third of the need.
    energy(
      'small-source',
      'offer',
      { carrier: 'hot-water', supplyTemperatureC: 130 },
      { ...northOfOslo(2), amount: 300 },
    ),
    // Electricity is not heat.
    energy('power', 'offer', { carrier: 'electricity' }, northOfOslo(1)),
  ];

  it('when a 20 °C source meets a 120 °C need, then the lift too large for a heat pump blocks it, in words and as a code', () => {
    const d = diagnose(need, offers);
    const cold = d.closest.find((c) => c.listing.id === 'cold-source')!;
    expect(cold.status).toBe('blocked');
    expect(cold.score).toBeNull();
    expect(cold.rules).toEqual([
      {
        code: 'temperature-lift',
        effect: 'blocks',
        reason: expect.stringMatching(
          /^a heat pump cannot lift cooling-water at 20 °C to the 120 °C need: lift [\d.]+ K exceeds \d+ K/,
        ),
      },
    ]);
  });

  it('when counterparts fail in different ways, then the compatible one comes first, then the near miss by distance, then fit refusals by degree before kind', () => {
    const d = diagnose(need, offers);
    expect(d.closest.map((c) => c.listing.id)).toEqual([
      'small-source',
      'far-source',
      'cold-source',
      'power',
    ]);
    expect(d).toMatchObject({
      listingId: 'need',
      counterparts: 4,
      compatible: 1,
      blockedBy: { 'temperature-lift': 1, distance: 1, carrier: 1 },
    });
    expect(rulesOf(d, 'power')).toEqual(['blocks carrier']);
  });

  it('when a source is beyond reach, then distance blocks it and its score is the one it would get at the limit', () => {
    const far = diagnose(need, offers).closest.find((c) => c.listing.id === 'far-source')!;
    expect(far.status).toBe('blocked');
    expect(far.rules[0]).toEqual({
      code: 'distance',
      effect: 'blocks',
      reason: distanceBlockReason(15, 10),
    });
    expect(far.rules[0]!.reason).toBe('15 km apart, beyond the 10 km limit');
    // Scored as the engine scores the pair with its limit set at the distance: distance term 0.
    const atLimit = evaluatePair(
      { ...offers[1]!, maxDistanceKm: far.distanceKm },
      { ...need, maxDistanceKm: far.distanceKm },
      CTX,
    );
    expect(atLimit?.terms.find((t) => t.name === 'distance')?.value).toBe(0);
    expect(far.score).toBe(atLimit?.score);
    expect(far.terms.map((t) => t.name)).not.toContain('distance');
  });

  it('when the compatible source covers a third of the need, then it is suggested and the quantity term is what lowers it', () => {
    const small = diagnose(need, offers).closest[0]!;
    expect(small.status).toBe('suggested');
    expect(small.rules[0]).toMatchObject({ code: 'quantity', effect: 'lowers' });
    expect(small.rules[0]!.reason).toContain('covers 30%');
  });

  it('when only some counterparts may be shown, then the others are neither described nor counted', () => {
    const d = diagnose(need, offers, CTX, { include: (l: MatchListing) => l.id !== 'cold-source' });
    expect(d.counterparts).toBe(3);
    expect(d.blockedBy['temperature-lift']).toBeUndefined();
    expect(d.closest.map((c) => c.listing.id)).not.toContain('cold-source');
  });

  it('when a limit is given, then only that many counterparts are described', () => {
    expect(diagnose(need, offers, CTX, { limit: 2 }).closest).toHaveLength(2);
  });
});

describe('diagnoseListing: water, material, windows and scores', () => {
  it('when treated waste water is offered to a need for process-quality water, then the quality class blocks it', () => {
    const need = listing({
      id: 'need',
      direction: 'need',
      kind: 'water',
      water: { type: 'process', quality: 'process' },
    });
    const offer = listing({
      id: 'effluent',
      direction: 'offer',
      kind: 'water',
      water: { type: 'treated-wastewater' },
      ...northOfOslo(1),
    });
    const [only] = diagnose(need, [offer]).closest;
    expect(only!.rules).toEqual([
      {
        code: 'quality-class',
        effect: 'blocks',
        reason: 'treated-wastewater water of non-potable quality cannot serve a need for process quality',
      },
    ]);
  });

  it('when a need names another category and no substitution leads there, then the category is not accepted', () => {
    const need = materialNeed('need', { category: 'gypsum' });
    const [only] = diagnose(need, [materialOffer('plastic', ['150102'])]).closest;
    expect(only!.rules).toEqual([
      {
        code: 'category',
        effect: 'blocks',
        reason:
          'the need accepts category gypsum; the offer has code 150102 (category plastics), and no documented substitution leads from it to gypsum',
      },
    ]);
  });

  it('when an offer is hazardous and the need does not accept it, then the hazard blocks it, however well the code fits', () => {
    const need = materialNeed('need', { wasteCodes: ['1001'] });
    const [only] = diagnose(need, [materialOffer('ash', ['100104'])]).closest;
    expect(only!.rules.map((r) => r.code)).toEqual(['hazardous']);
    expect(only!.rules[0]!.reason).toContain('code 100104');
  });

  it('when the windows do not overlap, then the window blocks the pair and the other rules still get their say', () => {
    const need = materialNeed('need', { wasteCodes: ['1001'] }, { availableFrom: '2027-01-01' });
    const offer = materialOffer('ash', ['100101'], { availableTo: '2026-06-30', amount: 50 });
    const [only] = diagnose(need, [offer]).closest;
    expect(only!.status).toBe('blocked');
    expect(only!.rules[0]).toEqual({
      code: 'window',
      effect: 'blocks',
      reason:
        'the offer is available now–2026-06-30, the need 2027-01-01–onwards: the periods do not overlap',
    });
    expect(only!.score).not.toBeNull();
    expect(only!.rules.slice(1).map((r) => r.code)).toContain('quantity');
    expect(only!.terms.map((t) => t.name)).not.toContain('temporal');
  });

  it('when a compatible pair scores below the minimum, then it is below the minimum, with what lowered it', () => {
    const strict = { ...CTX, config: { ...CTX.config, minScore: 0.95 } };
    const need = materialNeed('need', { wasteCodes: ['10'] });
    const [only] = diagnose(need, [materialOffer('ash', ['100101'], northOfOslo(100))], strict).closest;
    expect(only!.status).toBe('below-minimum');
    expect(only!.rules[0]).toMatchObject({ code: 'score', effect: 'blocks' });
    expect(only!.rules[0]!.reason).toMatch(/^scores 0\.\d+, below the minimum of 0\.95$/);
    // 100 of 300 km costs 0.2 × 1/3, the chapter-level code (0.7) 0.2 × 0.3.
    expect(only!.rules.slice(1).map((r) => r.code)).toEqual(['distance', 'category']);
  });

  it('when a compatible pair is not among the K best of its listing, then it was outranked', () => {
    const one = { ...CTX, config: { ...CTX.config, maxCandidatesPerListing: 1 } };
    const need = materialNeed('need', { wasteCodes: ['1001'] });
    const d = diagnose(
      need,
      [materialOffer('near', ['100101']), materialOffer('far', ['100101'], northOfOslo(50))],
      one,
    );
    expect(d.closest.map((c) => [c.listing.id, c.status])).toEqual([
      ['near', 'suggested'],
      ['far', 'outranked'],
    ]);
    expect(d.compatible).toBe(2);
    expect(rulesOf(d, 'far')?.[0]).toBe('blocks outranked');
  });

  it('when the listing has counterparts of its own company, of its own direction or of another kind, then they are not counterparts', () => {
    const need = materialNeed('need', { wasteCodes: ['1001'] });
    const d = diagnose(need, [
      materialOffer('own', ['100101'], { companyId: 'company-need' }),
      materialNeed('other-need', { wasteCodes: ['1001'] }),
      energy('heat', 'offer', { carrier: 'hot-water' }),
    ]);
    expect(d.counterparts).toBe(0);
    expect(d.closest).toEqual([]);
  });
});

describe('loweringRules', () => {
  it('when terms fall short, then the costliest comes first and a heat pump is named as the lift', () => {
    const terms = [
      { name: 'resource' as const, weight: 0.3, value: 0.75, reason: 'lifted' },
      { name: 'quantity' as const, weight: 0.2, value: 0.5, reason: 'half' },
      { name: 'distance' as const, weight: 0.2, value: 1, reason: 'next door' },
    ];
    expect(loweringRules('energy', terms, { type: 'heat-pump' })).toEqual([
      { code: 'quantity', effect: 'lowers', reason: 'half' },
      { code: 'temperature-lift', effect: 'lowers', reason: 'lifted' },
    ]);
  });
});
