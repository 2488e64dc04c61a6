/**
 * graphology-communities-louvain on the network's compressed adjacency (network-algorithms.ts),
 * without copying it into a graphology graph first. The library reads its input graph once, into
 * an index of typed arrays (graphology-indices' UndirectedLouvainIndex), and runs on that index:
 * all it asks of the graph is its order and size, its nodes and edges in order, and each node's
 * degree. Building a graphology UndirectedGraph of the projection only to be read that way cost
 * more than Louvain itself (1.4 to 2 s against about 1 s at 100,000 nodes and 480,000 links:
 * graphology keeps each node's neighbours in an object keyed by neighbour), so this module hands
 * the library a read-only view of the CSR instead, which presents the same nodes and edges in the
 * same order as that graph (`projectionOf` below, which the unit test holds it to: the same
 * communities, modularity, moves and levels for random graphs, seeds and resolutions).
 *
 * The view answers only what graphology-communities-louvain 2.0 reads; any other property read
 * throws `ViewIncomplete`, and `louvainOnCsr` then returns undefined, so that the caller runs the
 * library on a real graphology graph instead: a newer version that reads more of its graph is
 * slower, never wrong.
 */
import { UndirectedGraph } from 'graphology';
import louvainModule from 'graphology-communities-louvain';
import type { Csr } from './network-algorithms.ts';

// CommonJS with an `export default` declaration: see network.ts.
const louvain = louvainModule as unknown as typeof louvainModule.default;

export type LouvainDetailed = ReturnType<typeof louvain.detailed>;

export interface LouvainCsrOptions {
  resolution: number;
  rng: () => number;
}

/** The view was asked for something graphology-communities-louvain did not read before. */
export class ViewIncomplete extends Error {
  constructor(readonly property: string) {
    super(`the CSR view of the projection has no '${property}'`);
  }
}

const NO_ATTRIBUTES = Object.freeze({});

/** The node keys of the projection: node i is String(i). */
function keysOf(n: number): string[] {
  return Array.from({ length: n }, (_key, i) => String(i));
}

/**
 * The projection as the graphology graph network.ts builds for the layout and exact betweenness:
 * node i under the key String(i), in index order; link k (counted over lower ends in ascending
 * order, then higher ends in ascending order) under the key String(k), weighted by its count.
 */
export function projectionOf(csr: Csr): UndirectedGraph<{ x?: number; y?: number }, { weight: number }> {
  const { n, offsets, targets, weights } = csr;
  const projection = new UndirectedGraph<{ x?: number; y?: number }, { weight: number }>({
    allowSelfLoops: false,
  });
  const keys = keysOf(n);
  for (let i = 0; i < n; i++) projection.addNode(keys[i]!);
  let link = 0;
  for (let i = 0; i < n; i++) {
    for (let k = offsets[i]!; k < offsets[i + 1]!; k++) {
      const j = targets[k]!;
      if (j > i) projection.addEdgeWithKey(String(link++), keys[i]!, keys[j]!, { weight: weights[k]! });
    }
  }
  return projection;
}

/**
 * A read-only, graphology-shaped view of the CSR with the nodes and edges of projectionOf(csr), in
 * the same order; reading anything it lacks throws ViewIncomplete.
 */
export function csrGraphView(csr: Csr): object {
  const { n, offsets, targets, weights } = csr;
  const keys = keysOf(n);
  const readOnly = (): never => {
    throw new Error('the CSR view of the projection is read-only');
  };
  const view = {
    type: 'undirected',
    multi: false,
    order: n,
    size: targets.length / 2,
    selfLoopCount: 0,
    forEachNode(callback: (node: string, attributes: object) => void): void {
      for (let i = 0; i < n; i++) callback(keys[i]!, NO_ATTRIBUTES);
    },
    undirectedDegreeWithoutSelfLoops(node: string): number {
      const i = Number(node);
      if (!(Number.isInteger(i) && i >= 0 && i < n && keys[i] === node))
        throw new Error(`the CSR view of the projection has no node '${node}'`);
      return offsets[i + 1]! - offsets[i]!;
    },
    forEachEdge(
      callback: (
        edge: string,
        attributes: { weight: number },
        source: string,
        target: string,
        sourceAttributes: object,
        targetAttributes: object,
        undirected: boolean,
      ) => void,
    ): void {
      let link = 0;
      for (let i = 0; i < n; i++) {
        for (let k = offsets[i]!; k < offsets[i + 1]!; k++) {
          const j = targets[k]!;
          if (j > i)
            callback(
              String(link++),
              { weight: weights[k]! },
              keys[i]!,
              keys[j]!,
              NO_ATTRIBUTES,
              NO_ATTRIBUTES,
              true,
            );
        }
      }
    },
    // What graphology-utils' isGraph checks for; never called.
    addUndirectedEdgeWithKey: readOnly,
    dropNode: readOnly,
  };
  return new Proxy(view, {
    get(target, property, receiver) {
      if (typeof property === 'string' && !(property in target)) throw new ViewIncomplete(property);
      return Reflect.get(target, property, receiver);
    },
  });
}

/**
 * `louvain.detailed` (graphology-communities-louvain) on the projection, each link weighted by
 * the exchanges it carries, as on projectionOf(csr); undefined when this version of the library
 * reads more than the view answers (then run it on projectionOf(csr), with a fresh rng).
 */
export function louvainOnCsr(csr: Csr, options: LouvainCsrOptions): LouvainDetailed | undefined {
  try {
    return louvain.detailed(csrGraphView(csr) as Parameters<typeof louvain.detailed>[0], {
      getEdgeWeight: 'weight',
      resolution: options.resolution,
      rng: options.rng,
    });
  } catch (error) {
    if (error instanceof ViewIncomplete) return undefined;
    throw error;
  }
}
