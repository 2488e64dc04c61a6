/**
 * One allocation LP solved by the primal generalised network simplex: the simplex method with the
 * basis kept as a graph instead of a factorised matrix.
 *
 * Why: every column of the allocation LP has at most two non-zeros (1 in its need's row, a in its
 * offer's row), so the LP is a generalised network (a flow problem with gains). Its bases are
 * pseudo-forests, one tree per component plus one root column: a slack or single-row column at
 * the root, or an extra arc closing one cycle through the root. Solving with such a basis walks a
 * path to the root instead of updating LU factors, and at the optimum the components are small
 * (at 10^5 listings the largest of 64k holds 2.4k rows), so a pivot costs microseconds. HiGHS's
 * dual simplex needs about 90k iterations of about 65 µs each on the 437k-column component of the
 * 100k benchmark region.
 *
 * The model is the one sifting.ts gives HiGHS, in shares of the need (y = x / need) with every
 * row scaled to capacity 1:
 *
 *   maximise Σ score_e · y_e   s.t.  Σ_{e ∋ n} y_e + s_n = 1,  Σ_{e ∋ o} a_e · y_e + s_o = 1,
 *            0 ≤ y_e ≤ upper_e / need_n,  s ≥ 0,        a_e = offerUse_e · need_n / offer_o.
 *
 * - Start: every slack basic (nothing allocated), which is feasible.
 * - Pricing: block search (the next block of columns holding an improving one, its best),
 *   as LEMON's network simplex does, keeping that block's next best few as candidates for the
 *   following pivots (partial pricing); optimal when a whole pass finds none.
 * - A pivot solves for the entering column's direction along the paths from its rows to their
 *   roots, takes the ratio test over those basic columns, then rebuilds the touched components
 *   (their trees, row duals and basic values from scratch): values never drift.
 * - The result is certified before it is returned: every row within capacity and every column's
 *   reduced cost of the right sign. Anything else (a singular basis, too many pivots) throws, and
 *   the caller falls back to HiGHS.
 *
 * References:
 *   R. K. Ahuja, T. L. Magnanti, J. B. Orlin (1993), "Network Flows", Prentice Hall, ch. 15
 *     (generalised flows, good augmented forests).
 *   F. Glover, D. Klingman, N. Phillips (1992), "Network Models in Optimization and their
 *     Applications in Practice", Wiley (generalised network simplex).
 *   Z. Király, P. Kovács (2012), "Efficient implementations of minimum-cost flow algorithms",
 *     Acta Univ. Sapientiae, Informatica 4(1), 67-118 (block search pricing).
 */
import type { AllocationArrays } from './problem.ts';

export interface NetworkSimplexSettings {
  /** Reduced cost above which a column enters (scores lie in [0, 1]). */
  pricingTolerance: number;
  /**
   * Pivots allowed per column of the model (slacks included) before giving up, and the caller
   * falls back; the 100k benchmark region takes about 0.3.
   */
  maxPivotsPerColumn: number;
  /** Violation of a bound or a capacity (in shares of it) above which the solution is rejected. */
  maxViolation: number;
}

const AT_LOWER = 0;
const AT_UPPER = 1;
const BASIC = 2;
/** A direction entry smaller than this does not limit the step (roundoff, not a real change). */
const PIVOT_TOLERANCE = 1e-11;

/** Solves the LP over `columns` (candidate indices) and writes their quantities into `x`. */
export function solveByNetworkSimplex(
  problem: AllocationArrays,
  columns: Int32Array,
  x: Float64Array,
  settings: NetworkSimplexSettings,
): { pivots: number } {
  const { offerOf, needOf, value, use, upper, capacity } = problem;
  const arcs = columns.length;
  // Rows numbered by first appearance, need before offer.
  const rowOf = new Int32Array(capacity.length).fill(-1);
  let rows = 0;
  for (let j = 0; j < arcs; j++) {
    const e = columns[j]!;
    if (rowOf[needOf[e]!] === -1) rowOf[needOf[e]!] = rows++;
    if (use[e]! > 0 && rowOf[offerOf[e]!] === -1) rowOf[offerOf[e]!] = rows++;
  }
  const model = new Model(arcs + rows, rows);
  for (let j = 0; j < arcs; j++) {
    const e = columns[j]!;
    const need = capacity[needOf[e]!]!;
    model.row1[j] = rowOf[needOf[e]!]!;
    if (use[e]! > 0) {
      model.row2[j] = rowOf[offerOf[e]!]!;
      model.coef2[j] = (use[e]! * need) / capacity[offerOf[e]!]!;
    }
    model.cost[j] = value[e]! * need;
    model.upper[j] = Math.min(1, upper[e]! / need);
  }
  for (let r = 0; r < rows; r++) model.addSlack(arcs + r, r);
  const pivots = model.solve(settings);
  for (let j = 0; j < arcs; j++) {
    const e = columns[j]!;
    x[e] = model.value[j]! * capacity[needOf[e]!]!;
  }
  return { pivots };
}

/**
 * The LP in graph form. Column c has coefficient 1 in row row1[c] and, unless row2[c] is -1,
 * coef2[c] in row row2[c]. The basis graph has the rows as nodes and the basic columns as edges
 * (a column with one row is a loop); each of its components holds as many basic columns as rows.
 */
class Model {
  readonly row1: Int32Array;
  readonly row2: Int32Array;
  readonly coef2: Float64Array;
  readonly cost: Float64Array;
  readonly upper: Float64Array;
  readonly status: Uint8Array;
  readonly value: Float64Array;

  // Basis graph: a doubly linked incidence list per row; half-edge 2c is c at row1, 2c + 1 at row2.
  private readonly head: Int32Array;
  private readonly next: Int32Array;
  private readonly prev: Int32Array;
  // The trees: parent row and the basic column to it (-1 at a root), the root's own column.
  private readonly parent: Int32Array;
  private readonly parentColumn: Int32Array;
  private readonly rootColumn: Int32Array;
  /** Rows between a row and its root: subtree tests walk up only as far as the subtree's top. */
  private readonly depth: Int32Array;
  /** Row duals. */
  private readonly pi: Float64Array;
  /** Per row: the load of the columns held at their upper bound. */
  private readonly fixedLoad: Float64Array;

  // Scratch.
  private readonly order: Int32Array;
  private readonly rowMark: Int32Array;
  private readonly columnMark: Int32Array;
  private stamp = 0;
  private readonly alpha: Float64Array;
  private readonly beta: Float64Array;
  private readonly direction: Float64Array;
  private readonly directionMark: Int32Array;
  private readonly touched: Int32Array;
  /** The root of the component each touched column lies in. */
  private readonly touchedRoot: Int32Array;
  /** Which walks touched it: 1 from the entering column's first row, 2 from its second. */
  private readonly touchedWalks: Uint8Array;
  private readonly slotOf: Int32Array;
  private walk = 0;
  private touchedCount = 0;
  /** The roots of the entering column's rows (-1 for a loop's missing row). */
  private rootA = -1;
  private rootB = -1;
  /** What the last walk up a tree brought to its root (pushAlong). */
  private arrived = 0;
  private directionStamp = 0;
  private readonly rootResidual: Float64Array;
  private readonly roots: Int32Array;
  private rootCount = 0;

  constructor(
    readonly columns: number,
    readonly rows: number,
  ) {
    this.row1 = new Int32Array(columns);
    this.row2 = new Int32Array(columns).fill(-1);
    this.coef2 = new Float64Array(columns);
    this.cost = new Float64Array(columns);
    this.upper = new Float64Array(columns);
    this.status = new Uint8Array(columns);
    this.value = new Float64Array(columns);
    this.head = new Int32Array(rows).fill(-1);
    this.next = new Int32Array(2 * columns).fill(-1);
    this.prev = new Int32Array(2 * columns).fill(-1);
    this.parent = new Int32Array(rows).fill(-1);
    this.parentColumn = new Int32Array(rows).fill(-1);
    this.rootColumn = new Int32Array(rows).fill(-1);
    this.depth = new Int32Array(rows);
    this.pi = new Float64Array(rows);
    this.fixedLoad = new Float64Array(rows);
    this.order = new Int32Array(rows);
    this.rowMark = new Int32Array(rows);
    this.columnMark = new Int32Array(columns);
    this.alpha = new Float64Array(rows);
    this.beta = new Float64Array(rows);
    this.direction = new Float64Array(columns);
    this.directionMark = new Int32Array(columns);
    this.touched = new Int32Array(columns);
    this.touchedRoot = new Int32Array(columns);
    this.touchedWalks = new Uint8Array(columns);
    this.slotOf = new Int32Array(columns);
    this.rootResidual = new Float64Array(rows);
    this.roots = new Int32Array(rows);
  }

  /** The slack of row r as column c, basic at 1: the starting basis. */
  addSlack(c: number, r: number): void {
    this.row1[c] = r;
    this.cost[c] = 0;
    this.upper[c] = Number.POSITIVE_INFINITY;
    this.status[c] = BASIC;
    this.value[c] = 1;
    this.link(c);
    this.rootColumn[r] = c;
  }

  /** Coefficient of column c in row r (one of its rows). */
  private coefAt(c: number, r: number): number {
    return this.row1[c] === r ? 1 : this.coef2[c]!;
  }

  solve(settings: NetworkSimplexSettings): number {
    const { columns } = this;
    const tolerance = settings.pricingTolerance;
    const limit = Math.ceil(settings.maxPivotsPerColumn * columns);
    const block = Math.max(64, Math.ceil(Math.sqrt(columns)));
    // The best few improving columns of the last block searched, re-priced before each pivot: a
    // block is searched again only when none of them still improves. On the 100k benchmark region
    // 8 took the pivots from 201k to 236k but the LP from 4.7-6.5 s to 2.4-2.8 s (1 and 16 lose).
    const listSize = 8;
    const list = new Int32Array(listSize);
    const gains = new Float64Array(listSize);
    let listed = 0;
    let position = 0;
    let pivots = 0;
    for (;;) {
      let entering = -1;
      let best = tolerance;
      let kept = 0;
      for (let k = 0; k < listed; k++) {
        const c = list[k]!;
        const violation = this.violation(c);
        if (violation <= tolerance) continue;
        list[kept++] = c;
        if (violation > best) {
          best = violation;
          entering = c;
        }
      }
      listed = kept;
      // Block search: the best improving columns of the first block holding one.
      let scanned = 0;
      while (entering < 0 && scanned < columns) {
        const end = Math.min(position + block, columns);
        listed = 0;
        for (let c = position; c < end; c++) {
          const violation = this.violation(c);
          if (violation <= tolerance) continue;
          if (listed < listSize) {
            list[listed] = c;
            gains[listed++] = violation;
          } else {
            let worst = 0;
            for (let k = 1; k < listSize; k++) if (gains[k]! < gains[worst]!) worst = k;
            if (violation <= gains[worst]!) continue;
            list[worst] = c;
            gains[worst] = violation;
          }
          if (violation > best) {
            best = violation;
            entering = c;
          }
        }
        scanned += end - position;
        position = end === columns ? 0 : end;
      }
      if (entering < 0) break;
      if (++pivots > limit) throw new Error(`network simplex did not converge in ${limit} pivots`);
      this.pivot(entering);
    }
    this.certify(settings);
    return pivots;
  }

  /** How much column c would improve the objective per unit moved off its bound (0 when basic). */
  private violation(c: number): number {
    const s = this.status[c]!;
    if (s === BASIC) return 0;
    const r2 = this.row2[c]!;
    const reduced = this.cost[c]! - this.pi[this.row1[c]!]! - (r2 >= 0 ? this.coef2[c]! * this.pi[r2]! : 0);
    return s === AT_LOWER ? reduced : -reduced;
  }

  /** Brings column q into the basis (or flips it to its other bound). */
  private pivot(q: number): void {
    const { value, upper, status, direction, touched } = this;
    this.solveDirection(q);
    // Increasing q (from its lower bound) moves basic column c by -direction[c] per unit.
    const sign = status[q] === AT_LOWER ? 1 : -1;
    let step = upper[q]!;
    let leaving = q;
    let leavingSlot = -1;
    let leavingSize = Number.POSITIVE_INFINITY;
    for (let k = 0; k < this.touchedCount; k++) {
      const c = touched[k]!;
      const rate = -sign * direction[c]!;
      const size = Math.abs(rate);
      if (size < PIVOT_TOLERANCE) continue;
      const room = rate < 0 ? Math.max(0, value[c]!) : upper[c]! - Math.min(value[c]!, upper[c]!);
      const limit = room / size;
      // Ties go to the larger rate: the better-conditioned basis.
      if (limit < step || (limit === step && size > leavingSize && leaving !== q)) {
        step = limit;
        leaving = c;
        leavingSlot = k;
        leavingSize = size;
      }
    }
    if (!Number.isFinite(step)) throw new Error('network simplex: unbounded direction');
    // The basic values move along the direction (exactly where the basis changes wholesale).
    for (let k = 0; k < this.touchedCount; k++) {
      const c = touched[k]!;
      value[c]! -= sign * step * direction[c]!;
    }
    if (leaving === q) {
      // A bound flip: the basis stays.
      this.setNonbasic(q, status[q] === AT_LOWER ? AT_UPPER : AT_LOWER);
      return;
    }
    const leavingRate = -sign * direction[leaving]!;
    const entered = value[q]! + sign * step;
    if (status[q] === AT_UPPER) this.addFixed(q, -1);
    status[q] = BASIC;
    value[q] = entered;
    this.setNonbasic(leaving, leavingRate < 0 ? AT_LOWER : AT_UPPER);
    this.exchange(q, leaving, this.touchedRoot[leavingSlot]!, this.touchedWalks[leavingSlot]!);
  }

  /**
   * Swaps column l out of the basis graph and q in, and repairs the trees and duals. Taking l out
   * leaves a piece P without a root column: the subtree below l (as in the network simplex for
   * pure networks), or l's whole component when l is its root column or lies on its root cycle.
   * Usually q joins P to a row outside it, and only P is hung again from that row and re-priced;
   * the rest of the forest keeps its trees and duals. When q has both rows in P (or is a loop),
   * it closes P's new cycle and P is rebuilt on its own. The basic values were already moved.
   */
  private exchange(q: number, l: number, lRoot: number, walks: number): void {
    const { row1, row2, parentColumn } = this;
    const below =
      parentColumn[row1[l]!] === l ? row1[l]! : row2[l]! >= 0 && parentColumn[row2[l]!] === l ? row2[l]! : -1;
    // P is the subtree of `top`, or l's whole component when top is -1.
    let top = below;
    if (below >= 0) {
      const cycleEnd = this.otherRow(this.rootColumn[lRoot]!, lRoot);
      if (cycleEnd >= 0 && this.isBelow(cycleEnd, below)) top = -1;
    }
    const a = row1[q]!;
    const b = row2[q]!;
    // A row is below l exactly when its walk to the root passed l.
    const aIn = top >= 0 ? (walks & 1) !== 0 : this.rootA === lRoot;
    const bIn = b >= 0 && (top >= 0 ? (walks & 2) !== 0 : this.rootB === lRoot);
    this.unlink(l);
    this.link(q);
    if (b >= 0 && aIn !== bIn) this.rehang(aIn ? a : b, aIn ? b : a, q);
    else if (aIn || bIn) this.rebuild(aIn ? a : b, ++this.stamp);
    else throw new Error("network simplex: the leaving column is off the entering column's paths");
  }

  /** Whether row `row` lies in the subtree of row `top` (walking up the parents). */
  private isBelow(row: number, top: number): boolean {
    const { parent, depth } = this;
    const level = depth[top]!;
    let r = row;
    while (depth[r]! > level) r = parent[r]!;
    return r === top;
  }

  /**
   * Hangs the subtree holding row `inside` (already cut off from its old parent) from row
   * `outside` through column q, and sets its duals from outside's.
   */
  private rehang(inside: number, outside: number, q: number): void {
    const { order, parent, parentColumn, cost, pi } = this;
    parent[inside] = outside;
    parentColumn[inside] = q;
    this.depth[inside] = this.depth[outside]! + 1;
    pi[inside] = (cost[q]! - this.coefAt(q, outside) * pi[outside]!) / this.coefAt(q, inside);
    const size = this.hangFrom(inside, q);
    for (let k = 1; k < size; k++) {
      const row = order[k]!;
      const c = parentColumn[row]!;
      const up = parent[row]!;
      pi[row] = (cost[c]! - this.coefAt(c, up) * pi[up]!) / this.coefAt(c, row);
    }
  }

  /**
   * Hangs the rows reachable from `top` through basic columns other than `skip` below `top`,
   * breadth first: their parents, parent columns and depths (top's own are the caller's). Returns
   * how many rows it placed in `order`, top first.
   */
  private hangFrom(top: number, skip: number): number {
    const { head, next, row1, row2, columnMark, order, parent, parentColumn, depth, rootColumn } = this;
    const stamp = ++this.stamp;
    columnMark[skip] = stamp;
    let size = 0;
    order[size++] = top;
    for (let k = 0; k < size; k++) {
      const row = order[k]!;
      for (let h = head[row]!; h >= 0; h = next[h]!) {
        const c = h >> 1;
        if (columnMark[c] === stamp) continue;
        columnMark[c] = stamp;
        const other = (h & 1) === 0 ? row2[c]! : row1[c]!;
        parent[other] = row;
        parentColumn[other] = c;
        depth[other] = depth[row]! + 1;
        rootColumn[other] = -1;
        order[size++] = other;
      }
    }
    return size;
  }

  private setNonbasic(c: number, to: number): void {
    if (this.status[c] === AT_UPPER) this.addFixed(c, -1);
    this.status[c] = to;
    this.value[c] = to === AT_LOWER ? 0 : this.upper[c]!;
    if (to === AT_UPPER) this.addFixed(c, 1);
  }

  private addFixed(c: number, sign: number): void {
    const load = sign * this.upper[c]!;
    this.fixedLoad[this.row1[c]!]! += load;
    if (this.row2[c]! >= 0) this.fixedLoad[this.row2[c]!]! += this.coef2[c]! * load;
  }

  /**
   * direction = B⁻¹ A_q over the basic columns it touches (listed in `touched`): the column's
   * coefficients are pushed up the trees from its rows; what reaches a root is taken by the root
   * column, through the cycle when that column is an arc.
   */
  private solveDirection(q: number): void {
    this.directionStamp++;
    this.touchedCount = 0;
    this.rootCount = 0;
    this.walk = 1;
    this.rootA = this.pushToRoot(this.row1[q]!, 1);
    this.labelTouched(0, this.rootA);
    const fromB = this.touchedCount;
    this.walk = 2;
    this.rootB = this.row2[q]! >= 0 ? this.pushToRoot(this.row2[q]!, this.coef2[q]!) : -1;
    this.labelTouched(fromB, this.rootB);
    this.walk = 0;
    for (let k = 0; k < this.rootCount; k++) {
      const root = this.roots[k]!;
      const residual = this.rootResidual[root]!;
      this.rootResidual[root] = 0;
      const from = this.touchedCount;
      this.absorbAtRoot(root, residual);
      this.labelTouched(from, root);
    }
  }

  private labelTouched(from: number, root: number): void {
    for (let k = from; k < this.touchedCount; k++) this.touchedRoot[k] = root;
  }

  /** Pushes `amount` in row r up to its root, recording the direction; returns the root. */
  private pushToRoot(r: number, amount: number): number {
    const row = this.pushAlong(r, amount);
    if (!this.isListedRoot(row)) this.roots[this.rootCount++] = row;
    this.rootResidual[row]! += this.arrived;
    return row;
  }

  /** What `amount` in row r becomes when pushed up to its root (nothing recorded). */
  private gainToRoot(r: number, amount: number): number {
    const { parent, parentColumn } = this;
    let row = r;
    let rho = amount;
    while (parent[row]! >= 0) {
      const c = parentColumn[row]!;
      const up = parent[row]!;
      rho = (-this.coefAt(c, up) * rho) / this.coefAt(c, row);
      row = up;
    }
    return rho;
  }

  private isListedRoot(row: number): boolean {
    for (let k = 0; k < this.rootCount; k++) if (this.roots[k] === row) return true;
    return false;
  }

  private absorbAtRoot(root: number, residual: number): void {
    const c = this.rootColumn[root]!;
    const other = this.otherRow(c, root);
    if (other < 0) {
      this.addDirection(c, residual);
      return;
    }
    // The extra arc c = (root, other) takes t: what t·coef at `other` pushes up must cancel with
    // t·coef at the root and the residual.
    const atOther = this.coefAt(c, other);
    const gain = this.gainToRoot(other, atOther);
    const pivot = gain + this.coefAt(c, root);
    if (Math.abs(pivot) < 1e-12) throw new Error('network simplex: singular basis cycle');
    const t = residual / pivot;
    this.pushAlong(other, -atOther * t);
    this.addDirection(c, t);
  }

  /**
   * Walks `amount` in row r up to its root, recording the direction of each column on the way;
   * returns the root and leaves what reached it in `arrived`.
   */
  private pushAlong(r: number, amount: number): number {
    const { parent, parentColumn } = this;
    let row = r;
    let rho = amount;
    while (parent[row]! >= 0) {
      const c = parentColumn[row]!;
      const w = rho / this.coefAt(c, row);
      this.addDirection(c, w);
      const up = parent[row]!;
      rho = -this.coefAt(c, up) * w;
      row = up;
    }
    this.arrived = rho;
    return row;
  }

  private addDirection(c: number, w: number): void {
    if (this.directionMark[c] !== this.directionStamp) {
      this.directionMark[c] = this.directionStamp;
      this.direction[c] = 0;
      this.slotOf[c] = this.touchedCount;
      this.touchedWalks[this.touchedCount] = this.walk;
      this.touched[this.touchedCount++] = c;
    } else this.touchedWalks[this.slotOf[c]!]! |= this.walk;
    this.direction[c]! += w;
  }

  private link(c: number): void {
    this.linkHalf(2 * c, this.row1[c]!);
    if (this.row2[c]! >= 0) this.linkHalf(2 * c + 1, this.row2[c]!);
  }

  private unlink(c: number): void {
    this.unlinkHalf(2 * c, this.row1[c]!);
    if (this.row2[c]! >= 0) this.unlinkHalf(2 * c + 1, this.row2[c]!);
  }

  private linkHalf(h: number, r: number): void {
    const first = this.head[r]!;
    this.next[h] = first;
    this.prev[h] = -1;
    if (first >= 0) this.prev[first] = h;
    this.head[r] = h;
  }

  private unlinkHalf(h: number, r: number): void {
    const p = this.prev[h]!;
    const n = this.next[h]!;
    if (p >= 0) this.next[p] = n;
    else this.head[r] = n;
    if (n >= 0) this.prev[n] = p;
    this.next[h] = -1;
    this.prev[h] = -1;
  }

  /**
   * Rebuilds the component of row `start` (unless this pivot already did): finds its root column
   * (its loop, or the one arc off a spanning tree), hangs the tree from that root, then sets the
   * row duals and basic values of the component from scratch.
   */
  private rebuild(start: number, stamp: number): void {
    const { head, next, row1, row2, rowMark, columnMark, order } = this;
    if (rowMark[start] === stamp) return;
    // Pass 1: the component's rows, and its root column.
    let size = 0;
    order[size++] = start;
    rowMark[start] = stamp;
    let rootColumn = -1;
    for (let k = 0; k < size; k++) {
      const row = order[k]!;
      for (let h = head[row]!; h >= 0; h = next[h]!) {
        const c = h >> 1;
        if (columnMark[c] === stamp) continue;
        columnMark[c] = stamp;
        const other = row2[c]! < 0 ? -1 : (h & 1) === 0 ? row2[c]! : row1[c]!;
        if (other < 0 || rowMark[other] === stamp) {
          if (rootColumn >= 0) throw new Error('network simplex: basis component with two cycles');
          rootColumn = c;
          continue;
        }
        rowMark[other] = stamp;
        order[size++] = other;
      }
    }
    if (rootColumn < 0) throw new Error('network simplex: basis component without a root');
    // Pass 2: hang the tree from one row of the root column, in breadth-first order.
    const root = row1[rootColumn]!;
    this.parent[root] = -1;
    this.parentColumn[root] = -1;
    this.depth[root] = 0;
    size = this.hangFrom(root, rootColumn);
    this.rootColumn[root] = rootColumn;
    this.setDuals(size, root, rootColumn);
    this.setValues(size, root, rootColumn);
  }

  /** Row duals of the component in `order`: every basic column's reduced cost zero. */
  private setDuals(size: number, root: number, rootColumn: number): void {
    const { order, parent, parentColumn, cost, alpha, beta, pi } = this;
    // pi = alpha + beta · s, s the root's dual, fixed by the root column at the end.
    alpha[root] = 0;
    beta[root] = 1;
    for (let k = 1; k < size; k++) {
      const row = order[k]!;
      const c = parentColumn[row]!;
      const up = parent[row]!;
      const here = this.coefAt(c, row);
      const there = this.coefAt(c, up);
      alpha[row] = (cost[c]! - there * alpha[up]!) / here;
      beta[row] = (-there * beta[up]!) / here;
    }
    const other = this.otherRow(rootColumn, root);
    let s: number;
    if (other < 0) s = cost[rootColumn]! / this.coefAt(rootColumn, root);
    else {
      const atRoot = this.coefAt(rootColumn, root);
      const atOther = this.coefAt(rootColumn, other);
      const pivot = atRoot + atOther * beta[other]!;
      if (Math.abs(pivot) < 1e-12) throw new Error('network simplex: singular basis cycle');
      s = (cost[rootColumn]! - atOther * alpha[other]!) / pivot;
    }
    for (let k = 0; k < size; k++) {
      const row = order[k]!;
      pi[row] = alpha[row]! + beta[row]! * s;
    }
  }

  /** Basic values of the component in `order`: B x_B = 1 − load of the columns at their upper bound. */
  private setValues(size: number, root: number, rootColumn: number): void {
    const { order, parent, parentColumn, value, fixedLoad, alpha, beta } = this;
    // Residual right-hand side per row = alpha + beta · t, t the root column's value.
    for (let k = 0; k < size; k++) {
      const row = order[k]!;
      alpha[row] = 1 - fixedLoad[row]!;
      beta[row] = 0;
    }
    const other = this.otherRow(rootColumn, root);
    beta[root]! -= this.coefAt(rootColumn, root);
    if (other >= 0) beta[other]! -= this.coefAt(rootColumn, other);
    // Leaves first: each row's parent column takes its residual. Values kept as alpha + beta · t
    // in the scratch of the row below the column.
    for (let k = size - 1; k > 0; k--) {
      const row = order[k]!;
      const c = parentColumn[row]!;
      const up = parent[row]!;
      const here = this.coefAt(c, row);
      const there = this.coefAt(c, up);
      alpha[row]! /= here;
      beta[row]! /= here;
      alpha[up]! -= there * alpha[row]!;
      beta[up]! -= there * beta[row]!;
    }
    // The root's residual must vanish: alpha + beta · t = 0.
    if (Math.abs(beta[root]!) < 1e-12) throw new Error('network simplex: singular basis');
    const t = -alpha[root]! / beta[root]!;
    value[rootColumn] = t;
    for (let k = 1; k < size; k++) {
      const row = order[k]!;
      value[parentColumn[row]!] = alpha[row]! + beta[row]! * t;
    }
  }

  private otherRow(c: number, r: number): number {
    const r2 = this.row2[c]!;
    if (r2 < 0) return -1;
    return this.row1[c] === r ? r2 : this.row1[c]!;
  }

  /** Throws unless the basis's values fit every bound and capacity (duals were checked by pricing). */
  private certify(settings: NetworkSimplexSettings): void {
    const { columns, rows, value, upper, row1, row2, coef2 } = this;
    const load = new Float64Array(rows);
    for (let c = 0; c < columns; c++) {
      const v = value[c]!;
      if (!(v >= -settings.maxViolation) || v > upper[c]! + settings.maxViolation)
        throw new Error(`network simplex: column value ${v} outside [0, ${upper[c]}]`);
      load[row1[c]!]! += v;
      if (row2[c]! >= 0) load[row2[c]!]! += coef2[c]! * v;
    }
    for (let r = 0; r < rows; r++) {
      if (Math.abs(load[r]! - 1) > settings.maxViolation)
        throw new Error(`network simplex: row ${r} holds ${load[r]} of 1`);
    }
  }
}
