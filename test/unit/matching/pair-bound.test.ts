import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateCandidatesWithStats } from '../../../src/matching/candidates.ts';
import { naiveCandidates } from '../../../src/matching/naive.ts';
import { newPairScore, normalisedWeights, scorePair } from '../../../src/matching/pair.ts';
import { BoundTable, boundShortfall } from '../../../src/matching/pair-bound.ts';
import { newNumbering, prepareListing } from '../../../src/matching/prepared-listing.ts';
import type { MatchListing } from '../../../src/matching/types.ts';
import { HOURLY, randomListing } from './arbitraries.ts';
import {
  CONFIG,
  CTX,
  listing,
  materialNeed,
  materialOffer,
  northOfOslo,
  OSLO,
  REFERENCE,
} from './fixtures.ts';

const ctx = { ...CTX, hourlyProfiles: HOURLY };
const w = normalisedWeights(CONFIG);

/** The shortfall of an offer-need pair, both rows of one table as in a match index. */
function shortfallOf(offer: MatchListing, need: MatchListing): { shortfall: number; score: number | null } {
  const numbering = newNumbering();
  const o = prepareListing(offer, numbering);
  const n = prepareListing(need, numbering);
  const table = new BoundTable(2, CONFIG);
  table.write(0, o, REFERENCE);
  table.write(1, n, REFERENCE);
  const shortfall = boundShortfall(need.kind, table, 0, table, 1, 1, 1, w);
  const s = newPairScore();
  return { shortfall, score: scorePair(o, n, ctx, s) ? s.score : null };
}

describe('the tight score bound', () => {
  it('when a pair is random, then the bound never falls below its score and rejects only pairs scorePair rejects', () => {
    const pair = fc
      .tuple(randomListing, randomListing)
      .filter(([a, b]) => a.kind === b.kind)
      .map(([a, b]) => [
        { ...a, id: 'o', direction: 'offer' } as MatchListing,
        { ...b, id: 'n', direction: 'need' } as MatchListing,
      ]);
    fc.assert(
      fc.property(pair, ([offer, need]) => {
        const { shortfall, score } = shortfallOf(offer!, need!);
        if (shortfall < 0) expect(score).toBeNull();
        // Resource, quantity and distance taken as 1: the rest of the bound is 1 − shortfall.
        else if (score !== null) expect(1 - shortfall + 1e-9).toBeGreaterThanOrEqual(score);
      }),
      { numRuns: 3000 },
    );
  });

  it('when an energy pair shares a place and flat profiles, then the bound is its score: route, COP and quantities exactly', () => {
    // At one place the distance term is 1, and with flat profiles the coverage is the deliverable
    // share of the need: everything else the bound computes as scorePair does.
    const flat = (l: Omit<MatchListing, 'id'>, id: string, direction: 'offer' | 'need'): MatchListing => {
      const { monthlyProfile: _m, hourlyProfile: _h, ...energy } = l.energy!;
      return { ...l, id, direction, companyId: id, lat: OSLO.lat, lon: OSLO.lon, energy };
    };
    const pair = fc
      .tuple(randomListing, randomListing)
      .filter(([a, b]) => a.kind === 'energy' && b.kind === 'energy')
      .map(([a, b]) => [flat(a, 'o', 'offer'), flat(b, 'n', 'need')]);
    let scored = 0;
    fc.assert(
      fc.property(pair, ([offer, need]) => {
        const { shortfall, score } = shortfallOf(offer!, need!);
        if (score === null) return;
        scored++;
        expect(1 - shortfall).toBeCloseTo(score, 9);
      }),
      { numRuns: 2000, seed: 31 },
    );
    expect(scored).toBeGreaterThan(200);
  });

  it('when the offer misses the need on purity and form, then the bound says by how much', () => {
    const offer = materialOffer('o', ['100105'], {
      material: { wasteCodes: ['100105'], purityPct: 80, form: 'powder', hazardous: false },
    });
    const need = materialNeed(
      'n',
      {},
      { material: { wasteCodes: ['100105'], purityPct: 90, form: 'solid', hazardous: false } },
    );
    const { shortfall, score } = shortfallOf(offer, need);
    // purity 1 − 10/20 = 0.5, form 0.6: quality 0.55, exactly what scorePair finds.
    expect(shortfall).toBeCloseTo(w.quality * 0.45, 12);
    expect(score).not.toBeNull();
  });

  it('when a plot lacks a facility the need requires, or both belong to one company, then the pair is rejected', () => {
    const plot = listing({
      id: 'o',
      direction: 'offer',
      kind: 'land',
      land: { landUse: 'industrial', facilities: ['road'] },
    });
    const site = listing({
      id: 'n',
      direction: 'need',
      kind: 'land',
      companyId: 'other',
      land: { landUse: 'industrial', facilities: ['quay'] },
    });
    expect(shortfallOf(plot, site).shortfall).toBe(-1);
    expect(
      shortfallOf(plot, { ...site, land: { landUse: 'industrial' }, companyId: plot.companyId }).shortfall,
    ).toBe(-1);
    expect(shortfallOf(plot, { ...site, land: { landUse: 'industrial' } }).shortfall).toBe(0);
  });

  it('when half the needs ask for a purity half the offers lack, then those pairs are not scored, and the result is unchanged', () => {
    // Pure and impure offers, strict and lenient needs, all within a few km: an impure offer's two
    // best are lenient needs and a strict need's two best are pure offers, so the impure-strict
    // pairs need never be scored; only the tight bound sees that they score lower.
    const material = (purityPct: number | undefined) => ({
      wasteCodes: ['100105'],
      hazardous: false,
      ...(purityPct === undefined ? {} : { purityPct }),
    });
    const at = (i: number) => northOfOslo(1 + ((i * 7) % 10) * 0.3);
    const listings = Array.from({ length: 10 }, (_, i) => [
      materialOffer(`o${i}`, ['100105'], {
        material: material(i < 5 ? 99 : 60),
        companyId: `co${i}`,
        ...at(i),
      }),
      materialNeed(
        `n${i}`,
        {},
        { material: material(i < 5 ? 99 : undefined), companyId: `cn${i}`, ...at(i + 3) },
      ),
    ]).flat();
    const input = { ...ctx, config: { ...CONFIG, maxCandidatesPerListing: 2 }, listings };
    const tight = generateCandidatesWithStats(input);
    const coarse = generateCandidatesWithStats(input, { tightBound: false });
    expect(tight.candidates).toEqual(naiveCandidates(input));
    expect(tight.candidates).toEqual(coarse.candidates);
    expect(tight.pairsEvaluated).toBeLessThan(coarse.pairsEvaluated);
  });
});
