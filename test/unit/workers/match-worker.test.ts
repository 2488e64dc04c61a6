import { afterAll, describe, expect, it } from 'vitest';
import { allocateOptimal } from '../../../src/matching/allocation/optimal.ts';
import { generateCandidates, searchPart } from '../../../src/matching/candidates.ts';
import { buildFeedback, type Decision } from '../../../src/matching/feedback.ts';
import { matchSnapshot } from '../../../src/matching/match-snapshot.ts';
import type { MatchListing } from '../../../src/matching/types.ts';
import { startMatchWorker } from '../../../src/workers/match-worker-client.ts';
import { CTX, materialNeed, materialOffer, northOfOslo } from '../matching/fixtures.ts';

// Six offers and six needs of one code within 30 km: one connected component the LP must solve.
const listings: MatchListing[] = Array.from({ length: 6 }, (_, i) => [
  materialOffer(`o${i}`, ['100105'], { amount: 50 + 40 * i, companyId: `co${i}`, ...northOfOslo(5 * i) }),
  materialNeed(
    `n${i}`,
    { wasteCodes: ['100105'] },
    { amount: 300 - 35 * i, companyId: `cn${i}`, ...northOfOslo(3 + 5 * i) },
  ),
]).flat();
const input = { ...CTX, listings };

describe('a match run with a worker thread', () => {
  const warnings: string[] = [];
  const worker = startMatchWorker({ warn: (_, message) => warnings.push(message) });
  afterAll(() => worker.close());

  it('when a snapshot is matched with the worker, then candidates and allocation equal the sequential ones', async () => {
    const candidates = generateCandidates(input);
    const expected = await allocateOptimal(candidates, listings);
    const result = await matchSnapshot(input, { solve: worker.solve });
    expect(result.candidates.explain()).toEqual(candidates);
    expect(result.allocation).toEqual(expected);
    expect(result.allocation.method).toBe('lp');
    expect(result.allocation.entries.length).toBeGreaterThan(1);
    expect(warnings).toEqual([]);
  });

  it('when the worker thread searches half of the snapshot, then the candidates are those of one search', async () => {
    const candidates = generateCandidates(input);
    const result = await matchSnapshot(input, {
      solve: worker.solve,
      search: worker.search,
      splitSearchMinListings: 0,
    });
    expect(result.candidates.explain()).toEqual(candidates);
    expect(result.allocation).toEqual(await allocateOptimal(candidates, listings));
    expect(warnings).toEqual([]);
  });

  it('when the learning loop adjusts scores, then the worker thread searches with the same adjustments', async () => {
    // Pairs under 5 km apart lose 0.4, and each listing keeps only its best pair: which pairs are
    // kept depends on the adjustment, so a thread searching without it would keep others.
    const config = {
      ...CTX.config,
      maxCandidatesPerListing: 1,
      feedback: { enabled: true, maxPenalty: 0.4, prior: 0, minRejections: 1 },
    };
    const decisions: Decision[] = Array.from({ length: 3 }, () => ({
      kind: 'material' as const,
      offerFamily: '-',
      needFamily: '-',
      band: 0,
      outcome: 'turned-down' as const,
      reasonCode: 'distance',
    }));
    const adjusted = { ...input, config, feedback: buildFeedback(decisions, config.feedback) };
    const candidates = generateCandidates(adjusted);
    expect(generateCandidates({ ...adjusted, feedback: undefined })).not.toEqual(candidates);
    // The worker's half: the same scores as this thread's search of that half.
    const part = { part: 1, parts: 2, firstShare: 0.5 };
    const theirs = await worker.search(adjusted, part, {});
    const mine = searchPart(adjusted, part, {});
    expect(theirs.score).toEqual(mine.score);
    expect(theirs.other).toEqual(mine.other);
    expect(searchPart({ ...adjusted, feedback: undefined }, part, {}).score).not.toEqual(mine.score);
    const result = await matchSnapshot(adjusted, {
      solve: worker.solve,
      search: worker.search,
      splitSearchMinListings: 0,
    });
    expect(result.candidates.explain()).toEqual(candidates);
    expect(warnings).toEqual([]);
  });

  it('when the worker thread is gone, then the problem is solved in this thread and the fallback is logged', async () => {
    const gone = startMatchWorker({ warn: (_, message) => warnings.push(message) });
    await gone.close();
    const result = await matchSnapshot(input, { solve: gone.solve });
    expect(result.allocation).toEqual(await allocateOptimal(generateCandidates(input), listings));
    expect(warnings.at(-1)).toMatch(/worker thread failed, solving in the main thread/);
  });
});
