/**
 * Stable orderings of candidate indices without a comparator callback: at 10^6 candidates a
 * JavaScript comparator costs the allocator more than the LP does. Counting sort is linear in the
 * candidates plus the buckets (Cormen, Leiserson, Rivest, Stein, Introduction to Algorithms,
 * 3rd ed., 2009, §8.2); running it least significant key first gives a radix sort (§8.3).
 */

/** `order` (default: 0..n-1) stably reordered by `keys[i]` ascending, keys in [0, buckets). */
export function countingOrder(keys: Int32Array, buckets: number, order?: Int32Array): Int32Array {
  const n = keys.length;
  const from = order ?? Int32Array.from({ length: n }, (_, i) => i);
  const start = new Int32Array(buckets + 1);
  for (let i = 0; i < n; i++) start[keys[i]! + 1]!++;
  for (let b = 0; b < buckets; b++) start[b + 1]! += start[b]!;
  const out = new Int32Array(n);
  for (const i of from) out[start[keys[i]!]!++] = i;
  return out;
}

/** Indices ordered by `values` descending; equal values keep index order. */
export function descendingOrder(values: Float64Array): Int32Array {
  // Native typed-array sort finds the distinct values; a binary search ranks each; counting sorts.
  const distinct = Float64Array.from(values).sort();
  let m = 0;
  for (let i = 0; i < distinct.length; i++)
    if (i === 0 || distinct[i] !== distinct[m - 1]) distinct[m++] = distinct[i]!;
  const rank = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    let lo = 0;
    let hi = m - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (distinct[mid]! < values[i]!) lo = mid + 1;
      else hi = mid;
    }
    rank[i] = m - 1 - lo;
  }
  return countingOrder(rank, Math.max(m, 1));
}
