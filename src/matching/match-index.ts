/**
 * The candidate index: every listing filed under resource keys (resource-fit.ts) — an offer under
 * everything it can serve, a need under what it accepts, so every compatible pair shares a key.
 * Within a key's bucket, members are grouped by the distance limit they can bring to a pair (no
 * own limit, where the configured default applies unless the other side has one, or an own limit
 * in a power-of-two class) and by quantity class, and each group is a k-d tree, searched within
 * the bounding box of the largest limit any pair with the group could have. A bucket knows the
 * bound of the resource term its key gives, a group the range of its members' quantities: the
 * score bounds candidates.ts prunes with.
 *
 * Listings are numbered in spatial order (0.1° latitude bands, then longitude) and every
 * per-listing array follows that numbering, so that listings near each other on the map are near
 * each other in memory too: at 10^5 listings the searches are bound by memory latency, not
 * arithmetic. A group goes further and keeps its own copy of what a search reads of a member before
 * scoring it (its point, quantity and row of the tight bound), in its tree's order: the members of
 * a tree node are then adjacent in memory, where a group's members (one key in five, one quantity
 * class in many) were thinly spread over the index's arrays.
 *
 * References:
 *   J. L. Bentley (1975), "Multidimensional binary search trees used for associative searching",
 *     Communications of the ACM 18(9), 509–517 (k-d trees).
 *   V. Agafonkin, kdbush (a static k-d tree over flat arrays).
 */
import KDBush from 'kdbush';
import { defaultLimitKm, writeUnitVector } from './distance.ts';
import type { PairContext } from './pair.ts';
import { BoundTable } from './pair-bound.ts';
import { type Numbering, newNumbering, type PreparedListing, prepareListing } from './prepared-listing.ts';
import { keyResourceBound, needKeys, offerKeys } from './resource-fit.ts';
import type { MatchInput, MatchListing } from './types.ts';

export const DEFAULTS = {
  /**
   * Groups this small are scanned whole, without a tree. 0: every group gets one. A tree of a few
   * members is one leaf whose members are box-checked before consider reads them; scanning small
   * groups whole visited three times as many members at 10^5 listings (29M against 10M), most of
   * them hundreds of km beyond a heat network's reach.
   */
  linearScanMax: 0,
  /**
   * Members per leaf of a group's k-d tree (kdbush's default is 64). Smaller leaves box-check fewer
   * members outside a search box; at 10^5 listings 16 checked 38M members where 64 checked 87M.
   */
  nodeSize: 16,
  /**
   * Quantity classes are this many times wide: narrower classes bound the quantity term tighter,
   * but each group costs a search its own bound and tree. At 10^5 listings 2 made 98 groups per
   * listing to bound and 8 made 43, and the search took about a quarter less time.
   */
  quantityClassRatio: 8,
  /** Skip pairs whose score bound cannot enter the K best (exact); false scores all admitted pairs. */
  prune: true,
  /** With prune: also skip pairs whose tight bound (pair-bound.ts) cannot enter; false uses the coarse bound alone. */
  tightBound: true,
};
export type IndexOptions = Partial<typeof DEFAULTS>;

/** Slack on search radii so that rounding never drops a pair at the limit. */
export const RADIUS_SLACK_KM = 1e-6;

export interface Group {
  /** Indices into MatchIndex.listings, in the tree's order: member k is at tree.coords[2k, 2k+1]. */
  members: Int32Array;
  /** Member k's point and quantity at 4k, as in MatchIndex.points. */
  points: Float64Array;
  /** Member k's row of the tight bound at row k, as in MatchIndex.bounds. */
  bounds: BoundTable;
  tree: KDBush | undefined;
  /** Largest own limit among members; undefined for the group of members without one. */
  ownMax: number | undefined;
  /** Largest configured default among members (meaningful for needs: their carrier decides it). */
  defaultMax: number;
  /** Smallest and largest positive quantity among members. */
  minQuantity: number;
  maxQuantity: number;
  /** The members' bounding box, [minLon, minLat, maxLon, maxLat]: a search box missing it skips the group. */
  box: Float64Array;
}

export interface Bucket {
  /** Bound of the resource term of pairs whose best route is this bucket's key. */
  resourceBound: number;
  /** By quantity class, smallest first. */
  groups: Group[];
}

export interface MatchIndex {
  readonly ctx: PairContext;
  /** The snapshot's listings, in spatial order. */
  readonly listings: readonly MatchListing[];
  /** The listings prepared for the numeric phase, in the same order. */
  readonly prepared: readonly PreparedListing[];
  /** Each listing's position in id order: the tie-break of compareCandidates without strings. */
  readonly idRank: Int32Array;
  /**
   * Listing i as a point on the unit sphere at 4i, 4i+1, 4i+2 (distance.ts, writeUnitVector) and
   * its canonical quantity at 4i+3: what a search reads of a member before bounding its score
   * tightly, in half a cache line (each group copies its members', Group.points).
   */
  readonly points: Float64Array;
  readonly offersByKey: ReadonlyMap<string, Bucket>;
  readonly needsByKey: ReadonlyMap<string, Bucket>;
  /** Per listing: the buckets of its counterparts under its keys, largest resource bound first. */
  readonly counterpartBuckets: readonly (readonly Bucket[])[];
  readonly prune: boolean;
  readonly tightBound: boolean;
  /** How the listings were prepared; a listing matched against the index is prepared alike. */
  readonly numbering: Numbering;
  /** The numbers of the tight score bound (pair-bound.ts), a row per listing. */
  readonly bounds: BoundTable;
}

interface DraftGroup {
  members: number[];
  ownMax: number | undefined;
  defaultMax: number;
  minQuantity: number;
  maxQuantity: number;
  quantityClass: number;
}

export function buildMatchIndex(input: MatchInput, options: IndexOptions = {}): MatchIndex {
  const { linearScanMax, nodeSize, quantityClassRatio, prune, tightBound } = { ...DEFAULTS, ...options };
  const { listings: given, ...ctx } = input;
  // Spatial order: 0.1° latitude bands, then longitude (a key per listing, so the sort compares
  // numbers); the numbering only decides what is near in memory, never a result.
  const key = new Float64Array(given.length);
  for (let i = 0; i < given.length; i++) {
    const l = given[i]!;
    const k = Math.floor(l.lat * 10) * 1000 + (l.lon + 180);
    key[i] = Number.isFinite(k) ? k : Number.MAX_VALUE;
  }
  const spatial = Int32Array.from(given.keys()).sort((a, b) => key[a]! - key[b]! || a - b);
  const listings = Array.from(spatial, (i) => given[i]!);
  const draft = {
    offer: new Map<string, Map<string, DraftGroup>>(),
    need: new Map<string, Map<string, DraftGroup>>(),
  };
  const logRatio = Math.log(Math.max(1.000001, quantityClassRatio));

  const keysOf: string[][] = [];
  listings.forEach((l, i) => {
    const keys = listingKeys(l, ctx.reference);
    keysOf.push(keys);
    const byKey = draft[l.direction];
    const quantity = l.canonicalQuantity.value;
    const quantityClass = quantity > 0 ? Math.floor(Math.log(quantity) / logRatio) : Number.NEGATIVE_INFINITY;
    const own = l.maxDistanceKm;
    const gk = `${own === undefined ? 'default' : Math.ceil(Math.log2(own))}|${quantityClass}`;
    const defaultKm = l.direction === 'need' ? defaultLimitKm(ctx.config, l) : 0;
    for (const key of keys) {
      let groups = byKey.get(key);
      if (!groups) {
        groups = new Map();
        byKey.set(key, groups);
      }
      let group = groups.get(gk);
      if (!group) {
        group = {
          members: [],
          ownMax: undefined,
          defaultMax: 0,
          minQuantity: Number.POSITIVE_INFINITY,
          maxQuantity: Number.NEGATIVE_INFINITY,
          quantityClass,
        };
        groups.set(gk, group);
      }
      group.members.push(i);
      group.defaultMax = Math.max(group.defaultMax, defaultKm);
      // A member without a positive quantity has a quantity term of 0 and leaves the range alone;
      // one without a number at all makes the range unbounded.
      if (quantity > 0) {
        group.minQuantity = Math.min(group.minQuantity, quantity);
        group.maxQuantity = Math.max(group.maxQuantity, quantity);
      } else if (!(quantity <= 0)) {
        group.minQuantity = 0;
        group.maxQuantity = Number.POSITIVE_INFINITY;
      }
      if (own !== undefined) group.ownMax = Math.max(group.ownMax ?? 0, own);
    }
  });

  const finish = (byKey: Map<string, Map<string, DraftGroup>>): Map<string, Bucket> => {
    const out = new Map<string, Bucket>();
    for (const [key, drafts] of byKey) {
      const groups = [...drafts.values()]
        .sort((a, b) => a.quantityClass - b.quantityClass)
        .map(({ members, ownMax, defaultMax, minQuantity, maxQuantity }): Group => {
          let tree: KDBush | undefined;
          let ordered = Int32Array.from(members);
          if (members.length > linearScanMax) {
            tree = new KDBush(members.length, nodeSize);
            for (const i of members) tree.add(listings[i]!.lon, listings[i]!.lat);
            tree.finish();
            const { ids } = tree;
            ordered = ordered.map((_, k) => members[ids[k]!]!);
          }
          const groupPoints = new Float64Array(4 * ordered.length);
          for (let k = 0; k < ordered.length; k++) {
            for (let c = 0; c < 4; c++) groupPoints[4 * k + c] = points[4 * ordered[k]! + c]!;
          }
          const box = Float64Array.of(Infinity, Infinity, -Infinity, -Infinity);
          for (const i of members) {
            const { lat, lon } = listings[i]!;
            // A member without a number for a coordinate must never be skipped by the box.
            if (!Number.isFinite(lat) || !Number.isFinite(lon))
              box.set([-Infinity, -Infinity, Infinity, Infinity]);
            box[0] = Math.min(box[0]!, lon);
            box[1] = Math.min(box[1]!, lat);
            box[2] = Math.max(box[2]!, lon);
            box[3] = Math.max(box[3]!, lat);
          }
          return {
            members: ordered,
            points: groupPoints,
            bounds: bounds.select(ordered),
            tree,
            ownMax,
            defaultMax,
            minQuantity,
            maxQuantity,
            box,
          };
        });
      out.set(key, { resourceBound: keyResourceBound(key, ctx.reference), groups });
    }
    return out;
  };

  const idRank = rankById(listings);
  const numbering = newNumbering();
  const prepared = listings.map((l) => prepareListing(l, numbering));
  const bounds = new BoundTable(listings.length, ctx.config);
  prepared.forEach((p, i) => {
    bounds.write(i, p, ctx.reference);
  });
  const points = new Float64Array(4 * listings.length);
  listings.forEach((l, i) => {
    writeUnitVector(l.lat, l.lon, points, 4 * i);
    points[4 * i + 3] = l.canonicalQuantity.value;
  });
  const offersByKey = finish(draft.offer);
  const needsByKey = finish(draft.need);
  const counterpartBuckets = listings.map((l, i) =>
    bucketsUnder(keysOf[i]!, l.direction === 'offer' ? needsByKey : offersByKey),
  );
  return {
    ctx,
    listings,
    prepared,
    idRank,
    points,
    offersByKey,
    needsByKey,
    counterpartBuckets,
    prune,
    tightBound,
    numbering,
    bounds,
  };
}

/** The buckets of a listing's counterparts under the listing's keys, largest resource bound first. */
export function bucketsFor(
  l: MatchListing,
  index: Pick<MatchIndex, 'ctx' | 'offersByKey' | 'needsByKey'>,
): Bucket[] {
  const keys = listingKeys(l, index.ctx.reference);
  return bucketsUnder(keys, l.direction === 'offer' ? index.needsByKey : index.offersByKey);
}

const listingKeys = (l: MatchListing, reference: MatchIndex['ctx']['reference']): string[] =>
  l.direction === 'offer' ? offerKeys(l, reference) : needKeys(l);

function bucketsUnder(keys: readonly string[], buckets: ReadonlyMap<string, Bucket>): Bucket[] {
  const out: Bucket[] = [];
  for (const key of keys) {
    const bucket = buckets.get(key);
    if (bucket) out.push(bucket);
  }
  // Stable: equal bounds keep the order of the keys.
  return out.sort((a, b) => b.resourceBound - a.resourceBound);
}

/**
 * Each listing's position in id order (equal ids, which a snapshot should not have, in listing
 * order). The native sort of strings without a comparator orders by UTF-16 code units, as `<`
 * does, several times faster than a comparator over 10^5 ids.
 */
function rankById(listings: readonly MatchListing[]): Int32Array {
  const sorted = listings.map((l) => l.id).sort();
  const first = new Map<string, number>();
  for (let r = sorted.length - 1; r >= 0; r--) first.set(sorted[r]!, r);
  const rank = new Int32Array(listings.length);
  for (let i = 0; i < listings.length; i++) {
    const id = listings[i]!.id;
    const r = first.get(id)!;
    rank[i] = r;
    first.set(id, r + 1);
  }
  return rank;
}
