/**
 * The regional network (analytics/network.ts) on small hand-computed networks: counts and density,
 * weakly connected components, weighted degree, betweenness (exact, and the sampled estimate held
 * to graphology's exact figures), Louvain communities, hubs, bridges (held to brute force), the
 * realised share, heat clusters within reach, and the determinism of communities and layout.
 */
import { MultiDirectedGraph, UndirectedGraph } from 'graphology';
import betweennessModule from 'graphology-metrics/centrality/betweenness.js';
import { weightedDegree } from 'graphology-metrics/node/weighted-degree.js';
import { describe, expect, it } from 'vitest';
import {
  buildNetwork,
  type NetworkEdgeRow,
  type NetworkNodeRow,
  type SymbiosisNetwork,
} from '../../../src/analytics/network.ts';
import {
  betweennessFromSources,
  buildCsr,
  findBridges,
  mulberry32,
  samplePivots,
  unionFind,
} from '../../../src/analytics/network-algorithms.ts';
import { AppError } from '../../../src/errors.ts';

const betweennessCentrality = betweennessModule as unknown as typeof betweennessModule.default;

const node = (id: string, spec: Partial<NetworkNodeRow> = {}): NetworkNodeRow => ({
  id,
  label: `Company ${id}`,
  kind: 'company',
  anonymised: false,
  ...spec,
});
let edgeCount = 0;
const edge = (source: string, target: string, spec: Partial<NetworkEdgeRow> = {}): NetworkEdgeRow => ({
  id: `e${String(edgeCount++).padStart(4, '0')}`,
  source,
  target,
  kind: 'material',
  quantity: 10,
  unit: 't/yr',
  co2eAvoidedT: 1,
  state: 'implemented',
  realised: true,
  ...spec,
});
const nodes = (ids: string): NetworkNodeRow[] => ids.split('').map((id) => node(id));
/** `'ab bc'` → a→b, b→c. */
const edges = (pairs: string, spec: Partial<NetworkEdgeRow> = {}): NetworkEdgeRow[] =>
  pairs.split(' ').map(([s, t]) => edge(s!, t!, spec));
const net = (ids: string, pairs: string): SymbiosisNetwork => buildNetwork(nodes(ids), edges(pairs));
const byId = <T extends { id: string }>(rows: T[]): Record<string, T> =>
  Object.fromEntries(rows.map((r) => [r.id, r]));

function shuffled<T>(rows: readonly T[], seed: number): T[] {
  const out = [...rows];
  const random = mulberry32(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Two cliques of five (a–e, f–j), every pair exchanging once, joined by e→f. */
function twoCliques(): { nodes: NetworkNodeRow[]; edges: NetworkEdgeRow[] } {
  const pairs: string[] = [];
  for (const clique of ['abcde', 'fghij']) {
    for (let i = 0; i < 5; i++) for (let j = i + 1; j < 5; j++) pairs.push(`${clique[i]}${clique[j]}`);
  }
  pairs.push('ef');
  return { nodes: nodes('abcdefghij'), edges: edges(pairs.join(' ')) };
}

/** A seeded random simple graph as pairs of indices. */
function randomPairs(n: number, m: number, seed: number): { from: Int32Array; to: Int32Array } {
  const random = mulberry32(seed);
  const from = new Int32Array(m);
  const to = new Int32Array(m);
  for (let j = 0; j < m; j++) {
    from[j] = Math.floor(random() * n);
    to[j] = Math.floor(random() * n);
  }
  return { from, to };
}

describe('network: counts, density and components', () => {
  it('when a scope has no exchange at all, then every metric answers (zeros, empty lists), not an error', () => {
    const nodesOf = nodes;
    for (const nodes of ['', 'a']) {
      const empty = buildNetwork(nodes === '' ? [] : nodesOf(nodes), []);
      const m = empty.metrics();
      expect(m.summary).toMatchObject({ nodes: nodes.length, edges: 0, links: 0, density: 0 });
      expect(m.components.count).toBe(nodes.length);
      expect(m.hubs).toEqual(nodes ? [expect.objectContaining({ id: 'a', exchanges: 0 })] : []);
      expect(m.bridges.count).toBe(0);
      expect(m.realisedShare.byCount.share).toBeNull();
      expect(empty.layout().positions).toHaveLength(nodes.length);
    }
  });

  it('when a triangle has a pendant, then 4 nodes, 4 links and density 2·4 / (4·3)', () => {
    const s = net('abcd', 'ab bc ca cd').summary();
    expect(s).toMatchObject({
      nodes: 4,
      edges: 4,
      links: 4,
      selfLoops: 0,
      realisedEdges: 4,
      potentialEdges: 0,
    });
    expect(s.density).toBeCloseTo(2 / 3, 12);
  });

  it('when two nodes exchange three times both ways and once with themselves, then one link', () => {
    const s = net('ab', 'ab ba ab aa').summary();
    expect(s).toMatchObject({ nodes: 2, edges: 4, links: 1, selfLoops: 1 });
    expect(s.density).toBe(1);
  });

  it('when the network has one node or none, then density is 0', () => {
    expect(buildNetwork([node('a')], []).summary().density).toBe(0);
    expect(buildNetwork([], []).summary()).toMatchObject({ nodes: 0, edges: 0, links: 0, density: 0 });
  });

  it('when two pairs do not touch and one node stands alone, then 3 weak components', () => {
    const c = net('abcde', 'ab dc').components();
    expect(c).toEqual({
      count: 3,
      largest: 2,
      isolated: 1,
      members: [['a', 'b'], ['c', 'd'], ['e']],
    });
  });

  it('when edges point every which way along a path, then it is still one weak component', () => {
    expect(net('abcd', 'ba bc dc').components().count).toBe(1);
  });
});

describe('network: weighted degree and hubs', () => {
  it('when a node sends, receives and loops, then counts, CO2e and quantity per unit add up', () => {
    const network = buildNetwork(nodes('abc'), [
      edge('a', 'b', { quantity: 5, co2eAvoidedT: 2 }),
      edge('c', 'a', { kind: 'energy', quantity: 100, unit: 'MWh/yr', co2eAvoidedT: 3 }),
      edge('a', 'a', { quantity: 1, co2eAvoidedT: 0.5 }),
    ]);
    const d = byId(network.weightedDegrees());
    expect(d['a']).toEqual({
      id: 'a',
      exchanges: 3,
      inbound: 2,
      outbound: 2,
      neighbours: 2,
      co2eAvoidedT: 5.5,
      quantityByUnit: { 'MWh/yr': 100, 't/yr': 6 },
    });
    expect(d['b']).toMatchObject({ exchanges: 1, inbound: 1, outbound: 0, co2eAvoidedT: 2 });
    expect(d['c']!.quantityByUnit).toEqual({ 'MWh/yr': 100 });
  });

  it('when compared with graphology-metrics weightedDegree on a random multigraph, then CO2e agrees', () => {
    const random = mulberry32(7);
    const ids = Array.from({ length: 40 }, (_, i) => `n${String(i).padStart(2, '0')}`);
    const rows = Array.from({ length: 150 }, () =>
      edge(ids[Math.floor(random() * 40)]!, ids[Math.floor(random() * 40)]!, {
        co2eAvoidedT: Math.round(random() * 100) / 4,
      }),
    );
    const graph = new MultiDirectedGraph();
    for (const id of ids) graph.addNode(id);
    for (const r of rows) graph.addEdgeWithKey(r.id, r.source, r.target, r);
    const mine = byId(
      buildNetwork(
        ids.map((id) => node(id)),
        rows,
      ).weightedDegrees(),
    );
    for (const id of ids) {
      expect(mine[id]!.co2eAvoidedT).toBeCloseTo(weightedDegree(graph, id, 'co2eAvoidedT'), 9);
    }
  });

  it('when hubs are asked for, then the top n by CO2e, ties by exchanges then id, anonymous ones unnamed', () => {
    const network = buildNetwork(
      [node('a'), node('b', { anonymised: true }), node('c'), node('d')],
      [
        edge('a', 'b', { co2eAvoidedT: 10 }),
        edge('b', 'c', { co2eAvoidedT: 1 }),
        edge('c', 'd', { co2eAvoidedT: 1 }),
        edge('d', 'c', { co2eAvoidedT: 9 }),
      ],
    );
    const hubs = network.hubs(3);
    expect(hubs.map((h) => [h.id, h.co2eAvoidedT, h.exchanges])).toEqual([
      ['c', 11, 3],
      ['b', 11, 2],
      ['d', 10, 2],
    ]);
    expect(hubs[0]!.label).toBe('Company c');
    expect(hubs[1]).not.toHaveProperty('label');
    expect(network.hubs(2, 'exchanges').map((h) => h.id)).toEqual(['c', 'b']);
  });
});

describe('network: betweenness', () => {
  it('when the network is a path a–b–c–d, then b and c each lie on 2 shortest paths (2/3 normalised)', () => {
    const b = net('abcd', 'ab cb cd').betweenness();
    expect(b.method).toBe('exact');
    expect(b.pivots).toBe(4);
    expect(b.values).toEqual([
      { id: 'a', betweenness: 0, normalized: 0 },
      { id: 'b', betweenness: 2, normalized: 2 / 3 },
      { id: 'c', betweenness: 2, normalized: 2 / 3 },
      { id: 'd', betweenness: 0, normalized: 0 },
    ]);
  });

  it('when a star has a centre and four leaves, then the centre lies on all C(4,2) = 6 leaf pairs', () => {
    const values = byId(net('cwxyz', 'cw cx yc zc cw').betweenness().values);
    expect(values['c']).toEqual({ id: 'c', betweenness: 6, normalized: 1 });
    expect(values['w']!.betweenness).toBe(0);
  });

  it('when the network is a square a–b–d–c–a, then every node gets half of the one pair across it', () => {
    // a–d runs via b or via c (½ each); b–c runs via a or via d (½ each).
    const values = net('abcd', 'ab bd ac cd').betweenness().values;
    expect(values.map((v) => v.betweenness)).toEqual([0.5, 0.5, 0.5, 0.5]);
  });

  it('when Brandes runs linearly scaled from every node of a random graph, then it is graphology-metrics exact', () => {
    for (const seed of [1, 2, 3]) {
      const n = 60;
      const { from, to } = randomPairs(n, 120, seed);
      const csr = buildCsr(n, from, to);
      const graph = new UndirectedGraph();
      for (let i = 0; i < n; i++) graph.addNode(String(i));
      for (let i = 0; i < n; i++) {
        for (let k = csr.offsets[i]!; k < csr.offsets[i + 1]!; k++) {
          if (csr.targets[k]! > i) graph.addEdge(String(i), String(csr.targets[k]!));
        }
      }
      const exact = betweennessCentrality(graph, { getEdgeWeight: null, normalized: false });
      const all = betweennessFromSources(
        csr,
        Int32Array.from({ length: n }, (_, i) => i),
      );
      for (let i = 0; i < n; i++) expect(all[i]!).toBeCloseTo(exact[String(i)]!, 9);
    }
  });

  it('when the network is over the exact limit, then a seeded sample of pivots, the same for the same seed', () => {
    // Two stars of 60 leaves whose centres are joined through one broker.
    const rows = [node('broker')];
    const links: NetworkEdgeRow[] = [edge('broker', 'hubA'), edge('hubB', 'broker')];
    for (const hub of ['hubA', 'hubB']) {
      rows.push(node(hub));
      for (let i = 0; i < 60; i++) {
        rows.push(node(`${hub}-${String(i).padStart(2, '0')}`));
        links.push(edge(hub, `${hub}-${String(i).padStart(2, '0')}`));
      }
    }
    const network = buildNetwork(rows, links);
    const options = { exactWorkLimit: 0, sampleWork: 0 };
    const one = network.betweenness({ ...options, seed: 5 });
    expect(one.method).toBe('sampled');
    expect(one.pivots).toBe(32);
    expect(one.seed).toBe(5);
    expect(network.betweenness({ ...options, seed: 5 })).toEqual(one);
    expect(network.betweenness({ ...options, seed: 6 }).values).not.toEqual(one.values);
    const top = [...one.values].sort((a, b) => b.betweenness - a.betweenness).map((v) => v.id);
    expect(top.slice(0, 3).sort()).toEqual(['broker', 'hubA', 'hubB']);
    // Exact: each hub lies between its 60 leaves and the 62 nodes beyond, and among its leaves.
    const exact = byId(network.betweenness().values);
    expect(exact['hubA']!.betweenness).toBe(60 * 62 + (60 * 59) / 2);
    expect(exact['broker']!.betweenness).toBe(61 * 61);
    const sampled = byId(one.values);
    expect(sampled['broker']!.betweenness / exact['broker']!.betweenness).toBeGreaterThan(0.5);
    expect(sampled['broker']!.betweenness / exact['broker']!.betweenness).toBeLessThan(1.5);
  });

  it('when pivots are drawn, then k distinct nodes, the same for the same seed', () => {
    const a = samplePivots(100, 10, mulberry32(3));
    expect(new Set(a).size).toBe(10);
    expect(samplePivots(100, 10, mulberry32(3))).toEqual(a);
    expect(samplePivots(5, 10, mulberry32(3)).length).toBe(5);
  });
});

describe('network: communities', () => {
  it('when two cliques are joined by one exchange, then Louvain finds the two cliques', () => {
    const { nodes: n, edges: e } = twoCliques();
    const c = buildNetwork(n, e).communities({ seed: 42 });
    expect(c.count).toBe(2);
    expect(c.communities.map((x) => x.members)).toEqual([
      ['a', 'b', 'c', 'd', 'e'],
      ['f', 'g', 'h', 'i', 'j'],
    ]);
    // Q = Σ_c [L_c/m − (d_c/2m)²] with m = 21, L_c = 10, d_c = 21 per clique.
    expect(c.modularity).toBeCloseTo(2 * (10 / 21 - 0.25), 9);
  });

  it('when the same rows come again, in any order, then the same communities for the same seed', () => {
    const random = mulberry32(11);
    const ids = Array.from({ length: 120 }, (_, i) => `n${String(i).padStart(3, '0')}`);
    const rows = ids.map((id) => node(id));
    const links = Array.from({ length: 400 }, () => {
      const s = Math.floor(random() * 120);
      const t = random() < 0.8 ? s - (s % 12) + Math.floor(random() * 12) : Math.floor(random() * 120);
      return edge(ids[s]!, ids[t]!);
    });
    const first = buildNetwork(rows, links).communities({ seed: 3 });
    expect(buildNetwork(rows, links).communities({ seed: 3 })).toEqual(first);
    expect(buildNetwork(shuffled(rows, 1), shuffled(links, 2)).communities({ seed: 3 })).toEqual(first);
    expect(first.count).toBeGreaterThan(1);
  });
});

describe('network: bridges', () => {
  it('when a triangle has a pendant, then the pendant link is the only bridge', () => {
    const network = buildNetwork(nodes('abcd'), [...edges('ab bc ca'), edge('d', 'c', { id: 'pendant' })]);
    expect(network.bridges()).toEqual({
      count: 1,
      bridges: [{ nodes: ['c', 'd'], exchanges: ['pendant'], cutOff: 1, component: 4 }],
    });
  });

  it('when a link carries exchanges both ways, then it is one bridge listing all of them', () => {
    const network = buildNetwork(nodes('abc'), [
      edge('a', 'b', { id: 'x1' }),
      edge('b', 'a', { id: 'x2' }),
      edge('b', 'c', { id: 'x3' }),
    ]);
    expect(network.bridges().bridges).toEqual([
      { nodes: ['a', 'b'], exchanges: ['x1', 'x2'], cutOff: 1, component: 3 },
      { nodes: ['b', 'c'], exchanges: ['x3'], cutOff: 1, component: 3 },
    ]);
  });

  it('when two triangles hang on one link, then that link cuts off 3 and sorts first', () => {
    const b = net('abcdefg', 'ab bc ca de ef fd cd fg').bridges();
    expect(b.bridges.map((x) => [x.nodes.join(''), x.cutOff, x.component])).toEqual([
      ['cd', 3, 7],
      ['fg', 1, 7],
    ]);
  });

  it('when the network is a cycle, then no bridge', () => {
    expect(net('abcd', 'ab bc cd da').bridges().count).toBe(0);
  });

  it('when compared with removing each link and counting components, then Tarjan agrees', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const n = 40;
      const { from, to } = randomPairs(n, 45, seed);
      const csr = buildCsr(n, from, to);
      const links: [number, number][] = [];
      for (let i = 0; i < n; i++) {
        for (let k = csr.offsets[i]!; k < csr.offsets[i + 1]!; k++)
          if (csr.targets[k]! > i) links.push([i, csr.targets[k]!]);
      }
      const count = (without: number): number => {
        const keep = links.filter((_, j) => j !== without);
        const root = unionFind(
          n,
          Int32Array.from(keep, (l) => l[0]),
          Int32Array.from(keep, (l) => l[1]),
        );
        return new Set(root).size;
      };
      const base = count(-1);
      const brute = links
        .filter((_, j) => count(j) > base)
        .map(([a, b]) => `${a}-${b}`)
        .sort();
      const tarjan = findBridges(csr)
        .map(({ u, v }) => (u < v ? `${u}-${v}` : `${v}-${u}`))
        .sort();
      expect(tarjan).toEqual(brute);
    }
  });

  it('when the network is a path of 100,000 nodes, then every link is a bridge and the stack holds', () => {
    const n = 100_000;
    const from = Int32Array.from({ length: n - 1 }, (_, i) => i);
    const to = Int32Array.from({ length: n - 1 }, (_, i) => i + 1);
    const bridges = findBridges(buildCsr(n, from, to));
    expect(bridges.length).toBe(n - 1);
    expect(bridges.reduce((most, b) => Math.max(most, Math.min(b.sideV, b.component - b.sideV)), 0)).toBe(
      n / 2,
    );
  });
});

describe('network: the projection as typed arrays', () => {
  it('when pairs repeat, point both ways or loop, then one link per pair, weighted by its pairs', () => {
    const csr = buildCsr(4, Int32Array.from([0, 1, 0, 2, 3, 3]), Int32Array.from([1, 0, 1, 3, 2, 3]));
    expect([...csr.offsets]).toEqual([0, 1, 2, 3, 4]);
    expect([...csr.targets]).toEqual([1, 0, 3, 2]);
    expect([...csr.weights]).toEqual([3, 3, 2, 2]);
  });
});

describe('network: realised share', () => {
  it('when realised and potential exchanges are mixed, then shares by count, CO2e and quantity per kind and unit', () => {
    const network = buildNetwork(nodes('abcd'), [
      edge('a', 'b', { quantity: 10, co2eAvoidedT: 4, realised: true }),
      edge('a', 'c', { quantity: 30, co2eAvoidedT: 2, realised: false, state: 'allocated' }),
      edge('c', 'd', { quantity: 10, co2eAvoidedT: 2, realised: false, state: 'allocated' }),
      edge('b', 'd', { kind: 'energy', unit: 'MWh/yr', quantity: 500, co2eAvoidedT: 8, realised: true }),
      edge('b', 'd', { kind: 'energy', unit: 'kW', quantity: 50, co2eAvoidedT: 0, realised: false }),
    ]);
    const s = network.realisedShare();
    expect(s.byCount).toEqual({ realised: 2, potential: 3, share: 0.4 });
    expect(s.co2eAvoidedT).toEqual({ realised: 12, potential: 4, share: 0.75 });
    expect(s.byKind).toEqual([
      {
        kind: 'material',
        byCount: { realised: 1, potential: 2, share: 1 / 3 },
        co2eAvoidedT: { realised: 4, potential: 4, share: 0.5 },
        quantity: [{ unit: 't/yr', realised: 10, potential: 40, share: 0.2 }],
      },
      {
        kind: 'energy',
        byCount: { realised: 1, potential: 1, share: 0.5 },
        co2eAvoidedT: { realised: 8, potential: 0, share: 1 },
        quantity: [
          { unit: 'MWh/yr', realised: 500, potential: 0, share: 1 },
          { unit: 'kW', realised: 0, potential: 50, share: 0 },
        ],
      },
    ]);
  });

  it('when there is no exchange, then the shares are null, not 0', () => {
    const s = buildNetwork(nodes('ab'), []).realisedShare();
    expect(s.byCount).toEqual({ realised: 0, potential: 0, share: null });
    expect(s.byKind).toEqual([]);
  });
});

describe('network: heat clusters', () => {
  it('when energy exchanges are near, far, measured or only located, then the clusters within reach', () => {
    const network = buildNetwork(
      [
        ...nodes('abcde'),
        node('f', { lat: 60, lon: 10 }),
        node('g', { lat: 60.045, lon: 10 }), // ~5 km north of f
        node('h', { lat: 60, lon: 11 }), // ~56 km east of f
        ...nodes('ij'),
      ],
      [
        edge('a', 'b', { kind: 'energy', distanceKm: 3, quantity: 100, unit: 'MWh/yr', co2eAvoidedT: 5 }),
        edge('c', 'b', { kind: 'energy', distanceKm: 8, quantity: 50, unit: 'MWh/yr', realised: false }),
        edge('d', 'e', { kind: 'energy', distanceKm: 15 }),
        edge('f', 'g', { kind: 'energy', quantity: 7, unit: 'MWh/yr' }),
        edge('f', 'h', { kind: 'energy' }),
        edge('i', 'j', { kind: 'energy' }),
        edge('a', 'c', { kind: 'material', distanceKm: 1 }),
      ],
    );
    const h = network.heatClusters(10);
    expect(h).toMatchObject({ reachKm: 10, inReach: 3, outOfReach: 2, withoutDistance: 1 });
    expect(h.clusters).toHaveLength(2);
    expect(h.clusters[0]).toMatchObject({
      nodes: ['a', 'b', 'c'],
      sources: ['a', 'c'],
      sinks: ['b'],
      realised: 1,
      potential: 1,
      quantityByUnit: { 'MWh/yr': 150 },
      co2eAvoidedT: 6,
      maxDistanceKm: 8,
    });
    expect(h.clusters[1]).toMatchObject({ nodes: ['f', 'g'], sources: ['f'], sinks: ['g'] });
    expect(h.clusters[1]!.maxDistanceKm).toBeCloseTo(5.0, 1);
    expect(network.heatClusters(20).clusters.map((c) => c.nodes)).toEqual([
      ['a', 'b', 'c'],
      ['d', 'e'],
      ['f', 'g'],
    ]);
  });
});

describe('network: layout', () => {
  it('when laid out twice, from rows in any order, then the same positions; another seed moves them', () => {
    const { nodes: n, edges: e } = twoCliques();
    const first = buildNetwork(n, e).layout({ seed: 9, iterations: 50 });
    expect(first.positions).toHaveLength(10);
    expect(first.positions.every((p) => Number.isFinite(p.x) && Number.isFinite(p.y))).toBe(true);
    expect(buildNetwork(n, e).layout({ seed: 9, iterations: 50 })).toEqual(first);
    expect(buildNetwork(shuffled(n, 3), shuffled(e, 4)).layout({ seed: 9, iterations: 50 })).toEqual(first);
    expect(buildNetwork(n, e).layout({ seed: 10, iterations: 50 }).positions).not.toEqual(first.positions);
  });

  it('when laid out, then the two cliques sit apart: each node is nearer its own clique centre', () => {
    const { nodes: n, edges: e } = twoCliques();
    const { positions } = buildNetwork(n, e).layout({ seed: 1 });
    const centre = (ids: string) => {
      const ps = positions.filter((p) => ids.includes(p.id));
      return {
        x: ps.reduce((s, p) => s + p.x, 0) / ps.length,
        y: ps.reduce((s, p) => s + p.y, 0) / ps.length,
      };
    };
    const left = centre('abcde');
    const right = centre('fghij');
    for (const p of positions) {
      const own = 'abcde'.includes(p.id) ? left : right;
      const other = own === left ? right : left;
      expect(Math.hypot(p.x - own.x, p.y - own.y)).toBeLessThan(Math.hypot(p.x - other.x, p.y - other.y));
    }
  });

  it('when iterations are 0, then the seeded random start in the unit square', () => {
    const { positions } = net('abc', 'ab bc').layout({ seed: 2, iterations: 0 });
    for (const p of positions) {
      expect(p.x).toBeGreaterThanOrEqual(0);
      expect(p.x).toBeLessThan(1);
    }
  });
});

describe('network: rows in, plain objects out', () => {
  it('when an edge names a node that is not there, then a validation error naming it', () => {
    let error: unknown;
    try {
      buildNetwork(nodes('ab'), [edge('a', 'z', { id: 'x' })]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('VALIDATION_FAILED');
    expect((error as AppError).details).toEqual([{ path: 'edges.x.target', message: "no node 'z'" }]);
  });

  it('when an id comes twice, then a validation error', () => {
    expect(() => buildNetwork([node('a'), node('a')], [])).toThrow(/duplicate ids/);
    expect(() =>
      buildNetwork(nodes('ab'), [edge('a', 'b', { id: 'x' }), edge('b', 'a', { id: 'x' })]),
    ).toThrow(/duplicate ids/);
  });

  it('when all metrics are taken, then they survive JSON unchanged and join per node', () => {
    const { nodes: n, edges: e } = twoCliques();
    const m = buildNetwork([...n, node('k', { anonymised: true, label: 'Secret AS' })], e).metrics({
      seed: 4,
    });
    expect(JSON.parse(JSON.stringify(m))).toEqual(m);
    expect(JSON.stringify(m)).not.toContain('Secret AS');
    expect(m.summary).toMatchObject({ nodes: 11, edges: 21, links: 21 });
    expect(m.components).toEqual({ count: 2, largest: 10, isolated: 1, sizes: [10, 1] });
    expect(m.communities).toMatchObject({ count: 3, sizes: [5, 5, 1], seed: 4 });
    expect(m.betweenness).toEqual({ method: 'exact', pivots: 11, seed: null });
    const e_ = m.nodes.find((x) => x.id === 'e')!;
    expect(e_).toMatchObject({
      exchanges: 5,
      neighbours: 5,
      betweenness: 20,
      component: 0,
      label: 'Company e',
    });
    expect(m.nodes.find((x) => x.id === 'k')).toMatchObject({ component: 1, community: 2, exchanges: 0 });
    expect(m.bridges.bridges.map((b) => b.nodes)).toEqual([['e', 'f']]);
    expect(m.hubs.map((h) => h.id).slice(0, 2)).toEqual(['e', 'f']);
  });
});
