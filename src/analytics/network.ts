/**
 * The regional symbiosis network (issue 11): rows in → a graphology graph → plain objects out.
 * Pure: no I/O; the service runs the named queries and decides which exchanges are realised
 * (implemented, agreed) and which are potential (allocated suggestions above a threshold); this
 * module only reads the `realised` flag. graphology stays inside src/analytics/: the graph is held
 * in a private field and every method returns plain, JSON-ready objects.
 *
 * Views of one network, built in `buildNetwork` (the last one when first needed):
 *   graph       a graphology multi directed graph, one node per company or site and one edge per
 *               exchange (source: the offering side, target: the receiving side; the edge's
 *               attributes are its row).
 *   csr         the undirected simple projection as typed arrays: one link per pair of nodes that
 *               exchange anything, weighted by how many exchanges it carries; self-loops dropped.
 *               Density, betweenness, bridges, communities and the layout are taken on it, so
 *               that direction and parallel exchanges do not change who connects whom.
 *   projection  the same as a graphology undirected graph, for the libraries that need one.
 *
 * Which library computes what (graphology's own wherever it has the metric):
 *   density                 graphology-metrics `undirectedDensity` (of the projection's links)
 *   components              graphology-components on the graph (weakly connected)
 *   betweenness, exact      graphology-metrics `betweennessCentrality` (Brandes, unweighted), on
 *                           small networks (see betweenness)
 *   communities             graphology-communities-louvain, seeded rng
 *   layout                  graphology-layout `random` (seeded) + graphology-layout-forceatlas2
 *   own code, where graphology lacks it or would need the network copied first (said at each):
 *     weighted degree       one pass for CO2e and the quantity of every unit (see weightedDegrees)
 *     betweenness, sampled  Brandes from k seeded pivots, scaled by n / k (network-algorithms.ts)
 *     bridges               Tarjan's bridge-finding (network-algorithms.ts)
 *     heat clusters         union-find over the energy exchanges in reach (network-algorithms.ts)
 *     realised share        one pass over the exchanges
 *
 * Deterministic: rows are put in id order first (a no-op when the query already orders them), so
 * the same rows in any order give the same communities, pivots and layout for the same seed.
 */
import { MultiDirectedGraph, UndirectedGraph } from 'graphology';
import louvainModule from 'graphology-communities-louvain';
import { connectedComponents } from 'graphology-components';
import randomLayoutModule from 'graphology-layout/random.js';
import forceAtlas2Module from 'graphology-layout-forceatlas2';
import betweennessModule from 'graphology-metrics/centrality/betweenness.js';
import { undirectedDensity } from 'graphology-metrics/graph/density.js';
import { haversineKm } from '../domain/geo.ts';
import { LISTING_KINDS, type ListingKind } from '../domain/listing-kinds.ts';
import { type ErrorDetail, validationError } from '../errors.ts';
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
  /** Exact when n × (n + 2·links) is at most this (default 5e7 steps, well under a second). */
  exactWorkLimit?: number;
  /** Above that, as many pivots as fit in this many steps (default 6e7), at least 32. */
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
const SAMPLE_WORK = 6e7;
const MIN_PIVOTS = 32;

// ---------------------------------------------------------------------------------------------
// The graph

interface Position {
  x?: number;
  y?: number;
}

/** Rows in id order; the input array itself when it already is. */
function inIdOrder<T extends { id: string }>(rows: readonly T[]): readonly T[] {
  for (let i = 1; i < rows.length; i++) {
    if (rows[i - 1]!.id >= rows[i]!.id)
      return [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
  return rows;
}

const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const largestFirst = (a: string[], b: string[]): number => b.length - a.length || compareIds(a[0]!, b[0]!);

function share(realised: number, potential: number): Share {
  const total = realised + potential;
  return { realised, potential, share: total === 0 ? null : realised / total };
}

function addTo(record: Record<string, number>, key: string, value: number): void {
  record[key] = (record[key] ?? 0) + value;
}

/** Groups node indices by label (e.g. a union-find's roots), as sorted id lists, largest first. */
function groupsOf(
  ids: readonly string[],
  label: ArrayLike<number>,
  keep: (i: number) => boolean,
): string[][] {
  const groups = new Map<number, string[]>();
  for (let i = 0; i < ids.length; i++) {
    if (!keep(i)) continue;
    const group = groups.get(label[i]!);
    if (group === undefined) groups.set(label[i]!, [ids[i]!]);
    else group.push(ids[i]!);
  }
  return [...groups.values()].sort(largestFirst);
}

/** Checks the rows and builds the network; duplicate ids and unknown endpoints are refused. */
export function buildNetwork(
  nodeRows: readonly NetworkNodeRow[],
  edgeRows: readonly NetworkEdgeRow[],
): SymbiosisNetwork {
  const nodes = inIdOrder(nodeRows);
  const edges = inIdOrder(edgeRows);
  const details: ErrorDetail[] = [];
  for (const [path, rows] of [
    ['nodes', nodes],
    ['edges', edges],
  ] as const) {
    for (let i = 1; i < rows.length && details.length < 20; i++) {
      if (rows[i]!.id === rows[i - 1]!.id) details.push({ path, message: `'${rows[i]!.id}' twice` });
    }
  }
  if (details.length > 0) throw validationError('the network has duplicate ids', details);

  // Keys are indices ("0", "1", … in id order; the ids are in the attributes): V8 keeps such keys
  // as array elements, which builds the graph about 40 % faster than keys like 'co_<uuid>'.
  const graph = new MultiDirectedGraph<NetworkNodeRow, NetworkEdgeRow>();
  const keys = nodes.map((_row, i) => String(i));
  const index = new Map<string, number>();
  for (let i = 0; i < nodes.length; i++) {
    // The rows themselves are the attributes: graphology keeps the objects, it never copies them.
    graph.addNode(keys[i]!, nodes[i]!);
    index.set(nodes[i]!.id, i);
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
    graph.addEdgeWithKey(String(j), keys[s]!, keys[t]!, row);
  }
  if (details.length > 0) throw validationError('an edge names a node that is not in the network', details);
  return new Network(graph, nodes, edges, keys, index, from, to);
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
  /** Node i is the key String(i), edge j the key String(j) (see buildNetwork). */
  readonly #graph: MultiDirectedGraph<NetworkNodeRow, NetworkEdgeRow>;
  /** In id order: node i of the graph and of every typed array below. */
  readonly #nodes: readonly NetworkNodeRow[];
  /** In id order: edge j of the graph, #from and #to. */
  readonly #edges: readonly NetworkEdgeRow[];
  readonly #ids: readonly string[];
  readonly #keys: readonly string[];
  readonly #index: ReadonlyMap<string, number>;
  /** Each exchange's endpoints, in edge id order (the graph's edge order). */
  readonly #from: Int32Array;
  readonly #to: Int32Array;
  readonly #csr: Csr;
  #projection: UndirectedGraph<Position, { weight: number }> | undefined;

  constructor(
    graph: MultiDirectedGraph<NetworkNodeRow, NetworkEdgeRow>,
    nodes: readonly NetworkNodeRow[],
    edges: readonly NetworkEdgeRow[],
    keys: readonly string[],
    index: ReadonlyMap<string, number>,
    from: Int32Array,
    to: Int32Array,
  ) {
    this.#graph = graph;
    this.#nodes = nodes;
    this.#edges = edges;
    this.#ids = nodes.map((row) => row.id);
    this.#keys = keys;
    this.#index = index;
    this.#from = from;
    this.#to = to;
    this.#csr = buildCsr(nodes.length, from, to);
  }

  get nodeCount(): number {
    return this.#graph.order;
  }

  get edgeCount(): number {
    return this.#graph.size;
  }

  nodeIds(): string[] {
    return [...this.#ids];
  }

  summary(): NetworkSummary {
    let realisedEdges = 0;
    let selfLoops = 0;
    this.#graph.forEachEdge((_edge, row) => {
      if (row.realised) realisedEdges++;
      if (row.source === row.target) selfLoops++;
    });
    const n = this.#graph.order;
    const links = this.#csr.targets.length / 2;
    return {
      nodes: n,
      edges: this.#graph.size,
      realisedEdges,
      potentialEdges: this.#graph.size - realisedEdges,
      links,
      selfLoops,
      density: n < 2 ? 0 : undirectedDensity(n, links),
    };
  }

  /** Weakly connected components (graphology-components: exchanges in either direction connect). */
  components(): ComponentsResult {
    const ids = this.#ids;
    // Index order is id order: sorting the indices sorts the ids, without comparing strings.
    const members = connectedComponents(this.#graph).map((keys) =>
      Array.from(Int32Array.from(keys, Number).sort(), (i) => ids[i]!),
    );
    members.sort(largestFirst);
    return {
      count: members.length,
      largest: members[0]?.length ?? 0,
      isolated: members.filter((c) => c.length === 1).length,
      members,
    };
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
    const from = this.#from;
    const to = this.#to;
    this.#edges.forEach((row, j) => {
      const s = from[j]!;
      const t = to[j]!;
      let quantity = units.get(row.unit);
      if (quantity === undefined) {
        quantity = new Float64Array(n);
        units.set(row.unit, quantity);
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
    });
    const unitList = [...units.keys()].sort(compareIds);
    const { offsets } = this.#csr;
    return this.#ids.map((id, i) => {
      const quantityByUnit: Record<string, number> = {};
      for (const unit of unitList) {
        const q = units.get(unit)![i]!;
        if (q !== 0) quantityByUnit[unit] = q;
      }
      return {
        id,
        exchanges: exchanges[i]!,
        inbound: inbound[i]!,
        outbound: outbound[i]!,
        neighbours: offsets[i + 1]! - offsets[i]!,
        co2eAvoidedT: co2e[i]!,
        quantityByUnit,
      };
    });
  }

  /**
   * Betweenness on the undirected simple projection, in hops. Exact (graphology-metrics, Brandes)
   * while n × (n + 2·links) fits `exactWorkLimit`; above it, Brandes from k pivots drawn with the
   * seed and scaled by n / k (an unbiased estimate whose error shrinks as 1/√k; the central nodes
   * come out right long before the tail does). The result says which it was.
   */
  betweenness(options: BetweennessOptions = {}): BetweennessResult {
    const { n, targets } = this.#csr;
    const seed = options.seed ?? DEFAULT_SEED;
    const perSource = n + targets.length;
    const pivots =
      options.pivots ??
      (n * perSource <= (options.exactWorkLimit ?? EXACT_WORK_LIMIT)
        ? n
        : Math.max(MIN_PIVOTS, Math.floor((options.sampleWork ?? SAMPLE_WORK) / perSource)));
    const pairs = (n - 1) * (n - 2);
    if (pivots >= n) {
      const raw = betweennessCentrality(this.#undirectedProjection(), {
        getEdgeWeight: null,
        normalized: false,
      });
      return {
        method: 'exact',
        pivots: n,
        seed: null,
        values: this.#ids.map((id, i) => {
          const b = raw[this.#keys[i]!] ?? 0;
          return { id, betweenness: b, normalized: pairs > 0 ? (2 * b) / pairs : 0 };
        }),
      };
    }
    const sources = samplePivots(n, pivots, mulberry32(seed));
    const sums = betweennessFromSources(this.#csr, sources);
    const scale = n / sources.length;
    return {
      method: 'sampled',
      pivots: sources.length,
      seed,
      values: this.#ids.map((id, i) => {
        const ordered = sums[i]! * scale;
        return { id, betweenness: ordered / 2, normalized: pairs > 0 ? ordered / pairs : 0 };
      }),
    };
  }

  /**
   * The projection as a graphology graph, built when first needed (communities, exact
   * betweenness, layout), with the same node keys as the graph.
   */
  #undirectedProjection(): UndirectedGraph<Position, { weight: number }> {
    if (this.#projection === undefined) {
      const projection = new UndirectedGraph<Position, { weight: number }>();
      const { n, offsets, targets, weights } = this.#csr;
      const keys = this.#keys;
      for (let i = 0; i < n; i++) projection.addNode(keys[i]!);
      for (let i = 0; i < n; i++) {
        for (let k = offsets[i]!; k < offsets[i + 1]!; k++) {
          if (targets[k]! > i) projection.addEdge(keys[i]!, keys[targets[k]!]!, { weight: weights[k]! });
        }
      }
      this.#projection = projection;
    }
    return this.#projection;
  }

  /**
   * Louvain (graphology-communities-louvain, seeded rng) on the projection, each link weighted by
   * the exchanges it carries. Undirected on purpose: directed modularity's local moves can cycle
   * without end (a 100,000-node random graph ran for over ten minutes). Communities are numbered
   * largest first, ties by their first id.
   */
  communities(options: CommunityOptions = {}): CommunitiesResult {
    const seed = options.seed ?? DEFAULT_SEED;
    const resolution = options.resolution ?? 1;
    const detailed = louvain.detailed(this.#undirectedProjection(), {
      getEdgeWeight: 'weight',
      resolution,
      rng: mulberry32(seed),
    });
    const label = this.#keys.map((key) => detailed.communities[key]!);
    const sorted = groupsOf(this.#ids, label, () => true);
    return {
      count: sorted.length,
      modularity: detailed.modularity,
      seed,
      resolution,
      communities: sorted.map((members, index) => ({ index, size: members.length, members })),
    };
  }

  /** The top `count` nodes by CO2e-weighted degree (or by exchanges), ties by exchanges, then id. */
  hubs(count = DEFAULT_HUBS, by: 'co2e' | 'exchanges' = 'co2e', degrees = this.weightedDegrees()): Hub[] {
    const key = (d: NodeDegree): number => (by === 'co2e' ? d.co2eAvoidedT : d.exchanges);
    return [...degrees]
      .sort((a, b) => key(b) - key(a) || b.exchanges - a.exchanges || compareIds(a.id, b.id))
      .slice(0, count)
      .map((d) => ({ ...d, ...this.#identity(d.id) }));
  }

  /** A node's label (unless anonymised) and kind. */
  #identity(id: string): { label?: string; kind: NetworkNodeKind } {
    const { label, kind, anonymised } = this.#nodes[this.#index.get(id)!]!;
    return anonymised || label === undefined ? { kind } : { label, kind };
  }

  /** Links of the projection whose removal splits their component (Tarjan). */
  bridges(): BridgesResult {
    const ids = this.#ids;
    const graph = this.#graph;
    // Tarjan's u is the DFS parent of v; the nodes are reported in id order.
    const bridges = findBridges(this.#csr).map(({ u, v, sideV, component }): Bridge => {
      const [a, b] = ids[u]! < ids[v]! ? [ids[u]!, ids[v]!] : [ids[v]!, ids[u]!];
      return {
        nodes: [a, b],
        exchanges: graph
          .edges(this.#keys[u]!, this.#keys[v]!)
          .map((key) => this.#edges[Number(key)]!.id)
          .sort(compareIds),
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
    this.#graph.forEachEdge((_edge, row) => {
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
      const side = row.realised ? 'r' : 'p';
      count[side]++;
      co2e[side] += row.co2eAvoidedT;
      kind.count[side]++;
      kind.co2e[side] += row.co2eAvoidedT;
      unit[side] += row.quantity;
    });
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
    const from = new Int32Array(this.#from.length);
    const to = new Int32Array(this.#to.length);
    const inReach: { row: NetworkEdgeRow; km: number }[] = [];
    let outOfReach = 0;
    let withoutDistance = 0;
    this.#edges.forEach((row, j) => {
      if (row.kind !== 'energy') return;
      const s = this.#nodes[this.#from[j]!]!;
      const t = this.#nodes[this.#to[j]!]!;
      const km =
        row.distanceKm ??
        (s.lat !== undefined && s.lon !== undefined && t.lat !== undefined && t.lon !== undefined
          ? haversineKm(s.lat, s.lon, t.lat, t.lon)
          : undefined);
      if (km === undefined || !Number.isFinite(km)) withoutDistance++;
      else if (km > reachKm) outOfReach++;
      else if (row.source !== row.target) {
        from[inReach.length] = this.#from[j]!;
        to[inReach.length] = this.#to[j]!;
        inReach.push({ row, km });
      }
    });
    const n = this.#ids.length;
    const root = unionFind(n, from, to, inReach.length);
    const touched = new Uint8Array(n);
    for (let k = 0; k < inReach.length; k++) touched[from[k]!] = touched[to[k]!] = 1;
    const groups = groupsOf(this.#ids, root, (i) => touched[i] === 1);
    const clusterOfRoot = new Map<number, number>();
    groups.forEach((members, c) => {
      clusterOfRoot.set(root[this.#index.get(members[0]!)!]!, c);
    });
    const clusters = groups.map((nodes) => ({
      nodes,
      sources: new Set<string>(),
      sinks: new Set<string>(),
      exchanges: [] as string[],
      realised: 0,
      potential: 0,
      quantityByUnit: {} as Record<string, number>,
      co2eAvoidedT: 0,
      maxDistanceKm: 0,
    }));
    inReach.forEach(({ row, km }, k) => {
      const cluster = clusters[clusterOfRoot.get(root[from[k]!]!)!]!;
      cluster.sources.add(row.source);
      cluster.sinks.add(row.target);
      cluster.exchanges.push(row.id);
      if (row.realised) cluster.realised++;
      else cluster.potential++;
      addTo(cluster.quantityByUnit, row.unit, row.quantity);
      cluster.co2eAvoidedT += row.co2eAvoidedT;
      if (km > cluster.maxDistanceKm) cluster.maxDistanceKm = km;
    });
    return {
      reachKm,
      inReach: inReach.length,
      outOfReach,
      withoutDistance,
      clusters: clusters.map((c) => ({
        ...c,
        sources: [...c.sources].sort(compareIds),
        sinks: [...c.sinks].sort(compareIds),
      })),
    };
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
        const p = mapping?.[this.#keys[i]!] ?? projection.getNodeAttributes(this.#keys[i]!);
        return { id, x: p.x!, y: p.y! };
      }),
    };
  }

  /** Every metric but the layout, with the per-node figures joined into one row per node. */
  metrics(options: NetworkMetricsOptions = {}): NetworkMetrics {
    const seed = options.seed ?? DEFAULT_SEED;
    const components = this.components();
    const component = new Int32Array(this.#ids.length);
    components.members.forEach((members, c) => {
      for (const id of members) component[this.#index.get(id)!] = c;
    });
    const degrees = this.weightedDegrees();
    const betweenness = this.betweenness({ ...options.betweenness, seed });
    const communities = this.communities({ seed, resolution: options.resolution ?? 1 });
    const community = new Int32Array(this.#ids.length);
    for (const c of communities.communities)
      for (const id of c.members) community[this.#index.get(id)!] = c.index;
    return {
      summary: this.summary(),
      components: {
        count: components.count,
        largest: components.largest,
        isolated: components.isolated,
        sizes: components.members.map((c) => c.length),
      },
      betweenness: { method: betweenness.method, pivots: betweenness.pivots, seed: betweenness.seed },
      communities: {
        count: communities.count,
        modularity: communities.modularity,
        seed,
        resolution: communities.resolution,
        sizes: communities.communities.map((c) => c.size),
      },
      nodes: degrees.map((d, i) => ({
        ...d,
        ...this.#identity(d.id),
        betweenness: betweenness.values[i]!.betweenness,
        normalizedBetweenness: betweenness.values[i]!.normalized,
        community: community[i]!,
        component: component[i]!,
      })),
      hubs: this.hubs(options.hubs ?? DEFAULT_HUBS, options.hubsBy ?? 'co2e', degrees),
      bridges: this.bridges(),
      realisedShare: this.realisedShare(),
      heatClusters: this.heatClusters(options.heatReachKm ?? DEFAULT_HEAT_REACH_KM),
    };
  }
}
