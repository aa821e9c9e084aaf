import type { Adjacency } from './adjacency.js';

/**
 * Shortest-path measures on the undirected simple graph, by breadth-first search from each
 * source. graphology-metrics has exact betweenness and closeness but neither harmonic centrality
 * nor sampled betweenness, so those two live here.
 */

/** Harmonic centrality: sum over reachable t != v of 1 / d(v, t). */
export function harmonic(adj: Adjacency): Float64Array {
  const { offsets, targets } = adj;
  const n = adj.ids.length;
  const result = new Float64Array(n);
  const dist = new Int32Array(n).fill(-1);
  const queue = new Uint32Array(n);
  for (let s = 0; s < n; s++) {
    let head = 0;
    let tail = 0;
    queue[tail++] = s;
    dist[s] = 0;
    let sum = 0;
    while (head < tail) {
      const v = queue[head++] as number;
      const dv = dist[v] as number;
      if (dv > 0) sum += 1 / dv;
      for (let e = offsets[v] as number, end = offsets[v + 1] as number; e < end; e++) {
        const w = targets[e] as number;
        if (dist[w] === -1) {
          dist[w] = dv + 1;
          queue[tail++] = w;
        }
      }
    }
    result[s] = sum;
    for (let i = 0; i < tail; i++) dist[queue[i] as number] = -1;
  }
  return result;
}

/**
 * Brandes' accumulation from the given sources only: for each v, the sum over the sources s of
 * the dependency delta_s(v). With every node as a source this is twice the undirected
 * betweenness; with k sampled sources, scaling by n / k gives an unbiased estimate
 * (Brandes & Pich 2007).
 */
export function brandesDependencies(adj: Adjacency, sources: Iterable<number>): Float64Array {
  const { offsets, targets } = adj;
  const n = adj.ids.length;
  const total = new Float64Array(n);
  const dist = new Int32Array(n).fill(-1);
  const sigma = new Float64Array(n);
  const delta = new Float64Array(n);
  const order = new Uint32Array(n);
  for (const s of sources) {
    let head = 0;
    let tail = 0;
    order[tail++] = s;
    dist[s] = 0;
    sigma[s] = 1;
    while (head < tail) {
      const v = order[head++] as number;
      const dv = dist[v] as number;
      for (let e = offsets[v] as number, end = offsets[v + 1] as number; e < end; e++) {
        const w = targets[e] as number;
        if (dist[w] === -1) {
          dist[w] = dv + 1;
          order[tail++] = w;
        }
        if (dist[w] === dv + 1) sigma[w] = (sigma[w] as number) + (sigma[v] as number);
      }
    }
    // Dependencies accumulate in reverse BFS order; predecessors are the neighbours one step closer.
    for (let i = tail - 1; i >= 0; i--) {
      const w = order[i] as number;
      const coefficient = (1 + (delta[w] as number)) / (sigma[w] as number);
      const dw = dist[w] as number;
      for (let e = offsets[w] as number, end = offsets[w + 1] as number; e < end; e++) {
        const v = targets[e] as number;
        if (dist[v] === dw - 1) delta[v] = (delta[v] as number) + (sigma[v] as number) * coefficient;
      }
      if (w !== s) total[w] = (total[w] as number) + (delta[w] as number);
    }
    for (let i = 0; i < tail; i++) {
      const v = order[i] as number;
      dist[v] = -1;
      sigma[v] = 0;
      delta[v] = 0;
    }
  }
  return total;
}

/** k distinct node indices drawn uniformly with a seeded generator, so a repeated request gives the same estimate. */
export function sampleSources(n: number, k: number, seed: number): Uint32Array {
  const pool = new Uint32Array(n);
  for (let i = 0; i < n; i++) pool[i] = i;
  const random = seededRandom(seed);
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(random() * (n - i));
    const t = pool[i] as number;
    pool[i] = pool[j] as number;
    pool[j] = t;
  }
  return pool.slice(0, k);
}

/** mulberry32: a small, fast, seedable generator (quality is ample for picking sources). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
