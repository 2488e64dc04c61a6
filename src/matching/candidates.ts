/**
 * Sub-quadratic candidate generation: bucket by compatible resource, search each bucket with a
 * spatial index for the distance limit, score what is left, and explain only the pairs kept.
 *
 * Every listing is filed under resource keys (resource-fit.ts): an offer under everything it can
 * serve, a need under what it accepts, so every compatible pair shares a key. Within a bucket,
 * members are grouped by the distance limit they can bring to a pair — no own limit (the
 * configured default applies unless the other side has one), or an own limit in a power-of-two
 * class — and each group is a k-d tree searched with the bounding box of the largest limit any
 * pair with that group could have. The pre-filter only ever admits a superset of the pairs
 * evaluatePair accepts.
 *
 * Each admitted pair goes through the numeric phase of pair evaluation alone (scorePair: no
 * strings, no allocation) and into two bounded heaps, its offer's and its need's (best-pairs.ts).
 * The candidates are the pairs either heap keeps (selection.ts); only they are explained
 * (explainPair). The result equals the naive matcher (naive.ts) exactly; property tests hold it
 * to that.
 *
 * References:
 *   J. L. Bentley (1975), "Multidimensional binary search trees used for associative searching",
 *     Communications of the ACM 18(9), 509–517 (k-d trees).
 *   V. Agafonkin, kdbush (a static k-d tree over flat arrays).
 */

import KDBush from 'kdbush';
import { BestPairs } from './best-pairs.ts';
import { boundingBox, defaultLimitKm } from './distance.ts';
import { explainPair, newPairScore, type PairContext, type PairScore, scorePair } from './pair.ts';
import { type PreparedListing, prepareListing } from './prepared-listing.ts';
import { needKeys, offerKeys } from './resource-fit.ts';
import { maxCandidatesPerListing } from './selection.ts';
import type { Candidate, MatchInput, MatchListing } from './types.ts';

export const DEFAULTS = {
  /** Groups this small are scanned linearly; a tree does not pay for itself below it. */
  linearScanMax: 24,
};
export type IndexOptions = Partial<typeof DEFAULTS>;

/** Slack on search radii so that rounding never drops a pair at the limit. */
const RADIUS_SLACK_KM = 1e-6;

interface Group {
  /** Indices into MatchIndex.listings. */
  members: Int32Array;
  tree: KDBush | undefined;
  /** Largest own limit among members; undefined for the group of members without one. */
  ownMax: number | undefined;
  /** Largest configured default among members (meaningful for needs: their carrier decides it). */
  defaultMax: number;
}

export interface MatchIndex {
  readonly ctx: PairContext;
  readonly listings: readonly MatchListing[];
  /** The listings prepared for the numeric phase, in the same order. */
  readonly prepared: readonly PreparedListing[];
  /** Each listing's position in id order: the tie-break of compareCandidates without strings. */
  readonly idRank: Int32Array;
  readonly offersByKey: ReadonlyMap<string, readonly Group[]>;
  readonly needsByKey: ReadonlyMap<string, readonly Group[]>;
}

const groupKey = (own: number | undefined): string =>
  own === undefined ? 'default' : `own:${Math.ceil(Math.log2(own))}`;

interface DraftGroup {
  members: number[];
  ownMax: number | undefined;
  defaultMax: number;
}

export function buildMatchIndex(input: MatchInput, options: IndexOptions = {}): MatchIndex {
  const { linearScanMax } = { ...DEFAULTS, ...options };
  const { listings, ...ctx } = input;
  const draft = {
    offer: new Map<string, Map<string, DraftGroup>>(),
    need: new Map<string, Map<string, DraftGroup>>(),
  };

  listings.forEach((l, i) => {
    const keys = l.direction === 'offer' ? offerKeys(l, ctx.reference) : needKeys(l);
    const byKey = draft[l.direction];
    const gk = groupKey(l.maxDistanceKm);
    const defaultKm = l.direction === 'need' ? defaultLimitKm(ctx.config, l) : 0;
    for (const key of keys) {
      let groups = byKey.get(key);
      if (!groups) {
        groups = new Map();
        byKey.set(key, groups);
      }
      let group = groups.get(gk);
      if (!group) {
        group = { members: [], ownMax: undefined, defaultMax: 0 };
        groups.set(gk, group);
      }
      group.members.push(i);
      group.defaultMax = Math.max(group.defaultMax, defaultKm);
      if (l.maxDistanceKm !== undefined) group.ownMax = Math.max(group.ownMax ?? 0, l.maxDistanceKm);
    }
  });

  const finish = (byKey: Map<string, Map<string, DraftGroup>>): Map<string, Group[]> => {
    const out = new Map<string, Group[]>();
    for (const [key, groups] of byKey) {
      const list: Group[] = [];
      for (const { members, ownMax, defaultMax } of groups.values()) {
        let tree: KDBush | undefined;
        if (members.length > linearScanMax) {
          tree = new KDBush(members.length);
          for (const i of members) tree.add(listings[i]!.lon, listings[i]!.lat);
          tree.finish();
        }
        list.push({ members: Int32Array.from(members), tree, ownMax, defaultMax });
      }
      out.set(key, list);
    }
    return out;
  };

  const byId = Array.from(listings.keys()).sort((a, b) =>
    listings[a]!.id < listings[b]!.id ? -1 : listings[a]!.id > listings[b]!.id ? 1 : 0,
  );
  const idRank = new Int32Array(listings.length);
  byId.forEach((i, rank) => {
    idRank[i] = rank;
  });
  return {
    ctx,
    listings,
    prepared: listings.map(prepareListing),
    idRank,
    offersByKey: finish(draft.offer),
    needsByKey: finish(draft.need),
  };
}

/**
 * Indices of the counterparts the pre-filter admits for `listing`, each once, into `out` (cleared
 * first). `seen` marks an index as found with `stamp`, so no set is built per listing.
 */
function collectCounterparts(
  index: MatchIndex,
  listing: MatchListing,
  seen: Int32Array,
  stamp: number,
  out: number[],
): void {
  const { ctx } = index;
  out.length = 0;
  const isOffer = listing.direction === 'offer';
  const keys = isOffer ? offerKeys(listing, ctx.reference) : needKeys(listing);
  const buckets = isOffer ? index.needsByKey : index.offersByKey;
  const ownDefault = isOffer ? 0 : defaultLimitKm(ctx.config, listing);
  const own = listing.maxDistanceKm;

  for (const key of keys) {
    for (const group of buckets.get(key) ?? []) {
      // The largest limit any pair of `listing` with a member of this group can have.
      const base = group.ownMax ?? (isOffer ? group.defaultMax : ownDefault);
      const limit = own === undefined ? base : group.ownMax === undefined ? own : Math.min(own, group.ownMax);
      const { members, tree } = group;
      if (tree) {
        const box = boundingBox(listing.lat, listing.lon, limit * (1 + 1e-9) + RADIUS_SLACK_KM);
        for (const k of tree.range(box.minLon, box.minLat, box.maxLon, box.maxLat)) {
          const i = members[k]!;
          if (seen[i] !== stamp) {
            seen[i] = stamp;
            out.push(i);
          }
        }
      } else {
        // The distance check of scorePair does the spatial filtering for small groups.
        for (const i of members) {
          if (seen[i] !== stamp) {
            seen[i] = stamp;
            out.push(i);
          }
        }
      }
    }
  }
}

/** scorePair with the arguments in offer, need order. */
function scoreWith(
  side: PreparedListing,
  other: PreparedListing,
  ctx: PairContext,
  s: PairScore,
): boolean {
  return side.listing.direction === 'offer'
    ? scorePair(side, other, ctx, s)
    : scorePair(other, side, ctx, s);
}

/**
 * This listing's K best candidates (config.maxCandidatesPerListing) against an index of the
 * others, for a new or updated listing; a listing of the same id in the index, its previous
 * version, is skipped. Sorted like generateCandidates.
 *
 * Only the listing's own K best: a counterpart for which the listing now ranks among the
 * counterpart's K best is not added here, and the counterparts' stored suggestions are refreshed by
 * the next match run.
 */
export function candidatesForListing(index: MatchIndex, listing: MatchListing): Candidate[] {
  const { ctx, prepared, idRank } = index;
  const side = prepareListing(listing);
  const found: number[] = [];
  collectCounterparts(index, listing, new Int32Array(prepared.length), 1, found);
  const best = new BestPairs(1, Math.min(maxCandidatesPerListing(ctx.config), found.length));
  const s = newPairScore();
  for (const i of found) {
    const other = prepared[i]!;
    if (other.listing.id === listing.id) continue;
    if (scoreWith(side, other, ctx, s)) best.push(0, s.score, i, idRank[i]!);
  }
  return best.sorted(0).map((slot) => {
    const other = prepared[best.other[slot]!]!;
    scoreWith(side, other, ctx, s);
    return listing.direction === 'offer' ? explainPair(side, other, ctx, s) : explainPair(other, side, ctx, s);
  });
}

export function generateCandidatesWithStats(
  input: MatchInput,
  options: IndexOptions = {},
): { candidates: Candidate[]; pairsEvaluated: number } {
  const index = buildMatchIndex(input, options);
  const { ctx, listings, prepared, idRank } = index;
  const n = listings.length;
  const best = new BestPairs(n, Math.min(maxCandidatesPerListing(ctx.config), n));
  const s = newPairScore();
  const seen = new Int32Array(n).fill(-1);
  const found: number[] = [];
  let pairsEvaluated = 0;
  const T0 = performance.now(); let tc = 0;
  for (let o = 0; o < n; o++) {
    const offer = prepared[o]!;
    if (offer.listing.direction !== 'offer') continue;
    const tq = performance.now(); collectCounterparts(index, offer.listing, seen, o, found); tc += performance.now() - tq;
    pairsEvaluated += found.length;
    for (const d of found) {
      if (!scorePair(offer, prepared[d]!, ctx, s)) continue;
      best.push(o, s.score, d, idRank[d]!);
      best.push(d, s.score, o, idRank[o]!);
    }
  }

  const T1 = performance.now(); console.error('score loop', (T1 - T0).toFixed(0), 'collect', tc.toFixed(0));
  // The union of both sides' K best, each pair once: an offer's pairs, then the pairs a need keeps
  // that its offer does not.
  const pairOffer: number[] = [];
  const pairNeed: number[] = [];
  const pairScore: number[] = [];
  for (let i = 0; i < n; i++) {
    const isOffer = listings[i]!.direction === 'offer';
    const base = i * best.capacity;
    for (let slot = base; slot < base + best.size[i]!; slot++) {
      const j = best.other[slot]!;
      if (!isOffer && best.has(j, i)) continue;
      pairOffer.push(isOffer ? i : j);
      pairNeed.push(isOffer ? j : i);
      pairScore.push(best.score[slot]!);
    }
  }
  const order = Array.from(pairOffer.keys()).sort(
    (a, b) =>
      pairScore[b]! - pairScore[a]! ||
      idRank[pairOffer[a]!]! - idRank[pairOffer[b]!]! ||
      idRank[pairNeed[a]!]! - idRank[pairNeed[b]!]!,
  );
  const T2 = performance.now(); console.error('union+sort', (T2 - T1).toFixed(0));
  const candidates = order.map((p) => {
    const offer = prepared[pairOffer[p]!]!;
    const need = prepared[pairNeed[p]!]!;
    scorePair(offer, need, ctx, s);
    return explainPair(offer, need, ctx, s);
  });
  console.error('explain', (performance.now() - T2).toFixed(0));
  return { candidates, pairsEvaluated };
}

/**
 * The candidates of a snapshot: the compatible pairs among the K best of their need or of their
 * offer (selection.ts), score descending, then offer id, then need id.
 */
export function generateCandidates(input: MatchInput, options: IndexOptions = {}): Candidate[] {
  return generateCandidatesWithStats(input, options).candidates;
}
