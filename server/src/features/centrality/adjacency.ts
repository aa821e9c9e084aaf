import type { SliceGraph } from './model.js';

/**
 * The undirected simple graph of a slice in compressed-sparse-row form: node i's neighbours are
 * targets[offsets[i] .. offsets[i + 1]). Parallel relationships and self-loops are dropped. Plain
 * typed arrays keep a million-node graph within memory and the loops below fast; they sit on
 * SharedArrayBuffers so worker threads read them without a copy (allPairs.ts).
 */
export interface Adjacency {
  ids: string[];
  offsets: Uint32Array;
  targets: Uint32Array;
  /** Number of undirected edges. */
  size: number;
}

export function undirectedAdjacency(graph: SliceGraph): Adjacency {
  const ids = graph.nodes.map((n) => n.id);
  const index = new Map(ids.map((id, i) => [id, i]));
  const n = ids.length;
  const seen = new Set<number>();
  const pairs: number[] = [];
  for (const e of graph.edges) {
    const a = index.get(e.source);
    const b = index.get(e.target);
    if (a === undefined || b === undefined || a === b) continue;
    const lo = Math.min(a, b);
    const hi = Math.max(a, b);
    const key = lo * n + hi;
    if (seen.has(key)) continue;
    seen.add(key);
    pairs.push(lo, hi);
  }
  const degree = new Uint32Array(n);
  for (const v of pairs) degree[v] = (degree[v] ?? 0) + 1;
  const offsets = sharedUint32(n + 1);
  for (let i = 0; i < n; i++) offsets[i + 1] = (offsets[i] ?? 0) + (degree[i] ?? 0);
  const fill = offsets.slice(0, n);
  const targets = sharedUint32(pairs.length);
  for (let k = 0; k < pairs.length; k += 2) {
    const a = pairs[k] as number;
    const b = pairs[k + 1] as number;
    const at = fill[a] as number;
    const bt = fill[b] as number;
    targets[at] = b;
    targets[bt] = a;
    fill[a] = at + 1;
    fill[b] = bt + 1;
  }
  return { ids, offsets, targets, size: pairs.length / 2 };
}

export function neighbours(adj: Adjacency, v: number): Uint32Array {
  return adj.targets.subarray(adj.offsets[v], adj.offsets[v + 1]);
}

function sharedUint32(length: number): Uint32Array {
  return new Uint32Array(new SharedArrayBuffer(length * Uint32Array.BYTES_PER_ELEMENT));
}
