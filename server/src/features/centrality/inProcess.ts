import { DirectedGraph, UndirectedGraph } from 'graphology';
import louvainModule from 'graphology-communities-louvain';
import betweennessModule from 'graphology-metrics/centrality/betweenness.js';
import closenessModule from 'graphology-metrics/centrality/closeness.js';
import eigenvectorModule from 'graphology-metrics/centrality/eigenvector.js';
import pagerankModule from 'graphology-metrics/centrality/pagerank.js';
import type { AbstractGraph as Graph } from 'graphology-types';
import { AppError } from '../../errors.js';
import { undirectedAdjacency } from './adjacency.js';
import {
  EXACT_BETWEENNESS_MAX_NODES,
  IN_PROCESS_ALL_PAIRS_BUDGET,
  ITERATION_TOLERANCE,
  MAX_DEFAULT_SAMPLES,
  MAX_ITERATIONS,
  MIN_DEFAULT_SAMPLES,
  PAGERANK_DAMPING,
  SAMPLING_BUDGET,
  SAMPLING_SEED,
} from './measures.js';
import type { Scores, SliceGraph } from './model.js';
import { brandesDependencies, harmonic, sampleSources, seededRandom } from './paths.js';
import type { Measure } from './schema.js';

/**
 * The graphology packages are CommonJS whose typings declare an ES default export; at run time
 * the default import is module.exports itself. This picks whichever the loader produced.
 */
const interop = <T>(module: { default: T }): T => (module as { default?: T }).default ?? (module as unknown as T);
const louvain = interop(louvainModule);
const betweenness = interop(betweennessModule);
const closeness = interop(closenessModule);
const eigenvector = interop(eigenvectorModule);
const pagerank = interop(pagerankModule);

/** The slice as a graphology graph: simple (parallel relationships merged), no self-loops. */
function toGraphology(slice: SliceGraph, type: 'directed' | 'undirected'): Graph {
  const options = { multi: false, allowSelfLoops: false };
  const graph: Graph = type === 'directed' ? new DirectedGraph(options) : new UndirectedGraph(options);
  for (const node of slice.nodes) graph.addNode(node.id);
  for (const e of slice.edges) {
    if (e.source === e.target || !graph.hasNode(e.source) || !graph.hasNode(e.target)) continue;
    if (!graph.hasEdge(e.source, e.target)) graph.addEdge(e.source, e.target);
  }
  return graph;
}

const fromRecord = (record: Record<string, number>) => new Map(Object.entries(record));

function scaled(values: Map<string, number>, factor: number): Map<string, number> {
  return new Map([...values].map(([id, v]) => [id, v * factor]));
}

/** How many sampled sources betweenness uses on n nodes and m edges, or null for the exact computation. */
export function betweennessSamples(n: number, m: number, requested: number | undefined): number | null {
  const budgeted = Math.floor(SAMPLING_BUDGET / Math.max(1, n + m));
  const k = requested ?? (n > EXACT_BETWEENNESS_MAX_NODES ? Math.min(MAX_DEFAULT_SAMPLES, Math.max(MIN_DEFAULT_SAMPLES, budgeted)) : null);
  return k === null || k >= n ? null : k;
}

const ALL_PAIRS: ReadonlySet<Measure> = new Set(['closeness', 'harmonic', 'betweenness']);

/** Refuses an all-pairs measure that would hold this process for minutes; the caller can narrow the slice. */
function checkAllPairsCost(measure: Measure, n: number, m: number, sources: number): void {
  if (!ALL_PAIRS.has(measure) || sources * (n + m) <= IN_PROCESS_ALL_PAIRS_BUDGET) return;
  throw new AppError(
    422,
    'too-expensive',
    'The computation is too large for the in-process engine',
    `${measure} on ${n} nodes and ${m} relationships searches from ${sources} nodes; narrow the slice (region, threat, types, labels, kinds)${measure === 'betweenness' ? ' or pass samples' : ''}, or use a Neo4j server with the Graph Data Science library.`,
  );
}

/** Every measure computed in this process with graphology (and paths.ts where it has no equivalent). */
export function computeInProcess(slice: SliceGraph, measure: Measure, samples?: number): Scores {
  const directed = measure === 'in-degree' || measure === 'out-degree' || measure === 'pagerank';
  const graph = toGraphology(slice, directed ? 'directed' : 'undirected');
  const n = graph.order;
  const perOther = n > 1 ? 1 / (n - 1) : 0;
  const counts = { nodes: n, relationships: graph.size };
  if (measure !== 'betweenness') checkAllPairsCost(measure, n, graph.size, n);
  const same = (value: Map<string, number>): Scores => ({ value, normalized: value, graph: counts, estimate: null });
  const withNormalized = (value: Map<string, number>, factor: number): Scores => ({
    value,
    normalized: scaled(value, factor),
    graph: counts,
    estimate: null,
  });

  switch (measure) {
    case 'degree':
      return withNormalized(new Map(graph.mapNodes((id) => [id, graph.degree(id)])), perOther);
    case 'in-degree':
      return withNormalized(new Map(graph.mapNodes((id) => [id, graph.inDegree(id)])), perOther);
    case 'out-degree':
      return withNormalized(new Map(graph.mapNodes((id) => [id, graph.outDegree(id)])), perOther);
    case 'betweenness':
      return betweennessScores(slice, graph, samples);
    case 'closeness': {
      const plain = fromRecord(closeness(graph, { wassermanFaust: false }));
      return { value: plain, normalized: fromRecord(closeness(graph, { wassermanFaust: true })), graph: counts, estimate: null };
    }
    case 'harmonic': {
      const adj = undirectedAdjacency(slice);
      const values = harmonic(adj);
      return withNormalized(new Map(adj.ids.map((id, i) => [id, values[i] as number])), perOther);
    }
    case 'pagerank':
      return same(
        fromRecord(
          pagerank(graph, { alpha: PAGERANK_DAMPING, getEdgeWeight: null, tolerance: ITERATION_TOLERANCE, maxIterations: MAX_ITERATIONS }),
        ),
      );
    case 'eigenvector':
      return same(fromRecord(eigenvector(graph, { getEdgeWeight: null, tolerance: ITERATION_TOLERANCE, maxIterations: MAX_ITERATIONS })));
  }
}

function betweennessScores(slice: SliceGraph, graph: Graph, samples: number | undefined): Scores {
  const n = graph.order;
  const counts = { nodes: n, relationships: graph.size };
  const scale = n > 2 ? 2 / ((n - 1) * (n - 2)) : 0;
  const k = betweennessSamples(n, graph.size, samples);
  checkAllPairsCost('betweenness', n, graph.size, k ?? n);
  let value: Map<string, number>;
  if (k === null) {
    value = fromRecord(betweenness(graph, { normalized: false, getEdgeWeight: null }));
  } else {
    const adj = undirectedAdjacency(slice);
    const sums = brandesDependencies(adj, sampleSources(n, k, SAMPLING_SEED));
    // Each unordered pair is seen from both ends over all sources: halve, then scale up the sample.
    const factor = n / k / 2;
    value = new Map(adj.ids.map((id, i) => [id, (sums[i] as number) * factor]));
  }
  return { value, normalized: scaled(value, scale), graph: counts, estimate: k === null ? null : { samples: k } };
}

/** Louvain on the undirected simple graph; seeded so the same slice gives the same communities. */
export function louvainInProcess(slice: SliceGraph): Record<string, number> {
  const graph = toGraphology(slice, 'undirected');
  // Without edges modularity is undefined; every node is then its own community.
  if (graph.size === 0) return Object.fromEntries(graph.nodes().map((id, i) => [id, i]));
  return louvain(graph, { getEdgeWeight: null, rng: seededRandom(SAMPLING_SEED) });
}
