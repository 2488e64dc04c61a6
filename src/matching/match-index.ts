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
import { boxCos, defaultLimitKm, writeUnitVector } from './distance.ts';
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
  /**
   * What a search reads of each group before it decides to search it, group g's at
   * g × GROUP_STRIDE (the GROUP_* fields): one flat array a bucket's groups are bounded from in
   * order, rather than a group object, its box and its numbers apiece.
   */
  groupData: Float64Array;
}

/** Fields of Bucket.groupData: the group's box (Group.box) and boxCos of it. */
export const GROUP_MIN_LON = 0;
export const GROUP_MIN_LAT = 1;
export const GROUP_MAX_LON = 2;
export const GROUP_MAX_LAT = 3;
export const GROUP_BOX_COS = 4;
/** 1 when Group.ownMax is defined (then at GROUP_OWN_MAX), else 0. */
export const GROUP_HAS_OWN = 5;
export const GROUP_OWN_MAX = 6;
export const GROUP_DEFAULT_MAX = 7;
export const GROUP_MIN_QUANTITY = 8;
export const GROUP_MAX_QUANTITY = 9;
export const GROUP_STRIDE = 10;

function groupDataOf(groups: readonly Group[]): Float64Array {
  const data = new Float64Array(groups.length * GROUP_STRIDE);
  groups.forEach((group, g) => {
    const at = g * GROUP_STRIDE;
    const { box } = group;
    data[at + GROUP_MIN_LON] = box[0]!;
    data[at + GROUP_MIN_LAT] = box[1]!;
    data[at + GROUP_MAX_LON] = box[2]!;
    data[at + GROUP_MAX_LAT] = box[3]!;
    data[at + GROUP_BOX_COS] = boxCos(box[1]!, box[3]!);
    data[at + GROUP_HAS_OWN] = group.ownMax === undefined ? 0 : 1;
    data[at + GROUP_OWN_MAX] = group.ownMax ?? 0;
    data[at + GROUP_DEFAULT_MAX] = group.defaultMax;
    data[at + GROUP_MIN_QUANTITY] = group.minQuantity;
    data[at + GROUP_MAX_QUANTITY] = group.maxQuantity;
  });
  return data;
}

export interface MatchIndex {
  readonly ctx: PairContext;
  /** The snapshot's listings, in spatial order. */
  readonly listings: readonly MatchListing[];
  /** The listings prepared for the numeric phase, in the same order. */
  readonly prepared: readonly PreparedListing[];
  /** Per listing, 1 for an offer and 0 for a need: what passes over all listings ask of each. */
  readonly isOffer: Uint8Array;
  /** Each listing's id, in the same order. */
  readonly ids: readonly string[];
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
  const n = listings.length;
  const draft = {
    offer: new Map<string, Map<string, DraftGroup>>(),
    need: new Map<string, Map<string, DraftGroup>>(),
  };
  const logRatio = Math.log(Math.max(1.000001, quantityClassRatio));

  // One pass over the stored listings (each a cache miss of its own at 10^5): their coordinates
  // and points into flat arrays, which the groups' trees and boxes then read in order, and their
  // keys and groups.
  const lonLat = new Float64Array(2 * n);
  const isOffer = new Uint8Array(n);
  const ids = new Array<string>(n);
  const points = new Float64Array(4 * n);
  const keysOf: (readonly string[])[] = new Array(n);
  const keyMemo = new Map<string, readonly string[]>();
  for (let i = 0; i < n; i++) {
    const l = listings[i]!;
    const quantity = l.canonicalQuantity.value;
    lonLat[2 * i] = l.lon;
    lonLat[2 * i + 1] = l.lat;
    writeUnitVector(l.lat, l.lon, points, 4 * i);
    points[4 * i + 3] = quantity;
    isOffer[i] = l.direction === 'offer' ? 1 : 0;
    ids[i] = l.id;
    const keys = memoisedKeys(l, ctx.reference, keyMemo);
    keysOf[i] = keys;
    const byKey = draft[l.direction];
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
  }

  const idRank = rankById(ids);
  const numbering = newNumbering();
  const prepared = new Array<PreparedListing>(n);
  const bounds = new BoundTable(n, ctx.config);
  for (let i = 0; i < n; i++) {
    const p = prepareListing(listings[i]!, numbering);
    prepared[i] = p;
    bounds.write(i, p, ctx.reference);
  }

  const finishGroup = ({ members, ownMax, defaultMax, minQuantity, maxQuantity }: DraftGroup): Group => {
    const size = members.length;
    let tree: KDBush | undefined;
    const ordered = new Int32Array(size);
    if (size > linearScanMax) {
      tree = new KDBush(size, nodeSize);
      for (let k = 0; k < size; k++) {
        const i = members[k]!;
        tree.add(lonLat[2 * i]!, lonLat[2 * i + 1]!);
      }
      tree.finish();
      const { ids } = tree;
      for (let k = 0; k < size; k++) ordered[k] = members[ids[k]!]!;
    } else {
      for (let k = 0; k < size; k++) ordered[k] = members[k]!;
    }
    const groupPoints = new Float64Array(4 * size);
    for (let k = 0; k < size; k++) {
      const at = 4 * ordered[k]!;
      groupPoints[4 * k] = points[at]!;
      groupPoints[4 * k + 1] = points[at + 1]!;
      groupPoints[4 * k + 2] = points[at + 2]!;
      groupPoints[4 * k + 3] = points[at + 3]!;
    }
    const box = Float64Array.of(Infinity, Infinity, -Infinity, -Infinity);
    for (let k = 0; k < size; k++) {
      const i = members[k]!;
      const lon = lonLat[2 * i]!;
      const lat = lonLat[2 * i + 1]!;
      // A member without a number for a coordinate must never be skipped by the box.
      if (!Number.isFinite(lat) || !Number.isFinite(lon)) box.set([-Infinity, -Infinity, Infinity, Infinity]);
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
  };
  const finish = (byKey: Map<string, Map<string, DraftGroup>>): Map<string, Bucket> => {
    const out = new Map<string, Bucket>();
    for (const [key, drafts] of byKey) {
      const groups = [...drafts.values()].sort((a, b) => a.quantityClass - b.quantityClass).map(finishGroup);
      out.set(key, {
        resourceBound: keyResourceBound(key, ctx.reference),
        groups,
        groupData: groupDataOf(groups),
      });
    }
    return out;
  };
  const offersByKey = finish(draft.offer);
  const needsByKey = finish(draft.need);
  // Listings with the same keys (memoisedKeys gives them one array) share their bucket list.
  const bucketMemo = new Map<readonly string[], Bucket[]>();
  const counterpartBuckets = new Array<Bucket[]>(n);
  for (let i = 0; i < n; i++) {
    const keys = keysOf[i]!;
    const byKey = isOffer[i] === 1 ? needsByKey : offersByKey;
    let buckets = bucketMemo.get(keys);
    if (buckets === undefined) {
      buckets = bucketsUnder(keys, byKey);
      bucketMemo.set(keys, buckets);
    }
    counterpartBuckets[i] = buckets;
  }
  return {
    ctx,
    listings,
    prepared,
    isOffer,
    ids,
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

/**
 * listingKeys, one array per signature (keySignature) within `memo`: listings that state the same
 * codes and category, carrier or class share their keys and are keyed once.
 */
function memoisedKeys(
  l: MatchListing,
  reference: MatchIndex['ctx']['reference'],
  memo: Map<string, readonly string[]>,
): readonly string[] {
  const signature = keySignature(l);
  let keys = memo.get(signature);
  if (keys === undefined) {
    keys = listingKeys(l, reference);
    memo.set(signature, keys);
  }
  return keys;
}

/**
 * Everything of a listing that its keys (offerKeys, needKeys and the kinds' functions behind them)
 * read, as one string: listings with the same signature have the same keys. A field that is
 * undefined is told apart from one that is null (the kinds' functions may read them apart).
 */
function keySignature(l: MatchListing): string {
  const v = (x: unknown): unknown => (x === undefined ? [] : [x]);
  switch (l.kind) {
    case 'material': {
      const m = l.material;
      return JSON.stringify([l.direction, l.kind, m?.wasteCodes ?? [], v(m?.category)]);
    }
    case 'energy': {
      const e = l.energy;
      return JSON.stringify([l.direction, l.kind, v(e?.carrier), e?.heatPumpSource === true]);
    }
    case 'water': {
      const w = l.water;
      return JSON.stringify([
        l.direction,
        l.kind,
        w === undefined,
        v(w?.type),
        v(w?.quality),
        w?.treatsOnSite === true,
      ]);
    }
    case 'land': {
      const land = l.land;
      return JSON.stringify([l.direction, l.kind, land === undefined, v(land?.landUse)]);
    }
    default:
      return JSON.stringify([l.direction, l.kind]);
  }
}

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
function rankById(ids: readonly string[]): Int32Array {
  const sorted = ids.slice().sort();
  const first = new Map<string, number>();
  for (let r = sorted.length - 1; r >= 0; r--) first.set(sorted[r]!, r);
  const rank = new Int32Array(ids.length);
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    const r = first.get(id)!;
    rank[i] = r;
    first.set(id, r + 1);
  }
  return rank;
}
