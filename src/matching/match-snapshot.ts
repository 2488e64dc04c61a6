/**
 * A whole snapshot matched in one call: the numeric search, then allocation and explanation side
 * by side. Allocation needs only numbers (a score, a deliverable quantity and an offer use per
 * pair), explanation needs the listings; so the allocation problem is built from the searched
 * pairs and handed to a solver — a worker thread when the caller gives one
 * (workers/allocation-client.ts) — while this thread explains the same pairs. The result is the
 * one generateCandidates and allocateOptimal give in sequence (tests hold it to that).
 */
import { AppError } from '../errors.ts';
import { greedyQuantities } from './allocation/greedy.ts';
import { type SolvedAllocation, solveAllocation } from './allocation/optimal.ts';
import { countingOrder } from './allocation/order.ts';
import {
  type AllocationArrays,
  type AllocationProblem,
  finaliseAllocation,
  problemOf,
} from './allocation/problem.ts';
import { explainPairs, type IndexOptions, type ScoredPairs, searchPairs } from './candidates.ts';
import type { AllocationResult, Candidate, MatchInput } from './types.ts';

/** Solves a built allocation problem: solveAllocation, in this thread or another. */
export type AllocationSolver = (problem: AllocationArrays) => Promise<SolvedAllocation>;

export interface SnapshotOptions {
  /** 'lp' (default) or the greedy baseline. */
  allocation?: 'lp' | 'greedy';
  /** Where the LP is solved; default solveAllocation in this thread (after the explanations). */
  solve?: AllocationSolver;
  index?: IndexOptions;
  logger?: { warn: (details: object, message: string) => void };
}

export interface SnapshotMatch {
  /** In candidate order (score descending, then offer id, then need id). */
  candidates: Candidate[];
  allocation: AllocationResult;
  pairsEvaluated: number;
  /**
   * Wall time per phase, ms: index and search (numeric), explain, and how long this thread then
   * waited for the allocation (0 when the solver finished first).
   */
  phaseMs: { index: number; search: number; explain: number; allocationWait: number };
}

export async function matchSnapshot(
  input: MatchInput,
  options: SnapshotOptions = {},
): Promise<SnapshotMatch> {
  const pairs = searchPairs(input, options.index);
  const problem = allocationProblemOf(pairs);
  const solve: AllocationSolver =
    options.solve ?? ((p) => solveAllocation(p, options.logger ? { logger: options.logger } : {}));
  const solving: Promise<SolvedAllocation> =
    options.allocation === 'greedy' || problem.upper.length === 0
      ? Promise.resolve({
          method: options.allocation === 'greedy' ? 'greedy' : 'lp',
          x: greedyQuantities(problem),
        })
      : solve(problem);
  // Keep a rejection from going unhandled while this thread explains; it is rethrown below.
  solving.catch(() => undefined);
  const explainStart = performance.now();
  const candidates = explainPairs(pairs);
  const waitStart = performance.now();
  const { method, x } = await solving;
  const allocationWait = performance.now() - waitStart;
  return {
    candidates,
    allocation: { method, ...finaliseAllocation(problem, x) },
    pairsEvaluated: pairs.pairsEvaluated,
    phaseMs: { ...pairs.phaseMs, explain: waitStart - explainStart, allocationWait },
  };
}

/**
 * The allocation problem of searched pairs: the pairs in (offerId, needId) order (a radix sort on
 * the index's id ranks, as canonicalCandidates sorts candidates), listings numbered as in the index.
 */
export function allocationProblemOf(pairs: ScoredPairs): AllocationProblem {
  const { index } = pairs;
  const { listings, idRank } = index;
  const n = listings.length;
  const m = pairs.offer.length;
  const offerRank = new Int32Array(m);
  const needRank = new Int32Array(m);
  for (let k = 0; k < m; k++) {
    offerRank[k] = idRank[pairs.offer[k]!]!;
    needRank[k] = idRank[pairs.need[k]!]!;
  }
  const order = countingOrder(offerRank, n, countingOrder(needRank, n));
  const pick = <A extends Int32Array | Float64Array>(from: A, to: A): A => {
    for (let k = 0; k < m; k++) to[k] = from[order[k]!]!;
    return to;
  };
  const quantity = new Float64Array(n);
  for (let i = 0; i < n; i++) quantity[i] = listings[i]!.canonicalQuantity.value;
  const problem = problemOf(
    listings.map((l) => l.id),
    quantity,
    {
      offerOf: pick(pairs.offer, new Int32Array(m)),
      needOf: pick(pairs.need, new Int32Array(m)),
      score: pick(pairs.score, new Float64Array(m)),
      offerUse: pick(pairs.offerUse, new Float64Array(m)),
      maxQuantity: pick(pairs.maxQuantity, new Float64Array(m)),
    },
  );
  if (typeof problem === 'number') {
    throw new AppError('INTERNAL', `allocation: pair ${problem} has an impossible offer use`);
  }
  return problem;
}
