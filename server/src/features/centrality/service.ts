import type { Database } from '../../db/database.js';
import { AppError, translateDriverError } from '../../errors.js';
import type { Caller } from '../../http/caller.js';
import { probeNeo4j } from '../health/repository.js';
import { type Adjacency, neighbours, undirectedAdjacency } from './adjacency.js';
import { computeWithGds, louvainWithGds } from './gds.js';
import { NOT_CONVERGED } from './graphologyKernels.js';
import { computeInProcess, inProcessRefusal, louvainInProcess } from './inProcess.js';
import { MAX_ITERATIONS, NORMALIZATION, WEIGHTED } from './measures.js';
import type {
  CentralityResult,
  CommunitiesResult,
  RankedNode,
  Scores,
  SliceEdge,
  SliceGraph,
  SliceNode,
  StructureResult,
} from './model.js';
import { q } from './queries.js';
import type { CentralityParams, CommunitiesParams, Engine, EngineChoice, Measure, Slice, StructureParams } from './schema.js';
import { fetchSlice, sliceParameters } from './slice.js';
import { cutStructure } from './structure.js';
import { ComputationTimeout, type WorkerOptions } from './workers.js';

const gdsPresence = new WeakMap<Database, Promise<boolean>>();

/** Whether the server has GDS, asked once per database (as the health endpoint does) and remembered. */
export function hasGds(db: Database): Promise<boolean> {
  let known = gdsPresence.get(db.origin);
  if (!known) {
    known = probeNeo4j(db).then((status) => {
      // An unreachable server says nothing about GDS: ask again next time.
      if (!status.reachable) gdsPresence.delete(db.origin);
      return status.gds !== null;
    });
    gdsPresence.set(db.origin, known);
  }
  return known;
}

export async function chooseEngine(db: Database, choice: EngineChoice): Promise<Engine> {
  if (choice === 'in-process') return 'in-process';
  const gds = await hasGds(db);
  if (choice === 'gds' && !gds) {
    throw new AppError(400, 'invalid-request', 'Invalid request', 'This Neo4j server has no Graph Data Science library.', [
      { field: 'query.engine', message: "'gds' is not available on this server; use auto or in-process" },
    ]);
  }
  return gds ? 'gds' : 'in-process';
}

function sliceOf<T extends Slice>(params: T): Slice {
  const { types, labels, kinds, region, threat, asOf, network } = params;
  return { types, labels, kinds, region, threat, asOf, network };
}

/**
 * The slice read into this process for the in-process engine, or the reason it is not taken
 * (too large, or an all-pairs search over budget), decided from what was read.
 */
async function readSlice(
  db: Database,
  caller: Caller,
  slice: Slice,
  work: Parameters<typeof inProcessRefusal>[0],
  samples?: number,
): Promise<SliceGraph | AppError> {
  const graph = await db.readTransaction(async (tx) => fetchSlice(tx, caller, slice, await sliceParameters(tx, caller, slice)));
  const counts = graph ? { nodes: graph.nodes.length, relationships: graph.edges.length } : 'too-many';
  return inProcessRefusal(work, counts, samples) ?? (graph as SliceGraph);
}

/** The slice, or the refusal thrown as the answer. */
async function readSliceOrFail(...args: Parameters<typeof readSlice>): Promise<SliceGraph> {
  const read = await readSlice(...args);
  if (read instanceof AppError) throw read;
  return read;
}

/** Order key: values equal to 10 significant digits tie (engines differ in the last bits), then id. */
const tieKey = (v: number) => Number(v.toPrecision(10));

/**
 * Sorted by value (desc), ties by id; tied values share the rank of the first of them. With a
 * limit, only the first `limit` rows, the same as the full ranking's: only values within 1e-8 of
 * the limit-th largest can tie with it, so the others are never keyed or sorted (at 100k nodes
 * the keys cost more than the measure).
 */
export function rank(value: Map<string, number>, limit = Number.POSITIVE_INFINITY): Array<{ id: string; value: number; rank: number }> {
  const floor = limit < value.size ? rankFloor(value, limit) : Number.NEGATIVE_INFINITY;
  const rows = [...value].filter(([, v]) => !(v < floor)).map(([id, v]) => ({ id, value: v, key: tieKey(v) }));
  rows.sort((a, b) => b.key - a.key || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  let previous = Number.NaN;
  let currentRank = 0;
  return rows.slice(0, limit).map((row, i) => {
    if (row.key !== previous) currentRank = i + 1;
    previous = row.key;
    return { id: row.id, value: row.value, rank: currentRank };
  });
}

/** A value below which nothing can rank among the first `limit` (NaN anywhere: no floor). */
function rankFloor(value: Map<string, number>, limit: number): number {
  const sorted = Float64Array.from(value.values()).sort();
  if (Number.isNaN(sorted[sorted.length - 1])) return Number.NEGATIVE_INFINITY;
  const kth = sorted[sorted.length - limit] as number;
  return kth - Math.abs(kth) * 1e-8;
}

async function describe(db: Database, caller: Caller, ids: string[]): Promise<Map<string, SliceNode>> {
  const result = await db.read<SliceNode>(q.nodeDetails, { ids, allowed: caller.allowed });
  return new Map(result.records.map((r) => [r.get('id'), r.toObject() as SliceNode]));
}

/** Measures `engine=auto` computes in this process even when GDS is there (see scoresFor). */
const PREFER_IN_PROCESS: ReadonlySet<Measure> = new Set(['betweenness', 'eigenvector']);

/**
 * An in-process computation held to the request's time budget (the transaction timeout, counted
 * from when the request started): past it, its worker threads are stopped and the caller gets a
 * 422 that says how to ask for less (see tooLong). They are stopped too when the database view's
 * signal aborts (background work a newer graph version made useless: kept.ts).
 */
async function withinBudget<T>(
  what: Measure | 'louvain',
  work: (limits: WorkerOptions) => Promise<T>,
  started: number,
  db: Database,
): Promise<T> {
  try {
    return await work({ deadline: started + db.timeoutMs, signal: db.signal });
  } catch (error) {
    if (error instanceof ComputationTimeout) throw tooLong(what, db);
    if (error instanceof Error && error.message.startsWith(NOT_CONVERGED)) {
      throw new AppError(
        422,
        'not-converged',
        'The computation did not converge',
        `${what} did not converge within ${MAX_ITERATIONS} iterations on this slice (power iteration stalls on a disconnected slice whose largest parts are nearly alike). Narrow the slice to one connected part (region, threat, types, labels, kinds).`,
      );
    }
    throw error;
  }
}

/**
 * A centrality request that ran out of time, in this process or in Neo4j (a GDS projection or
 * algorithm past the transaction timeout), is a 4xx: the request asked for more than the time
 * budget allows, and the answer says how to ask for less.
 */
function tooLong(what: Measure | 'louvain' | 'structure', db: Database): AppError {
  return new AppError(
    422,
    'query-timeout',
    'The computation took too long',
    `${what} did not finish within ${db.timeoutMs / 1000} s. Narrow the slice (region, threat, types, labels, kinds, asOf)${what === 'betweenness' ? ', or pass fewer samples' : ''}.`,
  );
}

/** Runs a request's work, turning a Neo4j transaction timeout into tooLong's answer. */
async function timed<T>(what: Measure | 'louvain' | 'structure', db: Database, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (translateDriverError(error)?.code === 'query-timeout') throw tooLong(what, db);
    throw error;
  }
}

interface EngineAnswer {
  engine: Engine;
  scores: Scores;
  /** The slice's nodes when it was read into this process (then no second query names them). */
  known: Map<string, SliceNode> | null;
}

/**
 * `ranked`: the caller only ranks the first `params.top` nodes, so GDS may return only the scores
 * that can rank (PageRank); without it every node's score is returned (exports attach them all).
 */
async function scoresFor(db: Database, caller: Caller, params: CentralityParams, ranked = false): Promise<EngineAnswer> {
  const started = Date.now();
  const engine = await chooseEngine(db, params.engine);
  const slice = sliceOf(params);
  const here = async (graph: SliceGraph): Promise<EngineAnswer> => ({
    engine: 'in-process',
    known: new Map(graph.nodes.map((n) => [n.id, n])),
    scores: await withinBudget(
      params.measure,
      (limits) => computeInProcess(graph, params.measure, params.samples, limits, params.weight !== undefined),
      started,
      db,
    ),
  });
  // auto runs two measures in this process, on worker threads, whenever the slice fits, because
  // GDS 2.13 does them worse (benchmark graph of 10k actors, 14.5k nodes, 49.5k relationships):
  // exact betweenness (8.3 s here, 32 s by GDS) and eigenvector centrality (1 s here; GDS
  // iterates to its limit on a disconnected graph and returns zeros, 13 s before the fallback).
  // A slice too large for this process goes to GDS.
  if (params.weight && engine === 'gds' && !GDS_WEIGHTED.has(params.measure)) {
    if (params.engine === 'gds') throw weightedOnGds();
    return here(await readSliceOrFail(db, caller, slice, params.measure, params.samples));
  }
  if (params.engine === 'auto' && PREFER_IN_PROCESS.has(params.measure)) {
    const read = await readSlice(db, caller, slice, params.measure, params.samples);
    if (!(read instanceof AppError)) return here(read);
    if (engine !== 'gds') throw read;
  }
  if (engine === 'gds') {
    const scores = await computeWithGds(
      db,
      caller,
      slice,
      params.measure,
      params.samples,
      params.weight !== undefined,
      ranked ? params.top : undefined,
    );
    // GDS 2.13 eigenvector centrality breaks down on disconnected graphs: scores of components
    // outside the dominant one decay until the iteration yields NaN, streamed as all zeros. A
    // result that is not a unit vector is recomputed in process, and the response says so.
    if (params.measure !== 'eigenvector' || isUnitVector(scores.value)) return { engine, scores, known: null };
  }
  return here(await readSliceOrFail(db, caller, slice, params.measure, params.samples));
}

/**
 * One centrality measure on a slice, by GDS or in this process: the entry point for the API and
 * for `npm run bench`.
 */
export async function computeCentrality(db: Database, caller: Caller, params: CentralityParams): Promise<CentralityResult> {
  const { engine, scores, known } = await timed(params.measure, db, () => scoresFor(db, caller, params, true));
  const top = rank(scores.value, params.top);
  const nodes =
    known ??
    (await describe(
      db,
      caller,
      top.map((r) => r.id),
    ));
  const results: RankedNode[] = top.flatMap((r) => {
    const node = nodes.get(r.id);
    return node ? [{ ...node, value: r.value, normalized: scores.normalized.get(r.id) ?? 0, rank: r.rank }] : [];
  });
  return {
    measure: params.measure,
    engine,
    normalization: params.weight ? `${NORMALIZATION[params.measure]}; ${WEIGHTED[params.measure]}` : NORMALIZATION[params.measure],
    estimate: scores.estimate,
    graph: scores.graph,
    results,
  };
}

/** The weighted measures GDS computes (its closeness and harmonic centrality take no weights). */
const GDS_WEIGHTED: ReadonlySet<Measure> = new Set(['betweenness', 'pagerank']);

function weightedOnGds(): AppError {
  return new AppError(
    400,
    'invalid-request',
    'Invalid request',
    'Weighted closeness and harmonic run in this process: use engine=auto or in-process.',
    [{ field: 'query.engine', message: "'gds' takes weight=weight for betweenness and pagerank only; use auto or in-process" }],
  );
}

function isUnitVector(values: Map<string, number>): boolean {
  let sum = 0;
  for (const v of values.values()) sum += v * v;
  return values.size === 0 || Math.abs(Math.sqrt(sum) - 1) < 1e-6;
}

/** Newman's modularity of an assignment on the undirected simple graph (resolution 1). */
export function modularity(adj: Adjacency, community: (v: number) => number): number {
  const m = adj.size;
  if (m === 0) return 0;
  const inside = new Map<number, number>();
  const degrees = new Map<number, number>();
  for (let v = 0; v < adj.ids.length; v++) {
    const c = community(v);
    const around = neighbours(adj, v);
    degrees.set(c, (degrees.get(c) ?? 0) + around.length);
    for (const w of around) if (community(w) === c) inside.set(c, (inside.get(c) ?? 0) + 1);
  }
  let q = 0;
  for (const [c, d] of degrees) q += (inside.get(c) ?? 0) / (2 * m) - (d / (2 * m)) ** 2;
  return q;
}

/** Communities renumbered 0, 1, ... by size (largest first), then by their first member id. */
function numberCommunities(assignments: Map<string, number>): Pick<CommunitiesResult, 'communities' | 'assignments'> {
  const groups = new Map<number, string[]>();
  for (const [id, c] of assignments) groups.set(c, [...(groups.get(c) ?? []), id]);
  const ordered = [...groups.values()].map((members) => members.sort());
  ordered.sort((a, b) => b.length - a.length || ((a[0] ?? '') < (b[0] ?? '') ? -1 : 1));
  const communities = ordered.map((members, id) => ({ id, size: members.length, members }));
  const numbered: Record<string, number> = {};
  for (const c of communities) for (const id of c.members) numbered[id] = c.id;
  return { communities, assignments: numbered };
}

export function computeCommunities(db: Database, caller: Caller, params: CommunitiesParams): Promise<CommunitiesResult> {
  return timed('louvain', db, () => communities(db, caller, params));
}

async function communities(db: Database, caller: Caller, params: CommunitiesParams): Promise<CommunitiesResult> {
  const engine = await chooseEngine(db, params.engine);
  const slice = sliceOf(params);
  if (engine === 'gds') {
    const { assignments, modularity: q } = await louvainWithGds(db, caller, slice);
    return { engine, algorithm: params.algorithm, modularity: q, ...numberCommunities(assignments) };
  }
  const started = Date.now();
  const graph = await readSliceOrFail(db, caller, slice, 'louvain');
  const { adj, community } = await withinBudget('louvain', (limits) => louvainInProcess(graph, limits), started, db);
  const q = modularity(adj, (v) => community[v] as number);
  const assignments = new Map(adj.ids.map((id, i) => [id, community[i] as number]));
  return { engine, algorithm: params.algorithm, modularity: q, ...numberCommunities(assignments) };
}

/**
 * A slice with every node's score for each measure asked (the normalized score: networkx's
 * default normalization) and, if asked, its Louvain community: what an export attaches to the
 * nodes (transfer/network/export.ts). Each measure runs as /api/centrality would run it.
 */
export async function analyseSlice(
  db: Database,
  caller: Caller,
  params: Omit<CentralityParams, 'measure' | 'top'>,
  measures: Measure[],
  withCommunities: boolean,
): Promise<{ graph: SliceGraph; scores: Map<Measure, Map<string, number>>; communities: Record<string, number> | null }> {
  const slice = sliceOf(params);
  const graph = await timed('structure', db, () => readSliceOrFail(db, caller, slice, 'structure'));
  const scores = new Map<Measure, Map<string, number>>();
  for (const measure of measures) {
    const weight = params.weight && WEIGHTED[measure] ? params.weight : undefined;
    const { scores: s } = await timed(measure, db, () => scoresFor(db, caller, { ...params, weight, measure, top: 1 }));
    scores.set(measure, s.normalized);
  }
  const communities = withCommunities
    ? (await computeCommunities(db, caller, { ...slice, engine: params.engine, algorithm: 'louvain' })).assignments
    : null;
  return { graph, scores, communities };
}

/** Articulation points and bridges of the slice's undirected simple graph (always in this process). */
export function computeStructure(db: Database, caller: Caller, params: StructureParams): Promise<StructureResult> {
  return timed('structure', db, () => structure(db, caller, params));
}

async function structure(db: Database, caller: Caller, params: StructureParams): Promise<StructureResult> {
  const graph = await readSliceOrFail(db, caller, sliceOf(params), 'structure');
  const adj = undirectedAdjacency(graph);
  const { articulationPoints, bridges } = cutStructure(adj);
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const points = [...articulationPoints]
    .map(([v, components]) => ({ ...(byId.get(adj.ids[v] as string) as SliceNode), components }))
    .sort((a, b) => b.components - a.components || (a.id < b.id ? -1 : 1));
  // A bridge of the simple graph may be carried by several relationships; report the one with the lowest id.
  const carrier = new Map<string, SliceEdge>();
  for (const e of graph.edges) {
    const key = e.source < e.target ? `${e.source}\u0000${e.target}` : `${e.target}\u0000${e.source}`;
    const known = carrier.get(key);
    if (!known || e.id < known.id) carrier.set(key, e);
  }
  const bridgeEdges = bridges
    .map(([a, b]) => {
      const [x, y] = [adj.ids[a] as string, adj.ids[b] as string].sort() as [string, string];
      return carrier.get(`${x}\u0000${y}`) as SliceEdge;
    })
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  return { engine: 'in-process', articulationPoints: points, bridges: bridgeEdges };
}
