import type { ManagedTransaction } from 'neo4j-driver';
import { defineQueries } from '../../db/queries.js';
import { AppError } from '../../errors.js';
import type { Caller } from '../../http/caller.js';
import { directedAdjacency, undirectedAdjacency } from '../centrality/adjacency.js';
import type { SliceEdge, SliceGraph } from '../centrality/model.js';
import { SLICE_LABELS } from '../centrality/schema.js';
import { fetchSlice, sliceParameters } from '../centrality/slice.js';
import { DijkstraSearch } from '../centrality/weightedPaths.js';
import type { GraphNode } from '../graph/model.js';
import type { FoundPath, PathEdge, SourceInfo } from './repository.js';
import type { PathsOptions } from './schema.js';

const q = defineQueries('paths', ['pathElements']);

export interface WeightedPaths {
  paths: (FoundPath & { distance: number })[];
  truncated: boolean;
  sources: Map<string, SourceInfo>;
}

/**
 * Shortest paths by total weight (weight=weight: a tie's `weight` is its length, absent 1, as
 * networkx's shortest_path(weight='weight')), by Dijkstra in this process over what the caller
 * may see of the relationship types asked, on the date asked, without the avoided nodes; every
 * shortest one up to the limit, ordered by their node ids. maxHops does not bound them.
 */
export async function findWeightedPaths(
  tx: ManagedTransaction,
  caller: Caller,
  fromId: string,
  toId: string,
  options: PathsOptions,
): Promise<WeightedPaths> {
  const slice = { types: options.types, labels: [...SLICE_LABELS], asOf: options.asOf };
  const graph = await fetchSlice(tx, caller, slice, await sliceParameters(tx, caller, slice));
  if (!graph) {
    throw new AppError(
      422,
      'too-large',
      'Too large for a weighted path search',
      'Narrow the relationship types (types) or the date (asOf).',
    );
  }
  const kept = withoutAvoided(graph, options, [fromId, toId]);
  const ids = routes(kept, options, fromId, toId);
  if (ids.length === 0) return { paths: [], truncated: false, sources: new Map() };
  const truncated = ids.length > options.limit;
  const chosen = ids.slice(0, options.limit);
  return { ...(await details(tx, caller, kept.edges, chosen, options)), truncated };
}

function withoutAvoided(graph: SliceGraph, options: PathsOptions, ends: string[]): SliceGraph {
  const avoided = (n: SliceGraph['nodes'][number]) =>
    !ends.includes(n.id) && (options.avoid.includes(n.id) || (n.label === 'Actor' && options.avoidKinds.includes(n.kind as never)));
  return { nodes: graph.nodes.filter((n) => !avoided(n)), edges: graph.edges };
}

/** The node-id sequences of every shortest path (at most limit + 1), with their lengths. */
function routes(graph: SliceGraph, options: PathsOptions, fromId: string, toId: string): { ids: string[]; distance: number }[] {
  const edges = options.direction === 'incoming' ? graph.edges.map((e) => ({ ...e, source: e.target, target: e.source })) : graph.edges;
  const reoriented = { nodes: graph.nodes, edges };
  const adj = options.direction === 'any' ? undirectedAdjacency(reoriented, true) : directedAdjacency(reoriented, true);
  const from = adj.ids.indexOf(fromId);
  const to = adj.ids.indexOf(toId);
  if (from < 0 || to < 0) return [];
  const search = new DijkstraSearch({ ...adj, weights: adj.weights as Float64Array });
  search.from(from);
  const distance = search.dist[to] as number;
  if (!Number.isFinite(distance)) return [];
  const found: string[][] = [];
  const walk = (v: number, tail: string[]) => {
    if (found.length > options.limit) return;
    const path = [adj.ids[v] as string, ...tail];
    if (v === from) found.push(path);
    else for (const p of search.predecessors(v)) walk(p, path);
  };
  walk(to, []);
  found.sort((a, b) => (a.join('\u0000') < b.join('\u0000') ? -1 : 1));
  return found.map((ids) => ({ ids, distance }));
}

/** Each hop's lightest relationship (then lowest id), and the elements and sources as the answer needs them. */
async function details(
  tx: ManagedTransaction,
  caller: Caller,
  edges: SliceEdge[],
  routesFound: { ids: string[]; distance: number }[],
  options: PathsOptions,
): Promise<Omit<WeightedPaths, 'truncated'>> {
  const hop = (a: string, b: string) => {
    const fits = edges.filter(
      (e) =>
        (e.source === a && e.target === b && options.direction !== 'incoming') ||
        (e.source === b && e.target === a && (options.direction !== 'outgoing' || e.directed === false)),
    );
    const length = (e: SliceEdge) => (typeof e.weight === 'number' ? e.weight : 1);
    return fits.sort((x, y) => length(x) - length(y) || (x.id < y.id ? -1 : 1))[0] as SliceEdge;
  };
  const hops = routesFound.map((r) => r.ids.slice(1).map((b, i) => hop(r.ids[i] as string, b)));
  const result = await tx.run(q.pathElements, {
    nodeIds: [...new Set(routesFound.flatMap((r) => r.ids))],
    edgeIds: [...new Set(hops.flat().map((e) => e.id))],
    allowed: caller.allowed,
  });
  const row = result.records[0];
  if (!row) throw new Error('pathElements returns one row');
  const nodes = new Map((row.get('nodes') as GraphNode[]).map((n) => [n.id, { ...n, acronym: n.acronym ?? null, kind: n.kind ?? null }]));
  const stored = row.get('edges') as PathEdge[];
  const edgeOf = (e: SliceEdge) => {
    const found = stored.find((s) => s.id === e.id && s.type === e.type && s.source === e.source && s.target === e.target) as PathEdge;
    return { ...found, sourceIds: found.sourceIds ?? [], quotes: found.quotes ?? [] };
  };
  const sources = new Map((row.get('sources') as SourceInfo[]).map((s) => [s.id, { ...s, kind: s.kind ?? null }]));
  const paths = routesFound.map((r, i) => ({
    nodes: r.ids.map((id) => nodes.get(id) as GraphNode),
    edges: (hops[i] as SliceEdge[]).map(edgeOf),
    distance: r.distance,
  }));
  return { paths, sources };
}
