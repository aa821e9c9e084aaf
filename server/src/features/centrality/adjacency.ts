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
  /** Weighted: each target's tie weight (a relationship's `weight`, 1 when it has none); else null. */
  weights: Float64Array | null;
  /** Number of edges (undirected: each counted once; directed: arcs). */
  size: number;
  directed: boolean;
}

/** Undirected: every relationship is a tie between its two ends. */
export function undirectedAdjacency(graph: SliceGraph, weighted = false): Adjacency {
  return adjacency(graph, false, weighted);
}

/**
 * Directed: node i's list holds the nodes i has a relationship to; an undirected tie (a
 * network imported as undirected, `directed: false`) is an arc both ways, as networkx reads a
 * Graph when a directed algorithm needs one.
 */
export function directedAdjacency(graph: SliceGraph, weighted = false): Adjacency {
  return adjacency(graph, true, weighted);
}

/** The arcs (from, to) of the simple graph, each with its weight; parallel ties keep the smallest. */
function arcs(graph: SliceGraph, index: Map<string, number>, directed: boolean): { pairs: number[]; weights: number[] } {
  const n = index.size;
  const seen = new Map<number, number>();
  const pairs: number[] = [];
  const weights: number[] = [];
  const add = (from: number, to: number, weight: number) => {
    const key = from * n + to;
    const known = seen.get(key);
    if (known !== undefined) {
      weights[known] = Math.min(weights[known] as number, weight);
      return;
    }
    seen.set(key, weights.length);
    pairs.push(from, to);
    weights.push(weight);
  };
  for (const e of graph.edges) {
    const a = index.get(e.source);
    const b = index.get(e.target);
    if (a === undefined || b === undefined || a === b) continue;
    const weight = typeof e.weight === 'number' ? e.weight : 1;
    if (!directed) add(Math.min(a, b), Math.max(a, b), weight);
    else {
      add(a, b, weight);
      if (e.directed === false) add(b, a, weight);
    }
  }
  return { pairs, weights };
}

function adjacency(graph: SliceGraph, directed: boolean, weighted: boolean): Adjacency {
  const ids = graph.nodes.map((n) => n.id);
  const index = new Map(ids.map((id, i) => [id, i]));
  const n = ids.length;
  const { pairs, weights: pairWeights } = arcs(graph, index, directed);
  const degree = new Uint32Array(n);
  for (let k = 0; k < pairs.length; k += 2) {
    degree[pairs[k] as number] = (degree[pairs[k] as number] ?? 0) + 1;
    if (!directed) degree[pairs[k + 1] as number] = (degree[pairs[k + 1] as number] ?? 0) + 1;
  }
  const offsets = sharedUint32(n + 1);
  for (let i = 0; i < n; i++) offsets[i + 1] = (offsets[i] ?? 0) + (degree[i] ?? 0);
  const fill = offsets.slice(0, n);
  const targets = sharedUint32(offsets[n] as number);
  const weights = weighted ? new Float64Array(targets.length) : null;
  const place = (from: number, to: number, weight: number) => {
    const at = fill[from] as number;
    targets[at] = to;
    if (weights) weights[at] = weight;
    fill[from] = at + 1;
  };
  for (let k = 0; k < pairs.length; k += 2) {
    const weight = pairWeights[k / 2] as number;
    place(pairs[k] as number, pairs[k + 1] as number, weight);
    if (!directed) place(pairs[k + 1] as number, pairs[k] as number, weight);
  }
  for (let i = 0; i < n; i++) sortNeighbours(targets, weights, offsets[i] as number, offsets[i + 1] as number);
  return { ids, offsets, targets, weights, size: pairs.length / 2, directed };
}

/** Sorts one neighbour list by target, its weights along with it. */
function sortNeighbours(targets: Uint32Array, weights: Float64Array | null, from: number, to: number): void {
  if (!weights) {
    targets.subarray(from, to).sort();
    return;
  }
  const order = [...targets.subarray(from, to).keys()].sort((x, y) => (targets[from + x] as number) - (targets[from + y] as number));
  const t = order.map((k) => targets[from + k] as number);
  const w = order.map((k) => weights[from + k] as number);
  targets.set(t, from);
  weights.set(w, from);
}

export function neighbours(adj: Adjacency, v: number): Uint32Array {
  return adj.targets.subarray(adj.offsets[v], adj.offsets[v + 1]);
}

function sharedUint32(length: number): Uint32Array {
  return new Uint32Array(new SharedArrayBuffer(length * Uint32Array.BYTES_PER_ELEMENT));
}
