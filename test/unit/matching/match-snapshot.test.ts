import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateGreedy } from '../../../src/matching/allocation/greedy.ts';
import { allocateOptimal } from '../../../src/matching/allocation/optimal.ts';
import { generateCandidates, searchPairs, searchPart } from '../../../src/matching/candidates.ts';
import { matchSnapshot, type PartSearcher } from '../../../src/matching/match-snapshot.ts';
import { searchCopyOf } from '../../../src/matching/search-parts.ts';
import { HOURLY, randomSnapshot } from './arbitraries.ts';
import { CONFIG, CTX } from './fixtures.ts';

describe('matching a whole snapshot', () => {
  it('when snapshots are random, then matchSnapshot gives what generateCandidates and the allocators give in sequence', async () => {
    await fc.assert(
      fc.asyncProperty(randomSnapshot, fc.constantFrom(1, 3, 10), async (listings, k) => {
        const input = {
          ...CTX,
          hourlyProfiles: HOURLY,
          config: { ...CONFIG, maxCandidatesPerListing: k },
          listings,
        };
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
        const input = {
          ...CTX,
          hourlyProfiles: HOURLY,
          config: { ...CONFIG, maxCandidatesPerListing: k },
          listings,
        };
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

  it('when the other part cannot be searched elsewhere, then this thread searches it and says so', async () => {
    const warnings: string[] = [];
    const failing: PartSearcher = () => Promise.reject(new Error('worker gone'));
    await fc.assert(
      fc.asyncProperty(randomSnapshot, async (listings) => {
        const input = { ...CTX, hourlyProfiles: HOURLY, listings };
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
      randomSnapshot.filter(
        (l) => generateCandidates({ ...CTX, hourlyProfiles: HOURLY, listings: l }).length > 0,
      ),
      { numRuns: 1, seed: 7 },
    )[0]!;
    const run = matchSnapshot(
      { ...CTX, hourlyProfiles: HOURLY, listings },
      { explained: { size: 1, take: () => Promise.reject(new Error('store gone')) } },
    );
    await expect(run).rejects.toThrow('store gone');
  });

  it('when nothing matches, then the allocation is empty and says lp', async () => {
    const result = await matchSnapshot({ ...CTX, listings: [] });
    expect(result.candidates.length).toBe(0);
    expect(result.allocation).toEqual({ method: 'lp', entries: [], objective: 0 });
  });
});
