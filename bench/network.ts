/**
 * `npm run bench:network [-- --nodes 100000 --edges 500000 --seed 1 --runs 2 --layout-iterations 5]`:
 * the metrics of src/analytics/network.ts on a seeded synthetic network (issue 11's target: 100,000
 * nodes and 500,000 edges within a few seconds). Prints a markdown table: build + `metrics()` (the
 * target) once per run, then the time of each metric on its own, the layout, a county-sized
 * network, and peak RSS.
 *
 * Each case runs in a child process of its own (node with the same flags, plus --expose-gc so that
 * garbage is collected before each timed step), as bench:feedback does, so that no case inherits
 * the heap or the warmed-up code of another: every figure is a cold call, as a service's first
 * request would meet it. The cases: `target` (build, then `metrics()` in one call; run `--runs`
 * times), `each` (build, then every metric alone, each on the same network; the layout builds the
 * graphology projection, which no metric needs at this size),
 * `county` (a county's network, 1,000 nodes and 5,000 edges: `metrics()` and the layout as the
 * report uses them). `--case <name>` runs one case in this process and prints its JSON.
 *
 * The network: nodes in towns (up to 1,000, of 50 nodes or more) spread over Norway's latitudes (a
 * few km around each town's centre); 85 % of the edges stay inside a town, the rest join two
 * random nodes; kinds 55 % material, 25 % energy, 10 % water, 10 % land; one in five realised;
 * half the edges carry a distanceKm, the others leave it to the nodes' coordinates. Ids look like
 * the service's (`co_` + 32 hex digits), and rows come in id order, as the named queries return
 * them.
 */
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  buildNetwork,
  type NetworkEdgeRow,
  type NetworkNodeRow,
  type NodeDegree,
  type SymbiosisNetwork,
} from '../src/analytics/network.ts';
import { measure } from './measure.ts';
import { mulberry32 } from './synthetic-region.ts';

const { values: args } = parseArgs({
  options: {
    nodes: { type: 'string', default: '100000' },
    edges: { type: 'string', default: '500000' },
    seed: { type: 'string', default: '1' },
    runs: { type: 'string', default: '2' },
    'layout-iterations': { type: 'string', default: '5' },
    case: { type: 'string' },
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

/** One timed step: name, ms, a note on its result, and the process's peak RSS during it (MB). */
type Step = [name: string, ms: number, note: string, peakRssMb: number];

interface TargetResult {
  generateMs: number;
  rowsRssMb: number;
  build: Step;
  metrics: Step;
}

const MB = 1024 * 1024;

async function step<T>(name: string, run: () => T, note: (value: T) => string): Promise<[T, Step]> {
  const m = await measure(run);
  return [m.result, [name, m.ms, note(m.result), m.peakRssMb]];
}

async function generate() {
  const started = performance.now();
  const rows = synthetic(NODES, EDGES);
  return { rows, generateMs: performance.now() - started };
}

async function targetCase(): Promise<TargetResult> {
  const { rows, generateMs } = await generate();
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  const rowsRssMb = process.memoryUsage().rss / MB;
  const [network, build] = await step(
    'build',
    () => buildNetwork(rows.nodes, rows.edges),
    (n) => `${n.nodeCount} nodes, ${n.edgeCount} edges`,
  );
  const [, metrics] = await step(
    'metrics()',
    () => network.metrics({ seed: SEED }),
    (m) =>
      `${m.summary.links} links; ${m.components.count} components; betweenness ${m.betweenness.method} (${m.betweenness.pivots} pivots); ${m.communities.count} communities, modularity ${m.communities.modularity.toFixed(3)}; ${m.bridges.count} bridges; ${m.heatClusters.clusters.length} heat clusters`,
  );
  return { generateMs, rowsRssMb, build, metrics };
}

async function eachCase(): Promise<Step[]> {
  const { rows } = await generate();
  const steps: Step[] = [];
  const [network, build] = await step(
    'build: rows → the projection as typed arrays (CSR), endpoints as node indices',
    () => buildNetwork(rows.nodes, rows.edges),
    (n) => `${n.nodeCount} nodes, ${n.edgeCount} edges`,
  );
  steps.push(build);
  const timed = async <T>(name: string, f: (n: SymbiosisNetwork) => T, note: (value: T) => string) => {
    const [value, s] = await step(name, () => f(network), note);
    steps.push(s);
    return value;
  };
  await timed(
    'summary + density',
    (n) => n.summary(),
    (s) => `${s.links} links, density ${s.density.toExponential(2)}`,
  );
  await timed(
    'weakly connected components (union-find)',
    (n) => n.components(),
    (c) => `${c.count} components, largest ${c.largest}`,
  );
  const degrees: NodeDegree[] = await timed(
    'weighted degree (CO2e, quantity per unit)',
    (n) => n.weightedDegrees(),
    (d) => `${d.length} nodes`,
  );
  await timed(
    'betweenness',
    (n) => n.betweenness({ seed: SEED }),
    (b) =>
      b.method === 'exact'
        ? 'exact (Brandes, graphology-metrics)'
        : `**sampled**: Brandes from ${b.pivots} seeded pivots, linearly scaled, × n/k (exact is O(nm))`,
  );
  await timed(
    'Louvain communities (seeded; graphology-communities-louvain on a view of the CSR)',
    (n) => n.communities({ seed: SEED }),
    (c) => `${c.count} communities, modularity ${c.modularity.toFixed(3)}`,
  );
  await timed(
    'hubs (top 10 by CO2e)',
    (n) => n.hubs(10, 'co2e', degrees),
    (h) => `top: ${h[0]?.id}`,
  );
  await timed(
    'bridges (Tarjan)',
    (n) => n.bridges(),
    (b) => `${b.count} bridges`,
  );
  await timed(
    'realised share (count, CO2e, quantity per kind)',
    (n) => n.realisedShare(),
    (s) => `${((s.byCount.share ?? 0) * 100).toFixed(1)} % realised by count`,
  );
  await timed(
    'heat clusters (≤ 10 km)',
    (n) => n.heatClusters(10),
    (h) => `${h.clusters.length} clusters of ${h.inReach} exchanges in reach`,
  );
  const iterations = Number(args['layout-iterations']);
  await timed(
    `layout: building the graphology projection, a seeded random start, ${iterations} ForceAtlas2 iterations (Barnes-Hut)`,
    (n) => n.layout({ seed: SEED, iterations }),
    () => 'not part of the metrics',
  );
  return steps;
}

async function countyCase(): Promise<Step[]> {
  const rows = synthetic(REGION.nodes, REGION.edges);
  const network = buildNetwork(rows.nodes, rows.edges);
  const name = `a county: ${REGION.nodes.toLocaleString('en-US')} nodes, ${REGION.edges.toLocaleString('en-US')} edges`;
  const [, metrics] = await step(
    `${name}: \`metrics()\``,
    () => network.metrics({ seed: SEED }),
    (m) => `betweenness ${m.betweenness.method}`,
  );
  const [, layout] = await step(
    `${name}: layout`,
    () => network.layout({ seed: SEED }),
    (l) => `${l.iterations} ForceAtlas2 iterations, for the report's network picture`,
  );
  return [metrics, layout];
}

const CASES = { target: targetCase, each: eachCase, county: countyCase } as const;

/** Runs one case in a fresh node with the same flags, plus --expose-gc. */
function child<T>(name: keyof typeof CASES): T {
  const forwarded = Object.entries(args).flatMap(([key, value]) =>
    key === 'case' || key === 'runs' ? [] : [`--${key}`, String(value)],
  );
  const flags = process.execArgv.includes('--expose-gc')
    ? process.execArgv
    : [...process.execArgv, '--expose-gc'];
  const result = spawnSync(
    process.execPath,
    [...flags, fileURLToPath(import.meta.url), '--case', name, ...forwarded],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 },
  );
  if (result.status !== 0) {
    console.error(`bench:network case '${name}' exited with ${result.status ?? result.signal}`);
    process.exit(result.status ?? 1);
  }
  return JSON.parse(result.stdout) as T;
}

const fmt = (ms: number): string => Math.round(ms).toLocaleString('en-US');

async function parent(): Promise<void> {
  const loadAtStart = loadavg()[0]!;
  const runs = Array.from({ length: Math.max(1, Number(args.runs)) }, () => child<TargetResult>('target'));
  const each = child<Step[]>('each');
  const county = child<Step[]>('county');

  console.log(
    `| ${NODES.toLocaleString('en-US')} nodes, ${EDGES.toLocaleString('en-US')} edges (seed ${SEED}) | ms | peak RSS MB | |`,
  );
  console.log('|---|---:|---:|---|');
  runs.forEach((r, i) => {
    const run = runs.length > 1 ? `run ${i + 1}: ` : '';
    console.log(`| ${run}build | ${fmt(r.build[1])} | ${fmt(r.build[3])} | ${r.build[2]} |`);
    console.log(
      `| ${run}\`metrics()\`, every metric in one call | ${fmt(r.metrics[1])} | ${fmt(r.metrics[3])} | ${r.metrics[2]} |`,
    );
    console.log(
      `| **${run}build + \`metrics()\`** (the target: a few seconds) | **${fmt(r.build[1] + r.metrics[1])}** | ${fmt(Math.max(r.build[3], r.metrics[3]))} | the rows alone: ${fmt(r.rowsRssMb)} MB |`,
    );
  });
  console.log('| *each metric alone, on one network (another process)* | | | |');
  for (const [name, ms, note, peak] of each) console.log(`| ${name} | ${fmt(ms)} | ${fmt(peak)} | ${note} |`);
  const metricsOnly = each.slice(0, -1);
  console.log(
    `| total: build + every metric alone | ${fmt(metricsOnly.reduce((sum, [, ms]) => sum + ms, 0))} | | |`,
  );
  for (const [name, ms, note] of county) console.log(`| ${name} | ${fmt(ms)} | | ${note} |`);
  console.log(`| generating the synthetic rows | ${fmt(runs[0]!.generateMs)} | | not part of the metrics |`);
  console.log(
    `\n${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores; Node ${process.version}; 1-minute load average ${loadAtStart.toFixed(1)} at start, ${loadavg()[0]!.toFixed(1)} at end (other processes share the cores). Each case in its own process, cold; peak RSS is the whole process's (VmHWM, reset before each step after garbage collection), the rows included.`,
  );
}

if (args.case !== undefined) {
  const run = CASES[args.case as keyof typeof CASES];
  if (run === undefined) throw new Error(`no case '${args.case}' (${Object.keys(CASES).join(', ')})`);
  process.stdout.write(JSON.stringify(await run()));
} else {
  await parent();
}
