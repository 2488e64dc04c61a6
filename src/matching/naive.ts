/**
 * The all-pairs baseline: every offer against every need through evaluatePair, then the selection
 * rule written plainly (selection.ts). Quadratic on purpose — it is the reference the indexed
 * generator must reproduce exactly, in tests and in the benchmark.
 */
import { compareCandidates, evaluatePair } from './pair.ts';
import { keepBestPerListing, maxCandidatesPerListing } from './selection.ts';
import type { Candidate, MatchInput } from './types.ts';

/** Every compatible pair, explained and sorted, before selection. */
export function allCompatiblePairs(input: MatchInput): Candidate[] {
  const { listings, ...ctx } = input;
  const offers = listings.filter((l) => l.direction === 'offer');
  const needs = listings.filter((l) => l.direction === 'need');
  const out: Candidate[] = [];
  for (const offer of offers) {
    for (const need of needs) {
      const c = evaluatePair(offer, need, ctx);
      if (c) out.push(c);
    }
  }
  return out.sort(compareCandidates);
}

export function naiveCandidates(input: MatchInput): Candidate[] {
  return keepBestPerListing(allCompatiblePairs(input), maxCandidatesPerListing(input.config));
}
