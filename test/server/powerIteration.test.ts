import { DirectedGraph, UndirectedGraph } from 'graphology';
import eigenvectorModule from 'graphology-metrics/centrality/eigenvector.js';
import pagerankModule from 'graphology-metrics/centrality/pagerank.js';
import { describe, expect, it } from 'vitest';
import { type Adjacency, directedAdjacency, undirectedAdjacency } from '../../server/src/features/centrality/adjacency.js';
import type { SliceGraph } from '../../server/src/features/centrality/model.js';
import { eigenvectorOnCsr, pagerankOnCsr } from '../../server/src/features/centrality/powerIteration.js';

// The CSR power iterations replaced graphology's PageRank and eigenvector centrality; they must
// give the very same numbers (same start, same order of additions, same stopping rule).
const interop = <T>(module: { default: T }): T => (module as { default?: T }).default ?? (module as unknown as T);
type Kernel = (graph: unknown, options: Record<string, unknown>) => Record<string, number>;
const pagerank = interop(pagerankModule) as unknown as Kernel;
const eigenvector = interop(eigenvectorModule) as unknown as Kernel;

/** A skewed random graph (some hubs, dangling nodes, parallel edges and self-loops to drop). */
function randomSlice(n: number, m: number): SliceGraph {
  let seed = 7;
  const random = () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647;
  };
  const nodes = Array.from({ length: n }, (_, i) => ({ id: `n${String(i).padStart(5, '0')}`, name: '', label: 'Actor', kind: null }));
  const id = (x: number) => (nodes[Math.floor(x * n)] as { id: string }).id;
  const edges = Array.from({ length: m }, (_, k) => ({ id: `e${k}`, type: 'SUPPORTS', source: id(random() ** 2), target: id(random()) }));
  return { nodes, edges } as SliceGraph;
}

function graphologyOf(adj: Adjacency) {
  const graph = adj.directed ? new DirectedGraph() : new UndirectedGraph();
  for (let i = 0; i < adj.ids.length; i++) graph.addNode(String(i));
  for (let i = 0; i < adj.ids.length; i++) {
    for (let e = adj.offsets[i] as number; e < (adj.offsets[i + 1] as number); e++) {
      const j = adj.targets[e] as number;
      if (adj.directed || i < j) graph.addEdge(String(i), String(j));
    }
  }
  return graph;
}

const options = { tolerance: 1e-12, maxIterations: 1000 };

describe('power iteration on CSR arrays', () => {
  const slice = randomSlice(3000, 9000);

  it('PageRank equals graphology-metrics to the last bit', () => {
    const adj = directedAdjacency(slice);
    const expected = pagerank(graphologyOf(adj), { alpha: 0.85, getEdgeWeight: null, ...options });
    const actual = pagerankOnCsr(adj, 0.85, options);
    for (let i = 0; i < adj.ids.length; i++) expect(actual[i]).toBe(expected[String(i)]);
  });

  it('eigenvector centrality equals graphology-metrics to the last bit', () => {
    const adj = undirectedAdjacency(slice);
    const expected = eigenvector(graphologyOf(adj), { getEdgeWeight: null, ...options });
    const actual = eigenvectorOnCsr(adj, options);
    for (let i = 0; i < adj.ids.length; i++) expect(actual[i]).toBe(expected[String(i)]);
  });

  it('says when it does not converge', () => {
    expect(() => pagerankOnCsr(directedAdjacency(slice), 0.85, { tolerance: 0, maxIterations: 3 })).toThrow(/converge/);
  });
});
