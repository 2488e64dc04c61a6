import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildMatchIndex,
  candidatesForListing,
  generateCandidates,
  generateCandidatesWithStats,
  searchPairs,
} from '../../../src/matching/candidates.ts';
import { buildFeedback, type Decision, resourceFamily } from '../../../src/matching/feedback.ts';
import { allCompatiblePairs, naiveCandidates } from '../../../src/matching/naive.ts';
import { maxCandidatesPerListing } from '../../../src/matching/selection.ts';
import type { Candidate, MatchInput, MatchListing } from '../../../src/matching/types.ts';
import { HOURLY, randomSnapshot, tiedSnapshot } from './arbitraries.ts';
import { CONFIG, CTX, energy, materialNeed, materialOffer, northOfOslo } from './fixtures.ts';

const snapshot = (listings: MatchListing[], extra: Partial<MatchInput> = {}): MatchInput => ({
  ...CTX,
  listings,
  ...extra,
});

const withK = (k: number): MatchInput['config'] => ({ ...CONFIG, maxCandidatesPerListing: k });

/** What candidatesForListing must return: the listing's own K best of all its compatible pairs. */
const ownBest = (input: MatchInput, id: string): Candidate[] =>
  allCompatiblePairs(input)
    .filter((c) => c.offerId === id || c.needId === id)
    .slice(0, maxCandidatesPerListing(input.config));

describe('candidate generation on a hand-made snapshot', () => {
  const listings = [
    materialOffer('fgd-gypsum', ['100105'], { amount: 500 }),
    materialOffer('fly-ash', ['100102'], { amount: 300, ...northOfOslo(120) }),
    materialOffer('far-ash', ['100102'], { ...northOfOslo(400) }),
    materialNeed('plasterboard', { wasteCodes: ['100105'] }, { amount: 400, ...northOfOslo(10) }),
    materialNeed('cement-kiln', { category: 'cement-raw-material' }, { amount: 1000, ...northOfOslo(80) }),
    energy('data-centre', 'offer', { carrier: 'cooling-water', supplyTemperatureC: 35 }, { amount: 8000 }),
    energy(
      'district-heat',
      'need',
      { carrier: 'hot-water', supplyTemperatureC: 75 },
      { amount: 20000, ...northOfOslo(4) },
    ),
    energy('far-heat', 'need', { carrier: 'hot-water', supplyTemperatureC: 75 }, { ...northOfOslo(30) }),
  ];

  it('when generated, then the candidates equal the naive all-pairs result', () => {
    expect(generateCandidates(snapshot(listings))).toEqual(naiveCandidates(snapshot(listings)));
  });

  it('when generated, then they are sorted by score, then offer id, then need id', () => {
    const pairs = generateCandidates(snapshot(listings)).map((c) => `${c.offerId}>${c.needId}`);
    expect(pairs.sort()).toEqual(
      [
        'data-centre>district-heat',
        'fgd-gypsum>cement-kiln',
        'fgd-gypsum>plasterboard',
        'fly-ash>cement-kiln',
      ].sort(),
    );
    const scores = generateCandidates(snapshot(listings)).map((c) => c.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('when the listings come in another order, then the output is identical', () => {
    const reversed = [...listings].reverse();
    expect(generateCandidates(snapshot(reversed))).toEqual(generateCandidates(snapshot(listings)));
  });

  it('when K is small, then pairs that cannot enter any K best are not even scored', () => {
    // Twelve offers around one need: with K = 1 the need's search stops scoring once the nearest
    // (best) offer is in, and each offer's own search finds only the one need.
    const crowd = Array.from({ length: 12 }, (_, i) =>
      materialOffer(`o${String(i).padStart(2, '0')}`, ['100105'], {
        ...northOfOslo(5 + 20 * i),
        companyId: `c${i}`,
      }),
    );
    const need = materialNeed('n', { wasteCodes: ['100105'] });
    const input = snapshot([...crowd, need], { config: withK(1) });
    const pruned = generateCandidatesWithStats(input);
    const full = generateCandidatesWithStats(input, { prune: false });
    expect(pruned.candidates).toEqual(full.candidates);
    expect(pruned.pairsEvaluated).toBeLessThan(full.pairsEvaluated);
  });

  it("when an offer's best need is small and far, then pruning still finds it, whatever the quantity classes", () => {
    // For the offer, need `a` (large, near) is met first and `b` (its size, farther) is better;
    // `b` itself prefers `o2`, so only the offer's own K best can keep o>b.
    const o = materialOffer('o', ['100105'], { amount: 100 });
    const a = materialNeed(
      'a',
      { wasteCodes: ['100105'] },
      { amount: 1000, ...northOfOslo(1), companyId: 'ca' },
    );
    const b = materialNeed(
      'b',
      { wasteCodes: ['100105'] },
      { amount: 100, ...northOfOslo(50), companyId: 'cb' },
    );
    const o2 = materialOffer('o2', ['100105'], { amount: 100, ...northOfOslo(50), companyId: 'co2' });
    const input = snapshot([o, a, b, o2], { config: withK(1) });
    const expected = naiveCandidates(input);
    expect(expected.map((c) => `${c.offerId}>${c.needId}`)).toContain('o>b');
    for (const quantityClassRatio of [2, 1e9]) {
      expect(generateCandidates(input, { quantityClassRatio })).toEqual(expected);
      const index = buildMatchIndex(snapshot([a, b, o2], { config: withK(1) }), { quantityClassRatio });
      expect(candidatesForListing(index, o).map((c) => c.needId)).toEqual(['b']);
    }
  });

  it('when far-away listings cannot match, then they are never evaluated', () => {
    const { pairsEvaluated } = generateCandidatesWithStats(snapshot(listings));
    // 3 material offers × 2 needs + 1 energy offer × 2 needs = 8 pairs naively; far-ash, far-heat are pruned.
    expect(pairsEvaluated).toBeLessThan(8);
  });

  it('when one new listing is matched against the index, then it gets exactly its all-pairs candidates', () => {
    const index = buildMatchIndex(snapshot(listings));
    const newcomer = materialNeed(
      'new-kiln',
      { category: 'cement-raw-material' },
      { amount: 50, ...northOfOslo(100) },
    );
    const expected = ownBest(snapshot([...listings, newcomer]), 'new-kiln');
    expect(expected.length).toBe(2);
    expect(candidatesForListing(index, newcomer)).toEqual(expected);
  });

  it('when an indexed listing is updated, then its previous version is not matched against it', () => {
    const index = buildMatchIndex(snapshot(listings));
    const moved = { ...listings[0]!, ...northOfOslo(250) };
    const expected = ownBest(snapshot([moved, ...listings.slice(1)]), moved.id);
    expect(candidatesForListing(index, moved)).toEqual(expected);
  });
});

describe('keeping the K best pairs of each listing', () => {
  // Three gypsum offers at 10, 20 and 30 km from two plasterboard needs: every pair is compatible,
  // and nearer is better.
  const offers = [10, 20, 30].map((km) => materialOffer(`o${km}`, ['100105'], { ...northOfOslo(km) }));
  const needs = ['n1', 'n2'].map((id, i) =>
    materialNeed(id, { wasteCodes: ['100105'] }, { ...northOfOslo(i), companyId: `need-${id}` }),
  );
  const pairs = (cs: Candidate[]) => cs.map((c) => `${c.offerId}>${c.needId}`).sort();

  it('when K is 1, then a pair stays only when it is the best of its need or of its offer', () => {
    const input = snapshot([...offers, ...needs], { config: withK(1) });
    // Both needs' best is o10; o20 and o30 each keep their best need.
    const all = allCompatiblePairs(input);
    expect(all).toHaveLength(6);
    const kept = generateCandidates(input);
    expect(kept).toEqual(naiveCandidates(input));
    const bestNeedOf = (offer: string) => all.find((c) => c.offerId === offer)!.needId;
    expect(pairs(kept)).toEqual(
      ['o10>n1', 'o10>n2', `o20>${bestNeedOf('o20')}`, `o30>${bestNeedOf('o30')}`].sort(),
    );
  });

  it('when K is at least the number of partners, then every compatible pair stays', () => {
    for (const k of [3, 10, 1000]) {
      const input = snapshot([...offers, ...needs], { config: withK(k) });
      expect(generateCandidates(input)).toEqual(allCompatiblePairs(input));
    }
  });

  it('when K is not configured, then 10 applies', () => {
    expect(maxCandidatesPerListing(CONFIG)).toBe(10);
    expect(maxCandidatesPerListing(withK(3))).toBe(3);
  });

  it('when two offers tie on score, then the smaller offer id wins the last place', () => {
    // Identical offers at the same place: equal scores, so only the id decides.
    const twins = ['oB', 'oA', 'oC'].map((id) =>
      materialOffer(id, ['100105'], { ...northOfOslo(10), companyId: `c-${id}` }),
    );
    const need = materialNeed('n', { wasteCodes: ['100105'] });
    const input = snapshot([...twins, need], { config: withK(1) });
    const all = allCompatiblePairs(input);
    expect(new Set(all.map((c) => c.score)).size).toBe(1);
    // Each twin keeps its only pair (it is the best of its offer), so all three stay…
    expect(pairs(generateCandidates(input))).toEqual(['oA>n', 'oB>n', 'oC>n']);
    // …but the need's own K best is the smallest id.
    const index = buildMatchIndex(snapshot(twins, { config: withK(1) }));
    expect(candidatesForListing(index, need).map((c) => c.offerId)).toEqual(['oA']);
  });
});

// --- the property: the indexed generator equals the all-pairs matcher on random snapshots ---

const someK = fc.constantFrom(1, 2, 3, 5, 10, 1000);

describe('candidate generation, property-based', () => {
  it('when snapshots and K are random, then generateCandidates equals naiveCandidates, with and without trees or pruning', () => {
    fc.assert(
      fc.property(randomSnapshot, someK, (listings, k) => {
        const input = snapshot(listings, { hourlyProfiles: HOURLY, config: withK(k) });
        const naive = naiveCandidates(input);
        expect(generateCandidates(input)).toEqual(naive);
        expect(generateCandidates(input, { linearScanMax: 1000 })).toEqual(naive);
        // Leaves of two: trees of many nodes, whose boxes bound the search.
        expect(generateCandidates(input, { nodeSize: 2, quantityClassRatio: 1e9 })).toEqual(naive);
        // Narrow and single quantity classes: tight and loose quantity bounds.
        expect(generateCandidates(input, { linearScanMax: 0, quantityClassRatio: 1.2 })).toEqual(naive);
        expect(generateCandidates(input, { quantityClassRatio: 1e9 })).toEqual(naive);
        expect(generateCandidates(input, { prune: false })).toEqual(naive);
        expect(generateCandidates(input, { tightBound: false })).toEqual(naive);
      }),
      { numRuns: 300, seed: 20250601 },
    );
  }, 60_000);

  it('when the learning loop adjusts random pairings and bands, then generateCandidates still equals naiveCandidates', () => {
    const FEEDBACK_CONFIG = {
      ...CONFIG,
      feedback: { enabled: true, maxPenalty: 0.3, prior: 1, minRejections: 1 },
    };
    fc.assert(
      fc.property(
        randomSnapshot,
        someK,
        fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 64, maxLength: 64 }),
        (listings, k, counts) => {
          const offers = [
            ...new Set(
              listings.filter((l) => l.direction === 'offer').map((l) => `${l.kind}|${resourceFamily(l)}`),
            ),
          ];
          const needs = [
            ...new Set(
              listings.filter((l) => l.direction === 'need').map((l) => `${l.kind}|${resourceFamily(l)}`),
            ),
          ];
          const decisions: Decision[] = [];
          let c = 0;
          for (const o of offers) {
            for (const n of needs) {
              const [kind, offerFamily] = o.split('|') as [Decision['kind'], string];
              const [needKind, needFamily] = n.split('|') as [string, string];
              if (kind !== needKind) continue;
              for (let r = 0; r < counts[c++ % counts.length]!; r++)
                decisions.push({
                  kind,
                  offerFamily,
                  needFamily,
                  band: 0,
                  outcome: 'turned-down',
                  reasonCode: 'quality',
                });
            }
          }
          for (const kind of ['material', 'energy', 'water', 'land'] as const) {
            for (let band = 0; band <= 4; band++) {
              for (let r = 0; r < counts[c++ % counts.length]!; r++)
                decisions.push({
                  kind,
                  offerFamily: '-',
                  needFamily: '-',
                  band,
                  outcome: 'turned-down',
                  reasonCode: 'distance',
                });
            }
          }
          const config = { ...withK(k), feedback: FEEDBACK_CONFIG.feedback };
          const input = snapshot(listings, {
            hourlyProfiles: HOURLY,
            config,
            feedback: buildFeedback(decisions, config.feedback),
          });
          const naive = naiveCandidates(input);
          expect(generateCandidates(input)).toEqual(naive);
          expect(generateCandidates(input, { tightBound: false })).toEqual(naive);
        },
      ),
      { numRuns: 200, seed: 20261202 },
    );
  }, 60_000);

  it('when pairs are searched before they are explained, then their numbers are those of the candidates', () => {
    fc.assert(
      fc.property(randomSnapshot, someK, (listings, k) => {
        const input = snapshot(listings, { hourlyProfiles: HOURLY, config: withK(k) });
        const pairs = searchPairs(input);
        const candidates = generateCandidates(input);
        const { listings: byPosition } = pairs.index;
        expect(
          Array.from(pairs.offer, (o, p) => ({
            offerId: byPosition[o]!.id,
            needId: byPosition[pairs.need[p]!]!.id,
            score: pairs.score[p],
            maxQuantity: pairs.maxQuantity[p],
            offerUse: pairs.offerUse[p],
          })),
        ).toEqual(
          candidates.map(({ offerId, needId, score, maxQuantity, offerUse }) => ({
            offerId,
            needId,
            score,
            maxQuantity,
            offerUse,
          })),
        );
      }),
      { numRuns: 200, seed: 20261128 },
    );
  });

  it('when many listings are copies of each other, then ties are broken as the naive matcher breaks them', () => {
    fc.assert(
      fc.property(tiedSnapshot, someK, (listings, k) => {
        const input = snapshot(listings, { hourlyProfiles: HOURLY, config: withK(k) });
        const naive = naiveCandidates(input);
        expect(generateCandidates(input)).toEqual(naive);
        expect(generateCandidates(input, { linearScanMax: 0, quantityClassRatio: 1e9 })).toEqual(naive);
        expect(generateCandidates(input, { nodeSize: 2 })).toEqual(naive);
      }),
      { numRuns: 200, seed: 4242 },
    );
  });

  it('when K is at least the number of listings, then every compatible pair is a candidate', () => {
    fc.assert(
      fc.property(randomSnapshot, (listings) => {
        const input = snapshot(listings, { hourlyProfiles: HOURLY, config: withK(listings.length) });
        expect(generateCandidates(input)).toEqual(allCompatiblePairs(input));
      }),
      { numRuns: 100, seed: 3 },
    );
  });

  it('when one listing of a random snapshot arrives last, then candidatesForListing finds exactly its own K best', () => {
    fc.assert(
      fc.property(fc.oneof(randomSnapshot, tiedSnapshot), fc.nat(), someK, (listings, pick, k) => {
        const extra = { hourlyProfiles: HOURLY, config: withK(k) };
        const newcomer = listings[pick % listings.length]!;
        const index = buildMatchIndex(
          snapshot(
            listings.filter((l) => l.id !== newcomer.id),
            extra,
          ),
          { linearScanMax: 2, nodeSize: 2 },
        );
        expect(candidatesForListing(index, newcomer)).toEqual(
          ownBest(snapshot(listings, extra), newcomer.id),
        );
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('when a random snapshot is shuffled, then the candidates are identical', () => {
    fc.assert(
      fc.property(
        randomSnapshot.chain((ls) =>
          fc.tuple(fc.constant(ls), fc.shuffledSubarray(ls, { minLength: ls.length })),
        ),
        ([listings, shuffled]) => {
          const input = (ls: MatchListing[]) => snapshot(ls, { config: withK(2) });
          expect(generateCandidates(input(shuffled))).toEqual(generateCandidates(input(listings)));
        },
      ),
      { numRuns: 100, seed: 11 },
    );
  });
});
