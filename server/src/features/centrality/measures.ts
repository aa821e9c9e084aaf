import type { Measure } from './schema.js';

/**
 * Directed measures read relationship direction (who points at whom); every other measure treats
 * a relationship as a tie between two nodes, whatever its direction. In both cases parallel
 * relationships count once and self-loops are ignored (the simple graph, as networkx's
 * Graph/DiGraph).
 */
export const DIRECTED_MEASURES: ReadonlySet<Measure> = new Set(['in-degree', 'out-degree', 'pagerank']);
export const isDirected = (measure: Measure) => DIRECTED_MEASURES.has(measure);

/**
 * Betweenness is exact while one search from every node, n (n + 2m) steps, stays within this
 * budget (about 10 s in this process on 2 cores: the 10k-actor benchmark slice, 14.5k nodes and
 * 49.5k edges, is 1.65e9 steps and takes 8.5 s); above it, it is estimated from sampled sources
 * unless the caller asks otherwise.
 */
export const EXACT_BETWEENNESS_MAX_STEPS = 2_000_000_000;
/**
 * Sampled betweenness costs one breadth-first search (n + m steps) per source. The default number
 * of sources keeps that near SAMPLING_BUDGET steps (seconds, not minutes, in this process),
 * between 32 and 1,000 sources: 1,000 at 100k nodes with few edges, ~50 at a million.
 */
export const SAMPLING_BUDGET = 200_000_000;
export const MIN_DEFAULT_SAMPLES = 32;
export const MAX_DEFAULT_SAMPLES = 1_000;
/**
 * Closeness and harmonic centrality (and exact betweenness) search from every node: n (n + m)
 * steps. In this process that blocks the event loop, so above this many steps the in-process
 * engine refuses and asks for a narrower slice (GDS runs them in parallel inside Neo4j instead).
 */
export const IN_PROCESS_ALL_PAIRS_BUDGET = 5_000_000_000;
/**
 * The largest slice (in relationships) the in-process engine reads into this process: the 100k-
 * actor benchmark graph (~490k) fits with room to spare; the 1M-actor graph (5.4M) would not
 * fit the default Node heap (4 GB). Larger slices go to GDS, or are refused with advice.
 */
export const IN_PROCESS_MAX_RELATIONSHIPS = 1_000_000;
export const SAMPLING_SEED = 42;

export const PAGERANK_DAMPING = 0.85;
export const ITERATION_TOLERANCE = 1e-12;
/**
 * GDS 2.13 eigenvector centrality returns all zeros once the tolerance is set near machine
 * precision (seen with 1e-10 and 1e-12 on the seed graph); 1e-9 converges to the same vector as
 * the in-process engine to ~1e-12.
 */
export const GDS_EIGENVECTOR_TOLERANCE = 1e-9;
export const MAX_ITERATIONS = 1_000;

/** Measures with a weighted variant (`weight=weight`), and how each reads a weight, as networkx does. */
export const WEIGHTED: Partial<Record<Measure, string>> = {
  betweenness: "weighted: shortest paths by the sum of weights (a weight is a length; networkx weight='weight')",
  closeness: "weighted: distances are sums of weights (a weight is a length; networkx distance='weight')",
  harmonic: 'weighted: distances are sums of weights (a weight is a length)',
  pagerank: "weighted: a node passes its score on in proportion to its ties' weights (a weight is a strength; networkx weight='weight')",
};

/** What "normalized" means for each measure; returned with every response and listed in the README. */
export const NORMALIZATION: Record<Measure, string> = {
  degree: 'value = number of distinct neighbours (relationships undirected); normalized = value / (n - 1)',
  'in-degree': 'value = number of distinct nodes with a relationship to it (directed); normalized = value / (n - 1)',
  'out-degree': 'value = number of distinct nodes it has a relationship to (directed); normalized = value / (n - 1)',
  betweenness:
    'value = sum over unordered pairs {s, t} of the share of shortest s-t paths through the node (undirected); normalized = value * 2 / ((n - 1)(n - 2)) (networkx normalized=True)',
  closeness:
    'value = (r - 1) / (sum of distances to the r - 1 nodes it reaches) (undirected; networkx wf_improved=False); normalized = value * (r - 1) / (n - 1) (Wasserman-Faust, networkx wf_improved=True)',
  harmonic: 'value = sum of 1 / distance to every other node (undirected; unreachable adds 0); normalized = value / (n - 1)',
  pagerank:
    'PageRank with damping 0.85 on the directed graph, dangling nodes spread uniformly (networkx); value = normalized = score, scores sum to 1',
  eigenvector: 'eigenvector of the largest adjacency eigenvalue (undirected), scaled to unit Euclidean norm (networkx); value = normalized',
};
