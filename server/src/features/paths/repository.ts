import type { QueryResult } from 'neo4j-driver';
import type { Database } from '../../db/database.js';
import { defineQueries, fillSlots } from '../../db/queries.js';
import { int, toNeo4jDate } from '../../db/values.js';
import type { Caller } from '../../http/caller.js';
import { toLuceneQuery } from '../actors/lucene.js';
import type { GraphEdge, GraphNode } from '../graph/model.js';
import { type Direction, MAX_HOPS, type PathMode, type PathsOptions, PathsQuery } from './schema.js';

const q = defineQueries('paths', ['endpointsById', 'actorsByName', 'paths', 'shortest', 'endpointsAndPaths']);

/** An endpoint as stored: enough to name it and to tell whether it existed on a date. */
export interface EndpointNode {
  id: string;
  name: string;
  acronym: string | null;
  label: string;
  validFrom: string | null;
  validTo: string | null;
}

export type EndpointMatch =
  | { kind: 'id'; node: EndpointNode }
  | { kind: 'search'; node: EndpointNode; alternatives: EndpointNode[] }
  | { kind: 'none' };

/** A relationship on a path with what the sentence and the citations need. */
export interface PathEdge extends GraphEdge {
  sourceIds: string[];
  quotes: string[];
  role: string | null;
  frequency: string | null;
  reason: string | null;
  severity: string | null;
}

export interface FoundPath {
  nodes: GraphNode[];
  edges: PathEdge[];
}

export interface SourceInfo {
  id: string;
  title: string;
  kind: string | null;
}

/**
 * Where a path request's statements run: a managed transaction (weighted paths, whose slice read
 * takes several statements), or one auto-commit read per statement (Database.read), which costs
 * one round trip where a managed transaction's BEGIN and COMMIT cost more (issue 13).
 */
export interface StatementRunner {
  run(query: string, parameters?: Record<string, unknown>): PromiseLike<QueryResult>;
}

const ALTERNATIVES = 5;
/** The largest k ever asked of SHORTEST k: the largest limit plus one (to see truncation). */
const MAX_PATHS_ASKED = 51;

const asEndpoint = (n: EndpointNode): EndpointNode => ({ ...n, acronym: n.acronym ?? null });

/**
 * Both ends of a request: texts that are ids of visible entities are resolved together in one
 * query (unless `byId` already holds its answer, see findEndpointsAndPaths); anything else is
 * looked up as an actor's name, acronym or alias.
 */
export async function resolveEndpoints(
  tx: StatementRunner,
  caller: Caller,
  texts: [string, string],
  byId?: Map<string, EndpointNode>,
): Promise<[EndpointMatch, EndpointMatch]> {
  const found = byId ?? (await endpointsById(tx, caller, texts));
  const resolve = async (text: string): Promise<EndpointMatch> => {
    const node = found.get(text);
    return node ? { kind: 'id', node } : searchEndpoint(tx, caller, text);
  };
  return [await resolve(texts[0]), await resolve(texts[1])];
}

async function endpointsById(tx: StatementRunner, caller: Caller, ids: string[]): Promise<Map<string, EndpointNode>> {
  const result = await tx.run(q.endpointsById, { ids, allowed: caller.allowed });
  return new Map(result.records.map((r) => asEndpoint(r.get('node') as EndpointNode)).map((n) => [n.id, n]));
}

async function searchEndpoint(tx: StatementRunner, caller: Caller, text: string): Promise<EndpointMatch> {
  const query = toLuceneQuery(text);
  if (query === null) return { kind: 'none' };
  const hits = await tx.run(q.actorsByName, { query, allowed: caller.allowed, limit: int(ALTERNATIVES + 1) });
  const [best, ...others] = hits.records.map((r) => asEndpoint(r.get('node') as EndpointNode));
  return best ? { kind: 'search', node: best, alternatives: others } : { kind: 'none' };
}

// The hop pattern and the quantifier bound are spliced from closed sets (see paths.cypher);
// every other value is a parameter.
const ARROWS: Record<Direction, { left: string; right: string }> = {
  any: { left: '-', right: '-' },
  outgoing: { left: '-', right: '->' },
  incoming: { left: '<-', right: '-' },
};

/** A whole number from a validated option, checked again because it is written into the query text. */
function boundedInt(value: number, max: number, what: string): string {
  if (!Number.isInteger(value) || value < 1 || value > max) throw new Error(`${what} out of range: ${value}`);
  return String(value);
}

/**
 * SHORTEST k is planned anew for every k (Neo4j 5.26 takes neither k nor quantifier bounds as
 * parameters), and planning a new shape costs a second or two on a busy machine. So k is
 * rounded up to one of a few sizes and LIMIT $limit trims the rest: one plan per size,
 * direction and hop bound (5 x 3 x 8 shapes in all), and among tied paths the ones returned
 * are chosen by node ids, not by the search order.
 */
const PATH_COUNTS = [3, 11, 26, MAX_PATHS_ASKED] as const;

function roundedCount(count: number): number {
  const size = PATH_COUNTS.find((c) => c >= count);
  if (size === undefined) throw new Error(`more paths asked than ${MAX_PATHS_ASKED}: ${count}`);
  return size;
}

export function pathQuery(mode: PathMode, count: number, direction: Direction, maxHops: number): string {
  const values: Record<string, string> = {
    ...ARROWS[direction],
    maxHops: boundedInt(maxHops, MAX_HOPS, 'maxHops'),
  };
  // Mode shortest: the bidirectional search of allShortestPaths (see shortest.cypher for why).
  if (mode !== 'shortest') {
    values.selector = `SHORTEST ${roundedCount(count)}`;
    values.minHops = maxHops === 1 ? '0' : '1';
  }
  return fillSlots(mode === 'shortest' ? q.shortest : q.paths, values);
}

/**
 * How many paths to look for and to return, one more than the limit when truncation must be
 * visible. In mode `all` the n shortest simple paths, for n above the limit, are exactly "all
 * simple paths up to maxHops, shortest first, cut at the limit", without enumerating every
 * longer path first.
 */
function wanted(options: PathsOptions): { count: number; limit: number } {
  if (options.mode === 'k-shortest') return { count: options.k, limit: Math.min(options.k, options.limit) };
  return { count: options.limit + 1, limit: options.limit + 1 };
}

/**
 * Plans the query shapes of default requests ahead of the first one (EXPLAIN fills the plan
 * cache without running anything), so a cold server does not spend the first request's
 * timeout on planning. Meant to be called once after start-up; failures are only logged.
 */
export async function warmPathPlans(db: Database, log: (line: string) => void = console.warn): Promise<void> {
  for (const mode of ['shortest', 'k-shortest', 'all'] as const) {
    const options = PathsQuery.parse({ from: 'a', to: 'b', mode });
    const query = pathQuery(mode, wanted(options).count, options.direction, options.maxHops);
    try {
      // Requests by ids run the path search inside endpointsAndPaths; by names, on its own.
      await db.read(`EXPLAIN ${endpointsAndPathsQuery(query)}`);
      await db.read(`EXPLAIN ${query}`);
    } catch (error) {
      log(`[paths] could not plan the ${mode} query ahead: ${(error as Error).message}`);
    }
  }
}

export interface FoundPaths {
  paths: FoundPath[];
  truncated: boolean;
  /** The visible sources the returned paths cite, by id. */
  sources: Map<string, SourceInfo>;
}

/** The statement and parameters of a path search between two entity ids (pathQuery's shape). */
function pathSearch(caller: Caller, fromId: string, toId: string, options: PathsOptions) {
  const { count, limit } = wanted(options);
  return {
    query: pathQuery(options.mode, count, options.direction, options.maxHops),
    params: {
      from: fromId,
      to: toId,
      allowed: caller.allowed,
      types: options.types,
      asOf: options.asOf ? toNeo4jDate(options.asOf) : null,
      avoid: options.avoid,
      avoidKinds: options.avoidKinds,
      limit: int(limit),
    },
  };
}

interface PathRow {
  nodes: GraphNode[];
  edges: PathEdge[];
  sources: SourceInfo[];
}

/** The rows of a path search as paths and the sources they cite; the rows are plain values (dates come as strings). */
function foundPaths(rows: PathRow[], options: PathsOptions): FoundPaths {
  const sources = new Map<string, SourceInfo>();
  const paths = rows.map((r) => {
    for (const s of r.sources) sources.set(s.id, { ...s, kind: s.kind ?? null });
    return {
      nodes: r.nodes.map((n) => ({ ...n, acronym: n.acronym ?? null, kind: n.kind ?? null })),
      edges: r.edges.map(withDefaults),
    };
  });
  const truncated = options.mode !== 'k-shortest' && paths.length > options.limit;
  return { paths: truncated ? paths.slice(0, options.limit) : paths, truncated, sources };
}

/** The paths between two entity ids, with the sources they cite, in one statement. */
export async function findPaths(
  tx: StatementRunner,
  caller: Caller,
  fromId: string,
  toId: string,
  options: PathsOptions,
): Promise<FoundPaths> {
  const { query, params } = pathSearch(caller, fromId, toId, options);
  const result = await tx.run(query, params);
  const rows = result.records.map((r) => ({ nodes: r.get('nodes'), edges: r.get('edges'), sources: r.get('sources') }) as PathRow);
  return foundPaths(rows, options);
}

/**
 * The statement of findEndpointsAndPaths (exported so the warm-up and the benchmarks plan and run
 * exactly what a request runs).
 */
export const endpointsAndPathsQuery = (pathSearchQuery: string): string =>
  fillSlots(q.endpointsAndPaths, { endpointsById: q.endpointsById, pathSearch: pathSearchQuery });

/**
 * A request's two texts taken as entity ids: the visible entities with those ids (by id) and the
 * paths between them, in one statement (one round trip and one record for the usual request).
 * The paths are meaningful only when both texts are ids of visible entities.
 */
export async function findEndpointsAndPaths(
  tx: StatementRunner,
  caller: Caller,
  options: PathsOptions,
): Promise<{ byId: Map<string, EndpointNode>; found: FoundPaths }> {
  const { query, params } = pathSearch(caller, options.from, options.to, options);
  const result = await tx.run(endpointsAndPathsQuery(query), { ...params, ids: [options.from, options.to] });
  const record = result.records[0];
  const endpoints = (record?.get('endpoints') ?? []) as EndpointNode[];
  return {
    byId: new Map(endpoints.map((n) => [n.id, asEndpoint(n)])),
    found: foundPaths((record?.get('paths') ?? []) as PathRow[], options),
  };
}

function withDefaults(edge: PathEdge): PathEdge {
  return { ...edge, sourceIds: edge.sourceIds ?? [], quotes: edge.quotes ?? [] };
}
