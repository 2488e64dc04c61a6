import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateGreedy } from '../../../src/matching/allocation/greedy.ts';
import { allocateOptimal } from '../../../src/matching/allocation/optimal.ts';
import { generateCandidates } from '../../../src/matching/candidates.ts';
import { matchSnapshot } from '../../../src/matching/match-snapshot.ts';
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
        const lp = await matchSnapshot(input);
        expect(lp.candidates).toEqual(candidates);
        expect(lp.allocation).toEqual(await allocateOptimal(candidates, listings));
        const greedy = await matchSnapshot(input, { allocation: 'greedy' });
        expect(greedy.allocation).toEqual(allocateGreedy(candidates, listings));
      }),
      { numRuns: 100, seed: 20261128 },
    );
  });

  it('when nothing matches, then the allocation is empty and says lp', async () => {
    const result = await matchSnapshot({ ...CTX, listings: [] });
    expect(result.candidates).toEqual([]);
    expect(result.allocation).toEqual({ method: 'lp', entries: [], objective: 0 });
  });
});
