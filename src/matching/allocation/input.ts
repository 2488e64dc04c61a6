/**
 * What the allocators accept besides the candidates, and the one canonical candidate order that
 * makes their results independent of how the caller ordered its input.
 */
import { AppError } from '../../errors.ts';
import type { Candidate, MatchListing } from '../types.ts';
import { countingOrder } from './order.ts';

export type ListingsInput = ReadonlyMap<string, MatchListing> | readonly MatchListing[];

export function listingLookup(listings: ListingsInput): (id: string) => MatchListing {
  const map: ReadonlyMap<string, MatchListing> =
    listings instanceof Map ? listings : new Map((listings as readonly MatchListing[]).map((l) => [l.id, l]));
  return (id) => {
    const listing = map.get(id);
    if (!listing)
      throw new AppError('INTERNAL', `allocation: candidate names listing '${id}', which was not given`);
    return listing;
  };
}

export const pairKey = (offerId: string, needId: string): string => `${offerId}\u0000${needId}`;

/** Which of two candidates for the same pair the allocators keep: negative when `a` wins. */
export const preferCandidate = (a: Candidate, b: Candidate): number =>
  b.score - a.score || a.offerUse - b.offerUse || b.maxQuantity - a.maxQuantity;

/** Candidates in canonical order with, for each, its offer's and need's index into `ids`. */
export interface CanonicalCandidates {
  candidates: Candidate[];
  /** Every listing id named, in no particular order. */
  ids: string[];
  offerOf: Int32Array;
  needOf: Int32Array;
  /** The kept candidates' score, offerUse and maxQuantity, read while the objects are in cache. */
  score: Float64Array;
  offerUse: Float64Array;
  maxQuantity: Float64Array;
}

/**
 * Candidates sorted by (offerId, needId) with one per pair, chosen by `preferCandidate` (the
 * first in input order when two are equally good). Ids are ranked once and the candidates radix
 * sorted on the ranks: comparing strings 10^6·log 10^6 times would dominate the allocation.
 * Plain index loops over typed arrays throughout: at 10^6 candidates a callback per element
 * (`Int32Array.from(xs, f)`, `map`) costs more than the sort itself.
 */
export function canonicalCandidates(input: readonly Candidate[]): CanonicalCandidates {
  const n = input.length;
  const index = new Map<string, number>();
  const ids: string[] = [];
  const offerAt = new Int32Array(n);
  const needAt = new Int32Array(n);
  const scoreAt = new Float64Array(n);
  const offerUseAt = new Float64Array(n);
  const maxQuantityAt = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = input[i]!;
    scoreAt[i] = c.score;
    offerUseAt[i] = c.offerUse;
    maxQuantityAt[i] = c.maxQuantity;
    let o = index.get(c.offerId);
    if (o === undefined) {
      o = ids.length;
      index.set(c.offerId, o);
      ids.push(c.offerId);
    }
    let d = index.get(c.needId);
    if (d === undefined) {
      d = ids.length;
      index.set(c.needId, d);
      ids.push(c.needId);
    }
    offerAt[i] = o;
    needAt[i] = d;
  }
  // Without a comparator, sort orders strings by UTF-16 code units, as `<` does, and natively.
  const sorted = ids.slice().sort();
  const rank = new Int32Array(ids.length);
  for (let r = 0; r < sorted.length; r++) rank[index.get(sorted[r]!)!] = r;
  // Radix sort: by need, then stably by offer, gives (offerId, needId) order.
  const needRank = new Int32Array(n);
  const offerRank = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    needRank[i] = rank[needAt[i]!]!;
    offerRank[i] = rank[offerAt[i]!]!;
  }
  const order = countingOrder(offerRank, ids.length, countingOrder(needRank, ids.length));
  const kept = new Int32Array(n);
  let m = 0;
  for (let k = 0; k < n; k++) {
    const e = order[k]!;
    const last = m > 0 ? kept[m - 1]! : -1;
    if (last < 0 || offerAt[last] !== offerAt[e] || needAt[last] !== needAt[e]) kept[m++] = e;
    else if (preferCandidate(input[e]!, input[last]!) < 0) kept[m - 1] = e;
  }
  const candidates: Candidate[] = new Array(m);
  const offerOf = new Int32Array(m);
  const needOf = new Int32Array(m);
  const score = new Float64Array(m);
  const offerUse = new Float64Array(m);
  const maxQuantity = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    const e = kept[k]!;
    candidates[k] = input[e]!;
    offerOf[k] = offerAt[e]!;
    needOf[k] = needAt[e]!;
    score[k] = scoreAt[e]!;
    offerUse[k] = offerUseAt[e]!;
    maxQuantity[k] = maxQuantityAt[e]!;
  }
  return { candidates, ids, offerOf, needOf, score, offerUse, maxQuantity };
}

export function uniqueCandidates(candidates: readonly Candidate[]): Candidate[] {
  return canonicalCandidates(candidates).candidates;
}
