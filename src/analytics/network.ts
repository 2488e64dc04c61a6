/**
 * The regional symbiosis network (issue 11): rows in → typed arrays (and a graphology graph where
 * a graphology library computes the metric) → plain objects out. Pure: no I/O; the service runs
 * the named queries and decides which exchanges are realised (implemented, agreed) and which are
 * potential (allocated suggestions above a threshold); this module only reads the `realised` flag.
 * graphology stays inside src/analytics/: graphs are held in private fields and every method
 * returns plain, JSON-ready objects.
 *
 * Views of one network (node i and edge j are the i-th node row and j-th edge row in id order):
 *   rows        the node and edge rows themselves, and each exchange's endpoints as node indices
 *               (`from[j]`: the offering side, `to[j]`: the receiving side), built in buildNetwork.
 *   csr         the undirected simple projection as typed arrays, built in buildNetwork: one link
 *               per pair of nodes that exchange anything, weighted by how many exchanges it
 *               carries; self-loops dropped. Density, betweenness, bridges, communities and the
 *               layout are taken on it, so that direction and parallel exchanges do not change
 *               who connects whom.
 *   projection  the same as a graphology undirected graph (louvain-csr.ts' projectionOf), built
 *               when a graphology library first needs one (exact betweenness, the layout).
 *               Louvain reads the projection from a read-only view of the csr instead
 *               (louvain-csr.ts): building the graphology graph took longer than Louvain itself.
 *               The first version also built a graphology multi directed graph of every exchange
 *               (3 s and most of the memory at 100,000 nodes and 500,000 exchanges), for
 *               graphology-components alone.
 *
 * Which library computes what (graphology's own wherever it has the metric):
 *   density                 graphology-metrics `undirectedDensity` (of the projection's links)
 *   betweenness, exact      graphology-metrics `betweennessCentrality` (Brandes, unweighted), on
 *                           small networks (see betweenness)
 *   communities             graphology-communities-louvain, seeded rng, on the projection (read
 *                           through the csr view, louvain-csr.ts)
 *   layout                  graphology-layout `random` (seeded) + graphology-layout-forceatlas2
 *   own code, where graphology lacks it or would need the network copied first (said at each):
 *     components            union-find over the exchanges (weakly connected; graphology-components
 *                           took 1.7 s on the multigraph at 100,000 nodes, the union-find 20 ms;
 *                           the unit test holds the two to the same partition)
 *     weighted degree       one pass for CO2e and the quantity of every unit (see weightedDegrees)
 *     betweenness, sampled  Brandes from k seeded pivots, linearly scaled, × n / k
 *                           (network-algorithms.ts)
 *     bridges               Tarjan's bridge-finding (network-algorithms.ts)
 *     heat clusters         union-find over the energy exchanges in reach (network-algorithms.ts)
 *     realised share        one pass over the exchanges
 *
 * Cost at 100,000 nodes and 500,000 exchanges (bench:network, 2 cores): build about 0.7 s, most
 * of it looking up each exchange's two endpoint ids; `metrics()` about 2.3 s: Louvain about 1 s,
 * the sampled betweenness (32 pivots) about 0.75 s, every other metric 0.2 s or less.
 *
 * Deterministic: rows are put in id order first (a no-op when the query already orders them), so
 * the same rows in any order give the same communities, pivots and layout for the same seed.
 */
import type { UndirectedGraph } from 'graphology';
import louvainModule from 'graphology-communities-louvain';
import randomLayoutModule from 'graphology-layout/random.js';
import forceAtlas2Module from 'graphology-layout-forceatlas2';
import betweennessModule from 'graphology-metrics/centrality/betweenness.js';
import { undirectedDensity } from 'graphology-metrics/graph/density.js';
import { haversineKm } from '../domain/geo.ts';
import { LISTING_KINDS, type ListingKind } from '../domain/listing-kinds.ts';
import { type ErrorDetail, validationError } from '../errors.ts';
import { louvainOnCsr, projectionOf } from './louvain-csr.ts';
import {
  betweennessFromSources,
  buildCsr,
  type Csr,
  findBridges,
  mulberry32,
  samplePivots,
  unionFind,
} from './network-algorithms.ts';

// These packages are CommonJS (`module.exports = fn`) with declarations that say `export default`:
// Node hands an ES module the function itself as the default, TypeScript expects it under `.default`.
const louvain = louvainModule as unknown as typeof louvainModule.default;
const randomLayout = randomLayoutModule as unknown as typeof randomLayoutModule.default;
const forceAtlas2 = forceAtlas2Module as unknown as typeof forceAtlas2Module.default;
const betweennessCentrality = betweennessModule as unknown as typeof betweennessModule.default;

// ---------------------------------------------------------------------------------------------
// Rows in

export type NetworkNodeKind = 'company' | 'site';

export interface NetworkNodeRow {
  id: string;
  /** Shown only when the node is not anonymised. */
  label?: string;
  kind: NetworkNodeKind;
  lat?: number;
  lon?: number;
  /** An anonymous participant: its label never leaves this module. */
  anonymised: boolean;
  regions?: string[];
}

export interface NetworkEdgeRow {
  id: string;
  /** The offering side. */
  source: string;
  /** The receiving side. */
  target: string;
  kind: ListingKind;
  quantity: number;
  unit: string;
  co2eAvoidedT: number;
  state: string;
  /** true: an implemented or agreed exchange; false: a potential one (an allocated suggestion). */
  realised: boolean;
  readiness?: number;
  /** The pipe's or road's length; when absent, the great-circle distance of the two nodes, if known. */
  distanceKm?: number;
}

// ---------------------------------------------------------------------------------------------
// Plain objects out

export interface NetworkSummary {
  nodes: number;
  edges: number;
  realisedEdges: number;
  potentialEdges: number;
  /** Distinct pairs of nodes that exchange anything (links of the undirected simple projection). */
  links: number;
  /** Exchanges whose source and target are the same node (kept in counts, not in links). */
  selfLoops: number;
  /** links / possible links = 2·links / (n(n − 1)); 0 below two nodes. */
  density: number;
}

export interface ComponentsResult {
  count: number;
  /** Nodes in the largest component. */
  largest: number;
  /** Components of one node (no exchange at all). */
  isolated: number;
  /** Every component's node ids (sorted), largest first, ties by first id. */
  members: string[][];
}

export interface NodeDegree {
  id: string;
  /** Exchanges at the node, in and out (a self-loop counts once). */
  exchanges: number;
  inbound: number;
  outbound: number;
  /** Distinct nodes it exchanges with. */
  neighbours: number;
  /** CO2e avoided by the exchanges at the node, t/yr (weighted degree). */
  co2eAvoidedT: number;
  /** Quantity exchanged at the node, per unit (weighted degree kept per unit). */
  quantityByUnit: Record<string, number>;
}

export interface Hub extends NodeDegree {
  label?: string;
  kind: NetworkNodeKind;
}

export interface BetweennessOptions {
  /** Seed of the pivot sample (sampled method only). */
  seed?: number;
  /** Force sampling from this many pivots (≥ the node count means exact). */
  pivots?: number;
  /** Exact when n × (n + 2·links) is at most this (default 5e7 steps: about a second on 2 cores). */
  exactWorkLimit?: number;
  /** Above that, as many pivots as fit in this many steps (default 3.2e7, see SAMPLE_WORK), at least 32. */
  sampleWork?: number;
}

export interface BetweennessResult {
  method: 'exact' | 'sampled';
  /** Sources the dependencies were accumulated from (n when exact). */
  pivots: number;
  seed: number | null;
  /** Per node in id order: shortest paths between other pairs through it (undirected, hops), and
   *  that count over the (n − 1)(n − 2)/2 pairs it could lie between. Estimates when sampled. */
  values: { id: string; betweenness: number; normalized: number }[];
}

export interface CommunityOptions {
  seed?: number;
  resolution?: number;
}

export interface CommunitiesResult {
  count: number;
  modularity: number;
  seed: number;
  resolution: number;
  /** Largest first (ties by first id); `index` is the community's number in NodeMetrics. */
  communities: { index: number; size: number; members: string[] }[];
}

export interface Bridge {
  /** The two nodes, in id order. */
  nodes: [string, string];
  /** The exchanges the link carries (either direction). */
  exchanges: string[];
  /** Nodes on the smaller side once the link is gone. */
  cutOff: number;
  /** Nodes in the component the link belongs to. */
  component: number;
}

export interface BridgesResult {
  count: number;
  /** Those cutting off most first, ties by node ids. */
  bridges: Bridge[];
}

export interface Share {
  realised: number;
  potential: number;
  /** realised / (realised + potential); null when both are 0. */
  share: number | null;
}

export interface RealisedShareResult {
  byCount: Share;
  co2eAvoidedT: Share;
  byKind: {
    kind: ListingKind;
    byCount: Share;
    co2eAvoidedT: Share;
    /** Per unit: a kind may be measured in more than one. */
    quantity: (Share & { unit: string })[];
  }[];
}

export interface HeatCluster {
  /** Node ids, sorted. */
  nodes: string[];
  /** Nodes that supply heat to another node of the cluster within reach. */
  sources: string[];
  /** Nodes that take heat within reach. */
  sinks: string[];
  exchanges: string[];
  realised: number;
  potential: number;
  quantityByUnit: Record<string, number>;
  co2eAvoidedT: number;
  /** The longest exchange in the cluster, km. */
  maxDistanceKm: number;
}

export interface HeatClustersResult {
  reachKm: number;
  /** Energy exchanges whose distance is at most `reachKm`. */
  inReach: number;
  outOfReach: number;
  /** Energy exchanges with no distance and nodes without coordinates: left out. */
  withoutDistance: number;
  /** Largest first (ties by first id). */
  clusters: HeatCluster[];
}

export interface LayoutOptions {
  seed?: number;
  /** ForceAtlas2 iterations after the seeded random start; 0 keeps the random start. */
  iterations?: number;
}

export interface LayoutResult {
  seed: number;
  iterations: number;
  positions: { id: string; x: number; y: number }[];
}

export interface NetworkMetricsOptions {
  /** One seed for Louvain and the betweenness sample (default 1). */
  seed?: number;
  hubs?: number;
  /** Rank hubs by CO2e-weighted degree (default) or by exchange count. */
  hubsBy?: 'co2e' | 'exchanges';
  heatReachKm?: number;
  betweenness?: Omit<BetweennessOptions, 'seed'>;
  resolution?: number;
}

export interface NodeMetrics extends NodeDegree {
  label?: string;
  kind: NetworkNodeKind;
  betweenness: number;
  normalizedBetweenness: number;
  /** Index into `communities.sizes`. */
  community: number;
  /** Index into `components.sizes`. */
  component: number;
}

export interface NetworkMetrics {
  summary: NetworkSummary;
  components: { count: number; largest: number; isolated: number; sizes: number[] };
  betweenness: { method: 'exact' | 'sampled'; pivots: number; seed: number | null };
  communities: { count: number; modularity: number; seed: number; resolution: number; sizes: number[] };
  /** Per node, in id order. */
  nodes: NodeMetrics[];
  hubs: Hub[];
  bridges: BridgesResult;
  realisedShare: RealisedShareResult;
  heatClusters: HeatClustersResult;
}

export const DEFAULT_SEED = 1;
export const DEFAULT_HEAT_REACH_KM = 10;
export const DEFAULT_HUBS = 10;
const EXACT_WORK_LIMIT = 5e7;
/**
 * Steps of the sampled betweenness: 32 pivots at 100,000 nodes and 500,000 exchanges, about
 * 0.75 s there. On bench:network's network, against a reference from 2,000 pivots, the estimate
 * from 32 linearly scaled pivots ranks the nodes with a Spearman correlation of 0.73 and puts
 * the 100 most central nodes within a median 50 % of their reference value: as well ranked as,
 * and closer than, plain Brandes from 56 pivots, the default before (0.73 and 59 %, for 1.75 times
 * the work); 56 scaled pivots gave 0.77 and 43 %. That network's betweenness is nearly flat (its
 * 99th percentile is 6 × its median), the hard case for a sample: where a few brokers carry the
 * paths, they stand out from a few pivots on.
 */
const SAMPLE_WORK = 3.2e7;
const MIN_PIVOTS = 32;
/** hubs() sorts every node above this count; below, it keeps the best `count` in one pass. */
const HUBS_BY_SELECTION = 64;

// ---------------------------------------------------------------------------------------------
// The network

interface Position {
  x?: number;
  y?: number;
}

/**
 * Rows in id order (the input array itself when it already is), and the first ids that come
 * twice. One comparison per row when the ids strictly ascend, as the named queries return them.
 */
function inIdOrder<T extends { id: string }>(
  rows: readonly T[],
  path: string,
  details: ErrorDetail[],
): readonly T[] {
  let i = 1;
  while (i < rows.length && rows[i - 1]!.id < rows[i]!.id) i++;
  if (i >= rows.length) return rows;
  const sorted = [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (let k = 1; k < sorted.length && details.length < 20; k++) {
    if (sorted[k]!.id === sorted[k - 1]!.id) details.push({ path, message: `'${sorted[k]!.id}' twice` });
  }
  return sorted;
}

const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function share(realised: number, potential: number): Share {
  const total = realised + potential;
  return { realised, potential, share: total === 0 ? null : realised / total };
}

function addTo(record: Record<string, number>, key: string, value: number): void {
  record[key] = (record[key] ?? 0) + value;
}

/**
 * Numbers the groups of a union-find (`root[i]`, the smallest node of i's group) largest first,
 * ties by first id — index order is id order, and a group's root is its first node — without
 * comparing a string. Returns each node's group number and each group's size.
 */
function numberGroups(root: Int32Array): { group: Int32Array; sizes: number[] } {
  const n = root.length;
  const size = new Int32Array(n);
  for (let i = 0; i < n; i++) size[root[i]!]!++;
  // A counting sort of the roots by size, largest first; roots are visited in ascending order, so
  // equal sizes keep it.
  const bySize = new Int32Array(n + 2);
  let groups = 0;
  for (let i = 0; i < n; i++) {
    if (root[i] === i) {
      bySize[n - size[i]! + 1]!++;
      groups++;
    }
  }
  for (let s = 0; s <= n; s++) bySize[s + 1]! += bySize[s]!;
  const number = new Int32Array(n);
  const sizes = new Array<number>(groups);
  for (let i = 0; i < n; i++) {
    if (root[i] !== i) continue;
    const c = bySize[n - size[i]!]!++;
    number[i] = c;
    sizes[c] = size[i]!;
  }
  const group = new Int32Array(n);
  for (let i = 0; i < n; i++) group[i] = number[root[i]!]!;
  return { group, sizes };
}

/** Checks the rows and builds the network; duplicate ids and unknown endpoints are refused. */
export function buildNetwork(
  nodeRows: readonly NetworkNodeRow[],
  edgeRows: readonly NetworkEdgeRow[],
): SymbiosisNetwork {
  const details: ErrorDetail[] = [];
  const nodes = inIdOrder(nodeRows, 'nodes', details);
  const edges = inIdOrder(edgeRows, 'edges', details);
  if (details.length > 0) throw validationError('the network has duplicate ids', details);

  const ids = new Array<string>(nodes.length);
  const index = new Map<string, number>();
  for (let i = 0; i < nodes.length; i++) {
    ids[i] = nodes[i]!.id;
    index.set(ids[i]!, i);
  }
  const from = new Int32Array(edges.length);
  const to = new Int32Array(edges.length);
  for (let j = 0; j < edges.length; j++) {
    const row = edges[j]!;
    const s = index.get(row.source);
    const t = index.get(row.target);
    if (s === undefined || t === undefined) {
      const end = s === undefined ? 'source' : 'target';
      if (details.length < 20)
        details.push({ path: `edges.${row.id}.${end}`, message: `no node '${row[end]}'` });
      continue;
    }
    from[j] = s;
    to[j] = t;
  }
  if (details.length > 0) throw validationError('an edge names a node that is not in the network', details);
  return new Network(nodes, edges, ids, index, from, to);
}

/** A built network (buildNetwork); every method returns plain objects and no graphology type. */
export interface SymbiosisNetwork {
  readonly nodeCount: number;
  readonly edgeCount: number;
  /** Node ids in the order every per-node result uses (id order). */
  nodeIds(): string[];
  summary(): NetworkSummary;
  components(): ComponentsResult;
  weightedDegrees(): NodeDegree[];
  betweenness(options?: BetweennessOptions): BetweennessResult;
  communities(options?: CommunityOptions): CommunitiesResult;
  /** `degrees`: the weightedDegrees() already taken, if any. */
  hubs(count?: number, by?: 'co2e' | 'exchanges', degrees?: NodeDegree[]): Hub[];
  bridges(): BridgesResult;
  realisedShare(): RealisedShareResult;
  heatClusters(reachKm?: number): HeatClustersResult;
  layout(options?: LayoutOptions): LayoutResult;
  metrics(options?: NetworkMetricsOptions): NetworkMetrics;
}

class Network implements SymbiosisNetwork {
  /** In id order: node i of every typed array below and of the projection (key String(i)). */
  readonly #nodes: readonly NetworkNodeRow[];
  /** In id order: edge j of #from and #to. */
  readonly #edges: readonly NetworkEdgeRow[];
  readonly #ids: readonly string[];
  readonly #index: ReadonlyMap<string, number>;
  /** Each exchange's endpoints (node indices), in edge id order. */
  readonly #from: Int32Array;
  readonly #to: Int32Array;
  readonly #csr: Csr;
  #projection: UndirectedGraph<Position, { weight: number }> | undefined;

  constructor(
    nodes: readonly NetworkNodeRow[],
    edges: readonly NetworkEdgeRow[],
    ids: readonly string[],
    index: ReadonlyMap<string, number>,
    from: Int32Array,
    to: Int32Array,
  ) {
    this.#nodes = nodes;
    this.#edges = edges;
    this.#ids = ids;
    this.#index = index;
    this.#from = from;
    this.#to = to;
    this.#csr = buildCsr(nodes.length, from, to);
  }

  get nodeCount(): number {
    return this.#nodes.length;
  }

  get edgeCount(): number {
    return this.#edges.length;
  }

  nodeIds(): string[] {
    return [...this.#ids];
  }

  summary(): NetworkSummary {
    const edges = this.#edges;
    const from = this.#from;
    const to = this.#to;
    let realisedEdges = 0;
    let selfLoops = 0;
    for (let j = 0; j < edges.length; j++) {
      if (edges[j]!.realised) realisedEdges++;
      if (from[j] === to[j]) selfLoops++;
    }
    const n = this.#nodes.length;
    const links = this.#csr.targets.length / 2;
    return {
      nodes: n,
      edges: edges.length,
      realisedEdges,
      potentialEdges: edges.length - realisedEdges,
      links,
      selfLoops,
      density: n < 2 ? 0 : undirectedDensity(n, links),
    };
  }

  /**
   * Weakly connected components (exchanges in either direction connect): a union-find over the
   * exchanges' endpoints (network-algorithms.ts). graphology-components walked the multigraph for
   * the same partition (1.7 s at 100,000 nodes and 500,000 exchanges, against some 20 ms); the
   * unit test holds the two to each other on random multigraphs.
   */
  components(): ComponentsResult {
    const { group, sizes } = this.#components();
    const members = sizes.map(() => [] as string[]);
    // Index order is id order: every member list comes out sorted.
    for (let i = 0; i < group.length; i++) members[group[i]!]!.push(this.#ids[i]!);
    let isolated = 0;
    for (const size of sizes) if (size === 1) isolated++;
    return { count: sizes.length, largest: sizes[0] ?? 0, isolated, members };
  }

  /** Each node's component, numbered largest first (ties by first id), and the sizes. */
  #components(): { group: Int32Array; sizes: number[] } {
    return numberGroups(unionFind(this.#nodes.length, this.#from, this.#to));
  }

  /**
   * Per node in id order: exchange counts, CO2e-weighted degree and quantity per unit, in one pass
   * over the exchanges. (graphology-metrics' weightedDegree takes one weight per call and walks
   * the node's edges each time: CO2e and every unit would be 1 + units walks; the unit test holds
   * the CO2e figures to it.)
   */
  weightedDegrees(): NodeDegree[] {
    const n = this.#ids.length;
    const exchanges = new Int32Array(n);
    const inbound = new Int32Array(n);
    const outbound = new Int32Array(n);
    const co2e = new Float64Array(n);
    const units = new Map<string, Float64Array>();
    const edges = this.#edges;
    const from = this.#from;
    const to = this.#to;
    let lastUnit: string | undefined;
    let quantity: Float64Array = new Float64Array(0);
    for (let j = 0; j < edges.length; j++) {
      const row = edges[j]!;
      const s = from[j]!;
      const t = to[j]!;
      if (row.unit !== lastUnit) {
        lastUnit = row.unit;
        let q = units.get(row.unit);
        if (q === undefined) {
          q = new Float64Array(n);
          units.set(row.unit, q);
        }
        quantity = q;
      }
      outbound[s]!++;
      inbound[t]!++;
      exchanges[s]!++;
      co2e[s]! += row.co2eAvoidedT;
      quantity[s]! += row.quantity;
      if (s !== t) {
        exchanges[t]!++;
        co2e[t]! += row.co2eAvoidedT;
        quantity[t]! += row.quantity;
      }
    }
    const unitList = [...units.keys()].sort(compareIds);
    const perUnit = unitList.map((unit) => units.get(unit)!);
    const { offsets } = this.#csr;
    const degrees = new Array<NodeDegree>(n);
    for (let i = 0; i < n; i++) {
      const quantityByUnit: Record<string, number> = {};
      for (let u = 0; u < unitList.length; u++) {
        const q = perUnit[u]![i]!;
        if (q !== 0) quantityByUnit[unitList[u]!] = q;
      }
      degrees[i] = {
        id: this.#ids[i]!,
        exchanges: exchanges[i]!,
        inbound: inbound[i]!,
        outbound: outbound[i]!,
        neighbours: offsets[i + 1]! - offsets[i]!,
        co2eAvoidedT: co2e[i]!,
        quantityByUnit,
      };
    }
    return degrees;
  }

  /**
   * Betweenness on the undirected simple projection, in hops. Exact (graphology-metrics, Brandes)
   * while n × (n + 2·links) fits `exactWorkLimit`; above it, Brandes from k pivots drawn with the
   * seed, each pivot's dependencies linearly scaled (Geisberger, Sanders and Schultes 2008: a
   * node next to a pivot is not credited with all of the pivot's paths), the sum scaled by n / k:
   * an unbiased estimate whose error shrinks as 1/√k; the central nodes come out right long
   * before the tail does (see SAMPLE_WORK). The result says which it was.
   */
  betweenness(options: BetweennessOptions = {}): BetweennessResult {
    const { method, pivots, seed, values } = this.#betweenness(options);
    const n = values.length;
    const pairs = (n - 1) * (n - 2);
    return {
      method,
      pivots,
      seed,
      values: this.#ids.map((id, i) => ({
        id,
        betweenness: values[i]!,
        normalized: pairs > 0 ? (2 * values[i]!) / pairs : 0,
      })),
    };
  }

  /** betweenness(), each node's figure in a typed array. */
  #betweenness(options: BetweennessOptions): {
    method: 'exact' | 'sampled';
    pivots: number;
    seed: number | null;
    values: Float64Array;
  } {
    const { n, targets } = this.#csr;
    const seed = options.seed ?? DEFAULT_SEED;
    const perSource = n + targets.length;
    const pivots =
      options.pivots ??
      (n * perSource <= (options.exactWorkLimit ?? EXACT_WORK_LIMIT)
        ? n
        : Math.max(MIN_PIVOTS, Math.floor((options.sampleWork ?? SAMPLE_WORK) / perSource)));
    // graphology-metrics refuses a graph without nodes (its stack needs a positive capacity).
    if (n === 0) return { method: 'exact', pivots: 0, seed: null, values: new Float64Array(0) };
    if (pivots >= n) {
      const raw = betweennessCentrality(this.#undirectedProjection(), {
        getEdgeWeight: null,
        normalized: false,
      });
      return {
        method: 'exact',
        pivots: n,
        seed: null,
        values: Float64Array.from({ length: n }, (_b, i) => raw[String(i)] ?? 0),
      };
    }
    const sources = samplePivots(n, pivots, mulberry32(seed));
    const values = betweennessFromSources(this.#csr, sources);
    const scale = n / sources.length;
    for (let i = 0; i < n; i++) values[i]! *= scale;
    return { method: 'sampled', pivots: sources.length, seed, values };
  }

  /**
   * The projection as a graphology undirected graph (louvain-csr.ts' projectionOf: node i under
   * the key String(i), each link weighted by the exchanges it carries), built when first needed:
   * exact betweenness, the layout, and Louvain should the CSR view not do. 1.4 to 2 s at 100,000
   * nodes and 480,000 links: graphology keeps each node's neighbours in an object keyed by
   * neighbour.
   */
  #undirectedProjection(): UndirectedGraph<Position, { weight: number }> {
    this.#projection ??= projectionOf(this.#csr);
    return this.#projection;
  }

  /**
   * Louvain (graphology-communities-louvain, seeded rng) on the projection, each link weighted by
   * the exchanges it carries. Undirected on purpose: directed modularity's local moves can cycle
   * without end (a 100,000-node random graph ran for over ten minutes). The library reads the
   * projection from a view of the CSR (louvain-csr.ts: the same nodes and edges in the same order
   * as the graphology projection, so the same communities), or from the graphology projection if
   * this version of the library reads more than the view answers. Communities are numbered largest
   * first, ties by their first id.
   */
  communities(options: CommunityOptions = {}): CommunitiesResult {
    return this.#communities(options, true).result;
  }

  /** communities() (member lists only when asked) and each node's community number. */
  #communities(
    options: CommunityOptions,
    withMembers: boolean,
  ): { result: CommunitiesResult; community: Int32Array } {
    const seed = options.seed ?? DEFAULT_SEED;
    const resolution = options.resolution ?? 1;
    const detailed =
      louvainOnCsr(this.#csr, { resolution, rng: mulberry32(seed) }) ??
      louvain.detailed(this.#undirectedProjection(), {
        getEdgeWeight: 'weight',
        resolution,
        rng: mulberry32(seed),
      });
    const n = this.#ids.length;
    const label = new Int32Array(n);
    let labels = 0;
    for (let i = 0; i < n; i++) {
      label[i] = detailed.communities[String(i)]!;
      if (label[i]! >= labels) labels = label[i]! + 1;
    }
    // A community's first node is its smallest index (index order is id order).
    const first = new Int32Array(labels).fill(-1);
    const size = new Int32Array(labels);
    for (let i = 0; i < n; i++) {
      if (first[label[i]!] === -1) first[label[i]!] = i;
      size[label[i]!]!++;
    }
    const order = Array.from({ length: labels }, (_c, c) => c)
      .filter((c) => size[c]! > 0)
      .sort((a, b) => size[b]! - size[a]! || first[a]! - first[b]!);
    const number = new Int32Array(labels);
    order.forEach((c, index) => {
      number[c] = index;
    });
    const members = order.map(() => [] as string[]);
    const community = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      community[i] = number[label[i]!]!;
      if (withMembers) members[community[i]!]!.push(this.#ids[i]!);
    }
    return {
      result: {
        count: order.length,
        modularity: detailed.modularity,
        seed,
        resolution,
        communities: order.map((c, index) => ({ index, size: size[c]!, members: members[index]! })),
      },
      community,
    };
  }

  /** The top `count` nodes by CO2e-weighted degree (or by exchanges), ties by exchanges, then id. */
  hubs(count = DEFAULT_HUBS, by: 'co2e' | 'exchanges' = 'co2e', degrees = this.weightedDegrees()): Hub[] {
    const key = (d: NodeDegree): number => (by === 'co2e' ? d.co2eAvoidedT : d.exchanges);
    const before = (a: NodeDegree, b: NodeDegree): number =>
      key(b) - key(a) || b.exchanges - a.exchanges || compareIds(a.id, b.id);
    const limit = count > 0 ? Math.floor(count) : 0;
    let top: NodeDegree[];
    if (limit > HUBS_BY_SELECTION) top = [...degrees].sort(before).slice(0, limit);
    else {
      // The best `limit` so far, in order: one pass, one comparison for most nodes.
      top = [];
      for (const d of degrees) {
        if (top.length === limit && (limit === 0 || before(d, top[limit - 1]!) >= 0)) continue;
        let at = top.length;
        while (at > 0 && before(d, top[at - 1]!) < 0) at--;
        top.splice(at, 0, d);
        if (top.length > limit) top.pop();
      }
    }
    return top.map((d) => ({ ...d, ...this.#identity(this.#index.get(d.id)!) }));
  }

  /** Node i's label (unless anonymised) and kind. */
  #identity(i: number): { label?: string; kind: NetworkNodeKind } {
    const { label, kind, anonymised } = this.#nodes[i]!;
    return anonymised || label === undefined ? { kind } : { label, kind };
  }

  /** Links of the projection whose removal splits their component (Tarjan). */
  bridges(): BridgesResult {
    const ids = this.#ids;
    const found = findBridges(this.#csr);
    // The exchanges of each bridge's link, in one pass over the exchanges (in id order, so each
    // list comes out sorted); only exchanges between two bridge ends are looked up.
    const n = ids.length;
    const end = new Uint8Array(n);
    const slot = new Map<number, number>();
    found.forEach(({ u, v }, b) => {
      end[u] = end[v] = 1;
      slot.set(u < v ? u * n + v : v * n + u, b);
    });
    const exchanges = found.map(() => [] as string[]);
    if (found.length > 0) {
      const from = this.#from;
      const to = this.#to;
      for (let j = 0; j < from.length; j++) {
        const s = from[j]!;
        const t = to[j]!;
        if (s === t || end[s] === 0 || end[t] === 0) continue;
        const b = slot.get(s < t ? s * n + t : t * n + s);
        if (b !== undefined) exchanges[b]!.push(this.#edges[j]!.id);
      }
    }
    // Tarjan's u is the DFS parent of v; the nodes are reported in id order.
    const bridges = found.map(({ u, v, sideV, component }, b): Bridge => {
      const [a, c] = u < v ? [ids[u]!, ids[v]!] : [ids[v]!, ids[u]!];
      return {
        nodes: [a, c],
        exchanges: exchanges[b]!,
        cutOff: Math.min(sideV, component - sideV),
        component,
      };
    });
    bridges.sort(
      (x, y) =>
        y.cutOff - x.cutOff || compareIds(x.nodes[0], y.nodes[0]) || compareIds(x.nodes[1], y.nodes[1]),
    );
    return { count: bridges.length, bridges };
  }

  /**
   * Of all exchanges in the network (realised + potential), the share realised: by count, by
   * CO2e, and per kind by count, CO2e and quantity per unit. Realised and potential figures are
   * reported side by side; they meet only in the denominator of the share.
   */
  realisedShare(): RealisedShareResult {
    type Tally = { r: number; p: number };
    const tally = (): Tally => ({ r: 0, p: 0 });
    const count = tally();
    const co2e = tally();
    const kinds = new Map<ListingKind, { count: Tally; co2e: Tally; units: Map<string, Tally> }>();
    for (const row of this.#edges) {
      let kind = kinds.get(row.kind);
      if (kind === undefined) {
        kind = { count: tally(), co2e: tally(), units: new Map() };
        kinds.set(row.kind, kind);
      }
      let unit = kind.units.get(row.unit);
      if (unit === undefined) {
        unit = tally();
        kind.units.set(row.unit, unit);
      }
      if (row.realised) {
        count.r++;
        co2e.r += row.co2eAvoidedT;
        kind.count.r++;
        kind.co2e.r += row.co2eAvoidedT;
        unit.r += row.quantity;
      } else {
        count.p++;
        co2e.p += row.co2eAvoidedT;
        kind.count.p++;
        kind.co2e.p += row.co2eAvoidedT;
        unit.p += row.quantity;
      }
    }
    return {
      byCount: share(count.r, count.p),
      co2eAvoidedT: share(co2e.r, co2e.p),
      byKind: LISTING_KINDS.filter((k) => kinds.has(k)).map((k) => {
        const kind = kinds.get(k)!;
        return {
          kind: k,
          byCount: share(kind.count.r, kind.count.p),
          co2eAvoidedT: share(kind.co2e.r, kind.co2e.p),
          quantity: [...kind.units]
            .sort(([a], [b]) => compareIds(a, b))
            .map(([unit, t]) => ({ unit, ...share(t.r, t.p) })),
        };
      }),
    };
  }

  /**
   * Heat: the clusters of sources and sinks within a pipe's reach of each other — connected
   * components of the graph of energy exchanges (realised or potential) no longer than `reachKm`.
   * An exchange's length is its `distanceKm`, else the great-circle distance of its two nodes;
   * exchanges with neither are counted and left out; self-loops make no cluster. Own union-find
   * over the exchanges in reach: graphology-components would need them copied into a graph of
   * their own first (its edge-filtered variant counts component sizes, it does not list members).
   */
  heatClusters(reachKm = DEFAULT_HEAT_REACH_KM): HeatClustersResult {
    const nodes = this.#nodes;
    const edges = this.#edges;
    const from = this.#from;
    const to = this.#to;
    const inReach: number[] = [];
    const kmOf: number[] = [];
    let outOfReach = 0;
    let withoutDistance = 0;
    for (let j = 0; j < edges.length; j++) {
      const row = edges[j]!;
      if (row.kind !== 'energy') continue;
      let km = row.distanceKm;
      if (km === undefined) {
        const s = nodes[from[j]!]!;
        const t = nodes[to[j]!]!;
        if (s.lat !== undefined && s.lon !== undefined && t.lat !== undefined && t.lon !== undefined)
          km = haversineKm(s.lat, s.lon, t.lat, t.lon);
      }
      if (km === undefined || !Number.isFinite(km)) withoutDistance++;
      else if (km > reachKm) outOfReach++;
      else if (from[j] !== to[j]) {
        inReach.push(j);
        kmOf.push(km);
      }
    }
    const n = nodes.length;
    const ends = (side: Int32Array) => Int32Array.from(inReach, (j) => side[j]!);
    const sources = ends(from);
    const sinks = ends(to);
    // Every node an exchange in reach touches is in a group of two or more; the others are alone.
    const { group, sizes } = numberGroups(unionFind(n, sources, sinks));
    let count = 0;
    while (count < sizes.length && sizes[count]! > 1) count++;
    const isSource = new Uint8Array(n);
    const isSink = new Uint8Array(n);
    for (let k = 0; k < inReach.length; k++) {
      isSource[sources[k]!] = 1;
      isSink[sinks[k]!] = 1;
    }
    const clusters: HeatCluster[] = [];
    for (let c = 0; c < count; c++) {
      clusters.push({
        nodes: [],
        sources: [],
        sinks: [],
        exchanges: [],
        realised: 0,
        potential: 0,
        quantityByUnit: {},
        co2eAvoidedT: 0,
        maxDistanceKm: 0,
      });
    }
    // In index order, which is id order: every list comes out sorted.
    for (let i = 0; i < n; i++) {
      if (group[i]! >= count) continue;
      const cluster = clusters[group[i]!]!;
      cluster.nodes.push(this.#ids[i]!);
      if (isSource[i] === 1) cluster.sources.push(this.#ids[i]!);
      if (isSink[i] === 1) cluster.sinks.push(this.#ids[i]!);
    }
    for (let k = 0; k < inReach.length; k++) {
      const row = edges[inReach[k]!]!;
      const cluster = clusters[group[sources[k]!]!]!;
      cluster.exchanges.push(row.id);
      if (row.realised) cluster.realised++;
      else cluster.potential++;
      addTo(cluster.quantityByUnit, row.unit, row.quantity);
      cluster.co2eAvoidedT += row.co2eAvoidedT;
      if (kmOf[k]! > cluster.maxDistanceKm) cluster.maxDistanceKm = kmOf[k]!;
    }
    return { reachKm, inReach: inReach.length, outOfReach, withoutDistance, clusters };
  }

  /**
   * Positions for a network picture: a seeded random start in the unit square (graphology-layout),
   * then ForceAtlas2 (graphology-layout-forceatlas2 with its settings for the graph's size, so
   * Barnes-Hut above 2,000 nodes) on the projection, each link pulling with the exchanges it
   * carries. Deterministic for the same
   * rows and seed. Default iterations: 100 up to 2,000 nodes, else 10.
   */
  layout(options: LayoutOptions = {}): LayoutResult {
    const seed = options.seed ?? DEFAULT_SEED;
    const projection = this.#undirectedProjection();
    const iterations = options.iterations ?? (projection.order <= 2000 ? 100 : 10);
    randomLayout.assign(projection, { rng: mulberry32(seed) });
    const mapping =
      iterations > 0
        ? forceAtlas2(projection, {
            iterations,
            getEdgeWeight: 'weight',
            settings: forceAtlas2.inferSettings(projection),
          })
        : null;
    return {
      seed,
      iterations,
      positions: this.#ids.map((id, i) => {
        const key = String(i);
        const p = mapping?.[key] ?? projection.getNodeAttributes(key);
        return { id, x: p.x!, y: p.y! };
      }),
    };
  }

  /** Every metric but the layout, with the per-node figures joined into one row per node. */
  metrics(options: NetworkMetricsOptions = {}): NetworkMetrics {
    const seed = options.seed ?? DEFAULT_SEED;
    const { group: component, sizes } = this.#components();
    const degrees = this.weightedDegrees();
    const betweenness = this.#betweenness({ ...options.betweenness, seed });
    const n = betweenness.values.length;
    const pairs = (n - 1) * (n - 2);
    const { result: communities, community } = this.#communities(
      { seed, resolution: options.resolution ?? 1 },
      false,
    );
    const nodes = new Array<NodeMetrics>(degrees.length);
    for (let i = 0; i < degrees.length; i++) {
      const d = degrees[i]!;
      const { label, kind, anonymised } = this.#nodes[i]!;
      const b = betweenness.values[i]!;
      const normalized = pairs > 0 ? (2 * b) / pairs : 0;
      // The same fields, in the same order, as { ...degree, ...identity, … }.
      nodes[i] =
        anonymised || label === undefined
          ? {
              id: d.id,
              exchanges: d.exchanges,
              inbound: d.inbound,
              outbound: d.outbound,
              neighbours: d.neighbours,
              co2eAvoidedT: d.co2eAvoidedT,
              quantityByUnit: d.quantityByUnit,
              kind,
              betweenness: b,
              normalizedBetweenness: normalized,
              community: community[i]!,
              component: component[i]!,
            }
          : {
              id: d.id,
              exchanges: d.exchanges,
              inbound: d.inbound,
              outbound: d.outbound,
              neighbours: d.neighbours,
              co2eAvoidedT: d.co2eAvoidedT,
              quantityByUnit: d.quantityByUnit,
              label,
              kind,
              betweenness: b,
              normalizedBetweenness: normalized,
              community: community[i]!,
              component: component[i]!,
            };
    }
    let isolated = 0;
    for (const size of sizes) if (size === 1) isolated++;
    return {
      summary: this.summary(),
      components: { count: sizes.length, largest: sizes[0] ?? 0, isolated, sizes },
      betweenness: { method: betweenness.method, pivots: betweenness.pivots, seed: betweenness.seed },
      communities: {
        count: communities.count,
        modularity: communities.modularity,
        seed,
        resolution: communities.resolution,
        sizes: communities.communities.map((c) => c.size),
      },
      nodes,
      hubs: this.hubs(options.hubs ?? DEFAULT_HUBS, options.hubsBy ?? 'co2e', degrees),
      bridges: this.bridges(),
      realisedShare: this.realisedShare(),
      heatClusters: this.heatClusters(options.heatReachKm ?? DEFAULT_HEAT_REACH_KM),
    };
  }
}
