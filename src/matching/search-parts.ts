/**
 * The numeric search split between threads by listing.
 *
 * Why it can be split without changing a single candidate: the pruning of the search is exact, so
 * once a listing has been searched its heap (BestPairs) holds exactly its K best pairs, whatever
 * other listings pushed into it before. A thread that searches only its own listings therefore
 * ends with the exact K best of each of them; the heaps of the other listings hold only what its
 * searches happened to push there. Taking every listing's heap from the thread that owns it gives
 * the heaps a single thread would have ended with, and the union of kept pairs is built from them
 * as before. Pruning is a little weaker (a listing's threshold no longer rises from the other
 * thread's finds), so more pairs are scored in all.
 *
 * Ownership goes by runs of the index's spatial numbering, alternating between the parts: each
 * part gets listings from every region (the work per listing varies a lot by region) while
 * neighbours mostly stay together (their pushes still raise each other's thresholds).
 */
import type { BestPairs } from './best-pairs.ts';
import type { MatchInput, MatchListing } from './types.ts';

export interface SearchPart {
  /** Which part this is, 0 ≤ part < parts. */
  part: number;
  parts: number;
  /**
   * Share of the listings part 0 searches (default 1 / parts); the other parts share the rest
   * equally. Every part must be given the same.
   */
  firstShare?: number;
}

/** Cycles of runs: enough to balance regions, few enough to keep neighbours together. */
const CYCLES = 8;

/**
 * The part that searches listing i of n. The numbering is cut into CYCLES cycles, and each cycle
 * into one run per part, part 0's run `firstShare` of the cycle long.
 */
export function ownerOf(i: number, n: number, split: Pick<SearchPart, 'parts' | 'firstShare'>): number {
  const { parts } = split;
  if (parts <= 1) return 0;
  const cycle = Math.max(1, Math.ceil(n / CYCLES));
  const first = split.firstShare ?? 1 / parts;
  const at = (i % cycle) / cycle;
  if (at < first) return 0;
  return Math.min(parts - 1, 1 + Math.floor(((at - first) / (1 - first)) * (parts - 1)));
}

/** BestPairs as plain typed arrays: what a thread sends back (their buffers are transferred). */
export interface BestRows {
  capacity: number;
  size: Int32Array;
  score: Float64Array;
  other: Int32Array;
  rank: Int32Array;
  maxQuantity: Float64Array;
  offerUse: Float64Array;
  /** Pairs that thread scored. */
  pairsScored: number;
}

export function bestRows(best: BestPairs, pairsScored: number): BestRows {
  const { capacity, size, score, other, rank, maxQuantity, offerUse } = best;
  return { capacity, size, score, other, rank, maxQuantity, offerUse, pairsScored };
}

/** The buffers of `rows`, to transfer rather than copy. */
export function rowBuffers(rows: BestRows): ArrayBuffer[] {
  return [rows.size, rows.score, rows.other, rows.rank, rows.maxQuantity, rows.offerUse].map(
    (a) => a.buffer as ArrayBuffer,
  );
}

/** Copies into `best` the heap of every listing `part` owns, as that part's search left it. */
export function adoptRows(best: BestPairs, rows: BestRows, part: SearchPart): void {
  const k = best.capacity;
  if (rows.capacity !== k || rows.size.length !== best.size.length) {
    throw new Error(`search part ${part.part}: its heaps do not match this index`);
  }
  const n = best.size.length;
  for (let i = 0; i < n; i++) {
    if (ownerOf(i, n, part) !== part.part) continue;
    best.size[i] = rows.size[i]!;
    const from = i * k;
    const to = from + k;
    best.score.set(rows.score.subarray(from, to), from);
    best.other.set(rows.other.subarray(from, to), from);
    best.rank.set(rows.rank.subarray(from, to), from);
    best.maxQuantity.set(rows.maxQuantity.subarray(from, to), from);
    best.offerUse.set(rows.offerUse.subarray(from, to), from);
  }
}

/**
 * Listing fields the search never reads: those for people only (a third of a listing), and the
 * site, the stated quantity (the search reads the canonical one), continuity, confidentiality and
 * the current cost (read by the economics of explained candidates).
 */
const PRESENTATION = new Set([
  'title',
  'description',
  'createdAt',
  'updatedAt',
  'siteId',
  'quantity',
  'continuity',
  'confidentiality',
  'currentCost',
]);

/**
 * The snapshot as another thread needs it to search: the listings without their presentation
 * fields. Copying to a thread serialises every object (about 0.5 s for 10^5 listings on this
 * thread, twice that to rebuild them there), so what is not sent costs nothing.
 */
export function searchCopyOf(input: MatchInput): MatchInput {
  const listings = input.listings.map((listing) => {
    const copy: Record<string, unknown> = {};
    for (const key in listing) {
      if (!PRESENTATION.has(key)) copy[key] = listing[key as keyof MatchListing];
    }
    return copy as MatchListing;
  });
  // Economics are estimated when candidates are explained, never in a search: the land raster
  // (5.5 MB) and the cost set stay behind.
  const { land: _land, costSet: _costSet, ...searched } = input;
  return { ...searched, listings };
}
