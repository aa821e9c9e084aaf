import type { SliceGraph } from './model.js';

/**
 * The simple graph of a slice in compressed-sparse-row form: node i's neighbours are
 * targets[offsets[i] .. offsets[i + 1]), in increasing order. Parallel relationships and
 * self-loops are dropped. Nodes are numbered in the slice's order (sorted by id), and neighbour
 * lists are sorted, so the arrays depend only on the graph, never on the order Neo4j returned
 * rows in (which hidden nodes can shift). Plain typed arrays keep a million-node graph within
 * memory and the loops below fast; they sit on SharedArrayBuffers so worker threads read them
 * without a copy (workers.ts).
 */
export interface Adjacency {
  ids: string[];
  offsets: Uint32Array;
  targets: Uint32Array;
  /** Number of edges (undirected: each counted once; directed: arcs). */
  size: number;
  directed: boolean;
}

/** Undirected: every relationship is a tie between its two ends. */
export function undirectedAdjacency(graph: SliceGraph): Adjacency {
  return adjacency(graph, false);
}

/** Directed: node i's list holds the nodes i has a relationship to. */
export function directedAdjacency(graph: SliceGraph): Adjacency {
  return adjacency(graph, true);
}

function adjacency(graph: SliceGraph, directed: boolean): Adjacency {
  const ids = graph.nodes.map((n) => n.id);
  const index = new Map(ids.map((id, i) => [id, i]));
  const n = ids.length;
  const seen = new Set<number>();
  const pairs: number[] = [];
  for (const e of graph.edges) {
    const a = index.get(e.source);
    const b = index.get(e.target);
    if (a === undefined || b === undefined || a === b) continue;
    const [from, to] = directed || a < b ? [a, b] : [b, a];
    const key = from * n + to;
    if (seen.has(key)) continue;
    seen.add(key);
    pairs.push(from, to);
  }
  const degree = new Uint32Array(n);
  for (let k = 0; k < pairs.length; k += 2) {
    degree[pairs[k] as number] = (degree[pairs[k] as number] ?? 0) + 1;
    if (!directed) degree[pairs[k + 1] as number] = (degree[pairs[k + 1] as number] ?? 0) + 1;
  }
  const offsets = sharedUint32(n + 1);
  for (let i = 0; i < n; i++) offsets[i + 1] = (offsets[i] ?? 0) + (degree[i] ?? 0);
  const fill = offsets.slice(0, n);
  const targets = sharedUint32(offsets[n] as number);
  const place = (from: number, to: number) => {
    const at = fill[from] as number;
    targets[at] = to;
    fill[from] = at + 1;
  };
  for (let k = 0; k < pairs.length; k += 2) {
    place(pairs[k] as number, pairs[k + 1] as number);
    if (!directed) place(pairs[k + 1] as number, pairs[k] as number);
  }
  for (let i = 0; i < n; i++) targets.subarray(offsets[i], offsets[i + 1]).sort();
  return { ids, offsets, targets, size: pairs.length / 2, directed };
}

export function neighbours(adj: Adjacency, v: number): Uint32Array {
  return adj.targets.subarray(adj.offsets[v], adj.offsets[v + 1]);
}

function sharedUint32(length: number): Uint32Array {
  return new Uint32Array(new SharedArrayBuffer(length * Uint32Array.BYTES_PER_ELEMENT));
}
