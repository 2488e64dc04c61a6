/**
 * The graph algorithms the graphology libraries lack, over a compressed adjacency (CSR) of the
 * network's undirected simple projection: building it, Tarjan's bridges, a sampled (pivot) version
 * of Brandes' betweenness, a union-find for the weakly connected components and the heat clusters,
 * and the seeded rng that Louvain, the sampling and the layout share. Plain typed arrays in and
 * out: nothing here knows graphology.
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
 * unordered pair, self-loops dropped; each node's neighbours in ascending order. The pairs are
 * bucketed by their lower end (a counting sort), each bucket sorted on its own (mostly a handful
 * of entries) and its repeats counted: O(m) but for the buckets' sorts.
 */
export function buildCsr(n: number, from: Int32Array, to: Int32Array, count = from.length): Csr {
  // Buckets by lower end: the higher ends of lo's pairs are upper[bucket[lo] .. bucket[lo + 1]).
  const bucket = new Int32Array(n + 1);
  for (let i = 0; i < count; i++) {
    const a = from[i]!;
    const b = to[i]!;
    if (a !== b) bucket[Math.min(a, b) + 1]!++;
  }
  for (let v = 0; v < n; v++) bucket[v + 1]! += bucket[v]!;
  const fill = bucket.slice(0, n);
  const upper = new Int32Array(bucket[n]!);
  for (let i = 0; i < count; i++) {
    const a = from[i]!;
    const b = to[i]!;
    if (a < b) upper[fill[a]!++] = b;
    else if (b < a) upper[fill[b]!++] = a;
  }
  // Each bucket in order, repeats folded into a count: links (lo, upper[k], weight[k]) for k in
  // [bucket[lo], linkEnd[lo]).
  const weight = new Int32Array(upper.length);
  const linkEnd = new Int32Array(n);
  const offsets = new Int32Array(n + 1);
  for (let lo = 0; lo < n; lo++) {
    const start = bucket[lo]!;
    const end = bucket[lo + 1]!;
    if (end - start > 16) upper.subarray(start, end).sort();
    else {
      for (let k = start + 1; k < end; k++) {
        const x = upper[k]!;
        let at = k;
        while (at > start && upper[at - 1]! > x) {
          upper[at] = upper[at - 1]!;
          at--;
        }
        upper[at] = x;
      }
    }
    let last = start - 1;
    for (let k = start; k < end; k++) {
      if (last >= start && upper[k] === upper[last]) weight[last]!++;
      else {
        upper[++last] = upper[k]!;
        weight[last] = 1;
        offsets[lo + 1]!++;
        offsets[upper[last]! + 1]!++;
      }
    }
    linkEnd[lo] = last + 1;
  }
  for (let v = 0; v < n; v++) offsets[v + 1]! += offsets[v]!;
  const at = offsets.slice(0, n);
  const targets = new Int32Array(offsets[n]!);
  const weights = new Int32Array(offsets[n]!);
  // Lows ascending: hi lands in lo's list in ascending order, and lo in hi's list too, since every
  // lo below hi comes before any later one and hi's own (higher) neighbours come at hi's turn.
  for (let lo = 0; lo < n; lo++) {
    for (let k = bucket[lo]!; k < linkEnd[lo]!; k++) {
      const hi = upper[k]!;
      weights[at[lo]!] = weight[k]!;
      targets[at[lo]!++] = hi;
      weights[at[hi]!] = weight[k]!;
      targets[at[hi]!++] = lo;
    }
  }
  return { n, offsets, targets, weights };
}

/**
 * Union-find with path halving: the component label of every node, which is the smallest node of
 * its component (the larger root always joins the smaller).
 */
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
 * Brandes' betweenness (2001), unweighted (hops), accumulated from the given sources only, with
 * the linear scaling of Geisberger, Sanders and Schultes (2008, "Better approximation of
 * betweenness centrality"): source s credits v with (d(s,v) / d(s,t)) · σ_st(v) / σ_st for every
 * target t. Seen from both ends, a pair's two shares add up to one, so with every node as a source
 * the sum is exactly the (undirected) betweenness, and with k sources drawn uniformly, (n / k) ×
 * the sum is an unbiased estimate of it. Plain Brandes sampling credits the nodes next to a source
 * with nearly all of its n − 1 paths, so that nodes which happen to neighbour a pivot dominate the
 * estimate; scaled, they get the share of the path they stand for. O(k (n + m)).
 *
 * Level by level, so that the adjacency is read in address order: a breadth-first search in queue
 * order jumps to a random node's neighbours at every step, and at 100,000 nodes those jumps, not
 * the arithmetic, were the cost (about 60 ms a source in queue order; half that level by level).
 * A level of more than n / 32 nodes is put in node order by one sweep of `dist` (at most 32 such
 * sweeps a source); smaller levels stay in the order found. Forward, each level pushes its path
 * counts σ to the next one. Back, each node v at distance d pulls from its successors (the
 * neighbours at d + 1) the sum of (1 + δ(w)) / (σ(w) · d(w)), which is kept in σ's slot once w
 * is done; then δ(v) = σ(v) · d(v) × that sum.
 */
export function betweennessFromSources(csr: Csr, sources: Int32Array): Float64Array {
  const { n, offsets, targets } = csr;
  const dist = new Int32Array(n).fill(-1);
  /** σ(v) forward; (1 + δ(v)) / (σ(v) · d(v)) once v's dependency is known. */
  const sigma = new Float64Array(n);
  /** Nodes by level: level l is order[level[l] .. level[l + 1]). */
  const order = new Int32Array(n);
  const level = new Int32Array(n + 1);
  const sum = new Float64Array(n);
  const large = Math.max(1, n >> 5);
  for (let k = 0; k < sources.length; k++) {
    const s = sources[k]!;
    order[0] = s;
    dist[s] = 0;
    sigma[s] = 1;
    let levels = 0;
    let start = 0;
    let end = 1;
    let tail = 1;
    while (start < end) {
      if (end - start > large) {
        let j = start;
        for (let v = 0; v < n; v++) if (dist[v] === levels) order[j++] = v;
      }
      level[levels++] = start;
      for (let j = start; j < end; j++) {
        const v = order[j]!;
        const sv = sigma[v]!;
        for (let i = offsets[v]!, stop = offsets[v + 1]!; i < stop; i++) {
          const w = targets[i]!;
          const dw = dist[w]!;
          if (dw === -1) {
            dist[w] = levels;
            sigma[w] = sv;
            order[tail++] = w;
          } else if (dw === levels) sigma[w]! += sv;
        }
      }
      start = end;
      end = tail;
    }
    level[levels] = tail;
    // The farthest level (if any beyond the source) has no successors: δ = 0.
    const farthest = levels - 1;
    if (farthest > 0) {
      for (let j = level[farthest]!; j < tail; j++) {
        const w = order[j]!;
        sigma[w] = 1 / (sigma[w]! * farthest);
      }
    }
    // The source itself (level 0) is not credited.
    for (let l = farthest - 1; l > 0; l--) {
      const next = l + 1;
      for (let j = level[l]!, stop = level[next]!; j < stop; j++) {
        const v = order[j]!;
        let pulled = 0;
        for (let i = offsets[v]!, end = offsets[v + 1]!; i < end; i++) {
          const w = targets[i]!;
          if (dist[w] === next) pulled += sigma[w]!;
        }
        const scaled = sigma[v]! * l;
        const dependency = scaled * pulled;
        sum[v]! += dependency;
        sigma[v] = (1 + dependency) / scaled;
      }
    }
    for (let j = 0; j < tail; j++) dist[order[j]!] = -1;
  }
  return sum;
}
