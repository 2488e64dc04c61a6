/**
 * The shared pipe network of a heat cluster: a minimum spanning tree over its members, the heat it
 * carries month by month, and what its pipes cost.
 *
 *   tree      Prim's algorithm on the great-circle distances of the members (O(n²), dense graph);
 *             members at one point join at zero length. Ties go to the lower member index.
 *   dispatch  per month, a transportation problem on the tree solved nearest-first: the allowed
 *             pairs (a source that can serve the sink, heat-cluster.ts) in order of their path
 *             length in the tree, then by `rank` (heat-cluster.ts: the cooler source first), then source and sink
 *             index; each pair takes min(what the sink
 *             still lacks, what the source has left / offerUse). Nearest-first is what a network
 *             operator dispatches (the closest heat loses least and loads the fewest pipes); when
 *             every source may serve every sink it delivers the most heat any allocation can
 *             (min(Σ supply, Σ demand)); when temperatures forbid pairs it may deliver less than
 *             a maximum flow would, which the pairwise comparison beside it shares.
 *   flows     the pipe from a member to its parent carries the net heat of the member's subtree
 *             (sources' heat sent minus sinks' heat received; Kirchhoff on a tree): heat that is
 *             injected and taken within a subtree never crosses its edge. A sink served through a
 *             heat pump receives offerUse of the heat it gets through the pipe (the rest is the
 *             pump's electricity, added at the sink).
 *   capacity  the largest monthly flow of an edge over that month's hours, MW (a month's mean load);
 *   cost      length × Hotmaps' cost per metre at that capacity (heat-reach.ts pipeCostEurPerM),
 *             annualised at heat-reach.ts's rate and lifetime.
 *
 * References:
 *   R. C. Prim (1957), "Shortest connection networks and some generalizations", Bell System
 *     Technical Journal 36(6), 1389–1401.
 *   F. L. Hitchcock (1941), "The distribution of a product from several sources to numerous
 *     localities", Journal of Mathematics and Physics 20, 224–230 (the transportation problem).
 *   S. Frederiksen, S. Werner (2013), District Heating and Cooling, Studentlitteratur, ch. 4
 *     (distribution networks sized by the flows of their branches).
 *   Hotmaps project, "CM Excess heat transport potential" (transmission-line costs by capacity).
 */
import { haversineKm } from './distance.ts';
import { pipeCostEurPerM, DEFAULTS as REACH } from './heat-reach.ts';

/** Hours per month of a non-leap year, January first. */
export const HOURS_PER_MONTH: readonly number[] = [
  744, 672, 744, 720, 744, 720, 744, 744, 720, 744, 720, 744,
];

export const ANNUITY = REACH.discountRate / (1 - (1 + REACH.discountRate) ** -REACH.lifetimeYears);

export interface NetworkMember {
  lat: number;
  lon: number;
  /** Heat offered (sources) or wanted (sinks) per month, MWh, January first. */
  months: readonly number[];
  source: boolean;
}

/** A source that may serve a sink: member indices, and the source heat used per MWh delivered. */
export interface NetworkPair {
  source: number;
  sink: number;
  offerUse: number;
}

export interface SpanningTree {
  /** Parent of each member, −1 for the root (member 0). */
  parent: Int32Array;
  /** Length of the edge to the parent, km (0 for the root). */
  lengthKm: Float64Array;
  /** Members in the order Prim added them: every parent before its children. */
  order: Int32Array;
}

/** Prim's minimum spanning tree of points under the great-circle distance. */
export function spanningTree(points: readonly { lat: number; lon: number }[]): SpanningTree {
  const n = points.length;
  const parent = new Int32Array(n).fill(-1);
  const lengthKm = new Float64Array(n);
  const order = new Int32Array(n);
  if (n === 0) return { parent, lengthKm, order };
  const best = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const inTree = new Uint8Array(n);
  let next = 0;
  best[0] = 0;
  for (let k = 0; k < n; k++) {
    const v = next;
    inTree[v] = 1;
    order[k] = v;
    lengthKm[v] = best[v]!;
    next = -1;
    const p = points[v]!;
    for (let w = 0; w < n; w++) {
      if (inTree[w] === 1) continue;
      const q = points[w]!;
      const d = haversineKm(p.lat, p.lon, q.lat, q.lon);
      if (d < best[w]!) {
        best[w] = d;
        parent[w] = v;
      }
      if (next < 0 || best[w]! < best[next]!) next = w;
    }
  }
  return { parent, lengthKm, order };
}

/** Path length in the tree from `from` to every member, km (a walk over the tree's adjacency). */
function treeDistancesFrom(tree: SpanningTree, children: readonly number[][], from: number): Float64Array {
  const n = tree.parent.length;
  const dist = new Float64Array(n).fill(-1);
  dist[from] = 0;
  const stack = [from];
  while (stack.length > 0) {
    const v = stack.pop()!;
    const up = tree.parent[v]!;
    if (up >= 0 && dist[up]! < 0) {
      dist[up] = dist[v]! + tree.lengthKm[v]!;
      stack.push(up);
    }
    for (const c of children[v]!) {
      if (dist[c]! < 0) {
        dist[c] = dist[v]! + tree.lengthKm[c]!;
        stack.push(c);
      }
    }
  }
  return dist;
}

export interface Dispatch {
  /** Heat delivered to each member per month (sinks), MWh. */
  delivered: Float64Array[];
  /** Heat taken from each member per month (sources), MWh. */
  used: Float64Array[];
  /** Per pair (in the input order), the heat delivered over the year, MWh. */
  pairDelivered: Float64Array;
  /** Per pair, the heat sent through the pipe each month (source side), MWh. */
  pairSent: Float64Array[];
}

/**
 * Nearest-first allocation per month over `pairs`, whose `lengthKm` orders them (ties by `rank`
 * when given, then source, then sink index): what each sink receives and each source gives.
 */
export function dispatchNearestFirst(
  members: readonly NetworkMember[],
  pairs: readonly NetworkPair[],
  lengthKm: ArrayLike<number>,
  rank?: ArrayLike<number>,
): Dispatch {
  const n = members.length;
  const order = pairs.map((_, k) => k);
  order.sort(
    (a, b) =>
      lengthKm[a]! - lengthKm[b]! ||
      (rank ? rank[a]! - rank[b]! : 0) ||
      pairs[a]!.source - pairs[b]!.source ||
      pairs[a]!.sink - pairs[b]!.sink,
  );
  const delivered = Array.from({ length: 12 }, () => new Float64Array(n));
  const used = Array.from({ length: 12 }, () => new Float64Array(n));
  const pairDelivered = new Float64Array(pairs.length);
  const pairSent = Array.from({ length: 12 }, () => new Float64Array(pairs.length));
  // The pairs in dispatch order as flat arrays: each month walks them front to back.
  const P = order.length;
  const sourceOf = new Int32Array(P);
  const sinkOf = new Int32Array(P);
  const useOf = new Float64Array(P);
  for (let i = 0; i < P; i++) {
    const p = pairs[order[i]!]!;
    sourceOf[i] = p.source;
    sinkOf[i] = p.sink;
    useOf[i] = p.offerUse > 0 ? p.offerUse : 1;
  }
  const left = new Float64Array(n);
  for (let m = 0; m < 12; m++) {
    // What is left to give and to take this month; the walk stops once either side is spent.
    let supply = 0;
    let demand = 0;
    for (let v = 0; v < n; v++) {
      const q = Math.max(0, members[v]!.months[m] ?? 0);
      left[v] = q;
      if (members[v]!.source) supply += q;
      else demand += q;
    }
    for (let i = 0; i < P && supply > 0 && demand > 0; i++) {
      const sink = sinkOf[i]!;
      const source = sourceOf[i]!;
      const use = useOf[i]!;
      const q = Math.min(left[sink]!, left[source]! / use);
      if (!(q > 0)) continue;
      left[sink]! -= q;
      left[source]! -= q * use;
      supply -= q * use;
      demand -= q;
      delivered[m]![sink]! += q;
      used[m]![source]! += q * use;
      const k = order[i]!;
      pairDelivered[k]! += q;
      pairSent[m]![k]! += q * use;
    }
  }
  return { delivered, used, pairDelivered, pairSent };
}

export interface NetworkEdge {
  /** The member and its parent in the tree (indices). */
  from: number;
  to: number;
  lengthKm: number;
  /** Net heat through the edge per month, MWh (absolute). */
  monthlyMWh: number[];
  capacityMW: number;
  costEur: number;
}

export interface HeatNetwork {
  edges: NetworkEdge[];
  dispatch: Dispatch;
  lengthKm: number;
  capitalEur: number;
  annualisedEur: number;
  deliveredMWh: number;
  /** Per month, January first, MWh. */
  months: { supplyMWh: number; demandMWh: number; deliveredMWh: number }[];
}

const sum = (values: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i]!;
  return s;
};

/** The cost of a pipe, EUR: length × cost per metre at the capacity its peak month needs. */
export function pipeOf(
  lengthKm: number,
  monthlyMWh: readonly number[],
): { capacityMW: number; costEur: number } {
  let capacityMW = 0;
  for (let m = 0; m < 12; m++) capacityMW = Math.max(capacityMW, (monthlyMWh[m] ?? 0) / HOURS_PER_MONTH[m]!);
  return { capacityMW, costEur: lengthKm > 0 ? lengthKm * 1000 * pipeCostEurPerM(capacityMW) : 0 };
}

/** The tree over `members`, the heat it delivers through `pairs`, its pipes and their cost. */
export function layNetwork(
  members: readonly NetworkMember[],
  pairs: readonly NetworkPair[],
  rank?: ArrayLike<number>,
): HeatNetwork {
  const n = members.length;
  const tree = spanningTree(members);
  const children: number[][] = Array.from({ length: n }, () => []);
  for (let v = 0; v < n; v++) if (tree.parent[v]! >= 0) children[tree.parent[v]!]!.push(v);
  const fromSource = new Map<number, Float64Array>();
  const pathKm = pairs.map((p) => {
    let dist = fromSource.get(p.source);
    if (!dist) {
      dist = treeDistancesFrom(tree, children, p.source);
      fromSource.set(p.source, dist);
    }
    return dist[p.sink]!;
  });
  const dispatch = dispatchNearestFirst(members, pairs, pathKm, rank);

  // Net injection of each member per month: heat sent into the pipes minus heat taken out.
  const edgesMonthly = Array.from({ length: n }, () => new Array<number>(12).fill(0));
  for (let m = 0; m < 12; m++) {
    const net = new Float64Array(n);
    pairs.forEach((p, k) => {
      const sent = dispatch.pairSent[m]![k]!;
      net[p.source]! += sent;
      net[p.sink]! -= sent;
    });
    // Children before parents: each subtree's net flows up its edge.
    for (let k = n - 1; k > 0; k--) {
      const v = tree.order[k]!;
      const up = tree.parent[v]!;
      edgesMonthly[v]![m] = Math.abs(net[v]!);
      net[up]! += net[v]!;
    }
  }
  const edges: NetworkEdge[] = [];
  for (let k = 1; k < n; k++) {
    const v = tree.order[k]!;
    const lengthKm = tree.lengthKm[v]!;
    const monthlyMWh = edgesMonthly[v]!;
    edges.push({ from: v, to: tree.parent[v]!, lengthKm, monthlyMWh, ...pipeOf(lengthKm, monthlyMWh) });
  }
  const capitalEur = edges.reduce((s, e) => s + e.costEur, 0);
  const months = Array.from({ length: 12 }, (_, m) => {
    let supplyMWh = 0;
    let demandMWh = 0;
    for (const member of members) {
      if (member.source) supplyMWh += member.months[m] ?? 0;
      else demandMWh += member.months[m] ?? 0;
    }
    return { supplyMWh, demandMWh, deliveredMWh: sum(dispatch.delivered[m]!) };
  });
  return {
    edges,
    dispatch,
    lengthKm: edges.reduce((s, e) => s + e.lengthKm, 0),
    capitalEur,
    annualisedEur: capitalEur * ANNUITY,
    deliveredMWh: months.reduce((s, m) => s + m.deliveredMWh, 0),
    months,
  };
}
