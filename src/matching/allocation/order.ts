/**
 * Stable orderings of candidate indices without a comparator callback: at 10^6 candidates a
 * JavaScript comparator costs the allocator more than the LP does. Counting sort is linear in the
 * candidates plus the buckets (Cormen, Leiserson, Rivest, Stein, Introduction to Algorithms,
 * 3rd ed., 2009, §8.2); running it least significant key first gives a radix sort (§8.3).
 */

/** `order` (default: 0..n-1) stably reordered by `keys[i]` ascending, keys in [0, buckets). */
export function countingOrder(keys: Int32Array, buckets: number, order?: Int32Array): Int32Array {
  const n = keys.length;
  const start = new Int32Array(buckets + 1);
  for (let i = 0; i < n; i++) start[keys[i]! + 1]!++;
  for (let b = 0; b < buckets; b++) start[b + 1]! += start[b]!;
  const out = new Int32Array(n);
  // Index loops, not `for...of`: the typed-array iterator is several times slower at 10^6 items.
  if (order) {
    for (let k = 0; k < n; k++) {
      const i = order[k]!;
      out[start[keys[i]!]!++] = i;
    }
  } else {
    for (let i = 0; i < n; i++) out[start[keys[i]!]!++] = i;
  }
  return out;
}

/**
 * Indices ordered by `values` descending; equal values keep index order. -0 equals 0, and NaN
 * ties with the smallest value.
 *
 * An LSD radix sort on the IEEE-754 bits (§8.3; P. M. Herf, "Radix tricks", 2001, for making the
 * bits order-preserving as unsigned integers): four stable 16-bit passes over (high, low) words,
 * where ranking each value by binary search among the distinct values cost a cache miss per step.
 */
export function descendingOrder(values: Float64Array): Int32Array {
  const n = values.length;
  let smallest = Number.POSITIVE_INFINITY;
  for (let i = 0; i < n; i++) if (values[i]! < smallest) smallest = values[i]!;
  const word = new Float64Array(1);
  const half = new Uint32Array(word.buffer);
  const little = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;
  const highHalf = little ? 1 : 0;
  const high = new Uint32Array(n);
  const low = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    // NaN takes the smallest value's key; `+ 0` turns -0 into 0.
    word[0] = (Number.isNaN(v) ? smallest : v) + 0;
    let h = half[highHalf]!;
    let l = half[1 - highHalf]!;
    // Order-preserving: negatives have every bit flipped, the rest only the sign bit; then
    // every bit is complemented so that ascending keys are descending values.
    if (h >>> 31) {
      h = ~h >>> 0;
      l = ~l >>> 0;
    } else h = (h | 0x80000000) >>> 0;
    high[i] = ~h >>> 0;
    low[i] = ~l >>> 0;
  }
  let order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let next = new Int32Array(n);
  const count = new Int32Array(0x10001);
  for (const [keys, shift] of [
    [low, 0],
    [low, 16],
    [high, 0],
    [high, 16],
  ] as const) {
    count.fill(0);
    for (let i = 0; i < n; i++) count[((keys[i]! >>> shift) & 0xffff) + 1]!++;
    // A digit every key shares leaves the order as it is.
    if (count[((keys[0]! >>> shift) & 0xffff) + 1] === n) continue;
    for (let b = 0; b < 0x10000; b++) count[b + 1]! += count[b]!;
    for (let k = 0; k < n; k++) {
      const i = order[k]!;
      next[count[(keys[i]! >>> shift) & 0xffff]!++] = i;
    }
    [order, next] = [next, order];
  }
  return order;
}
