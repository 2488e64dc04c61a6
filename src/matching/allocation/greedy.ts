/**
 * Greedy allocation: the baseline the LP must never lose to.
 *
 * Walks the candidates from the highest value per unit delivered (see objective.ts) down and gives
 * each as much as its need, its offer (through offerUse) and its own max quantity still allow.
 * Greedy-by-weight is the classic heuristic for weighted matching (D. Avis, "A survey of heuristics
 * for the weighted matching problem", Networks 13(4), 1983, 475-493); with divisible quantities and
 * shared capacities it carries no optimality guarantee, which allocation.test.ts shows by example.
 *
 * Ties are broken by (offerId, needId), so the result never depends on the caller's order.
 */
import type { AllocationResult, Candidate } from '../types.ts';
import type { ListingsInput } from './input.ts';
import { descendingOrder } from './order.ts';
import { type AllocationArrays, buildAllocationProblem, finaliseAllocation } from './problem.ts';

export function allocateGreedy(candidates: readonly Candidate[], listings: ListingsInput): AllocationResult {
  if (candidates.length === 0) return { method: 'greedy', entries: [], objective: 0 };
  const problem = buildAllocationProblem(candidates, listings);
  return { method: 'greedy', ...finaliseAllocation(problem, greedyQuantities(problem)) };
}

/** The greedy kernel on a built problem; optimal.ts reuses it to seed the LP and as its fallback. */
export function greedyQuantities(problem: AllocationArrays): Float64Array {
  const { value, upper, use, offerOf, needOf } = problem;
  const n = value.length;
  // Candidates are already in (offerId, needId) order, which equal values keep.
  const order = descendingOrder(value);
  const needLeft = Float64Array.from(problem.capacity);
  const offerLeft = Float64Array.from(problem.capacity);
  const x = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const e = order[k]!;
    if (!(upper[e]! > 0)) continue;
    const d = needOf[e]!;
    const o = offerOf[e]!;
    const byOffer = use[e]! > 0 ? offerLeft[o]! / use[e]! : Number.POSITIVE_INFINITY;
    const q = Math.min(upper[e]!, needLeft[d]!, byOffer);
    if (!(q > 0)) continue;
    x[e] = q;
    needLeft[d] = Math.max(0, needLeft[d]! - q);
    offerLeft[o] = Math.max(0, offerLeft[o]! - use[e]! * q);
  }
  return x;
}
