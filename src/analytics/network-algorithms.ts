/**
 * The graph algorithms the graphology libraries lack, over a compressed adjacency (CSR) of the
 * network's undirected simple projection: building it, Tarjan's bridges, a sampled (pivot) version
 * of Brandes' betweenness, a union-find for the heat clusters, and the seeded rng that Louvain, the
 * sampling and the layout share. Plain typed arrays in and out: nothing here knows graphology.
 */

/** Undirected simple graph: the neighbours of node i are `targets[offsets[i] .. offsets[i + 1])`. */
export interface Csr {
  n: number;
  offsets: Int32Array;
  targets: Int32Array;
  /** Per slot of `targets`: how many of the given pairs the link stands for. */
  weights: Int32Array;
}

/**
 * The undirected simple graph of the given directed pairs (`from[i]` → `to[i]`): one link per
 * unordered pair, self-loops dropped; each node's neighbours in ascending order.
 */
export function buildCsr(n: number, from: Int32Array, to: Int32Array, count = from.length): Csr {
  const keys = new Float64Array(count);
  let m = 0;
  for (let i = 0; i < count; i++) {
    const a = from[i]!;
    const b = to[i]!;
    if (a !== b) keys[m++] = a < b ? a * n + b : b * n + a;
  }
  const sorted = keys.subarray(0, m).sort();
  const offsets = new Int32Array(n + 1);
  const counts = new Int32Array(m);
  let links = 0;
  for (let i = 0; i < m; i++) {
    const key = sorted[i]!;
    if (i > 0 && key === sorted[links - 1]) {
      counts[links - 1]!++;
      continue;
    }
    counts[links] = 1;
    sorted[links++] = key;
    const lo = Math.floor(key / n);
    offsets[lo + 1]!++;
    offsets[key - lo * n + 1]!++;
  }
  for (let i = 0; i < n; i++) offsets[i + 1]! += offsets[i]!;
  const fill = offsets.slice(0, n);
  const targets = new Int32Array(links * 2);
  const weights = new Int32Array(links * 2);
  // Keys ascend by (lo, hi): hi lands in lo's list in ascending order, and lo in hi's list too,
  // since every lo below hi comes before any later one.
  for (let i = 0; i < links; i++) {
    const key = sorted[i]!;
    const lo = Math.floor(key / n);
    const hi = key - lo * n;
    weights[fill[lo]!] = counts[i]!;
    targets[fill[lo]!++] = hi;
    weights[fill[hi]!] = counts[i]!;
    targets[fill[hi]!++] = lo;
  }
  return { n, offsets, targets, weights };
}

/** Union-find with path halving: the component label (a root node) of every node. */
export function unionFind(n: number, from: Int32Array, to: Int32Array, count = from.length): Int32Array {
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  for (let i = 0; i < count; i++) {
    const a = find(from[i]!);
    const b = find(to[i]!);
    if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
  }
  for (let i = 0; i < n; i++) parent[i] = find(i);
  return parent;
}

/** mulberry32 (T. Ettinger, 2017, public domain): a small, fast seeded rng in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A bridge (u, v) and the size of the side that holds v once the bridge is removed. */
export interface CsrBridge {
  u: number;
  v: number;
  /** Nodes on v's side. */
  sideV: number;
  /** Nodes in the whole component (so u's side holds `component - sideV`). */
  component: number;
}

/**
 * Tarjan's bridge-finding (1974), iterative so that a long path cannot overflow the call stack:
 * a DFS tree edge (p, u) is a bridge when no back edge from u's subtree reaches p or above
 * (low[u] > disc[p]). O(n + m). The graph must be simple (no parallel links, no self-loops):
 * the parent is skipped by node, which is only right when there is one link to it.
 */
export function findBridges(csr: Csr): CsrBridge[] {
  const { n, offsets, targets } = csr;
  const disc = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const size = new Int32Array(n);
  const parent = new Int32Array(n);
  const stack = new Int32Array(n);
  const next = new Int32Array(n);
  const bridges: CsrBridge[] = [];
  let time = 0;
  for (let root = 0; root < n; root++) {
    if (disc[root] !== -1) continue;
    const first = bridges.length;
    let sp = 0;
    stack[sp] = root;
    next[sp++] = offsets[root]!;
    parent[root] = -1;
    disc[root] = low[root] = time++;
    size[root] = 1;
    while (sp > 0) {
      const u = stack[sp - 1]!;
      const i = next[sp - 1]!;
      if (i < offsets[u + 1]!) {
        next[sp - 1] = i + 1;
        const v = targets[i]!;
        if (disc[v] === -1) {
          parent[v] = u;
          disc[v] = low[v] = time++;
          size[v] = 1;
          stack[sp] = v;
          next[sp++] = offsets[v]!;
        } else if (v !== parent[u] && disc[v]! < low[u]!) {
          low[u] = disc[v]!;
        }
      } else {
        sp--;
        const p = parent[u]!;
        if (p >= 0) {
          if (low[u]! < low[p]!) low[p] = low[u]!;
          size[p]! += size[u]!;
          if (low[u]! > disc[p]!) bridges.push({ u: p, v: u, sideV: size[u]!, component: 0 });
        }
      }
    }
    for (let b = first; b < bridges.length; b++) bridges[b]!.component = size[root]!;
  }
  return bridges;
}

/** k distinct nodes out of n, uniformly (a partial Fisher-Yates shuffle), in the order drawn. */
export function samplePivots(n: number, k: number, random: () => number): Int32Array {
  const count = Math.min(n, Math.max(0, k));
  const pool = new Int32Array(n);
  for (let i = 0; i < n; i++) pool[i] = i;
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(random() * (n - i));
    const t = pool[i]!;
    pool[i] = pool[j]!;
    pool[j] = t;
  }
  return pool.slice(0, count);
}

/**
 * Brandes' betweenness (2001) accumulated from the given sources only, unweighted (hops):
 * returns, per node v, the sum over the sources s of the dependency δ_s(v). With every node as a
 * source this is exact betweenness counted over ordered pairs (twice the undirected figure);
 * with k sources drawn uniformly, (n / k) × the sum is an unbiased estimate of it (Brandes and
 * Pich 2007, "Centrality estimation in large networks"). O(k (n + m)).
 */
export function betweennessFromSources(csr: Csr, sources: Int32Array): Float64Array {
  const { n, offsets, targets } = csr;
  const dist = new Int32Array(n).fill(-1);
  const sigma = new Float64Array(n);
  const delta = new Float64Array(n);
  const order = new Int32Array(n);
  const sum = new Float64Array(n);
  for (const s of sources) {
    let head = 0;
    let tail = 0;
    order[tail++] = s;
    dist[s] = 0;
    sigma[s] = 1;
    while (head < tail) {
      const v = order[head++]!;
      const dv = dist[v]! + 1;
      const sv = sigma[v]!;
      for (let i = offsets[v]!, end = offsets[v + 1]!; i < end; i++) {
        const w = targets[i]!;
        const dw = dist[w]!;
        if (dw === -1) {
          dist[w] = dv;
          sigma[w] = sv;
          order[tail++] = w;
        } else if (dw === dv) sigma[w]! += sv;
      }
    }
    // Back from the farthest: each node passes its share down to its predecessors (the
    // neighbours one hop nearer the source), so no predecessor lists are needed.
    for (let j = tail - 1; j > 0; j--) {
      const w = order[j]!;
      const dw = dist[w]! - 1;
      const dependency = delta[w]!;
      const coefficient = (1 + dependency) / sigma[w]!;
      for (let i = offsets[w]!, end = offsets[w + 1]!; i < end; i++) {
        const v = targets[i]!;
        if (dist[v] === dw) delta[v]! += sigma[v]! * coefficient;
      }
      sum[w]! += dependency;
    }
    for (let j = 0; j < tail; j++) {
      const v = order[j]!;
      dist[v] = -1;
      sigma[v] = 0;
      delta[v] = 0;
    }
  }
  return sum;
}
