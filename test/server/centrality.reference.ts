// Straightforward reference implementations of networkx's definitions, written independently of
// the engines under test: all-pairs BFS and path counting instead of Brandes' accumulation, dense
// power iteration of the explicit Google matrix for PageRank. Slow (O(n^3)) and only for the
// small public networks and hand-made graphs the tests use.

export interface TestGraph {
  nodes: string[];
  /** Undirected edges, or directed ones when the graph is directed. */
  edges: Array<[string, string]>;
}

function indexOf(g: TestGraph) {
  return new Map(g.nodes.map((id, i) => [id, i]));
}

/** Symmetric 0/1 adjacency matrix of the simple undirected graph. */
export function undirectedMatrix(g: TestGraph): number[][] {
  const n = g.nodes.length;
  const index = indexOf(g);
  const a = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (const [u, v] of g.edges) {
    const i = index.get(u) as number;
    const j = index.get(v) as number;
    if (i === j) continue;
    (a[i] as number[])[j] = 1;
    (a[j] as number[])[i] = 1;
  }
  return a;
}

/** dist[s][t] (Infinity when unreachable) and sigma[s][t] = number of shortest s-t paths, by BFS from every node. */
export function allPairs(a: number[][]): { dist: number[][]; sigma: number[][] } {
  const n = a.length;
  const dist: number[][] = [];
  const sigma: number[][] = [];
  for (let s = 0; s < n; s++) {
    const d = new Array<number>(n).fill(Number.POSITIVE_INFINITY);
    const c = new Array<number>(n).fill(0);
    d[s] = 0;
    c[s] = 1;
    let frontier = [s];
    while (frontier.length) {
      const next: number[] = [];
      for (const v of frontier) {
        for (let w = 0; w < n; w++) {
          if (!(a[v] as number[])[w]) continue;
          if (d[w] === Number.POSITIVE_INFINITY) {
            d[w] = (d[v] as number) + 1;
            next.push(w);
          }
          if (d[w] === (d[v] as number) + 1) c[w] = (c[w] as number) + (c[v] as number);
        }
      }
      frontier = next;
    }
    dist.push(d);
    sigma.push(c);
  }
  return { dist, sigma };
}

const byId = (g: TestGraph, values: number[]) => new Map(g.nodes.map((id, i) => [id, values[i] as number]));

/** Undirected betweenness: sum over unordered pairs {s, t} (v not in them) of sigma_st(v) / sigma_st. */
export function betweenness(g: TestGraph): Map<string, number> {
  const a = undirectedMatrix(g);
  const n = a.length;
  const { dist, sigma } = allPairs(a);
  const b = new Array<number>(n).fill(0);
  for (let s = 0; s < n; s++) {
    for (let t = s + 1; t < n; t++) {
      const dst = (dist[s] as number[])[t] as number;
      if (!Number.isFinite(dst)) continue;
      for (let v = 0; v < n; v++) {
        if (v === s || v === t) continue;
        if (((dist[s] as number[])[v] as number) + ((dist[v] as number[])[t] as number) === dst) {
          b[v] =
            (b[v] as number) +
            (((sigma[s] as number[])[v] as number) * ((sigma[v] as number[])[t] as number)) / ((sigma[s] as number[])[t] as number);
        }
      }
    }
  }
  return byId(g, b);
}

/** Closeness: (r - 1) / sum of distances, and the Wasserman-Faust variant times (r - 1) / (n - 1). */
export function closeness(g: TestGraph): { plain: Map<string, number>; wf: Map<string, number> } {
  const a = undirectedMatrix(g);
  const n = a.length;
  const { dist } = allPairs(a);
  const plain: number[] = [];
  const wf: number[] = [];
  for (let v = 0; v < n; v++) {
    const reach = (dist[v] as number[]).filter((d) => Number.isFinite(d) && d > 0);
    const total = reach.reduce((x, y) => x + y, 0);
    const c = total > 0 ? reach.length / total : 0;
    plain.push(c);
    wf.push(n > 1 ? (c * reach.length) / (n - 1) : 0);
  }
  return { plain: byId(g, plain), wf: byId(g, wf) };
}

export function harmonic(g: TestGraph): Map<string, number> {
  const { dist } = allPairs(undirectedMatrix(g));
  return byId(
    g,
    dist.map((row) => row.filter((d) => Number.isFinite(d) && d > 0).reduce((x, d) => x + 1 / d, 0)),
  );
}

export function degree(g: TestGraph): Map<string, number> {
  return byId(
    g,
    undirectedMatrix(g).map((row) => row.reduce((x, y) => x + y, 0)),
  );
}

/**
 * networkx pagerank on the directed simple graph: x = G^T x with the Google matrix
 * G = alpha (P + dangling rows replaced by 1/n) + (1 - alpha) / n, built densely and iterated
 * until nothing moves.
 */
export function pagerank(g: TestGraph, alpha = 0.85): Map<string, number> {
  const n = g.nodes.length;
  const index = indexOf(g);
  const out = Array.from({ length: n }, () => new Set<number>());
  for (const [u, v] of g.edges) if (u !== v) out[index.get(u) as number]?.add(index.get(v) as number);
  const google = out.map((targets) =>
    Array.from({ length: n }, (_, j) => alpha * (targets.size === 0 ? 1 / n : targets.has(j) ? 1 / targets.size : 0) + (1 - alpha) / n),
  );
  let x = new Array<number>(n).fill(1 / n);
  for (let iteration = 0; iteration < 100_000; iteration++) {
    const next = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) next[j] = (next[j] as number) + (x[i] as number) * ((google[i] as number[])[j] as number);
    const change = next.reduce((s, v, i) => s + Math.abs(v - (x[i] as number)), 0);
    x = next;
    if (change < 1e-15) break;
  }
  return byId(g, x);
}

/** networkx eigenvector_centrality: power iteration with A + I from the uniform vector, unit Euclidean norm. */
export function eigenvector(g: TestGraph): Map<string, number> {
  const a = undirectedMatrix(g);
  const n = a.length;
  let x = new Array<number>(n).fill(1 / n);
  for (let iteration = 0; iteration < 100_000; iteration++) {
    const next = x.map((xi, i) => xi + (a[i] as number[]).reduce((s, aij, j) => s + aij * (x[j] as number), 0));
    const norm = Math.hypot(...next);
    const scaled = next.map((v) => v / norm);
    const change = scaled.reduce((s, v, i) => s + Math.abs(v - (x[i] as number)), 0);
    x = scaled;
    if (change < 1e-15) break;
  }
  return byId(g, x);
}

/** Newman modularity of an assignment on the undirected simple graph, straight from the definition. */
export function modularity(g: TestGraph, community: Record<string, number>): number {
  const a = undirectedMatrix(g);
  const n = a.length;
  const k = a.map((row) => row.reduce((x, y) => x + y, 0));
  const twoM = k.reduce((x, y) => x + y, 0);
  let q = 0;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++)
      if (community[g.nodes[i] as string] === community[g.nodes[j] as string])
        q += ((a[i] as number[])[j] as number) - ((k[i] as number) * (k[j] as number)) / twoM;
  return q / twoM;
}

// The graphs the tests use: hand-made ones whose values are worked out in the tests, and two
// classic public social networks stored in test/fixtures/networks with their origin.

const path = (ids: string[]): Array<[string, string]> => ids.slice(1).map((id, i) => [ids[i] as string, id]);
const clique = (ids: string[]): Array<[string, string]> => ids.flatMap((u, i) => ids.slice(i + 1).map((v): [string, string] => [u, v]));

export const P5: TestGraph = { nodes: ['a', 'b', 'c', 'd', 'e'], edges: path(['a', 'b', 'c', 'd', 'e']) };
export const S5: TestGraph = {
  nodes: ['h', 'l1', 'l2', 'l3', 'l4'],
  edges: ['l1', 'l2', 'l3', 'l4'].map((l): [string, string] => ['h', l]),
};
export const BARBELL: TestGraph = {
  nodes: ['a1', 'a2', 'a3', 'a4', 'b1', 'b2', 'b3', 'b4'],
  edges: [...clique(['a1', 'a2', 'a3', 'a4']), ['a4', 'b1'], ...clique(['b1', 'b2', 'b3', 'b4'])],
};
/** A path of three and a separate pair: closeness needs the Wasserman-Faust correction. */
export const SPLIT: TestGraph = { nodes: ['a', 'b', 'c', 'd', 'e'], edges: [...path(['a', 'b', 'c']), ['d', 'e']] };
/** Directed, with a dangling node (d has no out-link) and a node nobody points at (e). */
export const DANGLING: TestGraph = {
  nodes: ['a', 'b', 'c', 'd', 'e'],
  edges: [
    ['a', 'b'],
    ['b', 'c'],
    ['c', 'a'],
    ['a', 'd'],
    ['e', 'a'],
  ],
};

import { readFileSync } from 'node:fs';

function network(file: string): TestGraph & { origin: string } {
  const data = JSON.parse(readFileSync(new URL(`../fixtures/networks/${file}`, import.meta.url), 'utf8')) as {
    origin: string;
    nodes: Array<string | number>;
    edges: Array<[string | number, string | number]>;
  };
  return { origin: data.origin, nodes: data.nodes.map(String), edges: data.edges.map(([u, v]) => [String(u), String(v)]) };
}

export const KARATE = network('karate.json');
export const FLORENTINE = network('florentine.json');
