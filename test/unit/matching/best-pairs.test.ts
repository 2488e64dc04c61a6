import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BestPairs } from '../../../src/matching/best-pairs.ts';

describe('the K best pairs per listing', () => {
  it('when pairs arrive in any order, then each listing keeps the K best by score, then by rank, best first', () => {
    const push = fc.record({
      at: fc.integer({ min: 0, max: 2 }),
      // Few distinct scores, so ties are frequent.
      score: fc.constantFrom(0.1, 0.5, 0.5, 0.9),
      other: fc.integer({ min: 0, max: 40 }),
    });
    fc.assert(
      fc.property(fc.array(push, { maxLength: 60 }), fc.integer({ min: 1, max: 6 }), (pushes, k) => {
        // One pair per (listing, other), as the generator guarantees.
        const unique = [...new Map(pushes.map((p) => [`${p.at}:${p.other}`, p])).values()];
        const best = new BestPairs(3, k);
        for (const p of unique) best.push(p.at, p.score, p.other, p.other);
        for (let at = 0; at < 3; at++) {
          const expected = unique
            .filter((p) => p.at === at)
            .sort((a, b) => b.score - a.score || a.other - b.other)
            .slice(0, k)
            .map((p) => p.other);
          expect(best.sorted(at).map((slot) => best.other[slot])).toEqual(expected);
          for (const other of expected) expect(best.has(at, other)).toBe(true);
        }
      }),
      { numRuns: 500, seed: 1 },
    );
  });

  it('when the capacity is 0, then nothing is kept', () => {
    const best = new BestPairs(1, 0);
    best.push(0, 1, 7, 7);
    expect(best.sorted(0)).toEqual([]);
  });
});
