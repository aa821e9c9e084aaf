import { DirectedGraph, UndirectedGraph } from 'graphology';
import louvainModule from 'graphology-communities-louvain';
import type { AbstractGraph as Graph } from 'graphology-types';
import { ITERATION_TOLERANCE, MAX_ITERATIONS, PAGERANK_DAMPING, SAMPLING_SEED } from './measures.js';
import { type Csr, seededRandom } from './paths.js';
import { eigenvectorOnCsr, pagerankOnCsr } from './powerIteration.js';

/**
 * PageRank and eigenvector centrality on the compressed-sparse-row arrays (powerIteration.ts,
 * graphology's algorithms without its object graph), Louvain with graphology on a graph rebuilt
 * from them (node i is the key "i"), so the same code runs on the calling thread and in a worker
 * (workers.ts), and the graph is built in a canonical order.
 */

/**
 * The graphology packages are CommonJS whose typings declare an ES default export; at run time
 * the default import is module.exports itself. This picks whichever the loader produced.
 */
const interop = <T>(module: { default: T }): T => (module as { default?: T }).default ?? (module as unknown as T);
const louvain = interop(louvainModule);

export const GRAPHOLOGY_TASKS = ['pagerank', 'eigenvector', 'louvain'] as const;
export type GraphologyTask = (typeof GRAPHOLOGY_TASKS)[number];

function toGraphology({ offsets, targets }: Csr, directed: boolean): Graph {
  const options = { multi: false, allowSelfLoops: false };
  const graph: Graph = directed ? new DirectedGraph(options) : new UndirectedGraph(options);
  const n = offsets.length - 1;
  for (let i = 0; i < n; i++) graph.addNode(String(i));
  for (let i = 0; i < n; i++) {
    for (let e = offsets[i] as number, end = offsets[i + 1] as number; e < end; e++) {
      const j = targets[e] as number;
      // An undirected list holds each edge at both ends: add it once.
      if (directed || i < j) graph.addEdge(String(i), String(j));
    }
  }
  return graph;
}

/**
 * One value per node index: the PageRank (directed graph) or eigenvector score (undirected), or
 * the Louvain community number (undirected; seeded, so the same graph gives the same split).
 */
export function graphologyKernel(task: GraphologyTask, csr: Csr, directed: boolean): Float64Array {
  const n = csr.offsets.length - 1;
  // graphology's convergence test never passes on an empty graph.
  if (n === 0) return new Float64Array(0);
  try {
    return run(task, csr, directed);
  } catch (error) {
    if (error instanceof Error && /converge/i.test(error.message)) throw new Error(`${NOT_CONVERGED}: ${task}`);
    throw error;
  }
}

/** The start of the message of a power iteration that did not converge (it crosses the worker boundary as text). */
export const NOT_CONVERGED = 'did not converge';

const iteration = { tolerance: ITERATION_TOLERANCE, maxIterations: MAX_ITERATIONS };

function run(task: GraphologyTask, csr: Csr, directed: boolean): Float64Array {
  switch (task) {
    case 'pagerank':
      return pagerankOnCsr(csr, PAGERANK_DAMPING, iteration);
    case 'eigenvector':
      return eigenvectorOnCsr(csr, iteration);
    case 'louvain':
      return louvainCommunities(toGraphology(csr, directed));
  }
}

function louvainCommunities(graph: Graph): Float64Array {
  // Without edges modularity is undefined; every node is then its own community.
  if (graph.size === 0) return Float64Array.from(graph.nodes(), (_, i) => i);
  const byKey = louvain(graph, { getEdgeWeight: null, rng: seededRandom(SAMPLING_SEED) });
  return Float64Array.from({ length: graph.order }, (_, i) => byKey[String(i)] as number);
}
