/**
 * A whole snapshot matched in one call: the numeric search, then allocation and explanation side
 * by side. With a second thread (workers/match-worker-client.ts) the search is split in two parts
 * (search-parts.ts) and each thread searches one. Allocation needs only numbers (a score, a
 * deliverable quantity and an offer use per pair), explanation needs the listings; so the
 * allocation problem is built from the searched pairs and handed to a solver — the second thread
 * when there is one — while this thread explains the same pairs, a batch at a time, to a consumer
 * (the service's writer) that stores them and lets them go: a national run never holds every
 * explanation at once (candidate-list.ts says what that would cost). The candidates come back as
 * a CandidateList, which explains them again when read. The result is the one generateCandidates
 * and allocateOptimal give in sequence (tests hold it to that).
 */
import { AppError } from '../errors.ts';
import { greedyQuantities } from './allocation/greedy.ts';
import { type SolvedAllocation, solveAllocation } from './allocation/optimal.ts';
import {
  type AllocationArrays,
  type AllocationProblem,
  finaliseAllocation,
  problemOf,
} from './allocation/problem.ts';
import { CandidateList } from './candidate-list.ts';
import {
  buildMatchIndex,
  collectPairs,
  type IndexOptions,
  type ScoredPairs,
  searchBest,
  searchPairs,
} from './candidates.ts';
import { adoptRows, type BestRows, bestRows, type SearchPart } from './search-parts.ts';
import type { AllocationResult, Candidate, MatchInput } from './types.ts';

/** Solves a built allocation problem: solveAllocation, in this thread or another. */
export type AllocationSolver = (problem: AllocationArrays) => Promise<SolvedAllocation>;

/** Searches one part of a snapshot elsewhere (a worker thread); rejects when it cannot. */
export type PartSearcher = (input: MatchInput, part: SearchPart, index: IndexOptions) => Promise<BestRows>;

/**
 * Listings below which the search stays in one thread: copying the snapshot to the other thread
 * and building its index there costs more than half the search saves.
 */
export const SPLIT_SEARCH_MIN_LISTINGS = 5000;

/**
 * Share of the listings this thread searches when the search is split. The other thread starts
 * later: it rebuilds the copied snapshot (about 0.55 s at 10^5 listings) while this one sends it
 * (about 0.3 s), then builds its own index. Measured at 10^5: with half each this thread waited
 * 0.4-0.6 s for the other; with 55 % it still waited 0.45-0.7 s in 5 runs of 6; with 60 %,
 * 0-90 ms.
 */
export const OWN_SEARCH_SHARE = 0.6;

export interface SnapshotOptions {
  /** Searches the second part of the snapshot; without it this thread searches all of it. */
  search?: PartSearcher;
  /** Fewest listings for which `search` is used (default SPLIT_SEARCH_MIN_LISTINGS). */
  splitSearchMinListings?: number;
  /** 'lp' (default) or the greedy baseline. */
  allocation?: 'lp' | 'greedy';
  /** Where the LP is solved; default solveAllocation in this thread. */
  solve?: AllocationSolver;
  index?: IndexOptions;
  /**
   * Takes every candidate, explained, `size` at a time in candidate order while the allocation is
   * solved; each call is awaited before the next batch is explained. `from` is the position of
   * the batch's first candidate.
   */
  explained?: { size: number; take: (batch: Candidate[], from: number) => void | Promise<void> };
  /**
   * What may still be promised of a listing, by id, when less than its quantity: a scoped run
   * passes each listing's quantity minus what suggestions outside the run already hold. Listings
   * not named offer their whole quantity.
   */
  available?: ReadonlyMap<string, number>;
  logger?: { warn: (details: object, message: string) => void };
}

export interface SnapshotMatch {
  /** In candidate order (score descending, then offer id, then need id), explained when read. */
  candidates: CandidateList;
  allocation: AllocationResult;
  pairsEvaluated: number;
  /**
   * Wall time per phase, ms: index and search (numeric), explaining the candidates to
   * `options.explained` (0 without it), and how long this thread then waited for the allocation
   * (0 when the solver finished first).
   */
  phaseMs: { index: number; search: number; explain: number; allocationWait: number };
}

export async function matchSnapshot(
  input: MatchInput,
  options: SnapshotOptions = {},
): Promise<SnapshotMatch> {
  const pairs =
    options.search && input.listings.length >= (options.splitSearchMinListings ?? SPLIT_SEARCH_MIN_LISTINGS)
      ? await searchInTwo(input, options.search, options)
      : searchPairs(input, options.index);
  const problem = allocationProblemOf(pairs, options.available);
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
  const candidates = new CandidateList(pairs);
  const explainStart = performance.now();
  if (options.explained) {
    const { size, take } = options.explained;
    let from = 0;
    for (const batch of candidates.batches(size)) {
      await take(batch, from);
      from += batch.length;
    }
  }
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
 * The allocation problem of searched pairs: the pairs in (offerId, needId) order (ScoredPairs.byIds,
 * which collectPairs sorted on the index's id ranks, as canonicalCandidates sorts candidates),
 * listings numbered as in the index. `available` lowers the capacity of the listings it names
 * (problemOf).
 */
export function allocationProblemOf(
  pairs: ScoredPairs,
  available?: ReadonlyMap<string, number>,
): AllocationProblem {
  const { index, byIds } = pairs;
  const { listings, points } = index;
  const n = listings.length;
  // Each listing's canonical quantity, as the index keeps it beside its point.
  const quantity = new Float64Array(n);
  for (let i = 0; i < n; i++) quantity[i] = points[4 * i + 3]!;
  let left: Float64Array | undefined;
  if (available && available.size > 0) {
    left = Float64Array.from(quantity);
    for (let i = 0; i < n; i++) {
      const a = available.get(listings[i]!.id);
      if (a !== undefined) left[i] = a;
    }
  }
  // The problem reads the pairs' arrays and keeps them; nothing writes to them.
  const problem = problemOf(
    index.ids.slice(),
    quantity,
    {
      offerOf: byIds.offer,
      needOf: byIds.need,
      score: byIds.score,
      offerUse: byIds.offerUse,
      maxQuantity: byIds.maxQuantity,
    },
    left,
  );
  if (typeof problem === 'number') {
    throw new AppError('INTERNAL', `allocation: pair ${problem} has an impossible offer use`);
  }
  return problem;
}

/**
 * searchPairs with the second part searched by `search` meanwhile: the same pairs (search-parts.ts
 * says why). If that part cannot be had, this thread searches it too, and says so in the log.
 */
async function searchInTwo(
  input: MatchInput,
  search: PartSearcher,
  options: SnapshotOptions,
): Promise<ScoredPairs> {
  const theirs: SearchPart = { part: 1, parts: 2, firstShare: OWN_SEARCH_SHARE };
  const started = performance.now();
  // Copies the snapshot to the other thread now, before this one gets busy.
  const rows = search(input, theirs, options.index ?? {});
  rows.catch(() => undefined);
  const index = buildMatchIndex(input, options.index);
  const indexed = performance.now();
  const own = searchBest(index, { part: 0, parts: 2, firstShare: OWN_SEARCH_SHARE });
  let pairsScored = own.pairsScored;
  try {
    const found = await rows;
    adoptRows(own.best, found, theirs);
    pairsScored += found.pairsScored;
  } catch (error) {
    options.logger?.warn(
      { reason: error instanceof Error ? error.message : String(error) },
      'search: the second thread failed, searching its part in this thread',
    );
    // Into heaps of its own: this part's offers would push pairs into needs searched already.
    const mine = searchBest(index, theirs);
    adoptRows(own.best, bestRows(mine.best, mine.pairsScored), theirs);
    pairsScored += mine.pairsScored;
  }
  const searched = performance.now();
  return collectPairs(index, own.best, pairsScored, { index: indexed - started, search: searched - indexed });
}
