import { AppError } from '../../errors.js';
import { type Adjacency, directedAdjacency, undirectedAdjacency } from './adjacency.js';
import {
  EXACT_BETWEENNESS_MAX_STEPS,
  IN_PROCESS_ALL_PAIRS_BUDGET,
  IN_PROCESS_MAX_RELATIONSHIPS,
  MAX_DEFAULT_SAMPLES,
  MIN_DEFAULT_SAMPLES,
  SAMPLING_BUDGET,
  SAMPLING_SEED,
} from './measures.js';
import type { Scores, SliceGraph } from './model.js';
import { sampleSources } from './paths.js';
import type { Measure } from './schema.js';
import { runAllPairs, runGraphology, type WorkerOptions } from './workers.js';

function scaled(values: Map<string, number>, factor: number): Map<string, number> {
  return new Map([...values].map(([id, v]) => [id, v * factor]));
}

/** How many sampled sources betweenness uses on n nodes and m edges, or null for the exact computation. */
export function betweennessSamples(n: number, m: number, requested: number | undefined): number | null {
  const budgeted = Math.floor(SAMPLING_BUDGET / Math.max(1, n + m));
  const exact = n * (n + 2 * m) <= EXACT_BETWEENNESS_MAX_STEPS;
  const k = requested ?? (exact ? null : Math.min(MAX_DEFAULT_SAMPLES, Math.max(MIN_DEFAULT_SAMPLES, budgeted)));
  return k === null || k >= n ? null : k;
}

export const ALL_PAIRS: ReadonlySet<Measure> = new Set(['closeness', 'harmonic', 'betweenness']);

/** Refuses an all-pairs measure that would hold this process for minutes; the caller can narrow the slice. */
function checkAllPairsCost(measure: Measure, n: number, m: number, sources: number): void {
  const refusal = allPairsRefusal(measure, n, m, sources);
  if (refusal) throw refusal;
}

function allPairsRefusal(measure: Measure, n: number, m: number, sources: number): AppError | null {
  if (!ALL_PAIRS.has(measure) || sources * (n + m) <= IN_PROCESS_ALL_PAIRS_BUDGET) return null;
  return new AppError(
    422,
    'too-expensive',
    'The computation is too large for the in-process engine',
    `${measure} on ${n} nodes and ${m} relationships searches from ${sources} nodes; narrow the slice (region, threat, types, labels, kinds)${measure === 'betweenness' ? ' or pass samples' : ''}, or use a Neo4j server with the Graph Data Science library.`,
  );
}

/**
 * Why the in-process engine will not take a slice of this size, before it is read: more
 * relationships than this process holds comfortably (the slice and graphology's graph cost a few
 * kB per relationship at peak), or an all-pairs search over budget. null when it will.
 */
export function inProcessRefusal(
  work: Measure | 'louvain' | 'structure',
  counts: { nodes: number; relationships: number } | 'too-many',
  samples?: number,
): AppError | null {
  if (counts === 'too-many' || counts.relationships > IN_PROCESS_MAX_RELATIONSHIPS) {
    return new AppError(
      422,
      'too-large',
      'The slice is too large for the in-process engine',
      `The slice has more than ${IN_PROCESS_MAX_RELATIONSHIPS} relationships, the most this process reads. Narrow the slice (region, threat, types, labels, kinds, asOf)${work === 'structure' ? '' : ', or use the Graph Data Science engine (engine=gds or auto) on a server that has it'}.`,
    );
  }
  const { nodes: n, relationships: m } = counts;
  if (work === 'louvain' || work === 'structure') return null;
  return allPairsRefusal(work, n, m, work === 'betweenness' ? (betweennessSamples(n, m, samples) ?? n) : n);
}

/**
 * Every measure computed in this process, on the simple graph's adjacency arrays: degrees by
 * counting neighbours; PageRank and eigenvector with graphology, and the shortest-path measures
 * (betweenness, closeness, harmonic) with the breadth-first kernels of paths.ts, both on worker
 * threads once the graph is large (workers.ts).
 */
export async function computeInProcess(
  slice: SliceGraph,
  measure: Measure,
  samples?: number,
  options: WorkerOptions = {},
  weighted = false,
): Promise<Scores> {
  if (ALL_PAIRS.has(measure)) return allPairsScores(undirectedAdjacency(slice, weighted), measure, samples, options);
  const directed = measure === 'in-degree' || measure === 'out-degree' || measure === 'pagerank';
  const adj = directed ? directedAdjacency(slice, weighted && measure === 'pagerank') : undirectedAdjacency(slice);
  const n = adj.ids.length;
  const perOther = n > 1 ? 1 / (n - 1) : 0;
  const scores = (values: ArrayLike<number>, factor: number | null): Scores => {
    const value = new Map(adj.ids.map((id, i) => [id, values[i] as number]));
    return {
      value,
      normalized: factor === null ? value : scaled(value, factor),
      graph: { nodes: n, relationships: adj.size },
      estimate: null,
    };
  };
  switch (measure) {
    case 'degree':
    case 'out-degree':
      return scores(
        adj.ids.map((_, i) => (adj.offsets[i + 1] as number) - (adj.offsets[i] as number)),
        perOther,
      );
    case 'in-degree': {
      const inDegree = new Uint32Array(n);
      for (const t of adj.targets) inDegree[t] = (inDegree[t] as number) + 1;
      return scores(inDegree, perOther);
    }
    case 'pagerank':
    case 'eigenvector':
      return scores(await runGraphology(adj, measure, options), null);
    default:
      throw new Error(`no in-process computation for ${measure}`);
  }
}

/** Betweenness (exact or sampled), closeness and harmonic centrality on the undirected simple graph. */
async function allPairsScores(adj: Adjacency, measure: Measure, samples: number | undefined, options: WorkerOptions): Promise<Scores> {
  const n = adj.ids.length;
  const counts = { nodes: n, relationships: adj.size };
  const byId = (values: ArrayLike<number>, factor = 1) => new Map(adj.ids.map((id, i) => [id, (values[i] as number) * factor]));
  const perOther = n > 1 ? 1 / (n - 1) : 0;
  switch (measure) {
    case 'betweenness': {
      const k = betweennessSamples(n, adj.size, samples);
      checkAllPairsCost(measure, n, adj.size, k ?? n);
      const sums = await runAllPairs(adj, 'betweenness', k === null ? null : sampleSources(n, k, SAMPLING_SEED), options);
      // Each unordered pair is seen from both ends over all sources: halve, then scale up the sample.
      const value = byId(sums, k === null ? 0.5 : n / k / 2);
      const scale = n > 2 ? 2 / ((n - 1) * (n - 2)) : 0;
      return { value, normalized: scaled(value, scale), graph: counts, estimate: k === null ? null : { samples: k } };
    }
    case 'harmonic': {
      checkAllPairsCost(measure, n, adj.size, n);
      const value = byId(await runAllPairs(adj, 'harmonic', null, options));
      return { value, normalized: scaled(value, perOther), graph: counts, estimate: null };
    }
    case 'closeness': {
      checkAllPairsCost(measure, n, adj.size, n);
      const sums = await runAllPairs(adj, 'closeness', null, options);
      // networkx: (r - 1) / (sum of distances) over the r - 1 nodes reached; Wasserman-Faust
      // scales that by (r - 1) / (n - 1). A node that reaches nothing scores 0.
      const value = new Map<string, number>();
      const normalized = new Map<string, number>();
      adj.ids.forEach((id, i) => {
        const total = sums[i] as number;
        const reached = sums[n + i] as number;
        const v = total > 0 ? reached / total : 0;
        value.set(id, v);
        normalized.set(id, v * reached * perOther);
      });
      return { value, normalized, graph: counts, estimate: null };
    }
    default:
      throw new Error(`${measure} is not a shortest-path measure`);
  }
}

/** Louvain on the undirected simple graph: community number per node id (seeded, so the same slice gives the same split). */
export async function louvainInProcess(
  slice: SliceGraph,
  options: WorkerOptions = {},
): Promise<{ adj: Adjacency; community: Float64Array }> {
  const adj = undirectedAdjacency(slice);
  return { adj, community: await runGraphology(adj, 'louvain', options) };
}
