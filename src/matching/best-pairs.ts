/**
 * The K best pairs of many listings at once, in flat typed arrays: one bounded binary heap per
 * listing whose root is the worst pair it keeps, so a pair that cannot enter costs a comparison
 * and one that can costs O(log K) (a bounded priority queue, R. Sedgewick, K. Wayne,
 * Algorithms, 4th ed., 2011, §2.4).
 *
 * Within one listing's pairs compareCandidates reduces to score descending, then the other
 * listing's id ascending; the heaps compare the other listing's rank in id order instead of the
 * id itself, which gives the same order without touching a string.
 */
export class BestPairs {
  readonly capacity: number;
  /** Pairs kept per listing. */
  readonly size: Int32Array;
  /** Per slot (listing × capacity + position): score, other listing's index and id rank. */
  readonly score: Float64Array;
  readonly other: Int32Array;
  readonly rank: Int32Array;
  /** Per slot: the pair's deliverable quantity and offer use (PairScore), what allocation needs. */
  readonly maxQuantity: Float64Array;
  readonly offerUse: Float64Array;

  constructor(listings: number, capacity: number) {
    this.capacity = Math.max(0, capacity);
    this.size = new Int32Array(listings);
    this.score = new Float64Array(listings * this.capacity);
    this.other = new Int32Array(listings * this.capacity);
    this.rank = new Int32Array(listings * this.capacity);
    this.maxQuantity = new Float64Array(listings * this.capacity);
    this.offerUse = new Float64Array(listings * this.capacity);
  }

  /** True when slot a holds a worse pair than (score, rank). */
  private worse(a: number, score: number, rank: number): boolean {
    const s = this.score[a]!;
    return s < score || (s === score && this.rank[a]! > rank);
  }

  /**
   * Offers listing `at` the pair with `other` (id rank `rank`); kept when among its K best so far.
   * `maxQuantity` and `offerUse` ride along with the pair.
   */
  push(at: number, score: number, other: number, rank: number, maxQuantity = 0, offerUse = 1): void {
    const k = this.capacity;
    const base = at * k;
    const n = this.size[at]!;
    let slot: number;
    if (n < k) {
      this.size[at] = n + 1;
      slot = this.siftUp(base, n, score, other, rank);
    } else if (k > 0 && this.worse(base, score, rank)) {
      slot = this.siftDown(base, k, score, other, rank);
    } else return;
    this.maxQuantity[slot] = maxQuantity;
    this.offerUse[slot] = offerUse;
  }

  /**
   * The score a new pair must reach to enter listing `at` (at that score its rank decides):
   * `floor` while fewer than K pairs are kept, then the score of the worst pair kept.
   */
  threshold(at: number, floor: number): number {
    if (this.capacity === 0) return Number.POSITIVE_INFINITY;
    return this.size[at]! < this.capacity ? floor : this.score[at * this.capacity]!;
  }

  /** True when listing `at` keeps a pair with `other`. */
  has(at: number, other: number): boolean {
    const base = at * this.capacity;
    const end = base + this.size[at]!;
    for (let i = base; i < end; i++) if (this.other[i] === other) return true;
    return false;
  }

  /** Slots of listing `at`, best pair first. */
  sorted(at: number): number[] {
    const base = at * this.capacity;
    const slots = Array.from({ length: this.size[at]! }, (_, i) => base + i);
    return slots.sort((a, b) => this.score[b]! - this.score[a]! || this.rank[a]! - this.rank[b]!);
  }

  private place(slot: number, score: number, other: number, rank: number): void {
    this.score[slot] = score;
    this.other[slot] = other;
    this.rank[slot] = rank;
  }

  private move(from: number, to: number): void {
    this.place(to, this.score[from]!, this.other[from]!, this.rank[from]!);
    this.maxQuantity[to] = this.maxQuantity[from]!;
    this.offerUse[to] = this.offerUse[from]!;
  }

  /** Places the newcomer; returns its slot. */
  private siftUp(base: number, i: number, score: number, other: number, rank: number): number {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      // The root is the worst pair: stop once the parent is worse than the newcomer.
      if (this.worse(base + parent, score, rank)) break;
      this.move(base + parent, base + i);
      i = parent;
    }
    this.place(base + i, score, other, rank);
    return base + i;
  }

  /** Replaces the root (the worst pair) by the newcomer and restores the heap; returns its slot. */
  private siftDown(base: number, n: number, score: number, other: number, rank: number): number {
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      const right = child + 1;
      if (right < n && this.worseSlot(base + right, base + child)) child = right;
      if (!this.worse(base + child, score, rank)) break;
      this.move(base + child, base + i);
      i = child;
    }
    this.place(base + i, score, other, rank);
    return base + i;
  }

  private worseSlot(a: number, b: number): boolean {
    return this.worse(a, this.score[b]!, this.rank[b]!);
  }
}
