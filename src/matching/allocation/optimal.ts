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
 * several sources to numerous localities", J. Math. Phys. 20, 1941, 224-230), solved with HiGHS
 * (Q. Huangfu, J. A. J. Hall, "Parallelizing the dual revised simplex method", Math. Prog. Comp. 10,
 * 2018, 119-142) compiled to WebAssembly.
 *
 * Why the shape of the code:
 * - Candidates fall apart into connected components (an offer and a need meet only through a
 *   candidate); a component of one candidate is solved in closed form, the rest are packed into
 *   models of at most `maxColumnsPerModel` columns and each model is solved by sifting
 *   (sifting.ts), so HiGHS sees the few columns that matter rather than every candidate.
 * - Models are passed as sparse arrays, not LP text: at 10^5 columns the text would be built and
 *   parsed again for nothing.
 * - Every solution is checked against every capacity; tiny violations are clamped by
 *   finaliseAllocation, a real one is treated as a solver failure. On any failure the greedy
 *   allocation is returned with method 'greedy' and the reason is logged.
 */
import highsDefault, { type Highs } from 'highs';
import type { AllocationResult, Candidate } from '../types.ts';
import { greedyQuantities } from './greedy.ts';
import type { ListingsInput } from './input.ts';
import { allocationObjective } from './objective.ts';
import { type AllocationProblem, buildAllocationProblem, finaliseAllocation } from './problem.ts';
import { type SiftingSettings, solveBySifting } from './sifting.ts';

export interface OptimalOptions extends SiftingSettings {
  /** Largest number of candidates in one HiGHS model; components are never split. */
  maxColumnsPerModel: number;
  /** Receives the reason when the optimiser falls back to greedy (pino's signature). */
  logger: { warn: (details: object, message: string) => void };
}

export const DEFAULTS: OptimalOptions = {
  maxColumnsPerModel: 200_000,
  initialColumnsPerNeed: 3,
  pricingTolerance: 1e-7,
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
  const settings: OptimalOptions = { ...DEFAULTS, ...options };
  if (candidates.length === 0) return { method: 'lp', entries: [], objective: 0 };
  let T = performance.now();
  const lap = (what: string) => {
    if (process.env.LP_TRACE) console.log('  ', what, Math.round(performance.now() - T));
    T = performance.now();
  };
  const problem = buildAllocationProblem(candidates, listings);
  lap('build');

  // Greedy seeds the LP's first working set and is the fallback: computed once for both.
  const greedy = greedyQuantities(problem);
  lap('greedy');
  let method: AllocationResult['method'] = 'lp';
  let x: Float64Array;
  try {
    x = solveComponents(problem, greedy, await loadHighs(), settings);
  } catch (error) {
    // A new runtime next time: a trapped WebAssembly instance is not worth trusting.
    runtime = undefined;
    settings.logger.warn(
      {
        reason: error instanceof Error ? error.message : String(error),
        candidates: problem.candidates.length,
      },
      'allocation: HiGHS failed, falling back to greedy',
    );
    method = 'greedy';
    x = greedy;
  }
  lap('solve');
  const entries = finaliseAllocation(problem, x);
  lap('finalise');
  const objective = allocationObjective(entries, problem.candidates, listings);
  lap('objective');
  return { method, entries, objective };
}

function solveComponents(
  problem: AllocationProblem,
  greedy: Float64Array,
  highs: Highs,
  settings: OptimalOptions,
): Float64Array {
  const { upper } = problem;
  const x = new Float64Array(upper.length);
  let batch: number[] = [];
  for (const component of components(problem)) {
    if (component.length === 1) {
      // One candidate alone: its upper bound already folds in the need, the offer and maxQuantity.
      x[component[0]!] = upper[component[0]!]!;
      continue;
    }
    if (batch.length > 0 && batch.length + component.length > settings.maxColumnsPerModel) {
      solveBySifting(problem, batch, greedy, highs, settings, x);
      batch = [];
    }
    for (const e of component) batch.push(e);
  }
  if (batch.length > 0) solveBySifting(problem, batch, greedy, highs, settings, x);
  return x;
}

/**
 * Connected components of the offer-need graph over candidates worth allocating, each a list of
 * candidate indices in increasing order, components ordered by their first candidate.
 */
function components(problem: AllocationProblem): number[][] {
  const { offerOf, needOf, upper } = problem;
  const parent = Int32Array.from(problem.ids, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  for (let e = 0; e < upper.length; e++) {
    if (!(upper[e]! > 0)) continue;
    const a = find(offerOf[e]!);
    const b = find(needOf[e]!);
    if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
  }
  const byRoot = new Map<number, number[]>();
  for (let e = 0; e < upper.length; e++) {
    if (!(upper[e]! > 0)) continue;
    const root = find(offerOf[e]!);
    const list = byRoot.get(root);
    if (list) list.push(e);
    else byRoot.set(root, [e]);
  }
  // Map insertion order is the order of each component's first candidate: deterministic.
  return [...byRoot.values()];
}
