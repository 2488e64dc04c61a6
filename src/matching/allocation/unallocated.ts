/**
 * Why a suggestion has nothing allocated, from the allocation of its two listings.
 *
 * The allocation (optimal.ts) maximises the score-weighted share of needs covered subject to each
 * offer and need being promised at most its quantity. At an optimum, a pair with a positive value
 * and nothing allocated has a saturated side: were its offer and its need both left with room,
 * moving some quantity onto it would raise the objective. So the reason is which side is used up:
 *
 *   offer-promised                  the offer's surplus is promised whole to other needs
 *                                   (Σ allocated × offerUse over its pairs ≥ its quantity)
 *   need-covered                    the need is covered whole by other offers (Σ allocated ≥ it)
 *   offer-promised-and-need-covered both
 *   not-allocated-yet               computed by an incremental refresh (allocation null): only a
 *                                   match run allocates
 *   changed-since                   neither side is used up now: listings or allocations changed
 *                                   since the run that allocated it, and the next run decides
 *
 * A side counts as used up at (1 − SATURATION_SLACK) of its quantity: allocations are rounded down
 * (problem.ts) and a sum of them falls a hair short of a full side.
 */

import type { UnallocatedReason } from '../../domain/suggestion.ts';

export { UNALLOCATED_REASONS, type UnallocatedReason } from '../../domain/suggestion.ts';

/** Relative shortfall below which a listing's quantity counts as promised whole. */
export const SATURATION_SLACK = 1e-6;

/** What is promised of a listing by the allocations of its active pairs, and its quantity. */
export interface ListingPromise {
  /** Offer: Σ allocated × offerUse; need: Σ allocated (canonical unit). */
  promised: number;
  quantity: number;
}

export const usedUp = (p: ListingPromise | undefined): boolean =>
  p !== undefined && (!(p.quantity > 0) || p.promised >= p.quantity * (1 - SATURATION_SLACK));

/**
 * The reason a pair has nothing allocated, or null when it has some. `allocated` is the pair's
 * allocated quantity (null: never allocated by a run).
 */
export function unallocatedReason(
  allocated: number | null,
  offer: ListingPromise | undefined,
  need: ListingPromise | undefined,
): UnallocatedReason | null {
  if (allocated === null) return 'not-allocated-yet';
  if (allocated > 0) return null;
  const offerFull = usedUp(offer);
  const needFull = usedUp(need);
  if (offerFull && needFull) return 'offer-promised-and-need-covered';
  if (offerFull) return 'offer-promised';
  if (needFull) return 'need-covered';
  return 'changed-since';
}
