/**
 * The regional network's typed-array paths (analytics/network.ts, network-algorithms.ts) held to
 * graphology and to brute force on seeded random multigraphs: the union-find components against
 * graphology-components, the projection against a map of pairs, the linearly scaled betweenness
 * sample against graphology-metrics' exact figures (unbiased over seeds), the one-pass hubs
 * against a full sort, the bridges' exchanges and the heat clusters against a filter of the rows,
 * and metrics() against the single methods it joins.
 */
import { MultiDirectedGraph, UndirectedGraph } from 'graphology';
import { connectedComponents } from 'graphology-components';
import betweennessModule from 'graphology-metrics/centrality/betweenness.js';
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
  mulberry32,
  samplePivots,
} from '../../../src/analytics/network-algorithms.ts';

const betweennessCentrality = betweennessModule as unknown as typeof betweennessModule.default;

const id = (prefix: string, i: number): string => `${prefix}${String(i).padStart(4, '0')}`;

/**
 * A seeded random network: `n` nodes (some without coordinates), `m` exchanges between random
 * nodes, with self-loops, parallel and opposite exchanges, a few nodes left alone, and a hub that
 * takes a share of the exchanges (so that some node has many neighbours).
 */
function randomNetwork(
  n: number,
  m: number,
  seed: number,
): { nodes: NetworkNodeRow[]; edges: NetworkEdgeRow[] } {
  const random = mulberry32(seed);
  const nodes: NetworkNodeRow[] = Array.from({ length: n }, (_, i) => ({
    id: id('n', i),
    label: `Company ${i}`,
    kind: random() < 0.8 ? 'company' : 'site',
    anonymised: random() < 0.2,
    ...(random() < 0.8 ? { lat: 60 + random() * 0.3, lon: 10 + random() * 0.6 } : {}),
  }));
  const alone = Math.max(1, Math.floor(n / 10));
  const pick = (): number => (random() < 0.2 ? alone : alone + Math.floor(random() * (n - alone))); // node `alone` is the hub
  const kinds = ['material', 'energy', 'water', 'land'] as const;
  const edges: NetworkEdgeRow[] = Array.from({ length: m }, (_, j) => {
    const source = pick();
    const target = random() < 0.05 ? source : pick();
    const kind = kinds[Math.floor(random() * (random() < 0.5 ? 2 : 4))]!;
    return {
      id: id('e', j),
      source: nodes[source]!.id,
      target: nodes[target]!.id,
      kind,
      quantity: Math.round(random() * 100),
      unit: kind === 'energy' ? (random() < 0.8 ? 'MWh/yr' : 'kW') : 't/yr',
      co2eAvoidedT: Math.round(random() * 8) / 2,
      state: 'implemented',
      realised: random() < 0.4,
      ...(random() < 0.5 ? { distanceKm: random() * 20 } : {}),
    };
  });
  return { nodes, edges };
}

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];
const networks = (n: number, m: number) => SEEDS.map((seed) => ({ seed, ...randomNetwork(n, m, seed) }));

describe('network, typed arrays: components', () => {
  it('when compared with graphology-components on random multigraphs, then the same components in the same order', () => {
    for (const { nodes, edges } of networks(60, 50)) {
      const graph = new MultiDirectedGraph();
      for (const node of nodes) graph.addNode(node.id);
      for (const edge of edges) graph.addEdgeWithKey(edge.id, edge.source, edge.target);
      const expected = connectedComponents(graph)
        .map((c) => [...c].sort())
        .sort((a, b) => b.length - a.length || (a[0]! < b[0]! ? -1 : 1));
      const c = buildNetwork(nodes, edges).components();
      expect(c.members).toEqual(expected);
      expect(c.count).toBe(expected.length);
      expect(c.largest).toBe(expected[0]!.length);
      expect(c.isolated).toBe(expected.filter((x) => x.length === 1).length);
    }
  });
});

describe('network, typed arrays: the projection', () => {
  it('when pairs repeat, point both ways, loop or crowd on one node, then one link per pair with its count', () => {
    for (const seed of SEEDS) {
      const random = mulberry32(seed);
      const n = 40;
      const m = 300;
      // Half of the pairs touch node 3, whose bucket then holds more than a handful of entries.
      const from = Int32Array.from({ length: m }, () => (random() < 0.5 ? 3 : Math.floor(random() * n)));
      const to = Int32Array.from({ length: m }, () => Math.floor(random() * n));
      const pairs = new Map<string, number>();
      for (let j = 0; j < m; j++) {
        if (from[j] === to[j]) continue;
        for (const [a, b] of [
          [from[j]!, to[j]!],
          [to[j]!, from[j]!],
        ])
          pairs.set(`${a}-${b}`, (pairs.get(`${a}-${b}`) ?? 0) + 1);
      }
      const csr = buildCsr(n, from, to);
      const links = new Map<string, number>();
      for (let i = 0; i < n; i++) {
        const list = [...csr.targets.subarray(csr.offsets[i]!, csr.offsets[i + 1]!)];
        expect(list).toEqual([...list].sort((a, b) => a - b));
        for (let k = csr.offsets[i]!; k < csr.offsets[i + 1]!; k++)
          links.set(`${i}-${csr.targets[k]}`, csr.weights[k]!);
      }
      expect(links).toEqual(pairs);
    }
  });
});

describe('network, typed arrays: sampled betweenness', () => {
  /** A random simple graph as graphology exact figures and our CSR. */
  function exactAndCsr(n: number, m: number, seed: number) {
    const random = mulberry32(seed);
    const from = Int32Array.from({ length: m }, () => Math.floor(random() * n));
    const to = Int32Array.from({ length: m }, () => Math.floor(random() * n));
    const csr = buildCsr(n, from, to);
    const graph = new UndirectedGraph();
    for (let i = 0; i < n; i++) graph.addNode(String(i));
    for (let i = 0; i < n; i++) {
      for (let k = csr.offsets[i]!; k < csr.offsets[i + 1]!; k++)
        if (csr.targets[k]! > i) graph.addEdge(String(i), String(csr.targets[k]!));
    }
    const exact = betweennessCentrality(graph, { getEdgeWeight: null, normalized: false });
    return { csr, exact: Float64Array.from({ length: n }, (_, i) => exact[String(i)]!) };
  }

  it('when averaged over many seeded samples of a few pivots, then the estimate meets the exact figures', () => {
    const n = 40;
    const { csr, exact } = exactAndCsr(n, 70, 9);
    const samples = 600;
    const k = 4;
    const mean = new Float64Array(n);
    for (let seed = 1; seed <= samples; seed++) {
      const sums = betweennessFromSources(csr, samplePivots(n, k, mulberry32(seed)));
      for (let i = 0; i < n; i++) mean[i]! += (sums[i]! * n) / k / samples;
    }
    const total = (xs: Float64Array) => xs.reduce((s, x) => s + x, 0);
    expect(total(mean) / total(exact)).toBeGreaterThan(0.95);
    expect(total(mean) / total(exact)).toBeLessThan(1.05);
    const top = [...exact.keys()].sort((a, b) => exact[b]! - exact[a]!).slice(0, 5);
    for (const i of top) expect(Math.abs(mean[i]! - exact[i]!) / exact[i]!).toBeLessThan(0.15);
  });

  it('when a network is sampled, then the same figures for the same seed, normalised over (n − 1)(n − 2) / 2 pairs', () => {
    const { nodes, edges } = randomNetwork(80, 200, 4);
    const network = buildNetwork(nodes, edges);
    const b = network.betweenness({ pivots: 10, seed: 3 });
    expect(b).toMatchObject({ method: 'sampled', pivots: 10, seed: 3 });
    expect(network.betweenness({ pivots: 10, seed: 3 })).toEqual(b);
    const n = nodes.length;
    for (const v of b.values) expect(v.normalized).toBeCloseTo((2 * v.betweenness) / ((n - 1) * (n - 2)), 12);
  });
});

describe('network, typed arrays: hubs, bridges, heat clusters and metrics()', () => {
  it('when hubs are taken in one pass, then they are the head of the full sort, ties included', () => {
    for (const { nodes, edges } of networks(120, 300)) {
      const network = buildNetwork(nodes, edges);
      const everyone = network.hubs(1000);
      for (const count of [0, 1, 5, 64]) {
        expect(network.hubs(count)).toEqual(everyone.slice(0, count));
        expect(network.hubs(count, 'exchanges')).toEqual(network.hubs(1000, 'exchanges').slice(0, count));
      }
    }
  });

  it('when a link is a bridge, then it lists every exchange between its two nodes, in id order', () => {
    for (const { nodes, edges } of networks(60, 45)) {
      const { bridges } = buildNetwork(nodes, edges).bridges();
      for (const bridge of bridges) {
        const [a, b] = bridge.nodes;
        const expected = edges
          .filter((e) => (e.source === a && e.target === b) || (e.source === b && e.target === a))
          .map((e) => e.id)
          .sort();
        expect(bridge.exchanges).toEqual(expected);
      }
    }
  });

  it('when compared with graphology-components on the energy exchanges in reach, then the same clusters', () => {
    for (const { nodes, edges } of networks(60, 120)) {
      const byId = new Map(nodes.map((n) => [n.id, n]));
      const network = buildNetwork(nodes, edges);
      const heat = network.heatClusters(5);
      const graph = new UndirectedGraph();
      const inReach = edges.filter((e) => {
        if (e.kind !== 'energy' || e.source === e.target) return false;
        const s = byId.get(e.source)!;
        const t = byId.get(e.target)!;
        const km =
          e.distanceKm ??
          (s.lat !== undefined && t.lat !== undefined
            ? (() => {
                const toRad = Math.PI / 180;
                const dLat = (t.lat! - s.lat!) * toRad;
                const dLon = (t.lon! - s.lon!) * toRad;
                const h =
                  Math.sin(dLat / 2) ** 2 +
                  Math.cos(s.lat! * toRad) * Math.cos(t.lat! * toRad) * Math.sin(dLon / 2) ** 2;
                return 2 * 6371 * Math.asin(Math.sqrt(h));
              })()
            : undefined);
        return km !== undefined && km <= 5;
      });
      for (const e of inReach) {
        graph.mergeNode(e.source);
        graph.mergeNode(e.target);
        graph.mergeEdge(e.source, e.target);
      }
      const expected = connectedComponents(graph)
        .map((c) => [...c].sort())
        .sort((a, b) => b.length - a.length || (a[0]! < b[0]! ? -1 : 1));
      expect(heat.clusters.map((c) => c.nodes)).toEqual(expected);
      expect(heat.inReach).toBe(inReach.length);
      for (const cluster of heat.clusters) {
        const mine = inReach.filter((e) => cluster.nodes.includes(e.source));
        expect(cluster.exchanges).toEqual(mine.map((e) => e.id).sort());
        expect(cluster.sources).toEqual([...new Set(mine.map((e) => e.source))].sort());
        expect(cluster.sinks).toEqual([...new Set(mine.map((e) => e.target))].sort());
        expect(cluster.realised + cluster.potential).toBe(mine.length);
      }
    }
  });

  it('when all metrics are taken at once, then each node joins what the single methods say', () => {
    for (const { seed, nodes, edges } of networks(90, 200).slice(0, 4)) {
      const network: SymbiosisNetwork = buildNetwork(nodes, edges);
      const m = network.metrics({ seed, betweenness: { pivots: 20 } });
      const components = network.components();
      const communities = network.communities({ seed });
      const betweenness = network.betweenness({ seed, pivots: 20 });
      const degrees = network.weightedDegrees();
      expect(m.components.sizes).toEqual(components.members.map((c) => c.length));
      expect(m.communities.sizes).toEqual(communities.communities.map((c) => c.size));
      expect(m.communities.modularity).toBe(communities.modularity);
      const sizes = communities.communities.map((c) => c.size);
      expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
      m.nodes.forEach((node, i) => {
        expect(node.id).toBe(network.nodeIds()[i]);
        expect(components.members[node.component]).toContain(node.id);
        expect(communities.communities[node.community]!.members).toContain(node.id);
        expect(node.betweenness).toBe(betweenness.values[i]!.betweenness);
        expect(node.normalizedBetweenness).toBe(betweenness.values[i]!.normalized);
        const { id: _id, ...degree } = degrees[i]!;
        expect(node).toMatchObject(degree);
        const row = nodes.find((x) => x.id === node.id)!;
        expect(node.kind).toBe(row.kind);
        if (row.anonymised) expect(node).not.toHaveProperty('label');
        else expect(node.label).toBe(row.label);
      });
      expect(m.hubs).toEqual(network.hubs());
      expect(m.bridges).toEqual(network.bridges());
      expect(m.realisedShare).toEqual(network.realisedShare());
      expect(m.heatClusters).toEqual(network.heatClusters());
    }
  });
});
