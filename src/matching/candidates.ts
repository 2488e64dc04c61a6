/**
 * Sub-quadratic candidate generation over the index of match-index.ts: search each listing's
 * counterparts, score what may enter its K best, and explain only the pairs kept.
 *
 * Selection (selection.ts) keeps a pair when it is among the K best of its offer or of its need,
 * so every listing's K best are computed exactly, in two passes: each offer searches its needs,
 * then each need searches its offers. A pair is scored by the numeric phase alone (scorePair: no
 * strings, no allocation) and goes into bounded heaps (best-pairs.ts); the union of the heaps is
 * explained (explainPair) and sorted.
 *
 * Pruning, exact: a search skips a counterpart when an upper bound of the pair's score is below
 * the score the pair would need to enter the listing's K best (its threshold, at least
 * config.minScore). The bound is the weighted sum of
 *
 *   resource  the key's bound (keyResourceBound: the accepted code's level, the category or the best
 *             substitution; 1 for energy, water and land)
 *   quantity  min(1, offer / (lowest offer use × need)), deliverable over need with the offer use
 *             no pair of the kind goes below; for a whole group, with its largest offer or
 *             smallest need
 *   distance  1 − d / r, r the group's search radius (at least the pair's limit), d ≥ R × chord
 *   temporal  1,  quality  1
 *
 * and a counterpart that passes it is bounded again, tightly, from a few numbers of its row in the
 * index's BoundTable (pair-bound.ts: its window, quality and hard constraints), before scorePair
 * touches it: in a crowded region most pairs within reach fail this second bound.
 *
 * The higher the threshold, the less a search reads, so it raises it early: the groups under a
 * listing's keys are searched best group bound first (the coarse bound with d the distance from the
 * listing to the group's box), and the counterparts a group yields are scored, best bound first,
 * before the next group is searched; once the best group bound left falls below the threshold, the
 * search ends. At 10^5 listings, against searching a key's groups in a fixed order and scoring once
 * per key, the search considered a third fewer counterparts (13M, not 20M) and queued under a
 * third as many for scoring (4M, not 13M).
 *
 * A pair in a listing's final K best scores at least every threshold the search meets, and the
 * key of its best route bounds its resource term, so it is scored when the search reaches it under
 * that key; what is skipped could never enter. Pruning only ever skips work: the candidates equal
 * those of the naive matcher (naive.ts) exactly, which property tests check with and without it.
 *
 * References:
 *   R. Fagin, A. Lotem, M. Naor (2003), "Optimal aggregation algorithms for middleware", J. Computer
 *     and System Sciences 66(4), 614–656 (top-k by upper bounds on a monotone aggregate score).
 */

import type KDBush from 'kdbush';
import { AppError } from '../errors.ts';
import { countingOrder, descendingOrder } from './allocation/order.ts';
import { BestPairs } from './best-pairs.ts';
import {
  boxChordWithCosKm,
  EARTH_RADIUS_KM,
  needLimits,
  writeBoundingBox,
  writeUnitVector,
} from './distance.ts';
import { type CompiledFeedback, ceilingOf, compileFeedback, familyIdOf, isEmpty } from './feedback.ts';
import {
  type Bucket,
  bucketsFor,
  buildMatchIndex,
  GROUP_BOX_COS,
  GROUP_DEFAULT_MAX,
  GROUP_HAS_OWN,
  GROUP_MAX_LAT,
  GROUP_MAX_LON,
  GROUP_MAX_QUANTITY,
  GROUP_MIN_LAT,
  GROUP_MIN_LON,
  GROUP_MIN_QUANTITY,
  GROUP_OWN_MAX,
  GROUP_STRIDE,
  type Group,
  type IndexOptions,
  type MatchIndex,
  RADIUS_SLACK_KM,
} from './match-index.ts';
import {
  compareCandidates,
  explainPair,
  newPairScore,
  normalisedWeights,
  type PairScore,
  scorePair,
} from './pair.ts';
import { type BoundTable, boundShortfall } from './pair-bound.ts';
import { type PreparedListing, prepareListing } from './prepared-listing.ts';
import { lowestOfferUse } from './resource-fit.ts';
import { type BestRows, bestRows, ownerOf, type SearchPart } from './search-parts.ts';
import { maxCandidatesPerListing } from './selection.ts';
import type { Candidate, MatchInput, MatchListing } from './types.ts';

export { buildMatchIndex, type IndexOptions, type MatchIndex } from './match-index.ts';

/** Slack on score bounds, far above the rounding of a sum of five terms. */
const BOUND_SLACK = 1e-9;

/** What a search of one listing's counterparts does with a pair it has scored. */
type Keep = 'both' | 'own' | 'own-unless-kept';

/**
 * The state of the searches of one pass, reused from listing to listing and group to group so the
 * kernel (consider) allocates nothing.
 */
interface Search {
  readonly index: MatchIndex;
  readonly best: BestPairs;
  readonly seen: Int32Array;
  readonly s: PairScore;
  readonly keep: Keep;
  pairsScored: number;
  // The listing searched for.
  side: PreparedListing | undefined;
  at: number;
  stamp: number;
  rank: number;
  /** A listing of this id in the index is skipped (its previous version). */
  skipId: string | undefined;
  /** Listings of these ids in the index are skipped too (versions superseded since it was built). */
  skipIds: ReadonlySet<string> | undefined;
  /** The searched listing on the unit sphere. */
  readonly point: Float64Array;
  /** The search box of the group being searched, [minLon, minLat, maxLon, maxLat]. */
  readonly box: Float64Array;
  /** For the quantity bound: the searched listing's quantity, side and lowest offer use. */
  quantity: number;
  isOffer: boolean;
  lowestUse: number;
  // The bucket and group being searched.
  radius: number;
  /** The score bound without the quantity and distance terms, plus slack. */
  rest: number;
  quantityWeight: number;
  distanceWeight: number;
  floor: number;
  /** The searched listing's row of the tight bound (pair-bound.ts) and the bucket's resource bound. */
  sideBounds: BoundTable;
  sideRow: number;
  resourceBound: number;
  readonly weights: ReturnType<typeof normalisedWeights>;
  /** The learned adjustments when the rule is on and has any (feedback.ts), for the bound. */
  readonly feedback: CompiledFeedback | undefined;
  /** Counterparts of the group being searched that passed both bounds, by bound. */
  readonly pending: BoundQueue;
  /**
   * The groups the searched listing may reach, by group bound: entry g is group groupSlots[g] of
   * groupBuckets[g], searched within groupRadii[g].
   */
  readonly groupQueue: BoundQueue;
  readonly groupSlots: number[];
  readonly groupBuckets: Bucket[];
  readonly groupRadii: number[];
}

function newSearch(index: MatchIndex, best: BestPairs, keep: Keep): Search {
  return {
    index,
    best,
    seen: new Int32Array(index.listings.length).fill(-1),
    s: newPairScore(),
    keep,
    pairsScored: 0,
    side: undefined,
    at: 0,
    stamp: 0,
    rank: 0,
    skipId: undefined,
    skipIds: undefined,
    point: new Float64Array(3),
    box: new Float64Array(4),
    quantity: 0,
    isOffer: true,
    lowestUse: 1,
    radius: 0,
    rest: 0,
    quantityWeight: normalisedWeights(index.ctx.config).quantity,
    distanceWeight: normalisedWeights(index.ctx.config).distance,
    floor: index.ctx.config.minScore,
    sideBounds: index.bounds,
    sideRow: 0,
    resourceBound: 1,
    weights: normalisedWeights(index.ctx.config),
    feedback:
      index.ctx.config.feedback?.enabled && index.ctx.feedback && !isEmpty(index.ctx.feedback)
        ? compileFeedback(index.ctx.feedback)
        : undefined,
    pending: new BoundQueue(),
    groupQueue: new BoundQueue(),
    groupSlots: [],
    groupBuckets: [],
    groupRadii: [],
  };
}

/** A max-heap of (listing, score bound) in typed arrays, grown on demand. */
class BoundQueue {
  size = 0;
  private item = new Int32Array(64);
  private bound = new Float64Array(64);

  push(i: number, bound: number): void {
    if (this.size === this.item.length) {
      const item = new Int32Array(this.size * 2);
      const b = new Float64Array(this.size * 2);
      item.set(this.item);
      b.set(this.bound);
      this.item = item;
      this.bound = b;
    }
    let k = this.size++;
    while (k > 0) {
      const parent = (k - 1) >> 1;
      if (this.bound[parent]! >= bound) break;
      this.item[k] = this.item[parent]!;
      this.bound[k] = this.bound[parent]!;
      k = parent;
    }
    this.item[k] = i;
    this.bound[k] = bound;
  }

  topBound(): number {
    return this.bound[0]!;
  }

  /** Removes and returns the listing of the highest bound. */
  pop(): number {
    const top = this.item[0]!;
    const n = --this.size;
    const lastItem = this.item[n]!;
    const lastBound = this.bound[n]!;
    let k = 0;
    for (;;) {
      let child = 2 * k + 1;
      if (child >= n) break;
      if (child + 1 < n && this.bound[child + 1]! > this.bound[child]!) child++;
      if (this.bound[child]! <= lastBound) break;
      this.item[k] = this.item[child]!;
      this.bound[k] = this.bound[child]!;
      k = child;
    }
    this.item[k] = lastItem;
    this.bound[k] = lastBound;
    return top;
  }

  clear(): void {
    this.size = 0;
  }
}

/** Scores member k of `group` against the searched listing when it is in range and may enter its K best. */
function consider(q: Search, group: Group, k: number): void {
  const { index, best, at } = q;
  const i = group.members[k]!;
  // R × chord ≤ the great-circle distance: a lower bound that needs no trigonometry, so both the
  // range check and the score bound below only ever admit more than the exact distance would.
  const v = group.points;
  const p = q.point;
  const dx = v[4 * k]! - p[0]!;
  const dy = v[4 * k + 1]! - p[1]!;
  const dz = v[4 * k + 2]! - p[2]!;
  const d = Math.sqrt(dx * dx + dy * dy + dz * dz) * EARTH_RADIUS_KM;
  if (!(d <= q.radius)) return;
  if (index.prune) {
    const quantity = quantityBound(q.isOffer, q.quantity, v[4 * k + 3]!, q.lowestUse);
    // The learning loop's adjustments only lower scores: bounded by the pair's pairing and bands,
    // before the tight bound, which costs more.
    const learned = q.feedback ? feedbackBound(q, index.prepared[i]!) : 0;
    const bound = q.rest + q.quantityWeight * quantity + q.distanceWeight * (1 - d / q.radius) + learned;
    const threshold = best.threshold(at, q.floor);
    if (bound < threshold) return;
    // The tight bound: the counterpart's window, quality and hard constraints from flat numbers.
    const shortfall = index.tightBound ? tightShortfall(q, group.bounds, k, quantity) : 0;
    if (shortfall < 0 || bound - shortfall < threshold) return;
    // A counterpart scored already (under another key) is skipped; asked only here, of the few
    // that pass both bounds, as the bounds read the group's own arrays and `seen` is the index's.
    if (q.seen[i] === q.stamp) return;
    // Scored once the group is searched, best bound first (drainPending), so that the threshold
    // rises as fast as it can.
    q.pending.push(i, bound - shortfall);
    return;
  }
  if (q.seen[i] === q.stamp) return;
  scoreCounterpart(q, i);
}

/**
 * Scores the pending counterparts from the highest bound down until the bound falls below the
 * threshold, which each entering pair may raise: what is left could never enter.
 */
function drainPending(q: Search): void {
  const { pending } = q;
  while (pending.size > 0) {
    if (pending.topBound() < q.best.threshold(q.at, q.floor)) break;
    const i = pending.pop();
    if (q.seen[i] !== q.stamp) scoreCounterpart(q, i);
  }
  pending.clear();
}

/** ceilingOf the pair of the searched listing and a counterpart (their family numbers memoised). */
function feedbackBound(q: Search, other: PreparedListing): number {
  const c = q.feedback!;
  const side = q.side!;
  const sideId = familyIdOf(side, c);
  const otherId = familyIdOf(other, c);
  return q.isOffer ? ceilingOf(c, side.kind, sideId, otherId) : ceilingOf(c, side.kind, otherId, sideId);
}

/** Scores the searched listing against listing `i` and offers the pair to the heaps. */
function scoreCounterpart(q: Search, i: number): void {
  const { index, best, at } = q;
  const other = index.prepared[i]!;
  if (q.skipId !== undefined && other.listing.id === q.skipId) return;
  if (q.skipIds?.has(other.listing.id)) return;
  if (q.keep === 'own-unless-kept' && best.has(at, i)) return;
  q.seen[i] = q.stamp;
  q.pairsScored++;
  const side = q.side!;
  const isOffer = side.direction === 'offer';
  const s = q.s;
  if (!(isOffer ? scorePair(side, other, index.ctx, s) : scorePair(other, side, index.ctx, s))) return;
  best.push(at, s.score, i, index.idRank[i]!, s.maxQuantity, s.offerUse);
  if (q.keep === 'both') best.push(i, s.score, at, q.rank, s.maxQuantity, s.offerUse);
}

/**
 * How far the pair of the searched listing and the counterpart in row `row` of `table` falls below
 * the coarse bound (pair-bound.ts), whose quantity term was `quantity`.
 */
function tightShortfall(q: Search, table: BoundTable, row: number, quantity: number): number {
  const kind = q.side!.kind;
  const { sideBounds: side, sideRow, resourceBound, weights } = q;
  return q.isOffer
    ? boundShortfall(kind, side, sideRow, table, row, resourceBound, quantity, weights)
    : boundShortfall(kind, table, row, side, sideRow, resourceBound, quantity, weights);
}

/** Traversal stack of searchTree: (left, right, axis) triples, grown on demand. */
let stack = new Int32Array(3 * 64);

/**
 * Considers every member of `group` inside the search box q.box: kdbush's range query (V. Agafonkin,
 * kdbush, ISC licence) over the group's tree, walked here so that members go straight to consider
 * rather than into a result array per query.
 */
function searchTree(q: Search, group: Group, tree: KDBush): void {
  const { coords, nodeSize } = tree;
  const minX = q.box[0]!;
  const minY = q.box[1]!;
  const maxX = q.box[2]!;
  const maxY = q.box[3]!;
  stack[0] = 0;
  stack[1] = group.members.length - 1;
  stack[2] = 0;
  let sp = 3;
  while (sp > 0) {
    const axis = stack[--sp]!;
    const right = stack[--sp]!;
    const left = stack[--sp]!;
    if (right - left <= nodeSize) {
      for (let k = left; k <= right; k++) {
        const x = coords[2 * k]!;
        const y = coords[2 * k + 1]!;
        if (x >= minX && x <= maxX && y >= minY && y <= maxY) consider(q, group, k);
      }
      continue;
    }
    const m = (left + right) >> 1;
    const x = coords[2 * m]!;
    const y = coords[2 * m + 1]!;
    if (x >= minX && x <= maxX && y >= minY && y <= maxY) consider(q, group, m);
    if (sp + 6 > stack.length) {
      const grown = new Int32Array(stack.length * 2);
      grown.set(stack);
      stack = grown;
    }
    if (axis === 0 ? minX <= x : minY <= y) {
      stack[sp++] = left;
      stack[sp++] = m - 1;
      stack[sp++] = 1 - axis;
    }
    if (axis === 0 ? maxX >= x : maxY >= y) {
      stack[sp++] = m + 1;
      stack[sp++] = right;
      stack[sp++] = 1 - axis;
    }
  }
}

/**
 * Bound of the quantity term, deliverable / need with deliverable ≤ offer / lowest offer use, for a
 * listing of quantity `own` on side `isOffer` and counterparts of quantity `other` (a group's
 * smallest need or largest offer bounds the whole group). 1 when nothing is known.
 */
function quantityBound(isOffer: boolean, own: number, other: number, lowestUse: number): number {
  const share = isOffer ? own / (lowestUse * other) : other / (lowestUse * own);
  return Number.isNaN(share) ? 1 : Math.min(1, Math.max(0, share));
}

/**
 * Scores the counterparts of `side` that may enter its K best (heap `at` of the search's
 * BestPairs): the groups under its keys best group bound first, each group's counterparts scored
 * before the next group is searched, so that the threshold rises early; once the best group bound
 * left falls below the threshold, no group left holds a pair that could enter.
 */
function searchCounterparts(
  q: Search,
  side: PreparedListing,
  ordered: readonly Bucket[],
  at: number,
  stamp: number,
  rank: number,
): void {
  const { index, groupQueue, groupSlots, groupBuckets, groupRadii } = q;
  const { ctx } = index;
  const isOffer = side.direction === 'offer';
  const ownDefault = isOffer ? 0 : needLimits(side, ctx.config).defaultLimitKm;
  const own = side.maxDistanceKm;
  const w = q.weights;
  q.side = side;
  q.quantity = side.quantity;
  q.isOffer = isOffer;
  q.lowestUse = lowestOfferUse(side.kind, ctx.reference);
  q.at = at;
  q.stamp = stamp;
  q.rank = rank;
  writeUnitVector(side.lat, side.lon, q.point, 0);

  groupQueue.clear();
  groupSlots.length = 0;
  groupBuckets.length = 0;
  groupRadii.length = 0;
  for (const bucket of ordered) {
    const rest = restBound(w, bucket);
    // The groups' numbers from the bucket's flat array (Bucket.groupData), in order.
    const data = bucket.groupData;
    const count = bucket.groups.length;
    for (let g = 0; g < count; g++) {
      const gAt = g * GROUP_STRIDE;
      // The largest limit any pair of `side` with a member of this group can have.
      const hasOwn = data[gAt + GROUP_HAS_OWN] !== 0;
      const ownMax = data[gAt + GROUP_OWN_MAX]!;
      const base = hasOwn ? ownMax : isOffer ? data[gAt + GROUP_DEFAULT_MAX]! : ownDefault;
      const limit = own === undefined ? base : !hasOwn ? own : Math.min(own, ownMax);
      const radius = limit * (1 + 1e-9) + RADIUS_SLACK_KM;
      const d = boxChordWithCosKm(
        side.lat,
        side.lon,
        side.cosLat,
        data[gAt + GROUP_MIN_LON]!,
        data[gAt + GROUP_MIN_LAT]!,
        data[gAt + GROUP_MAX_LON]!,
        data[gAt + GROUP_MAX_LAT]!,
        data[gAt + GROUP_BOX_COS]!,
      );
      if (!(d <= radius)) continue;
      const groupQuantity = isOffer ? data[gAt + GROUP_MIN_QUANTITY]! : data[gAt + GROUP_MAX_QUANTITY]!;
      const bound = quantityRest(q, rest, groupQuantity) + w.distance * (1 - d / radius);
      if (index.prune && bound < q.best.threshold(at, q.floor)) continue;
      groupQueue.push(groupSlots.length, bound);
      groupSlots.push(g);
      groupBuckets.push(bucket);
      groupRadii.push(radius);
    }
  }
  while (groupQueue.size > 0) {
    if (index.prune && groupQueue.topBound() < q.best.threshold(at, q.floor)) break;
    const g = groupQueue.pop();
    searchGroup(q, groupBuckets[g]!, groupSlots[g]!, groupRadii[g]!);
    drainPending(q);
  }
}

/** The score bound without the quantity and distance terms of pairs under `bucket`'s key, plus slack. */
const restBound = (w: Search['weights'], bucket: Bucket): number =>
  w.resource * bucket.resourceBound + w.temporal + w.quality + BOUND_SLACK;

/**
 * `rest` (restBound) with the quantity term of a group whose smallest need or largest offer (by
 * the searched side) is `groupQuantity`: its members' score bound but for the distance term.
 */
function quantityRest(q: Search, rest: number, groupQuantity: number): number {
  return rest + q.quantityWeight * quantityBound(q.isOffer, q.quantity, groupQuantity, q.lowestUse);
}

/**
 * Considers the members of group `g` of `bucket`, searched within `radius`, that may be within
 * reach. Its bound and box are read from the bucket's groupData; the group itself only when its
 * members are searched.
 */
function searchGroup(q: Search, bucket: Bucket, g: number, radius: number): void {
  const side = q.side!;
  const w = q.weights;
  const data = bucket.groupData;
  const gAt = g * GROUP_STRIDE;
  q.radius = radius;
  q.resourceBound = bucket.resourceBound;
  q.rest = restBound(w, bucket);
  let reach = radius;
  if (q.index.prune && w.distance > 0) {
    // Beyond this distance even the group's bound falls short of the threshold.
    const threshold = q.best.threshold(q.at, q.floor);
    const groupQuantity = q.isOffer ? data[gAt + GROUP_MIN_QUANTITY]! : data[gAt + GROUP_MAX_QUANTITY]!;
    reach = Math.min(
      radius,
      radius * ((quantityRest(q, q.rest, groupQuantity) + w.distance - threshold) / w.distance),
    );
  }
  const box = q.box;
  writeBoundingBox(side.lat, side.lon, reach, box, side.cosLat);
  if (
    box[0]! > data[gAt + GROUP_MAX_LON]! ||
    box[2]! < data[gAt + GROUP_MIN_LON]! ||
    box[1]! > data[gAt + GROUP_MAX_LAT]! ||
    box[3]! < data[gAt + GROUP_MIN_LAT]!
  )
    return;
  const group = bucket.groups[g]!;
  if (group.tree) searchTree(q, group, group.tree);
  else for (let k = 0; k < group.members.length; k++) consider(q, group, k);
}

/**
 * This listing's K best candidates (config.maxCandidatesPerListing) against an index of the
 * others, for a new or updated listing; a listing of the same id in the index, its previous
 * version, is skipped. Sorted like generateCandidates.
 *
 * An index kept between computations (services/counterpart-index.ts) is brought up to date without
 * a rebuild: `changed.skip` names the listings whose indexed versions are superseded or gone, and
 * `changed.listings` are the current versions of listings the index lacks, each scored directly.
 * The K best of the index's other listings and of those are the K best of all: the same answer as
 * an index built over the current listings.
 *
 * Only the listing's own K best: a counterpart for which the listing now ranks among the
 * counterpart's K best is not added here; the counterparts' stored suggestions are refreshed by the
 * next match run.
 */
export function candidatesForListing(
  index: MatchIndex,
  listing: MatchListing,
  changed?: { skip: ReadonlySet<string>; listings: Iterable<MatchListing> },
): Candidate[] {
  const { ctx, prepared } = index;
  // Prepared with the index's numbering (which learns the listing's company) to compare alike.
  const side = prepareListing(listing, index.numbering);
  const k = maxCandidatesPerListing(ctx.config);
  const best = new BestPairs(1, Math.min(k, prepared.length));
  const q = newSearch(index, best, 'own');
  q.skipId = listing.id;
  q.skipIds = changed?.skip;
  q.sideBounds = index.bounds.forListing(side, ctx.reference);
  q.sideRow = 0;
  searchCounterparts(q, side, bucketsFor(listing, index), 0, 0, 0);
  const found = best.sorted(0).map((slot) => {
    const other = prepared[best.other[slot]!]!;
    return listing.direction === 'offer' ? explainKept(side, other, ctx) : explainKept(other, side, ctx);
  });
  if (!changed) return found;
  const isOffer = listing.direction === 'offer';
  for (const other of changed.listings) {
    if (other.id === listing.id || other.kind !== listing.kind || other.direction === listing.direction)
      continue;
    const prepared = prepareListing(other, index.numbering);
    const pair = isOffer ? explainPair(side, prepared, ctx) : explainPair(prepared, side, ctx);
    if (pair) found.push(pair);
  }
  return found.sort(compareCandidates).slice(0, k);
}

/** explainPair of a pair the search kept, which scorePair therefore accepts. */
function explainKept(offer: PreparedListing, need: PreparedListing, ctx: MatchIndex['ctx']): Candidate {
  const candidate = explainPair(offer, need, ctx);
  if (candidate === null) {
    throw new AppError(
      'INTERNAL',
      `pair ${offer.listing.id} -> ${need.listing.id} was kept but does not score`,
    );
  }
  return candidate;
}

/** Per pair: offer and need (positions in MatchIndex.listings), score, deliverable quantity, offer use. */
export interface PairArrays {
  readonly offer: Int32Array;
  readonly need: Int32Array;
  readonly score: Float64Array;
  readonly maxQuantity: Float64Array;
  readonly offerUse: Float64Array;
}

/**
 * The pairs a snapshot keeps (selection.ts), as flat arrays in candidate order (score descending,
 * then offer id, then need id), before any is explained: what allocation needs, so that it can
 * start while the pairs are being explained.
 */
export interface ScoredPairs extends PairArrays {
  readonly index: MatchIndex;
  /** The same pairs in (offer id, need id) order, the order allocation reads them in. */
  readonly byIds: PairArrays;
  /** Pairs the numeric phase scored (once from each side at most). */
  readonly pairsEvaluated: number;
  /** Wall time of building the index and of searching (the numeric phase). */
  readonly phaseMs: { index: number; search: number };
}

/** The numeric phase over a whole snapshot: every listing's K best, their union in candidate order. */
export function searchPairs(input: MatchInput, options: IndexOptions = {}): ScoredPairs {
  const started = performance.now();
  const index = buildMatchIndex(input, options);
  const indexed = performance.now();
  const { best, pairsScored } = searchBest(index);
  const searched = performance.now();
  return collectPairs(index, best, pairsScored, { index: indexed - started, search: searched - indexed });
}

/**
 * One part of the numeric phase (search-parts.ts), as another thread runs it: the index of the
 * whole snapshot, the searches of the listings the part owns, the heaps as typed arrays.
 */
export function searchPart(input: MatchInput, part: SearchPart, options: IndexOptions = {}): BestRows {
  const { best, pairsScored } = searchBest(buildMatchIndex(input, options), part);
  return bestRows(best, pairsScored);
}

/**
 * Every listing's K best pairs (of the listings `part` owns, when given: the heaps of the others
 * are then incomplete).
 */
export function searchBest(index: MatchIndex, part?: SearchPart): { best: BestPairs; pairsScored: number } {
  const { ctx, listings, prepared, idRank } = index;
  const n = listings.length;
  const best = new BestPairs(n, Math.min(maxCandidatesPerListing(ctx.config), n));
  // Offers first, in the index's spatial numbering (consecutive searches cover the same
  // neighbourhood, whose records are then still in cache); what they find also fills the needs'
  // heaps, which raises the needs' thresholds before their own searches.
  const offerPass = newSearch(index, best, 'both');
  const needPass = newSearch(index, best, 'own-unless-kept');
  for (const pass of [offerPass, needPass]) {
    const offers = pass === offerPass ? 1 : 0;
    for (let i = 0; i < n; i++) {
      if (index.isOffer[i] !== offers) continue;
      if (part && ownerOf(i, n, part) !== part.part) continue;
      pass.sideRow = i;
      searchCounterparts(pass, prepared[i]!, index.counterpartBuckets[i]!, i, i, idRank[i]!);
    }
  }
  return { best, pairsScored: offerPass.pairsScored + needPass.pairsScored };
}

/** The union of the heaps' pairs in candidate order, as searchPairs returns it. */
export function collectPairs(
  index: MatchIndex,
  best: BestPairs,
  pairsEvaluated: number,
  phaseMs: ScoredPairs['phaseMs'],
): ScoredPairs {
  const { listings, idRank, isOffer } = index;
  const n = listings.length;
  // The union of both sides' K best, each pair once: an offer's pairs, then the pairs a need keeps
  // that its offer does not, their numbers copied out of BestPairs in its own order (reading it
  // in order; every reordering below reads these arrays instead, as few times as it can).
  let count = 0;
  for (let i = 0; i < n; i++) count += best.size[i]!;
  const found = pairArrays(count);
  const offerRank = new Int32Array(count);
  const needRank = new Int32Array(count);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const offerSide = isOffer[i] === 1;
    const base = i * best.capacity;
    for (let slot = base; slot < base + best.size[i]!; slot++) {
      const j = best.other[slot]!;
      if (!offerSide && best.has(j, i)) continue;
      const offer = offerSide ? i : j;
      const need = offerSide ? j : i;
      found.offer[m] = offer;
      found.need[m] = need;
      found.score[m] = best.score[slot]!;
      found.maxQuantity[m] = best.maxQuantity[slot]!;
      found.offerUse[m] = best.offerUse[slot]!;
      offerRank[m] = idRank[offer]!;
      needRank[m] = idRank[need]!;
      m++;
    }
  }
  // compareCandidates' order without a comparator: radix by (offer id, need id), then a stable
  // order by score descending. The first is the order allocation reads the pairs in.
  const byIds = gatherPairs(
    found,
    countingOrder(offerRank.subarray(0, m), n, countingOrder(needRank.subarray(0, m), n)),
  );
  const pairs = gatherPairs(byIds, descendingOrder(byIds.score));
  return { index, ...pairs, byIds, pairsEvaluated, phaseMs };
}

/** The numbers of `count` pairs (ScoredPairs' arrays). */
const pairArrays = (count: number): PairArrays => ({
  offer: new Int32Array(count),
  need: new Int32Array(count),
  score: new Float64Array(count),
  maxQuantity: new Float64Array(count),
  offerUse: new Float64Array(count),
});

/** Pair order[k] of `from` as pair k, for every k of `order`. */
function gatherPairs(from: PairArrays, order: Int32Array): PairArrays {
  const m = order.length;
  const to = pairArrays(m);
  for (let k = 0; k < m; k++) {
    const e = order[k]!;
    to.offer[k] = from.offer[e]!;
    to.need[k] = from.need[e]!;
    to.score[k] = from.score[e]!;
    to.maxQuantity[k] = from.maxQuantity[e]!;
    to.offerUse[k] = from.offerUse[e]!;
  }
  return to;
}

/**
 * The explain phase for pairs from..to of searchPairs (all of them by default): their candidates,
 * in the same order. Each pair is scored again, with its words (explainPair); nothing is kept
 * between pairs, so explaining in slices costs no more than all at once.
 */
export function explainPairs(pairs: ScoredPairs, from = 0, to = pairs.offer.length): Candidate[] {
  const { ctx, prepared } = pairs.index;
  const out: Candidate[] = new Array(Math.max(0, to - from));
  for (let k = from; k < to; k++)
    out[k - from] = explainKept(prepared[pairs.offer[k]!]!, prepared[pairs.need[k]!]!, ctx);
  return out;
}

/** What generateCandidatesWithStats reports besides the candidates. */
export interface GenerationStats {
  candidates: Candidate[];
  /** Pairs the numeric phase scored (once from each side at most). */
  pairsEvaluated: number;
  /** Wall time of building the index, searching (numeric phase) and explaining the pairs kept. */
  phaseMs: { index: number; search: number; explain: number };
}

/** generateCandidates, with the number of pairs scored and the time of each phase. */
export function generateCandidatesWithStats(input: MatchInput, options: IndexOptions = {}): GenerationStats {
  const pairs = searchPairs(input, options);
  const started = performance.now();
  const candidates = explainPairs(pairs);
  return {
    candidates,
    pairsEvaluated: pairs.pairsEvaluated,
    phaseMs: { ...pairs.phaseMs, explain: performance.now() - started },
  };
}

/**
 * The candidates of a snapshot: the compatible pairs among the K best of their need or of their
 * offer (selection.ts), score descending, then offer id, then need id.
 */
export function generateCandidates(input: MatchInput, options: IndexOptions = {}): Candidate[] {
  return generateCandidatesWithStats(input, options).candidates;
}
