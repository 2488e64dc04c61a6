import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateGreedy } from '../../../src/matching/allocation/greedy.ts';
import { allocationObjective } from '../../../src/matching/allocation/objective.ts';
import { allocateOptimal } from '../../../src/matching/allocation/optimal.ts';
import { findOverAllocation } from '../../../src/matching/allocation/problem.ts';
import {
  buildMatchIndex,
  collectPairs,
  generateCandidates,
  searchBest,
  searchPairs,
  searchPart,
} from '../../../src/matching/candidates.ts';
import { matchSnapshot, type PartSearcher } from '../../../src/matching/match-snapshot.ts';
import { adoptRows, ownerOf, searchCopyOf } from '../../../src/matching/search-parts.ts';
import type { MatchListing } from '../../../src/matching/types.ts';
import { HOURLY, randomSnapshot } from './arbitraries.ts';
import { CONFIG, CTX } from './fixtures.ts';

/** A snapshot of `listings` with the test context, keeping the `k` best pairs per listing when given. */
const snapshotOf = (listings: MatchListing[], k?: number) => ({
  ...CTX,
  hourlyProfiles: HOURLY,
  ...(k === undefined ? {} : { config: { ...CONFIG, maxCandidatesPerListing: k } }),
  listings,
});

describe('matching a whole snapshot', () => {
  it('when snapshots are random, then matchSnapshot gives what generateCandidates and the allocators give in sequence', async () => {
    await fc.assert(
      fc.asyncProperty(randomSnapshot, fc.constantFrom(1, 3, 10), async (listings, k) => {
        const input = snapshotOf(listings, k);
        const candidates = generateCandidates(input);
        const taken: unknown[] = [];
        const lp = await matchSnapshot(input, {
          explained: {
            size: 7,
            take: async (batch, from) => {
              expect(from).toBe(taken.length);
              expect(batch.length).toBeLessThanOrEqual(7);
              taken.push(...batch);
            },
          },
        });
        expect(taken).toEqual(candidates);
        expect(lp.candidates.explain()).toEqual(candidates);
        expect([...lp.candidates.batches(3)].flat()).toEqual(candidates);
        expect(lp.allocation).toEqual(await allocateOptimal(candidates, listings));
        const greedy = await matchSnapshot(input, { allocation: 'greedy' });
        expect(greedy.allocation).toEqual(allocateGreedy(candidates, listings));
      }),
      { numRuns: 100, seed: 20261128 },
    );
  });

  it('when the search is split between two parts, then the pairs are exactly those of one search', async () => {
    // The second part searched on the spot, as the worker thread would search it on its own copy.
    const inPlace: PartSearcher = async (input, part, index) =>
      searchPart(structuredClone(searchCopyOf(input)), part, index);
    await fc.assert(
      fc.asyncProperty(randomSnapshot, fc.constantFrom(1, 3, 10), async (listings, k) => {
        const input = snapshotOf(listings, k);
        const whole = searchPairs(input);
        const split = await matchSnapshot(input, { search: inPlace, splitSearchMinListings: 0 });
        expect(split.candidates.explain()).toEqual(generateCandidates(input));
        const single = await matchSnapshot(input);
        expect(split.allocation).toEqual(single.allocation);
        expect(split.candidates.length).toBe(whole.offer.length);
      }),
      { numRuns: 100, seed: 20261130 },
    );
  });

  it('when the parts are of any sizes, then the heaps adopted from each part give the pairs of one search', () => {
    fc.assert(
      fc.property(
        randomSnapshot,
        fc.integer({ min: 2, max: 3 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (listings, parts, firstShare) => {
          const input = snapshotOf(listings);
          const whole = searchPairs(input);
          const index = buildMatchIndex(input);
          const own = searchBest(index, { part: 0, parts, firstShare });
          for (let part = 1; part < parts; part++) {
            adoptRows(own.best, searchPart(input, { part, parts, firstShare }), { part, parts, firstShare });
          }
          const split = collectPairs(index, own.best, 0, { index: 0, search: 0 });
          expect([...split.offer]).toEqual([...whole.offer]);
          expect([...split.need]).toEqual([...whole.need]);
          expect([...split.score]).toEqual([...whole.score]);
        },
      ),
      { numRuns: 100, seed: 20261128 },
    );
  });

  it('when listings are shared out, then part 0 gets its share and every listing one part', () => {
    for (const [n, parts, firstShare] of [
      [1000, 2, 0.55],
      [999, 3, 0.2],
      [10, 2, 1],
      [10, 2, 0],
    ] as const) {
      const counts = new Array<number>(parts).fill(0);
      for (let i = 0; i < n; i++) counts[ownerOf(i, n, { parts, firstShare })]! += 1;
      expect(counts.reduce((a, b) => a + b, 0)).toBe(n);
      expect(Math.abs(counts[0]! - n * firstShare)).toBeLessThanOrEqual(8);
    }
  });

  it('when the other part cannot be searched elsewhere, then this thread searches it and says so', async () => {
    const warnings: string[] = [];
    const failing: PartSearcher = () => Promise.reject(new Error('worker gone'));
    await fc.assert(
      fc.asyncProperty(randomSnapshot, async (listings) => {
        const input = snapshotOf(listings);
        const result = await matchSnapshot(input, {
          search: failing,
          splitSearchMinListings: 0,
          logger: { warn: (_details, message) => warnings.push(message) },
        });
        expect(result.candidates.explain()).toEqual(generateCandidates(input));
        expect(warnings.at(-1)).toMatch(/second thread failed, searching its part in this thread/);
      }),
      { numRuns: 30, seed: 20261131 },
    );
  });

  it('when the consumer of explained candidates fails, then the run fails with its error', async () => {
    const listings = fc.sample(
      randomSnapshot.filter((l) => generateCandidates(snapshotOf(l)).length > 0),
      { numRuns: 1, seed: 7 },
    )[0]!;
    const run = matchSnapshot(snapshotOf(listings), {
      explained: { size: 1, take: () => Promise.reject(new Error('store gone')) },
    });
    await expect(run).rejects.toThrow('store gone');
  });

  it('when some listings have less available than their quantity, then no entry promises more of them', async () => {
    await fc.assert(
      fc.asyncProperty(
        randomSnapshot,
        // Shares in thousandths: quantities are never denormal (the service rounds dust to 0 too).
        fc.array(
          fc.integer({ min: 0, max: 1000 }).map((p) => p / 1000),
          { minLength: 1, maxLength: 40 },
        ),
        async (listings, shares) => {
          const input = snapshotOf(listings);
          // Every other listing keeps a random share of its quantity: some none, some all of it.
          const available = new Map<string, number>();
          listings.forEach((l, i) => {
            if (i % 2 === 0) available.set(l.id, l.canonicalQuantity.value * shares[i % shares.length]!);
          });
          const capped = await matchSnapshot(input, { available });
          const limited = listings.map((l) => ({
            ...l,
            canonicalQuantity: {
              ...l.canonicalQuantity,
              value: available.get(l.id) ?? l.canonicalQuantity.value,
            },
          }));
          const candidates = capped.candidates.explain();
          expect(findOverAllocation(capped.allocation.entries, candidates, limited)).toEqual([]);
          // The values stay those of the whole quantities: the objective is the full run's measure.
          expect(capped.allocation.objective).toBeCloseTo(
            allocationObjective(capped.allocation.entries, candidates, listings),
            9,
          );
          // Nothing taken away changes nothing.
          const untouched = new Map(listings.map((l) => [l.id, l.canonicalQuantity.value * 2]));
          const whole = await matchSnapshot(input, { available: untouched });
          expect(whole.allocation).toEqual((await matchSnapshot(input)).allocation);
        },
      ),
      { numRuns: 100, seed: 20260601 },
    );
  });

  it('when a listing has nothing available, then none of its pairs is allocated', async () => {
    const listings = fc.sample(
      randomSnapshot.filter((l) => generateCandidates(snapshotOf(l)).length > 0),
      { numRuns: 1, seed: 11 },
    )[0]!;
    const before = await matchSnapshot(snapshotOf(listings));
    const busy = before.allocation.entries[0];
    expect(busy).toBeDefined();
    const after = await matchSnapshot(snapshotOf(listings), { available: new Map([[busy!.offerId, 0]]) });
    expect(after.allocation.entries.filter((e) => e.offerId === busy!.offerId)).toEqual([]);
  });

  it('when nothing matches, then the allocation is empty and says lp', async () => {
    const result = await matchSnapshot({ ...CTX, listings: [] });
    expect(result.candidates.length).toBe(0);
    expect(result.allocation).toEqual({ method: 'lp', entries: [], objective: 0 });
  });
});
