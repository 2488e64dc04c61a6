/**
 * One allocation LP solved by sifting: simplex on a small working set of columns, then pricing
 * every other column against the row duals, adding those that would improve the objective, and
 * re-solving from the last basis until none would.
 *
 * Why: an allocation LP has one column per candidate but only one row per listing, and at the
 * optimum a few per cent of the columns are non-zero (a vertex has at most one basic column per
 * row). Sifting solves the same LP exactly while HiGHS only ever sees the columns that matter;
 * on the 20k-listing benchmark region it replaces one 675k-column solve.
 *
 * The model is written in shares of the need (y_e = x_e / need_n) with every row scaled to
 * capacity 1, so coefficients stay near 1 whether a need is 2 t or 2 GWh:
 *
 *   maximise Σ score_e · y_e   s.t.  Σ_{e ∋ n} y_e ≤ 1,  Σ_{e ∋ o} (offerUse_e · need_n / offer_o) · y_e ≤ 1,
 *                                    0 ≤ y_e ≤ upper_e / need_n
 *
 * and a column at zero prices in when score_e − π_n − a_e · π_o > tolerance (π the row duals).
 *
 * Tuning, measured on the 100k-listing benchmark region, whose largest component has 437k
 * columns and 53k rows:
 * - Whatever the working-set policy, HiGHS's dual simplex spends 88k-95k iterations in all on that
 *   component (a full solve, 91k): the policy mostly decides how many columns each iteration
 *   prices. Standard sifting practice, fewer columns per need to start (2, not 3) and at most
 *   half as many entering columns per round as rows (the largest reduced costs first, rather
 *   than the 69k improving columns of the first pricing at once), took 15-20 % off HiGHS's time.
 * - Dual simplex throughout. Entering columns leave the old basis primal feasible, which would
 *   suit primal simplex, but HiGHS's primal simplex was 5-15 times slower here; every column is
 *   boxed, so the dual simplex restores dual feasibility by flipping bounds and carries on.
 * - Presolve off: on the first solve it removed 40 % of the rows yet cost more (0.5 s) than it
 *   saved; re-solves start from a basis and skip it anyway.
 * - No gain from: interior point for the first solve (and crossover), a starting basis built
 *   from the greedy allocation, deleting long-nonbasic columns between rounds, ranking entering
 *   columns by reduced cost × bound, Devex or Dantzig pricing, scaling or crash options.
 * - Everything around HiGHS works on typed arrays (rows numbered through an Int32Array rather than
 *   a Map, column data written straight into the CSC arrays, no array concatenation per round):
 *   at 10^5-10^6 columns the JavaScript side otherwise costs seconds.
 *
 * References:
 *   R. E. Bixby, J. W. Gregory, I. J. Lustig, R. E. Marsten, D. F. Shanno (1992), "Very large-scale
 *     linear programming: a case study in combining interior point and simplex methods",
 *     Operations Research 40(5), 885-897 (sifting).
 *   P. C. Gilmore, R. E. Gomory (1961), "A linear programming approach to the cutting-stock
 *     problem", Operations Research 9(6), 849-859 (column generation).
 */
import type { Highs } from 'highs';
import type { AllocationArrays } from './problem.ts';

export interface SiftingSettings {
  /** Best columns of each need in the first working set (the greedy allocation's columns join them). */
  initialColumnsPerNeed: number;
  /** Reduced cost above which a column enters; HiGHS's default dual feasibility tolerance. */
  pricingTolerance: number;
  /**
   * Most columns entering per round, as a multiple of the model's rows: the ones with the largest
   * reduced cost, the rest wait for the next pricing (never fewer than an eighth of the improving
   * columns, so that a model with few rows still converges in a few rounds). Infinity lets every
   * improving column in at once.
   */
  enteringColumnsPerRow: number;
  maxRounds: number;
  timeLimitSeconds: number;
  solverOptions: Record<string, string | number | boolean>;
  /** Relative capacity violation above which the solution is rejected rather than clamped. */
  maxViolation: number;
}

/** Solves the LP over `columns` (candidate indices) and writes their quantities into `x`. */
export function solveBySifting(
  problem: AllocationArrays,
  columns: Int32Array,
  seed: Float64Array,
  highs: Highs,
  settings: SiftingSettings,
  x: Float64Array,
): { rounds: number; columnsUsed: number } {
  const { offerOf, needOf, value, use, upper, capacity } = problem;
  const n = columns.length;
  // Rows numbered by first appearance, need before offer; typed arrays rather than a Map.
  const rowOf = new Int32Array(capacity.length).fill(-1);
  let numRows = 0;
  const cost = new Float64Array(n);
  const bound = new Float64Array(n);
  const needRow = new Int32Array(n);
  const offerRow = new Int32Array(n).fill(-1);
  const offerCoef = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const e = columns[j]!;
    const d = needOf[e]!;
    const need = capacity[d]!;
    cost[j] = value[e]! * need;
    bound[j] = Math.min(1, upper[e]! / need);
    if (rowOf[d] === -1) rowOf[d] = numRows++;
    needRow[j] = rowOf[d]!;
    if (use[e]! > 0) {
      const o = offerOf[e]!;
      if (rowOf[o] === -1) rowOf[o] = numRows++;
      offerRow[j] = rowOf[o]!;
      offerCoef[j] = (use[e]! * need) / capacity[o]!;
    }
  }

  const perNeed = Math.max(1, settings.initialColumnsPerNeed);
  const inModel = initialWorkingSet(columns, seed, cost, needRow, numRows, perNeed);
  // The model's columns in model order (candidate positions j), then a buffer for entering ones.
  const working = new Int32Array(n);
  let used = 0;
  for (let j = 0; j < n; j++) if (inModel[j] === 1) working[used++] = j;
  const entering = new Int32Array(n);
  const gain = new Float64Array(n);
  const columnData = (js: Int32Array) => {
    const count = js.length;
    let nonzeros = count;
    for (let k = 0; k < count; k++) if (offerRow[js[k]!]! >= 0) nonzeros++;
    const starts = new Int32Array(count + 1);
    const indices = new Int32Array(nonzeros);
    const values = new Float64Array(nonzeros);
    const colCost = new Float64Array(count);
    const colUpper = new Float64Array(count);
    let p = 0;
    for (let k = 0; k < count; k++) {
      const j = js[k]!;
      colCost[k] = cost[j]!;
      colUpper[k] = bound[j]!;
      indices[p] = needRow[j]!;
      values[p++] = 1;
      if (offerRow[j]! >= 0) {
        indices[p] = offerRow[j]!;
        values[p++] = offerCoef[j]!;
      }
      starts[k + 1] = p;
    }
    return {
      cost: colCost,
      lower: new Float64Array(count),
      upper: colUpper,
      matrix: { format: 'csc' as const, numRows, numCols: count, starts, indices, values },
    };
  };

  const first = columnData(working.subarray(0, used));
  const model = highs.createModel({
    numCols: used,
    numRows,
    sense: highs.constants.objectiveSense.maximize,
    colCost: first.cost,
    colLower: first.lower,
    colUpper: first.upper,
    rowLower: new Float64Array(numRows).fill(-highs.infinity),
    rowUpper: new Float64Array(numRows).fill(1),
    matrix: first.matrix,
  });
  try {
    // The time limit is cumulative over the rounds of one model.
    model.options.set({
      output_flag: false,
      presolve: 'off',
      time_limit: settings.timeLimitSeconds,
      ...settings.solverOptions,
    });
    let rounds = 0;
    for (;;) {
      rounds++;
      model.run();
      const status = model.getModelStatus();
      if (status !== highs.constants.modelStatus.optimal) {
        throw new Error(`HiGHS ended with model status ${status} on ${used} of ${n} columns`);
      }
      const dual = model.getSolution().rowDual;
      let count = 0;
      for (let j = 0; j < n; j++) {
        if (inModel[j] === 1) continue;
        const o = offerRow[j]!;
        const reduced = cost[j]! - dual[needRow[j]!]! - (o >= 0 ? offerCoef[j]! * dual[o]! : 0);
        if (reduced > settings.pricingTolerance) {
          entering[count] = j;
          gain[count++] = reduced;
        }
      }
      if (count === 0) break;
      count = keepBest(entering, gain, count, Math.max(settings.enteringColumnsPerRow * numRows, count / 8));
      if (rounds >= settings.maxRounds) throw new Error(`sifting did not converge in ${rounds} rounds`);
      model.addCols(columnData(entering.subarray(0, count)));
      for (let k = 0; k < count; k++) {
        inModel[entering[k]!] = 1;
        working[used++] = entering[k]!;
      }
    }

    const share = model.getSolution().colValue;
    const rowUse = new Float64Array(numRows);
    for (let k = 0; k < used; k++) {
      const j = working[k]!;
      const y = share[k]!;
      if (!Number.isFinite(y)) throw new Error(`HiGHS returned ${y} for a column`);
      x[columns[j]!] = y * capacity[needOf[columns[j]!]!]!;
      rowUse[needRow[j]!]! += y;
      if (offerRow[j]! >= 0) rowUse[offerRow[j]!]! += offerCoef[j]! * y;
    }
    let worst = 0;
    for (const load of rowUse) worst = Math.max(worst, load - 1);
    if (worst > settings.maxViolation)
      throw new Error(`HiGHS solution over-allocates a capacity by ${worst} of it`);
    return { rounds, columnsUsed: used };
  } finally {
    model.dispose();
  }
}

/**
 * Keeps the `limit` entries of `entering` with the largest `gain` (ties: the earlier entry), in
 * their order, in place; returns how many are kept. The threshold comes from a native sort of the
 * gains, so no comparator runs per entry.
 */
function keepBest(entering: Int32Array, gain: Float64Array, count: number, limit: number): number {
  const keep = Math.ceil(limit);
  if (count <= keep) return count;
  const threshold = gain.slice(0, count).sort()[count - keep]!;
  let ties = keep;
  for (let k = 0; k < count; k++) if (gain[k]! > threshold) ties--;
  let kept = 0;
  for (let k = 0; k < count; k++) {
    if (gain[k]! > threshold || (gain[k] === threshold && ties-- > 0)) entering[kept++] = entering[k]!;
  }
  return kept;
}

/**
 * The first working set: every column the greedy allocation uses (so the first solve is already
 * at least as good as greedy) and the best few of each need. Marks in a byte per column; each
 * need's best are kept in its own slice of one typed array (a need has at most its degree).
 */
function initialWorkingSet(
  columns: Int32Array,
  seed: Float64Array,
  cost: Float64Array,
  needRow: Int32Array,
  numRows: number,
  perNeed: number,
): Uint8Array {
  const n = columns.length;
  const inModel = new Uint8Array(n);
  const degree = new Int32Array(numRows);
  for (let j = 0; j < n; j++) degree[needRow[j]!]!++;
  const offset = new Int32Array(numRows + 1);
  for (let r = 0; r < numRows; r++) offset[r + 1] = offset[r]! + Math.min(degree[r]!, perNeed);
  const best = new Int32Array(offset[numRows]!);
  const held = new Int32Array(numRows);
  for (let j = 0; j < n; j++) {
    if (seed[columns[j]!]! > 0) inModel[j] = 1;
    const r = needRow[j]!;
    const base = offset[r]!;
    // Keep the perNeed highest costs; on ties the earlier column (canonical order) stays.
    if (held[r]! < perNeed) best[base + held[r]!++] = j;
    else {
      let worst = base;
      for (let k = base + 1; k < base + perNeed; k++) if (cost[best[k]!]! < cost[best[worst]!]!) worst = k;
      if (cost[j]! > cost[best[worst]!]!) best[worst] = j;
    }
  }
  for (let k = 0; k < best.length; k++) inModel[best[k]!] = 1;
  return inModel;
}
