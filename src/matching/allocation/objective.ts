/**
 * The value an allocation maximises, shared by the LP and the greedy baseline so the two can be
 * compared on one scale.
 *
 *   value_e = score_e / needQuantity_e        objective = Σ_e value_e · x_e
 *
 * x_e is the quantity delivered to the need per year (canonical unit of the kind), so value_e · x_e
 * is the score-weighted share of the need that candidate e covers. Dividing by the need makes a
 * tonne of slag, a MWh of heat and a m² of land comparable: covering a whole need with a perfect
 * match is worth 1, whatever its unit, and the objective reads as "needs covered, weighted by how
 * good the match is". The price is that a small need is worth as much as a large one; weighting by
 * impact (CO2e avoided) is the alternative, but it would rank matches on factor sets rather than
 * on fit, and candidates without a factor would never be allocated.
 */
import { AppError } from '../../errors.ts';
import type { AllocationEntry, Candidate } from '../types.ts';
import { type ListingsInput, listingLookup, preferCandidate } from './input.ts';

/** Value per unit delivered: score-weighted share of the need (see the title block). */
export function candidateValue(candidate: Pick<Candidate, 'score'>, needQuantity: number): number {
  return scoreValue(candidate.score, needQuantity);
}

/** candidateValue on a bare score, for callers that hold scores in typed arrays. */
export function scoreValue(score: number, needQuantity: number): number {
  if (!(needQuantity > 0) || !(score > 0)) return 0;
  return score / needQuantity;
}

/**
 * Σ value_e · x_e over the entries. Entries name their candidate by (offerId, needId); when the
 * candidate list holds a pair twice, the one the allocators keep (`preferCandidate`) counts.
 */
export function allocationObjective(
  entries: readonly AllocationEntry[],
  candidates: readonly Candidate[],
  listings: ListingsInput,
): number {
  const lookup = listingLookup(listings);
  // Index the entries, not the candidates: there are fewer, and a nested map spares building pair keys.
  const slotOf = new Map<string, Map<string, number>>();
  let pairs = 0;
  const slots = entries.map((entry) => {
    let byNeed = slotOf.get(entry.offerId);
    if (!byNeed) {
      byNeed = new Map();
      slotOf.set(entry.offerId, byNeed);
    }
    let slot = byNeed.get(entry.needId);
    if (slot === undefined) {
      slot = pairs++;
      byNeed.set(entry.needId, slot);
    }
    return slot;
  });
  const chosen: (Candidate | undefined)[] = new Array(pairs);
  for (const c of candidates) {
    const slot = slotOf.get(c.offerId)?.get(c.needId);
    if (slot === undefined) continue;
    const seen = chosen[slot];
    if (!seen || preferCandidate(c, seen) < 0) chosen[slot] = c;
  }
  let total = 0;
  entries.forEach((entry, i) => {
    const candidate = chosen[slots[i]!];
    if (!candidate) {
      throw new AppError('INTERNAL', `allocation entry ${entry.offerId} -> ${entry.needId} has no candidate`);
    }
    total += candidateValue(candidate, lookup(entry.needId).canonicalQuantity.value) * entry.quantity;
  });
  return total;
}
