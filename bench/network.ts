/**
 * `npm run bench:network [-- --nodes 100000 --edges 500000 --seed 1 --layout-iterations 5]`: the
 * metrics of src/analytics/network.ts on a seeded synthetic network (issue 11's target: 100,000
 * nodes and 500,000 edges within a few seconds). Prints a markdown table: the time of each metric,
 * the total, and the process's peak RSS.
 *
 * The network: nodes in towns (up to 1,000, of 50 nodes or more) spread over Norway's latitudes (a few km around each town's
 * centre); 85 % of the edges stay inside a town, the rest join two random nodes; kinds 55 %
 * material, 25 % energy, 10 % water, 10 % land; one in five realised; half the edges carry a
 * distanceKm, the others leave it to the nodes' coordinates. Ids look like the service's
 * (`co_` + 32 hex digits), and rows come in id order, as the named queries return them. The layout is timed apart (it is
 * for a region's picture, not part of the metrics), on the whole network with a few iterations.
 */
import { parseArgs } from 'node:util';
import {
  buildNetwork,
  type NetworkEdgeRow,
  type NetworkNodeRow,
  type NodeDegree,
  type SymbiosisNetwork,
} from '../src/analytics/network.ts';
import { mulberry32 } from './synthetic-region.ts';

const { values: args } = parseArgs({
  options: {
    nodes: { type: 'string', default: '100000' },
    edges: { type: 'string', default: '500000' },
    seed: { type: 'string', default: '1' },
    'layout-iterations': { type: 'string', default: '5' },
  },
});

const NODES = Number(args.nodes);
const EDGES = Number(args.edges);
const SEED = Number(args.seed);
/** A county's network, for the layout as the report will use it. */
const REGION = { nodes: 1000, edges: 5000 };
const KINDS: [NetworkEdgeRow['kind'], number, string][] = [
  ['material', 0.55, 't/yr'],
  ['energy', 0.8, 'MWh/yr'],
  ['water', 0.9, 'm3/yr'],
  ['land', 1, 'm2'],
];

function synthetic(
  nodeCount: number,
  edgeCount: number,
): { nodes: NetworkNodeRow[]; edges: NetworkEdgeRow[] } {
  const random = mulberry32(SEED);
  const townCount = Math.max(1, Math.min(1000, Math.floor(nodeCount / 50)));
  const towns = Array.from({ length: townCount }, () => ({
    lat: 58 + random() * 12,
    lon: 5 + random() * 25,
  }));
  const townOf = new Int32Array(nodeCount);
  const members: number[][] = towns.map(() => []);
  /** Ids as the service makes them (a prefix and 32 hex digits), drawn from the seed. */
  const id = (prefix: string): string => {
    let hex = '';
    for (let k = 0; k < 4; k++)
      hex += Math.floor(random() * 2 ** 32)
        .toString(16)
        .padStart(8, '0');
    return `${prefix}_${hex}`;
  };
  const nodes: NetworkNodeRow[] = [];
  for (let i = 0; i < nodeCount; i++) {
    const t = Math.floor(random() * townCount);
    townOf[i] = t;
    members[t]!.push(i);
    const town = towns[t]!;
    nodes.push({
      id: id('co'),
      label: `Company ${i}`,
      kind: 'company',
      lat: town.lat + (random() - 0.5) * 0.1,
      lon: town.lon + (random() - 0.5) * 0.2,
      anonymised: random() < 0.1,
      regions: [`county-${t % 15}`],
    });
  }
  const edges: NetworkEdgeRow[] = [];
  for (let j = 0; j < edgeCount; j++) {
    const s = Math.floor(random() * nodeCount);
    const local = members[townOf[s]!]!;
    let t = random() < 0.85 ? local[Math.floor(random() * local.length)]! : Math.floor(random() * nodeCount);
    if (t === s) t = (s + 1) % nodeCount;
    const r = random();
    const [kind, , unit] = KINDS.find(([, upTo]) => r < upTo)!;
    const realised = random() < 0.2;
    const a = nodes[s]!;
    const b = nodes[t]!;
    edges.push({
      id: id('sg'),
      source: a.id,
      target: b.id,
      kind,
      quantity: Math.round(1 + random() * 999),
      unit,
      co2eAvoidedT: Math.round(random() * 500) / 10,
      state: realised ? 'implemented' : 'allocated',
      realised,
      readiness: Math.round(random() * 9),
      ...(random() < 0.5
        ? {
            distanceKm: Math.hypot(
              (a.lat! - b.lat!) * 111,
              (a.lon! - b.lon!) * 111 * Math.cos(a.lat! / 57.3),
            ),
          }
        : {}),
    });
  }
  // In id order, as the named queries return them.
  const byId = (x: { id: string }, y: { id: string }): number => (x.id < y.id ? -1 : 1);
  return { nodes: nodes.sort(byId), edges: edges.sort(byId) };
}

function time<T>(f: () => T): [T, number] {
  const start = performance.now();
  const value = f();
  return [value, performance.now() - start];
}

const fmt = (ms: number): string => Math.round(ms).toLocaleString('en-US');

const [{ nodes, edges }, generateMs] = time(() => synthetic(NODES, EDGES));
const rows: [string, number, string][] = [];
const [network, buildMs] = time(() => buildNetwork(nodes, edges));
rows.push([
  'build: rows → graphology multi directed graph + the projection as typed arrays (CSR)',
  buildMs,
  `${network.nodeCount} nodes, ${network.edgeCount} edges`,
]);
const measure = <T>(name: string, f: (n: SymbiosisNetwork) => T, note: (value: T) => string): T => {
  const [value, ms] = time(() => f(network));
  rows.push([name, ms, note(value)]);
  return value;
};
measure(
  'summary + density',
  (n) => n.summary(),
  (s) => `${s.links} links, density ${s.density.toExponential(2)}`,
);
measure(
  'weakly connected components',
  (n) => n.components(),
  (c) => `${c.count} components, largest ${c.largest}`,
);
const degrees: NodeDegree[] = measure(
  'weighted degree (CO2e, quantity per unit)',
  (n) => n.weightedDegrees(),
  (d) => `${d.length} nodes`,
);
measure(
  'betweenness',
  (n) => n.betweenness({ seed: SEED }),
  (b) =>
    b.method === 'exact'
      ? 'exact (Brandes, graphology-metrics)'
      : `**sampled**: Brandes from ${b.pivots} seeded pivots, scaled by n/k (exact is O(nm))`,
);
measure(
  'Louvain communities (seeded), incl. the graphology undirected projection it builds on first use',
  (n) => n.communities({ seed: SEED }),
  (c) => `${c.count} communities, modularity ${c.modularity.toFixed(3)}`,
);
measure(
  'hubs (top 10 by CO2e)',
  (n) => n.hubs(10, 'co2e', degrees),
  (h) => `top: ${h[0]?.id}`,
);
measure(
  'bridges (Tarjan)',
  (n) => n.bridges(),
  (b) => `${b.count} bridges`,
);
measure(
  'realised share (count, CO2e, quantity per kind)',
  (n) => n.realisedShare(),
  (s) => `${((s.byCount.share ?? 0) * 100).toFixed(1)} % realised by count`,
);
measure(
  'heat clusters (≤ 10 km)',
  (n) => n.heatClusters(10),
  (h) => `${h.clusters.length} clusters of ${h.inReach} exchanges in reach`,
);
const metricsMs = rows.reduce((sum, [, ms]) => sum + ms, 0);
const [, allMs] = time(() => network.metrics({ seed: SEED }));
const iterations = Number(args['layout-iterations']);
const [, layoutMs] = time(() => network.layout({ seed: SEED, iterations }));
const peakRssMb = process.resourceUsage().maxRSS / 1024;
const region = synthetic(REGION.nodes, REGION.edges);
const regionNetwork = buildNetwork(region.nodes, region.edges);
const [regionLayout, regionLayoutMs] = time(() => regionNetwork.layout({ seed: SEED }));
const [, regionMetricsMs] = time(() => regionNetwork.metrics({ seed: SEED }));

console.log(
  `| ${NODES.toLocaleString('en-US')} nodes, ${EDGES.toLocaleString('en-US')} edges (seed ${SEED}) | ms | |`,
);
console.log('|---|---:|---|');
for (const [name, ms, note] of rows) console.log(`| ${name} | ${fmt(ms)} | ${note} |`);
console.log(`| **total: build + every metric** | **${fmt(metricsMs)}** | |`);
console.log(`| \`metrics()\` in one call (same metrics, on the built network) | ${fmt(allMs)} | |`);
console.log(
  `| layout: seeded random start + ${iterations} ForceAtlas2 iterations (Barnes-Hut) | ${fmt(layoutMs)} | not part of the metrics |`,
);
console.log(`| generating the synthetic rows | ${fmt(generateMs)} | not part of the metrics |`);
console.log(`| peak RSS | ${fmt(peakRssMb)} MB | the whole process, rows included |`);
console.log(
  `| a county: ${REGION.nodes.toLocaleString('en-US')} nodes, ${REGION.edges.toLocaleString('en-US')} edges: \`metrics()\` | ${fmt(regionMetricsMs)} | exact betweenness |`,
);
console.log(
  `| a county: layout, ${regionLayout.iterations} ForceAtlas2 iterations | ${fmt(regionLayoutMs)} | for the report's network picture |`,
);
