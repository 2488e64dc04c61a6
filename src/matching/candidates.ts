/**
 * Sub-quadratic candidate generation: bucket by compatible resource, search each bucket with a
 * spatial index for the distance limit, and call evaluatePair only on what is left.
 *
 * Every listing is filed under resource keys (resource-fit.ts): an offer under everything it can
 * serve, a need under what it accepts, so every compatible pair shares a key. Within a bucket,
 * members are grouped by the distance limit they can bring to a pair — no own limit (the
 * configured default applies unless the other side has one), or an own limit in a power-of-two
 * class — and each group is a k-d tree searched with the largest limit any pair with that group
 * could have. The pre-filter only ever admits a superset of the pairs evaluatePair accepts, so
 * the result equals the naive all-pairs matcher (naive.ts) exactly; a property test holds it to
 * that.
 *
 * References:
 *   J. L. Bentley (1975), "Multidimensional binary search trees used for associative searching",
 *     Communications of the ACM 18(9), 509–517 (k-d trees).
 *   V. Agafonkin, kdbush and geokdbush (great-circle nearest-neighbour search on a k-d tree).
 */

import { around } from 'geokdbush';
import KDBush from 'kdbush';
import { defaultLimitKm, haversineKm } from './distance.ts';
import { compareCandidates, evaluatePair, type PairContext } from './pair.ts';
import { needKeys, offerKeys } from './resource-fit.ts';
import type { Candidate, MatchInput, MatchListing } from './types.ts';

export const DEFAULTS = {
  /** Groups this small are scanned linearly; a tree does not pay for itself below it. */
  linearScanMax: 24,
};
export type IndexOptions = Partial<typeof DEFAULTS>;

/** Slack on search radii so rounding between the two haversine implementations never drops a pair. */
const RADIUS_SLACK_KM = 1e-6;

interface Group {
  members: number[];
  tree?: KDBush;
  /** Largest own limit among members; undefined for the group of members without one. */
  ownMax?: number;
  /** Largest configured default among members (meaningful for needs: their carrier decides it). */
  defaultMax: number;
}

export interface MatchIndex {
  readonly ctx: PairContext;
  readonly listings: readonly MatchListing[];
  readonly offersByKey: ReadonlyMap<string, readonly Group[]>;
  readonly needsByKey: ReadonlyMap<string, readonly Group[]>;
}

const groupKey = (own: number | undefined): string =>
  own === undefined ? 'default' : `own:${Math.ceil(Math.log2(own))}`;

export function buildMatchIndex(input: MatchInput, options: IndexOptions = {}): MatchIndex {
  const { linearScanMax } = { ...DEFAULTS, ...options };
  const { listings, ...ctx } = input;
  const draft = { offer: new Map<string, Map<string, Group>>(), need: new Map<string, Map<string, Group>>() };

  listings.forEach((l, i) => {
    const keys = l.direction === 'offer' ? offerKeys(l, ctx.reference) : needKeys(l);
    const byKey = draft[l.direction];
    const gk = groupKey(l.maxDistanceKm);
    const defaultKm = l.direction === 'need' ? defaultLimitKm(ctx.config, l) : 0;
    for (const key of keys) {
      const groups = byKey.get(key) ?? new Map<string, Group>();
      byKey.set(key, groups);
      const group = groups.get(gk) ?? { members: [], defaultMax: 0 };
      groups.set(gk, group);
      group.members.push(i);
      group.defaultMax = Math.max(group.defaultMax, defaultKm);
      if (l.maxDistanceKm !== undefined) group.ownMax = Math.max(group.ownMax ?? 0, l.maxDistanceKm);
    }
  });

  const finish = (byKey: Map<string, Map<string, Group>>): Map<string, Group[]> => {
    const out = new Map<string, Group[]>();
    for (const [key, groups] of byKey) {
      const list = [...groups.values()];
      for (const group of list) {
        if (group.members.length <= linearScanMax) continue;
        const tree = new KDBush(group.members.length);
        for (const i of group.members) tree.add(listings[i]!.lon, listings[i]!.lat);
        group.tree = tree.finish();
      }
      out.set(key, list);
    }
    return out;
  };
  return { ctx, listings, offersByKey: finish(draft.offer), needsByKey: finish(draft.need) };
}

/** Indices of the counterparts the pre-filter admits for `listing`. */
function counterparts(index: MatchIndex, listing: MatchListing): Set<number> {
  const { ctx, listings } = index;
  const isOffer = listing.direction === 'offer';
  const keys = isOffer ? offerKeys(listing, ctx.reference) : needKeys(listing);
  const buckets = isOffer ? index.needsByKey : index.offersByKey;
  const ownDefault = isOffer ? 0 : defaultLimitKm(ctx.config, listing);
  const own = listing.maxDistanceKm;
  const found = new Set<number>();

  for (const key of keys) {
    for (const group of buckets.get(key) ?? []) {
      // The largest limit any pair of `listing` with a member of this group can have.
      const base = group.ownMax ?? (isOffer ? group.defaultMax : ownDefault);
      const limit = own === undefined ? base : group.ownMax === undefined ? own : Math.min(own, group.ownMax);
      const radius = limit * (1 + 1e-9) + RADIUS_SLACK_KM;
      if (group.tree) {
        for (const k of around(group.tree, listing.lon, listing.lat, Infinity, radius))
          found.add(group.members[k]!);
      } else {
        for (const i of group.members) {
          const other = listings[i]!;
          if (haversineKm(listing.lat, listing.lon, other.lat, other.lon) <= radius) found.add(i);
        }
      }
    }
  }
  return found;
}

function evaluateAgainst(
  index: MatchIndex,
  listing: MatchListing,
): { candidates: Candidate[]; pairsEvaluated: number } {
  const candidates: Candidate[] = [];
  let pairsEvaluated = 0;
  for (const i of counterparts(index, listing)) {
    const other = index.listings[i]!;
    if (other.id === listing.id) continue;
    pairsEvaluated++;
    const c =
      listing.direction === 'offer'
        ? evaluatePair(listing, other, index.ctx)
        : evaluatePair(other, listing, index.ctx);
    if (c) candidates.push(c);
  }
  return { candidates, pairsEvaluated };
}

/**
 * Candidates of one new or updated listing against an index of the others (a listing of the same
 * id in the index, its previous version, is skipped). Sorted like generateCandidates.
 */
export function candidatesForListing(index: MatchIndex, listing: MatchListing): Candidate[] {
  return evaluateAgainst(index, listing).candidates.sort(compareCandidates);
}

export function generateCandidatesWithStats(
  input: MatchInput,
  options: IndexOptions = {},
): { candidates: Candidate[]; pairsEvaluated: number } {
  const index = buildMatchIndex(input, options);
  const candidates: Candidate[] = [];
  let pairsEvaluated = 0;
  for (const listing of input.listings) {
    if (listing.direction !== 'offer') continue;
    const found = evaluateAgainst(index, listing);
    pairsEvaluated += found.pairsEvaluated;
    for (const c of found.candidates) candidates.push(c);
  }
  return { candidates: candidates.sort(compareCandidates), pairsEvaluated };
}

/** All candidates of a snapshot: score descending, then offer id, then need id. */
export function generateCandidates(input: MatchInput, options: IndexOptions = {}): Candidate[] {
  return generateCandidatesWithStats(input, options).candidates;
}
