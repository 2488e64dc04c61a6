/**
 * Heat clusters: groups of heat sources and sinks within a pipe's reach of each other, and the
 * shared network that would serve them (heat-network.ts), beside what pairs alone would deliver.
 *
 *   heat listings  energy offers of a heat carrier (hot water, cooling water, flue gas, steam) and
 *                  the needs a hot-water network serves (carrier hot-water, or a heat-pump source);
 *                  steam needs keep to pairs (steam is not sent through a shared hot-water network).
 *   links          a source and a sink are linked when the engine's own predicate accepts the pair
 *                  (pair.ts scorePair: different companies, windows, the fit of energy-fit.ts with
 *                  its temperatures and heat pump, the reach its delivered heat pays for in
 *                  heat-reach.ts, the score floor): exactly the pairs the engine could suggest.
 *   clusters       connected components of the links (union-find) with at least `minMembers`
 *                  members (3: two sources or two sinks at least), which pairs alone do not say.
 *   network        inside a cluster the tree joins every member, so any source the fit accepts for
 *                  a sink (energy-fit.ts fitEnergy, windows, companies; no distance: the trunk is
 *                  shared) may serve it. Month profiles come from the listings (temporal.ts:
 *                  a monthly profile, an hourly one summed per month, or flat). Among sources as
 *                  near, the cooler serves first (the lowest adequate grade, heat-grade.ts).
 *   pairwise       the same dispatch over the linked pairs only, each on a pipe of its own (its
 *                  straight-line length, sized by its own peak month): what the cluster adds.
 *
 * IDs are stable: `hc-` and a 64-bit FNV-1a hash of the sorted member listing ids. Clusters come
 * largest delivered heat first (ties by id). The search for links sorts sinks by latitude and scans
 * each source's band of the largest reach, so the pairs scored are those that could be in reach.
 *
 * References:
 *   R. E. Tarjan (1975), "Efficiency of a good but not linear set union algorithm", JACM 22(2).
 *   U. Persson, B. Möller, S. Werner (2014), "Heat Roadmap Europe: Identifying strategic heat
 *     synergy regions", Energy Policy 74, 663–681 (excess heat shared through networks).
 *   The exchange rate that turns Hotmaps' euro into kroner is the cost set's (exchange.eur,
 *     data/costs/, with its source), the one every suggestion's economics use; DEFAULTS.eurToNok
 *     only where a caller gives no cost set.
 */
import type { EnergyCarrier } from '../domain/listing-kinds.ts';
import { EARTH_RADIUS_KM, haversineKm, needLimits } from './distance.ts';
import { fitEnergy, HEAT_SOURCES, temperature } from './energy-fit.ts';
import { newFitValues } from './fit-result.ts';
import {
  ANNUITY,
  dispatchNearestFirst,
  layNetwork,
  type NetworkMember,
  type NetworkPair,
  pipeOf,
} from './heat-network.ts';
import { DEFAULTS as REACH } from './heat-reach.ts';
import { mayPair, newPairScore, type PairContext, scorePair } from './pair.ts';
import { type PreparedListing, prepareListing } from './prepared-listing.ts';
import { timeShapeOf } from './temporal.ts';
import type { MatchListing } from './types.ts';

export const DEFAULTS = {
  /** Fewest members of a cluster: a pair alone is a suggestion already. */
  minMembers: 3,
  /** NOK per EUR where the context has no cost set (data/costs/costs-no-2025.json's rate). */
  eurToNok: 11.6,
  /** What transport may cost per MWh delivered, €/MWh: heat-reach.ts's threshold. */
  thresholdEurPerMWh: REACH.thresholdEurPerMWh,
};

export type HeatClusterOptions = Partial<typeof DEFAULTS>;

export interface HeatClusterMember {
  listingId: string;
  role: 'source' | 'sink';
  carrier: EnergyCarrier;
  temperatureC: number;
  temperatureAssumed: boolean;
  annualMWh: number;
  /** Heat it gives (source) or receives (sink) through the network, MWh/yr. */
  networkMWh: number;
  lat: number;
  lon: number;
}

export interface HeatClusterPipe {
  /** Listing ids of the two members the pipe joins (a member and its parent in the tree). */
  from: string;
  to: string;
  lengthKm: number;
  capacityMW: number;
  costEur: number;
  /** Net heat through the pipe per month, MWh, January first. */
  monthlyMWh: number[];
}

export interface HeatClusterSuggestion {
  id: string;
  members: HeatClusterMember[];
  sources: number;
  sinks: number;
  pipes: HeatClusterPipe[];
  lengthKm: number;
  capitalEur: number;
  capitalNok: number;
  annualisedEur: number;
  deliveredMWh: number;
  /** Annualised cost per MWh delivered; null when nothing is delivered. */
  costEurPerMWh: number | null;
  /** Whether that cost is within the threshold heat-reach.ts lets a pair's pipe cost. */
  withinThreshold: boolean;
  months: { month: number; supplyMWh: number; demandMWh: number; deliveredMWh: number }[];
  /** The linked pairs alone, each on a pipe of its own, dispatched the same way. */
  pairwise: { pairs: number; deliveredMWh: number; lengthKm: number; capitalEur: number };
  /** Heat the shared network delivers beyond the pairs alone, MWh/yr. */
  addedMWh: number;
}

export interface HeatClustersResult {
  sources: number;
  sinks: number;
  /** Source–sink pairs the engine accepts (in reach and feasible). */
  links: number;
  clusters: HeatClusterSuggestion[];
  assumptions: {
    eurToNok: number;
    annuity: number;
    thresholdEurPerMWh: number;
    dispatch: 'nearest-first';
    capacity: 'peak monthly mean';
  };
}

const isSource = (l: MatchListing): boolean =>
  l.direction === 'offer' &&
  l.kind === 'energy' &&
  l.energy !== undefined &&
  HEAT_SOURCES.has(l.energy.carrier);

const isSink = (l: MatchListing): boolean =>
  l.direction === 'need' &&
  l.kind === 'energy' &&
  l.energy !== undefined &&
  (l.energy.heatPumpSource === true || l.energy.carrier === 'hot-water');

/** 64-bit FNV-1a of a string as 16 hex digits (two 32-bit lanes with different offsets). */
function fnv64(text: string): string {
  let a = 0x811c9dc5;
  let b = 0xcbf29ce4;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x01000193 ^ 0x5bd1e995) >>> 0;
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}

export const clusterIdOf = (listingIds: readonly string[]): string =>
  `hc-${fnv64([...listingIds].sort().join('\n'))}`;

function find(parent: Int32Array, x: number): number {
  while (parent[x] !== x) {
    parent[x] = parent[parent[x]!]!;
    x = parent[x]!;
  }
  return x;
}

/** Linked source–sink pairs (indices into sources and sinks): scorePair, searched in latitude bands. */
function linkPairs(
  sources: PreparedListing[],
  sinks: PreparedListing[],
  ctx: PairContext,
): [number, number][] {
  const byLat = sinks.map((_, j) => j).sort((a, b) => sinks[a]!.lat - sinks[b]!.lat || a - b);
  const lats = byLat.map((j) => sinks[j]!.lat);
  let widest = 0;
  for (const sink of sinks) {
    needLimits(sink, ctx.config);
    widest = Math.max(widest, sink.maxDistanceKm ?? sink.defaultLimitKm);
  }
  const score = newPairScore();
  const links: [number, number][] = [];
  sources.forEach((source, i) => {
    const km = source.maxDistanceKm ?? widest;
    const band = (km / EARTH_RADIUS_KM) * (180 / Math.PI) * (1 + 1e-9) + 1e-9;
    let lo = 0;
    let hi = lats.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (lats[mid]! < source.lat - band) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo; k < lats.length && lats[k]! <= source.lat + band; k++) {
      const j = byLat[k]!;
      if (scorePair(source, sinks[j]!, ctx, score)) links.push([i, j]);
    }
  });
  return links.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

/** Monthly MWh of a listing: its annual quantity over its profile's months (flat without one). */
function monthsOf(l: MatchListing, ctx: PairContext): number[] {
  const shape = timeShapeOf(l, ctx.hourlyProfiles).months;
  const annual = l.canonicalQuantity.value;
  return Array.from({ length: 12 }, (_, m) => annual * (shape ? shape[m]! : 1 / 12));
}

/** The clusters of a scope's listings (any kinds: the heat listings are picked out here). */
export function findHeatClusters(
  listings: readonly MatchListing[],
  ctx: PairContext,
  options: HeatClusterOptions = {},
): HeatClustersResult {
  const eurToNok = ctx.costSet?.factors['exchange.eur'].value ?? DEFAULTS.eurToNok;
  const settings = { ...DEFAULTS, eurToNok, ...options };
  const byId = (a: MatchListing, b: MatchListing) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const sourceListings = listings.filter(isSource).sort(byId);
  const sinkListings = listings.filter(isSink).sort(byId);
  const result: HeatClustersResult = {
    sources: sourceListings.length,
    sinks: sinkListings.length,
    links: 0,
    clusters: [],
    assumptions: {
      eurToNok: settings.eurToNok,
      annuity: ANNUITY,
      thresholdEurPerMWh: settings.thresholdEurPerMWh,
      dispatch: 'nearest-first',
      capacity: 'peak monthly mean',
    },
  };
  if (sourceListings.length === 0 || sinkListings.length === 0) return result;

  const sources = sourceListings.map((l) => prepareListing(l));
  const sinks = sinkListings.map((l) => prepareListing(l));
  const links = linkPairs(sources, sinks, ctx);
  result.links = links.length;
  // Union-find over sources (0..S−1) and sinks (S..S+K−1).
  const S = sources.length;
  const parent = Int32Array.from({ length: S + sinks.length }, (_, i) => i);
  for (const [i, j] of links) {
    const a = find(parent, i);
    const b = find(parent, S + j);
    if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
  }
  const groups = new Map<number, number[]>();
  const grouped = new Uint8Array(S + sinks.length);
  for (const [i, j] of links) {
    for (const x of [i, S + j]) {
      if (grouped[x] === 1) continue;
      grouped[x] = 1;
      const root = find(parent, x);
      const group = groups.get(root);
      if (group) group.push(x);
      else groups.set(root, [x]);
    }
  }
  // A linked pair (source i, sink j) as one number: i · K + j.
  const K = sinks.length;
  const linked = new Set(links.map(([i, j]) => i * K + j));
  for (const group of groups.values()) {
    if (group.length < settings.minMembers) continue;
    group.sort((a, b) => a - b);
    result.clusters.push(
      clusterOf(
        group.map((x) =>
          x < S ? { prepared: sources[x]!, index: x } : { prepared: sinks[x - S]!, index: x },
        ),
        S,
        { pairs: linked, sinkCount: K },
        ctx,
        settings,
      ),
    );
  }
  result.clusters.sort((a, b) => b.deliveredMWh - a.deliveredMWh || (a.id < b.id ? -1 : 1));
  return result;
}

function clusterOf(
  group: { prepared: PreparedListing; index: number }[],
  S: number,
  /** Linked pairs, source i and sink j as i · sinkCount + j. */
  linked: { pairs: ReadonlySet<number>; sinkCount: number },
  ctx: PairContext,
  settings: typeof DEFAULTS,
): HeatClusterSuggestion {
  const members: NetworkMember[] = group.map(({ prepared, index }) => ({
    lat: prepared.lat,
    lon: prepared.lon,
    months: monthsOf(prepared.listing, ctx),
    source: index < S,
  }));
  // Every pair the fit accepts, distance aside: the network's trunk is shared.
  const pairs: NetworkPair[] = [];
  const pairwise: NetworkPair[] = [];
  const fit = newFitValues();
  group.forEach((s, a) => {
    if (s.index >= S) return;
    group.forEach((t, b) => {
      if (t.index < S) return;
      const offer = s.prepared;
      const need = t.prepared;
      if (!mayPair(offer.listing, need.listing) || !fitEnergy(offer, need, ctx.config, fit)) return;
      const pair = { source: a, sink: b, offerUse: fit.offerUse };
      pairs.push(pair);
      if (linked.pairs.has(s.index * linked.sinkCount + (t.index - S))) pairwise.push(pair);
    });
  });
  // Among sources as near, the cooler first: the lowest adequate grade (heat-grade.ts).
  const sourceC = group.map(({ prepared, index }) =>
    index < S ? temperature(prepared, 'offer', ctx.config).c : Number.NaN,
  );
  const network = layNetwork(
    members,
    pairs,
    pairs.map((p) => sourceC[p.source]!),
  );
  const ids = group.map((g) => g.prepared.listing.id);

  const straightKm = pairwise.map((p) => {
    const a = members[p.source]!;
    const b = members[p.sink]!;
    return haversineKm(a.lat, a.lon, b.lat, b.lon);
  });
  const alone = pairwiseAlternative(
    members,
    pairwise,
    straightKm,
    pairwise.map((p) => sourceC[p.source]!),
  );

  const networkMWh = new Float64Array(group.length);
  for (let m = 0; m < 12; m++) {
    for (let v = 0; v < group.length; v++) {
      networkMWh[v]! += network.dispatch.delivered[m]![v]! + network.dispatch.used[m]![v]!;
    }
  }
  const costEurPerMWh = network.deliveredMWh > 0 ? network.annualisedEur / network.deliveredMWh : null;
  return {
    id: clusterIdOf(ids),
    members: group.map(({ prepared, index }, v) => {
      const side = index < S ? 'offer' : 'need';
      const t = temperature(prepared, side, ctx.config);
      return {
        listingId: prepared.listing.id,
        role: index < S ? 'source' : 'sink',
        carrier: prepared.energy!.carrier,
        temperatureC: t.c,
        temperatureAssumed: t.assumed,
        annualMWh: prepared.quantity,
        networkMWh: networkMWh[v]!,
        lat: prepared.lat,
        lon: prepared.lon,
      };
    }),
    sources: group.filter((g) => g.index < S).length,
    sinks: group.filter((g) => g.index >= S).length,
    pipes: network.edges.map((e) => ({
      from: ids[e.from]!,
      to: ids[e.to]!,
      lengthKm: e.lengthKm,
      capacityMW: e.capacityMW,
      costEur: e.costEur,
      monthlyMWh: e.monthlyMWh,
    })),
    lengthKm: network.lengthKm,
    capitalEur: network.capitalEur,
    capitalNok: network.capitalEur * settings.eurToNok,
    annualisedEur: network.annualisedEur,
    deliveredMWh: network.deliveredMWh,
    costEurPerMWh,
    withinThreshold: costEurPerMWh !== null && costEurPerMWh <= settings.thresholdEurPerMWh,
    months: network.months.map((m, k) => ({ month: k + 1, ...m })),
    pairwise: alone,
    addedMWh: network.deliveredMWh - alone.deliveredMWh,
  };
}

/** The linked pairs alone: nearest-first by straight line, each pair on a pipe of its own. */
function pairwiseAlternative(
  members: readonly NetworkMember[],
  pairs: readonly NetworkPair[],
  straightKm: readonly number[],
  rank: readonly number[],
): HeatClusterSuggestion['pairwise'] {
  const dispatch = dispatchNearestFirst(members, pairs, straightKm, rank);
  let lengthKm = 0;
  let capitalEur = 0;
  pairs.forEach((_, k) => {
    const monthly = dispatch.pairSent.map((month) => month[k]!);
    if (!monthly.some((q) => q > 0)) return;
    lengthKm += straightKm[k]!;
    capitalEur += pipeOf(straightKm[k]!, monthly).costEur;
  });
  let deliveredMWh = 0;
  for (const q of dispatch.pairDelivered) deliveredMWh += q;
  return { pairs: pairs.length, deliveredMWh, lengthKm, capitalEur };
}
