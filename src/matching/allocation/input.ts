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

const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

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
}

/**
 * Candidates sorted by (offerId, needId) with one per pair, chosen by `preferCandidate` (the
 * first in input order when two are equally good). Ids are ranked once and the candidates radix
 * sorted on the ranks: comparing strings 10^6·log 10^6 times would dominate the allocation.
 */
export function canonicalCandidates(input: readonly Candidate[]): CanonicalCandidates {
  const n = input.length;
  const index = new Map<string, number>();
  const ids: string[] = [];
  const intern = (id: string): number => {
    let i = index.get(id);
    if (i === undefined) {
      i = ids.length;
      index.set(id, i);
      ids.push(id);
    }
    return i;
  };
  const offerAt = new Int32Array(n);
  const needAt = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    offerAt[i] = intern(input[i]!.offerId);
    needAt[i] = intern(input[i]!.needId);
  }
  const rank = new Int32Array(ids.length);
  Array.from(ids.keys())
    .sort((a, b) => compareIds(ids[a]!, ids[b]!))
    .forEach((id, r) => {
      rank[id] = r;
    });
  // Radix sort: by need, then stably by offer, gives (offerId, needId) order.
  const byNeed = countingOrder(
    Int32Array.from(needAt, (id) => rank[id]!),
    ids.length,
  );
  const order = countingOrder(
    Int32Array.from(offerAt, (id) => rank[id]!),
    ids.length,
    byNeed,
  );
  const kept: number[] = [];
  for (const e of order) {
    const last = kept[kept.length - 1];
    if (last === undefined || offerAt[last] !== offerAt[e] || needAt[last] !== needAt[e]) kept.push(e);
    else if (preferCandidate(input[e]!, input[last]!) < 0) kept[kept.length - 1] = e;
  }
  return {
    candidates: kept.map((e) => input[e]!),
    ids,
    offerOf: Int32Array.from(kept, (e) => offerAt[e]!),
    needOf: Int32Array.from(kept, (e) => needAt[e]!),
  };
}

export function uniqueCandidates(candidates: readonly Candidate[]): Candidate[] {
  return canonicalCandidates(candidates).candidates;
}
