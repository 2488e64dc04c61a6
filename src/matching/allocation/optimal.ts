/**
 * Optimal allocation: the linear programme that promises no surplus twice and covers the most
 * need, weighted by match quality.
 *
 *   maximise   Σ_e value_e · x_e                       (value_e = score_e / need_e, objective.ts)
 *   subject to Σ_{e ∋ n} x_e            ≤ need_n       for every need n
 *              Σ_{e ∋ o} offerUse_e · x_e ≤ offer_o      for every offer o
 *              0 ≤ x_e ≤ maxQuantity_e
 *
 * It is a generalised transportation problem (F. L. Hitchcock, "The distribution of a product from
 * several sources to numerous localities", J. Math. Phys. 20, 1941, 224-230): every column has at
 * most two non-zeros, so it is a generalised network, and it is solved by the generalised network
 * simplex (network-simplex.ts). HiGHS (Q. Huangfu, J. A. J. Hall, "Parallelizing the dual revised
 * simplex method", Math. Prog. Comp. 10, 2018, 119-142), compiled to WebAssembly, is the second
 * solver, by sifting (sifting.ts): `solver: 'sifting'` chooses it, and it takes over any model the
 * network simplex fails on.
 *
 * Why the shape of the code:
 * - Candidates fall apart into connected components (an offer and a need meet only through a
 *   candidate); a component of one candidate is solved in closed form, the rest are packed into
 *   models of at most `maxColumnsPerModel` columns.
 * - The network simplex keeps its basis as a graph, so a pivot walks a few tree paths instead of
 *   updating LU factors: on the 100k-listing benchmark region it solves the 437k-column component
 *   in 2-4 s where HiGHS's dual simplex, even through sifting, needs 6-7 s.
 * - HiGHS gets its models as sparse arrays, not LP text: at 10^5 columns the text would be built
 *   and parsed again for nothing. It is loaded only when a model needs it.
 * - Every solution is checked against every capacity; tiny violations are clamped by
 *   finaliseAllocation, a real one is treated as a solver failure. If HiGHS fails too, the greedy
 *   allocation is returned with method 'greedy'; every fallback's reason is logged.
 */
import highsDefault, { type Highs } from 'highs';
import type { AllocationResult, Candidate } from '../types.ts';
import { greedyQuantities } from './greedy.ts';
import type { ListingsInput } from './input.ts';
import { type NetworkSimplexSettings, solveByNetworkSimplex } from './network-simplex.ts';
import { type AllocationArrays, buildAllocationProblem, finaliseAllocation } from './problem.ts';
import { type SiftingSettings, solveBySifting } from './sifting.ts';

export interface OptimalOptions extends SiftingSettings, NetworkSimplexSettings {
  /** 'network' (default): the network simplex, HiGHS where it fails; 'sifting': HiGHS only. */
  solver: 'network' | 'sifting';
  /** Largest number of candidates in one HiGHS model; components are never split. */
  maxColumnsPerModel: number;
  /** Receives the reason when the optimiser falls back to greedy (pino's signature). */
  logger: { warn: (details: object, message: string) => void };
}

export const DEFAULTS: OptimalOptions = {
  solver: 'network',
  maxPivotsPerColumn: 4,
  maxColumnsPerModel: 200_000,
  initialColumnsPerNeed: 2,
  // Sifting's entering threshold (HiGHS's dual feasibility tolerance) and the network simplex's.
  pricingTolerance: 1e-7,
  enteringColumnsPerRow: 0.5,
  maxRounds: 200,
  timeLimitSeconds: 60,
  solverOptions: {},
  maxViolation: 1e-6,
  logger: { warn: (details, message) => process.emitWarning(`${message} ${JSON.stringify(details)}`) },
};

/**
 * The package's types describe its CommonJS build, so under NodeNext TypeScript sees the default
 * import as the module object; the ESM build Node actually loads exports the loader as default.
 */
const highsLoader: typeof highsDefault.default =
  typeof highsDefault === 'function' ? highsDefault : highsDefault.default;

let runtime: Promise<Highs> | undefined;

/** The WebAssembly runtime, loaded once per process (a failed load is retried on the next call). */
function loadHighs(): Promise<Highs> {
  runtime ??= highsLoader().catch((error: unknown) => {
    runtime = undefined;
    throw error;
  });
  return runtime;
}

export async function allocateOptimal(
  candidates: readonly Candidate[],
  listings: ListingsInput,
  options: Partial<OptimalOptions> = {},
): Promise<AllocationResult> {
  if (candidates.length === 0) return { method: 'lp', entries: [], objective: 0 };
  const problem = buildAllocationProblem(candidates, listings);
  const { method, x } = await solveAllocation(problem, options);
  return { method, ...finaliseAllocation(problem, x) };
}

/** Raw quantities of a solved problem (finaliseAllocation makes them safe) and how they were found. */
export interface SolvedAllocation {
  method: AllocationResult['method'];
  x: Float64Array;
}

/**
 * The optimal quantities of a built problem, or the greedy ones when HiGHS fails (the reason goes
 * to the logger): the step allocateOptimal takes between building and finalising, on its own so
 * that a worker thread can take it (workers/match-worker.ts) while the main thread explains.
 */
export async function solveAllocation(
  problem: AllocationArrays,
  options: Partial<OptimalOptions> = {},
): Promise<SolvedAllocation> {
  const settings: OptimalOptions = { ...DEFAULTS, ...options };
  // Greedy seeds sifting's first working set and is the last fallback: computed once, if needed.
  let greedy: Float64Array | undefined;
  const greedyOf = () => {
    greedy ??= greedyQuantities(problem);
    return greedy;
  };
  try {
    return { method: 'lp', x: await solveComponents(problem, greedyOf, settings) };
  } catch (error) {
    // A new runtime next time: a trapped WebAssembly instance is not worth trusting.
    runtime = undefined;
    settings.logger.warn(
      { reason: error instanceof Error ? error.message : String(error), candidates: problem.upper.length },
      'allocation: HiGHS failed, falling back to greedy',
    );
    return { method: 'greedy', x: greedyOf() };
  }
}

/** Loads HiGHS now, so that a first solve does not wait for it (a worker calls it at start). */
export async function preloadSolver(): Promise<void> {
  await loadHighs();
}

async function solveComponents(
  problem: AllocationArrays,
  greedyOf: () => Float64Array,
  settings: OptimalOptions,
): Promise<Float64Array> {
  const x = new Float64Array(problem.upper.length);
  const { columns, starts } = components(problem, x);
  // Consecutive components share a model up to maxColumnsPerModel columns: one contiguous slice.
  let from = 0;
  for (let c = 1; c < starts.length; c++) {
    const end = starts[c]!;
    if (c + 1 === starts.length || starts[c + 1]! - from > settings.maxColumnsPerModel) {
      await solveModel(problem, columns.subarray(from, end), greedyOf, settings, x);
      from = end;
    }
  }
  return x;
}

/** One model: by the network simplex, and by sifting with HiGHS if that fails or is not wanted. */
async function solveModel(
  problem: AllocationArrays,
  columns: Int32Array,
  greedyOf: () => Float64Array,
  settings: OptimalOptions,
  x: Float64Array,
): Promise<void> {
  if (settings.solver === 'network') {
    try {
      solveByNetworkSimplex(problem, columns, x, settings);
      return;
    } catch (error) {
      settings.logger.warn(
        { reason: error instanceof Error ? error.message : String(error), candidates: columns.length },
        'allocation: network simplex failed on a model, solving it with HiGHS',
      );
    }
  }
  solveBySifting(problem, columns, greedyOf(), await loadHighs(), settings, x);
}

/**
 * Connected components of the offer-need graph over candidates worth allocating. A component of
 * one candidate is solved on the spot into `x`: its upper bound already folds in the need, the
 * offer and maxQuantity. The others come back as one array of candidate indices, component after
 * component (ordered by their first candidate), increasing within each; component c spans
 * [starts[c], starts[c + 1]). Typed arrays and a counting sort rather than a list per component:
 * this runs over every candidate.
 */
function components(problem: AllocationArrays, x: Float64Array): { columns: Int32Array; starts: number[] } {
  const { offerOf, needOf, upper } = problem;
  const n = upper.length;
  const parent = new Int32Array(problem.capacity.length);
  for (let i = 0; i < parent.length; i++) parent[i] = i;
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  for (let e = 0; e < n; e++) {
    if (!(upper[e]! > 0)) continue;
    const a = find(offerOf[e]!);
    const b = find(needOf[e]!);
    if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
  }
  // Number components by their first candidate: deterministic, and the order components had before.
  const label = new Int32Array(parent.length).fill(-1);
  const componentOf = new Int32Array(n).fill(-1);
  const size: number[] = [];
  for (let e = 0; e < n; e++) {
    if (!(upper[e]! > 0)) continue;
    const root = find(offerOf[e]!);
    if (label[root] === -1) {
      label[root] = size.length;
      size.push(0);
    }
    componentOf[e] = label[root]!;
    size[label[root]!]!++;
  }
  // Components of two or more candidates, renumbered in the same order.
  const kept = new Int32Array(size.length).fill(-1);
  const starts = [0];
  for (let c = 0; c < size.length; c++) {
    if (size[c]! < 2) continue;
    kept[c] = starts.length - 1;
    starts.push(starts[starts.length - 1]! + size[c]!);
  }
  const columns = new Int32Array(starts[starts.length - 1]!);
  const fill = starts.slice(0, -1);
  for (let e = 0; e < n; e++) {
    const c = componentOf[e]!;
    if (c < 0) continue;
    if (kept[c] === -1) x[e] = upper[e]!;
    else columns[fill[kept[c]!]!++] = e;
  }
  return { columns, starts };
}
