/**
 * graphology-communities-louvain on the CSR view (analytics/louvain-csr.ts) held to the same
 * library on the graphology projection of the same CSR: identical output (communities, modularity,
 * moves, levels, delta computations) for random graphs, seeds and resolutions, and a view that
 * refuses what it does not have.
 */
import louvainModule from 'graphology-communities-louvain';
import { describe, expect, it } from 'vitest';
import {
  csrGraphView,
  louvainOnCsr,
  projectionOf,
  ViewIncomplete,
} from '../../../src/analytics/louvain-csr.ts';
import { buildCsr, mulberry32 } from '../../../src/analytics/network-algorithms.ts';

const louvain = louvainModule as unknown as typeof louvainModule.default;

/** A random multigraph's projection: clustered pairs, repeats (weights), loops and lone nodes. */
function randomCsr(n: number, m: number, seed: number) {
  const random = mulberry32(seed);
  const from = new Int32Array(m);
  const to = new Int32Array(m);
  const lone = Math.floor(n / 10);
  for (let j = 0; j < m; j++) {
    const s = lone + Math.floor(random() * (n - lone));
    from[j] = s;
    to[j] =
      random() < 0.7
        ? Math.min(n - 1, s + Math.floor(random() * 6))
        : lone + Math.floor(random() * (n - lone));
  }
  return buildCsr(n, from, to);
}

describe('Louvain on the CSR view', () => {
  it('when run on the view and on the graphology projection, then the very same run', () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      for (const resolution of [0.5, 1, 2]) {
        const csr = randomCsr(150, 400, seed);
        const onView = louvainOnCsr(csr, { resolution, rng: mulberry32(seed) });
        const onGraph = louvain.detailed(projectionOf(csr), {
          getEdgeWeight: 'weight',
          resolution,
          rng: mulberry32(seed),
        });
        expect(onView).toBeDefined();
        expect(onView).toEqual(onGraph);
        expect(onView!.count).toBeGreaterThan(1);
      }
    }
  });

  it('when the graph has no link at all, then every node alone, as on the graphology projection', () => {
    const csr = buildCsr(4, new Int32Array(0), new Int32Array(0));
    const onView = louvainOnCsr(csr, { resolution: 1, rng: mulberry32(1) });
    expect(onView).toEqual(
      louvain.detailed(projectionOf(csr), { getEdgeWeight: 'weight', resolution: 1, rng: mulberry32(1) }),
    );
    expect(onView!.communities).toEqual({ '0': 0, '1': 1, '2': 2, '3': 3 });
  });

  it('when the view is read for anything the library did not read before, then ViewIncomplete', () => {
    const view = csrGraphView(randomCsr(20, 30, 1)) as Record<string, unknown>;
    expect(view['order']).toBe(20);
    expect(() => view['neighbors']).toThrow(ViewIncomplete);
    expect(() => view['getEdgeAttributes']).toThrow(/has no 'getEdgeAttributes'/);
    expect(() => (view['addUndirectedEdgeWithKey'] as () => void)()).toThrow(/read-only/);
  });
});
