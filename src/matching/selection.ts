/**
 * Which compatible pairs become candidates. A facilitator needs the pairs worth their time, not
 * hundreds per listing, so a compatible pair (one evaluatePair accepts) is kept iff it is
 *
 *   among the K best pairs of its need  OR  among the K best pairs of its offer,
 *
 * K = config.maxCandidatesPerListing (default 10), "best" in the candidate order of
 * compareCandidates: score descending, then offer id, then need id. Either side ranking a pair
 * high keeps it, so every listing keeps its own K best however crowded its counterparts are, and
 * at most 2K pairs per listing are explained, stored and allocated over.
 *
 * keepBestPerListing is the rule written plainly, over a fully sorted list; the naive matcher
 * applies it to all pairs, and the indexed generator (candidates.ts) must reproduce its result
 * with bounded heaps (best-pairs.ts).
 */
import type { Candidate, MatchConfig } from './types.ts';

export const DEFAULT_MAX_CANDIDATES_PER_LISTING = 10;

/** K of the configuration, or the default; at least 1. */
export function maxCandidatesPerListing(config: Pick<MatchConfig, 'maxCandidatesPerListing'>): number {
  return Math.max(1, config.maxCandidatesPerListing ?? DEFAULT_MAX_CANDIDATES_PER_LISTING);
}

/**
 * The candidates of `sorted` (in compareCandidates order) that rank among the first `k` of their
 * need or of their offer. In that order a candidate's rank within its need is the number of
 * candidates of the same need before it, and likewise for its offer.
 */
export function keepBestPerListing(sorted: readonly Candidate[], k: number): Candidate[] {
  const seenByNeed = new Map<string, number>();
  const seenByOffer = new Map<string, number>();
  return sorted.filter((c) => {
    const needRank = seenByNeed.get(c.needId) ?? 0;
    const offerRank = seenByOffer.get(c.offerId) ?? 0;
    seenByNeed.set(c.needId, needRank + 1);
    seenByOffer.set(c.offerId, offerRank + 1);
    return needRank < k || offerRank < k;
  });
}
