/**
 * The allocation problem both allocators solve, in flat typed arrays so that 10^5 candidates cost
 * a few megabytes, plus the one routine that turns raw quantities into a safe, deterministic
 * result: clamp to bounds, scale down any over-full offer or need, round down, drop dust, sort.
 */
import { AppError } from '../../errors.ts';
import type { AllocationEntry, Candidate } from '../types.ts';
import {
  canonicalCandidates,
  type ListingsInput,
  listingLookup,
  pairKey,
  uniqueCandidates,
} from './input.ts';
import { scoreValue } from './objective.ts';

/** Significant digits kept in an allocated quantity; rounding is always down, never over capacity. */
export const QUANTITY_DIGITS = 9;
/** Relative slack accepted by `findOverAllocation` (floating-point sums, not real over-promises). */
export const CAPACITY_TOLERANCE = 1e-9;
/** A quantity below this share of its need is numerical dust and is dropped. */
const DUST_SHARE = 1e-9;

/** The numbers of an allocation problem: all a solver needs, and what crosses to a worker thread. */
export interface AllocationArrays {
  /**
   * Per listing (numbered by offerOf / needOf): what may be promised of it, its canonical quantity
   * (or less, see problemOf's `available`), 0 when unusable.
   */
  capacity: Float64Array;
  /** Per candidate, sorted by (offerId, needId): offer and need, value, offer use and tightest upper bound. */
  offerOf: Int32Array;
  needOf: Int32Array;
  value: Float64Array;
  use: Float64Array;
  upper: Float64Array;
}

export interface AllocationProblem extends AllocationArrays {
  /** Listing ids, indexed like capacity: every listing a candidate names (and possibly more). */
  ids: string[];
}

export function buildAllocationProblem(
  input: readonly Candidate[],
  listings: ListingsInput,
): AllocationProblem {
  const lookup = listingLookup(listings);
  const { candidates, ids, offerOf, needOf, score, offerUse, maxQuantity } = canonicalCandidates(input);
  const capacity = new Float64Array(ids.length);
  for (let i = 0; i < ids.length; i++) capacity[i] = lookup(ids[i]!).canonicalQuantity.value;
  const problem = problemOf(ids, capacity, { offerOf, needOf, score, offerUse, maxQuantity });
  if (typeof problem === 'number') {
    const c = candidates[problem]!;
    throw new AppError(
      'INTERNAL',
      `allocation: candidate ${c.offerId} -> ${c.needId} has offerUse ${c.offerUse}`,
    );
  }
  return problem;
}

/** Per pair, in (offerId, needId) order with one per pair: what allocation reads of a candidate. */
export interface PairNumbers {
  offerOf: Int32Array;
  needOf: Int32Array;
  score: Float64Array;
  offerUse: Float64Array;
  maxQuantity: Float64Array;
}

/**
 * The problem of pairs given as numbers (listings numbered as in `ids`, quantities in `quantity`),
 * already in (offerId, needId) order with one per pair: what buildAllocationProblem builds from
 * candidates, without the candidates. The index of the first pair with an impossible offer use
 * instead of a problem.
 *
 * `available`, when given (indexed like `quantity`), caps what may still be promised of each
 * listing: a scoped run leaves room for what suggestions outside its scope already hold. It only
 * lowers capacities; a pair's value stays the share of its need's whole quantity (objective.ts),
 * so covering the rest of a half-promised need is worth what it is worth in a full run.
 */
export function problemOf(
  ids: string[],
  quantity: Float64Array,
  pairs: PairNumbers,
  available?: Float64Array,
): AllocationProblem | number {
  const { offerOf, needOf, score, offerUse, maxQuantity } = pairs;
  const whole = new Float64Array(quantity.length);
  const capacity = new Float64Array(quantity.length);
  for (let i = 0; i < quantity.length; i++) {
    const q = quantity[i]!;
    whole[i] = Number.isFinite(q) && q > 0 ? q : 0;
    const a = available?.[i];
    capacity[i] = a === undefined ? whole[i]! : Math.min(whole[i]!, Number.isFinite(a) && a > 0 ? a : 0);
  }
  const n = offerOf.length;
  const value = new Float64Array(n);
  const use = new Float64Array(n);
  const upper = new Float64Array(n);
  for (let e = 0; e < n; e++) {
    const u = offerUse[e]!;
    if (!(u >= 0) || !Number.isFinite(u)) return e;
    const need = capacity[needOf[e]!]!;
    use[e] = u;
    value[e] = scoreValue(score[e]!, whole[needOf[e]!]!);
    // The tightest bound the pair alone can reach: it narrows the LP and keeps the greedy simple.
    const byOffer = u > 0 ? capacity[offerOf[e]!]! / u : Number.POSITIVE_INFINITY;
    const q = maxQuantity[e]!;
    const bound = Math.min(Number.isFinite(q) ? q : 0, need, byOffer);
    upper[e] = value[e]! > 0 && bound > 0 ? bound : 0;
  }
  return { ids, capacity, offerOf, needOf, value, use, upper };
}

export interface FinalAllocation {
  entries: AllocationEntry[];
  /**
   * Σ value_e · quantity_e over the entries, in entry order: the very sum allocationObjective
   * (objective.ts) computes from the entries, since the problem holds the candidate it would pick
   * for each pair and `value` its value; without indexing 10^5 entries by id again.
   */
  objective: number;
}

/**
 * Makes raw quantities safe to promise: clamps each to [0, upper], scales every over-full need and
 * offer down to its capacity (scaling only ever frees room elsewhere), rounds down to
 * QUANTITY_DIGITS significant digits and drops dust. Entries come out sorted by (offerId, needId).
 */
export function finaliseAllocation(problem: AllocationProblem, raw: Float64Array): FinalAllocation {
  const { ids, offerOf, needOf, use, upper, capacity } = problem;
  const n = upper.length;
  const x = new Float64Array(n);
  for (let e = 0; e < n; e++) x[e] = Math.min(Math.max(raw[e]!, 0), upper[e]!);

  const needSum = new Float64Array(capacity.length);
  for (let e = 0; e < n; e++) needSum[needOf[e]!]! += x[e]!;
  for (let e = 0; e < n; e++) {
    const d = needOf[e]!;
    if (needSum[d]! > capacity[d]!) x[e]! *= capacity[d]! / needSum[d]!;
  }
  const offerSum = new Float64Array(capacity.length);
  for (let e = 0; e < n; e++) offerSum[offerOf[e]!]! += use[e]! * x[e]!;
  for (let e = 0; e < n; e++) {
    const o = offerOf[e]!;
    if (offerSum[o]! > capacity[o]!) x[e]! *= capacity[o]! / offerSum[o]!;
  }

  const entries: AllocationEntry[] = [];
  let objective = 0;
  for (let e = 0; e < n; e++) {
    const quantity = roundDown(x[e]!);
    if (quantity <= DUST_SHARE * capacity[needOf[e]!]!) continue;
    entries.push({ offerId: ids[offerOf[e]!]!, needId: ids[needOf[e]!]!, quantity });
    objective += problem.value[e]! * quantity;
  }
  return { entries, objective };
}

/** Rounds down to QUANTITY_DIGITS significant digits; the decimal round trip keeps outputs like 0.3 clean. */
export function roundDown(q: number): number {
  if (!(q > 0) || !Number.isFinite(q)) return 0;
  const exponent = Math.floor(Math.log10(q)) - (QUANTITY_DIGITS - 1);
  // The 1e-6 nudge absorbs representation error (0.3 / 1e-9 = 299999999.99999994) without rounding up.
  const mantissa = Math.floor(q / 10 ** exponent + 1e-6);
  return Number(`${mantissa}e${exponent}`);
}

/**
 * Every offer, need or pair bound the entries exceed beyond CAPACITY_TOLERANCE; empty when the
 * allocation is safe. The invariant the tests hold both allocators to, written independently of
 * finaliseAllocation so that it can catch it out.
 */
export function findOverAllocation(
  entries: readonly AllocationEntry[],
  candidates: readonly Candidate[],
  listings: ListingsInput,
): string[] {
  const lookup = listingLookup(listings);
  const byPair = new Map(uniqueCandidates(candidates).map((c) => [pairKey(c.offerId, c.needId), c]));
  const offerUsed = new Map<string, number>();
  const needUsed = new Map<string, number>();
  const problems: string[] = [];
  const over = (used: number, cap: number) => used > cap * (1 + CAPACITY_TOLERANCE) + Number.MIN_VALUE;
  for (const entry of entries) {
    const c = byPair.get(pairKey(entry.offerId, entry.needId));
    if (!c) {
      problems.push(`${entry.offerId} -> ${entry.needId}: no such candidate`);
      continue;
    }
    if (!(entry.quantity >= 0) || over(entry.quantity, c.maxQuantity)) {
      problems.push(`${entry.offerId} -> ${entry.needId}: ${entry.quantity} outside [0, ${c.maxQuantity}]`);
    }
    offerUsed.set(entry.offerId, (offerUsed.get(entry.offerId) ?? 0) + c.offerUse * entry.quantity);
    needUsed.set(entry.needId, (needUsed.get(entry.needId) ?? 0) + entry.quantity);
  }
  for (const [id, used] of [...offerUsed, ...needUsed]) {
    const cap = lookup(id).canonicalQuantity.value;
    if (over(used, cap)) problems.push(`${id}: ${used} allocated of ${cap}`);
  }
  return problems;
}
