import { randomUUID } from 'node:crypto';
import type { ManagedTransaction } from 'neo4j-driver';
import type { Database, Params } from '../../db/database.js';
import { graphVersionIn } from '../../db/graphVersion.js';
import { fillSlots } from '../../db/queries.js';
import { int } from '../../db/values.js';
import { AppError, translateDriverError } from '../../errors.js';
import type { Caller } from '../../http/caller.js';
import { betweennessSamples } from './inProcess.js';
import { GDS_EIGENVECTOR_TOLERANCE, ITERATION_TOLERANCE, isDirected, MAX_ITERATIONS, PAGERANK_DAMPING, SAMPLING_SEED } from './measures.js';
import type { Scores } from './model.js';
import { q } from './queries.js';
import type { Measure, Slice } from './schema.js';
import { sliceParameters } from './slice.js';

interface Projection {
  graphName: string;
  nodes: number;
  relationships: number;
}

type Shape = { undirected: boolean; selfLoops: boolean; weighted?: boolean };

/**
 * A projection kept in the GDS catalog between requests, for one slice as one clearance sees it
 * (the key is the slice's Cypher parameters, the caller's visible levels among them, and the
 * shape). It serves while the graph version stored in Neo4j (db/graphVersion.ts, changed by
 * every graph write through any API process) is the one read before it was made, and for at
 * most MAX_AGE_MS; a stale or evicted one is dropped once the last request using it is done.
 */
interface CachedProjection {
  projection: Promise<Projection>;
  version: string;
  /** When projecting began. */
  started: number;
  /** When the projection was made (until then, when it began): its age counts from here. */
  created: number;
  lastUsed: number;
  users: number;
  retired: boolean;
  /** Stops the projection being made: aborted when every request using it was stopped (see withProjection). */
  stop: AbortController;
}

/** Projections kept per database; the least recently used beyond this are dropped. */
const MAX_CACHED = 4;
/** Bounds the catalog memory a projection holds, and covers writes made outside the app (cypher-shell). */
const MAX_AGE_MS = 5 * 60_000;
const caches = new WeakMap<Database, Map<string, CachedProjection>>();

function cacheOf(db: Database): Map<string, CachedProjection> {
  let cache = caches.get(db.origin);
  if (!cache) {
    cache = new Map();
    caches.set(db.origin, cache);
    db.onClose(() => dropCachedProjections(db));
  }
  return cache;
}

/** Drops every cached projection of this database (at close, and for tests that count the catalog). */
/** How many projections are kept for this database (made or being made): for start-up checks and tests. */
export function cachedProjectionCount(db: Database): number {
  return caches.get(db.origin)?.size ?? 0;
}

export async function dropCachedProjections(db: Database): Promise<void> {
  const cache = caches.get(db.origin);
  if (!cache) return;
  const entries = [...cache];
  cache.clear();
  for (const [, entry] of entries) {
    entry.retired = true;
    if (entry.users === 0) await dropEntry(db, entry);
  }
}

/**
 * Runs work on a GDS in-memory graph of the slice, projected by this request or reused from an
 * earlier one while the graph has not changed (see CachedProjection). Projection and algorithm
 * run in read transactions (GDS Cypher projections and stream procedures are read-only on the
 * database; the catalog is memory), so the request needs no write access.
 */
export async function withProjection<T>(
  db: Database,
  caller: Caller,
  slice: Slice,
  shape: Shape,
  work: (tx: ManagedTransaction, projection: Projection) => Promise<T>,
): Promise<T> {
  const started = Date.now();
  // The version is read before projecting: a write in between only makes the projection newer than its version.
  const version = await db.readTransaction((tx) => graphVersionIn(tx));
  const cache = cacheOf(db);
  // Keyed by the slice as asked and the caller's levels, which with the graph version decide its
  // nodes: a region's scope (239k ids for a continent at 1M actors, seconds to read) is read only
  // when projecting, not by every request that reuses the projection.
  const { region, threat, asOf, labels, types, kinds, network } = slice;
  const key = JSON.stringify([{ allowed: caller.allowed, region, threat, asOf, labels, types, kinds, network }, shape]);
  const entry = acquire(db, cache, key, version, async (signal) => {
    // The projection is shared by every request on the same slice: it stops with its own signal, not the request's.
    const making = db.withSignal(signal);
    return project(making, await making.readTransaction((tx) => sliceParameters(tx, caller, slice)), shape);
  });
  try {
    const projection = await withinBudget(entry, started + db.timeoutMs, db.signal);
    try {
      return await db.readTransaction((tx) => work(tx, projection));
    } catch (error) {
      // Out of time or refused before starting (an AppError): the projection is as good as it
      // was, and at a million actors it took a minute to make. Anything else may mean it is broken.
      if (!(error instanceof AppError) && translateDriverError(error)?.code !== 'query-timeout') retire(db, cache, key, entry);
      throw error;
    }
  } finally {
    entry.users -= 1;
    // Stopped (kept.ts: its graph version was replaced), the last request using the projection
    // leaves nothing behind: the projection being made is stopped, a made one dropped.
    if (db.signal?.aborted && entry.users === 0) {
      entry.stop.abort(db.signal.reason);
      if (cache.get(key) === entry) cache.delete(key);
      entry.retired = true;
    }
    if (entry.retired && entry.users === 0) await dropEntry(db, entry);
  }
}

/**
 * A projection of a large slice takes longer than a request may wait (the 1M-actor benchmark graph:
 * about a minute on 2 cores), so it runs in a transaction of its own with this longer time-out and
 * goes on when the request that started it gives up: that request, and any other that cannot wait
 * for it, is told to ask again (projectionPending); once made, it serves every request on the same
 * graph version.
 */
const PROJECTION_TIMEOUT_MS = 15 * 60_000;
/** What a projection-pending answer asks the client to wait before asking again (the web app keeps asking, as for "computing"). */
const PROJECTION_RETRY_AFTER_S = 10;

/** The entry's projection, or projectionPending if it is not made by the deadline (the signal's reason once it aborts). */
async function withinBudget(entry: CachedProjection, deadline: number, signal: AbortSignal | undefined): Promise<Projection> {
  let timer: NodeJS.Timeout | undefined;
  let aborted: (() => void) | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(projectionPending(entry)), Math.max(0, deadline - Date.now()));
    aborted = () => reject(signal?.reason);
    signal?.addEventListener('abort', aborted, { once: true });
  });
  try {
    signal?.throwIfAborted();
    return await Promise.race([entry.projection, late]);
  } finally {
    clearTimeout(timer);
    if (aborted) signal?.removeEventListener('abort', aborted);
  }
}

function projectionPending(entry: CachedProjection): AppError {
  const seconds = Math.round((Date.now() - entry.started) / 1000);
  return new AppError(
    503,
    'projection-pending',
    'The graph is being prepared for this computation',
    `GDS has been building its in-memory graph of this slice for ${seconds} s, longer than a request waits; it goes on. Ask again in about ${PROJECTION_RETRY_AFTER_S} s (Retry-After): while the graph does not change, every request on this slice reuses it.`,
    undefined,
    PROJECTION_RETRY_AFTER_S,
  );
}

function acquire(
  db: Database,
  cache: Map<string, CachedProjection>,
  key: string,
  version: string,
  make: (signal: AbortSignal) => Promise<Projection>,
): CachedProjection {
  const now = Date.now();
  // Every stale projection goes, not only this key's: after a write none of them can serve.
  for (const [k, e] of cache) if (e.version !== version || now - e.created > MAX_AGE_MS) retire(db, cache, k, e);
  let entry = cache.get(key);
  if (!entry) {
    const stop = new AbortController();
    const made: CachedProjection = {
      projection: make(stop.signal),
      version,
      started: now,
      created: now,
      lastUsed: now,
      users: 0,
      retired: false,
      stop,
    };
    // A failed projection leaves the cache at once (its waiting requests get the error), so the next request tries again.
    made.projection.then(
      () => {
        made.created = Date.now();
      },
      () => retire(db, cache, key, made),
    );
    entry = made;
    cache.set(key, entry);
    evictBeyondLimit(db, cache);
  }
  entry.users += 1;
  entry.lastUsed = now;
  return entry;
}

function evictBeyondLimit(db: Database, cache: Map<string, CachedProjection>): void {
  while (cache.size > MAX_CACHED) {
    const [key, oldest] = [...cache].reduce((a, b) => (b[1].lastUsed < a[1].lastUsed ? b : a));
    retire(db, cache, key, oldest);
  }
}

/** Takes an entry out of the cache; its projection is dropped now or when its last user is done. */
function retire(db: Database, cache: Map<string, CachedProjection>, key: string, entry: CachedProjection): void {
  if (cache.get(key) === entry) cache.delete(key);
  if (entry.retired) return;
  entry.retired = true;
  if (entry.users === 0) void dropEntry(db, entry);
}

async function dropEntry(db: Database, entry: CachedProjection): Promise<void> {
  const projection = await entry.projection.catch(() => null);
  if (projection) await dropProjections(db, [projection.graphName]);
}

/**
 * Projects the slice under a fresh name. Every attempt (the driver may retry a transaction)
 * projects under its own name; the names of failed attempts are dropped.
 */
async function project(db: Database, params: Params, shape: Shape): Promise<Projection> {
  const names: string[] = [];
  try {
    const projection = await db.readTransaction(
      async (tx) => {
        const graphName = `atlas-centrality-${randomUUID()}`;
        names.push(graphName);
        const result = await tx.run<{ nodes: number; relationships: number }>(projectionQuery(shape.undirected, shape.weighted === true), {
          ...params,
          graphName,
          ...shape,
        });
        const row = result.records[0];
        const nodes = row?.get('nodes') ?? 0;
        const stored = row?.get('relationships') ?? 0;
        // Undirected projections store each edge twice, and a self-loop twice as well.
        const relationships = shape.undirected ? (stored - (shape.selfLoops ? 2 * nodes : 0)) / 2 : stored;
        return { graphName, nodes, relationships };
      },
      Math.max(db.timeoutMs, PROJECTION_TIMEOUT_MS),
    );
    names.pop();
    return projection;
  } finally {
    if (names.length > 0) await dropProjections(db, names);
  }
}

/**
 * Seconds per unit of work of GDS 2.13 on the benchmark machine (2 cores; test/bench/RESULTS.md):
 * sampled betweenness on 100k actors (n + m = 632k) with 1,000 sources took 51 s, Louvain 11 s
 * after its projection. Used to say, before starting, that a computation cannot finish in time.
 */
export const gdsSeconds = { betweennessPerSourceStep: 8.1e-8, louvainPerStep: 1.7e-5 } as const;

/** n + m of the graph betweenness was calibrated on (100k actors). */
const BETWEENNESS_CALIBRATED_STEPS = 632_000;

/**
 * Seconds sampled (or exact) betweenness would take by GDS. A source's search costs more per step
 * on a larger graph (memory, not arithmetic): at 1M actors (n + m = 3.7M, 100 sources) it took
 * 178 s where the 100k rate gives 30 s, 5.9 times the rate for 5.9 times the steps. So the rate
 * grows with n + m above the calibration graph (a fit to those two points), and never shrinks.
 */
export function gdsBetweennessSeconds(sources: number, steps: number): number {
  return gdsSeconds.betweennessPerSourceStep * Math.max(1, steps / BETWEENNESS_CALIBRATED_STEPS) * sources * steps;
}

/** A 422 naming the estimate, instead of running a computation past the request's time budget. */
export function refuseIfTooSlow(db: Database, what: 'betweenness' | 'louvain', estimatedSeconds: number): void {
  const budget = db.timeoutMs / 1000;
  if (estimatedSeconds <= budget) return;
  throw new AppError(
    422,
    'too-slow',
    'The computation would take too long',
    `${what} on this slice would take about ${Math.ceil(estimatedSeconds)} s by GDS (estimated from its nodes and relationships), more than the ${budget} s budget. Narrow the slice (region, threat, types, labels, kinds, asOf)${what === 'betweenness' ? ', or pass fewer samples' : ''}.`,
  );
}

/** The projection query in its directed or undirected, weighted or unweighted variant (see gdsProject.cypher). */
function projectionQuery(undirected: boolean, weighted: boolean): string {
  const direction: Record<string, string> = undirected
    ? { arrow: '-', once: 'elementId(s) < elementId(t)', reverse: 'false' }
    : { arrow: '->', once: 's <> t', reverse: 'true' };
  const weight: Record<string, string> = weighted
    ? {
        weightColumn: ', min(coalesce(r.weight, 1.0)) AS w',
        selfWeight: ', 1.0 AS w',
        group: 'WITH s, t, min(w) AS w\n',
        data: '{relationshipProperties: {weight: w}}',
      }
    : { weightColumn: '', selfWeight: '', group: '', data: '{}' };
  return fillSlots(q.gdsProject, { ...direction, ...weight });
}

/**
 * Cleanup never hides the request's own outcome: a failed drop is logged, and the sweep (here and
 * on every later request) removes the leftover once it is an hour old.
 */
async function dropProjections(db: Database, names: string[]): Promise<void> {
  try {
    // On the database itself: the view of work that was stopped runs nothing any more.
    for (const graphName of names) await db.origin.read(q.gdsDrop, { graphName });
    await db.origin.read(q.gdsSweep, { maxAgeSeconds: int(LEFTOVER_AFTER_SECONDS) });
  } catch (error) {
    console.warn(`[centrality] could not drop GDS projection(s) ${names.join(', ')}:`, error instanceof Error ? error.message : error);
  }
}

/** A centrality projection this old belongs to a request that died before it could drop it. */
const LEFTOVER_AFTER_SECONDS = 3_600;

async function streamScores(tx: ManagedTransaction, query: string, params: Params): Promise<Map<string, number>> {
  const result = await tx.run<{ id: string; score: number }>(query, params);
  return new Map(result.records.map((r) => [r.get('id'), r.get('score')]));
}

const mapValues = (values: Map<string, number>, f: (v: number) => number) => new Map([...values].map(([id, v]) => [id, f(v)]));

/** One measure computed by GDS on a projection of the slice, in the same units as computeInProcess. */
export async function computeWithGds(
  db: Database,
  caller: Caller,
  slice: Slice,
  measure: Measure,
  samples?: number,
  weighted = false,
  top?: number,
): Promise<Scores> {
  const shape = { undirected: !isDirected(measure), selfLoops: measure === 'eigenvector', weighted };
  const byWeight = weighted ? { relationshipWeightProperty: 'weight' } : {};
  return withProjection(db, caller, slice, shape, async (tx, { graphName, nodes: n, relationships }) => {
    const graph = { nodes: n, relationships };
    const perOther = n > 1 ? 1 / (n - 1) : 0;
    const scores = (value: Map<string, number>, normalized: Map<string, number>, estimate: Scores['estimate'] = null): Scores => ({
      value,
      normalized,
      graph,
      estimate,
    });
    // GDS makes no graph from zero rows: an empty slice has nothing to stream (in-process answers the same).
    if (n === 0) return scores(new Map(), new Map());
    switch (measure) {
      case 'degree':
      case 'in-degree':
      case 'out-degree': {
        const orientation = measure === 'in-degree' ? 'REVERSE' : 'NATURAL';
        const value = await streamScores(tx, q.gdsDegree, { graphName, orientation });
        return scores(
          value,
          mapValues(value, (v) => v * perOther),
        );
      }
      case 'betweenness': {
        const k = betweennessSamples(n, relationships, samples);
        refuseIfTooSlow(db, 'betweenness', gdsBetweennessSeconds(k ?? n, n + relationships));
        const config = { ...byWeight, ...(k === null ? {} : { samplingSize: int(k), samplingSeed: int(SAMPLING_SEED) }) };
        // GDS sums the sampled sources' dependencies without scaling them up to the whole graph.
        const factor = k === null ? 1 : n / k;
        const value = mapValues(await streamScores(tx, q.gdsBetweenness, { graphName, config }), (v) => v * factor);
        const scale = n > 2 ? 2 / ((n - 1) * (n - 2)) : 0;
        return scores(
          value,
          mapValues(value, (v) => v * scale),
          k === null ? null : { samples: k },
        );
      }
      case 'closeness': {
        const value = await streamScores(tx, q.gdsCloseness, { graphName, wassermanFaust: false });
        return scores(value, await streamScores(tx, q.gdsCloseness, { graphName, wassermanFaust: true }));
      }
      case 'harmonic': {
        // GDS reports harmonic centrality already divided by n - 1.
        const normalized = await streamScores(tx, q.gdsHarmonic, { graphName });
        return scores(
          mapValues(normalized, (v) => v * (n - 1)),
          normalized,
        );
      }
      case 'pagerank': {
        // GDS leaves the rank of dangling nodes unspread and does not normalise. Both are the
        // linear system (I - 0.85 P^T) x = c 1 with a different constant c, so the GDS scores are
        // proportional to networkx's and dividing by their sum gives networkx's exactly.
        const config = { dampingFactor: PAGERANK_DAMPING, maxIterations: int(MAX_ITERATIONS), tolerance: ITERATION_TOLERANCE, ...byWeight };
        const best = top !== undefined && top < n ? await pageRankTop(db, tx, graphName, config, top) : null;
        if (best) return scores(best, best);
        const raw = await streamScores(tx, q.gdsPageRank, { graphName, config });
        const total = [...raw.values()].reduce((a, b) => a + b, 0);
        const value = mapValues(raw, (v) => (total > 0 ? v / total : 0));
        return scores(value, value);
      }
      case 'eigenvector': {
        const value = await streamScores(tx, q.gdsEigenvector, {
          graphName,
          maxIterations: int(MAX_ITERATIONS),
          tolerance: GDS_EIGENVECTOR_TOLERANCE,
        });
        return scores(value, value);
      }
    }
  });
}

/**
 * PageRank for a ranking of the first `top` nodes: computed into the request's own property of
 * the projection, then only the nodes that can rank among the first `top` are read (their scores
 * at least the top-th largest less a relative 2e-8, wider than rank()'s own 1e-8 floor, so
 * rank() over them gives what it gives over every node). Scores are rescaled by the sum of all,
 * as the streamed variant does. At a million actors this reads about 100 rows instead of 1.2M.
 * Null when the scores are not a finite ranking: the caller streams them all then.
 */
async function pageRankTop(
  db: Database,
  tx: ManagedTransaction,
  graphName: string,
  config: Record<string, unknown>,
  top: number,
): Promise<Map<string, number> | null> {
  const property = `pagerank_${randomUUID().replace(/-/g, '')}`;
  try {
    await tx.run(q.gdsPageRankMutate, { graphName, config: { ...config, mutateProperty: property } });
    const summary = (await tx.run<{ total: number; nth: number | null }>(q.gdsScoreSummary, { graphName, property, n: int(top) }))
      .records[0];
    const total = summary?.get('total') ?? 0;
    const nth = summary?.get('nth') ?? null;
    // Not a finite ranking (never seen from PageRank): the caller streams every score instead.
    if (nth === null || !Number.isFinite(nth) || !Number.isFinite(total) || !(total > 0)) return null;
    const floor = nth - Math.abs(nth) * 2e-8;
    return mapValues(await streamScores(tx, q.gdsScoresAbove, { graphName, property, floor }), (v) => v / total);
  } finally {
    // In its own transaction: the request's may have failed. A failed drop only leaves memory until the projection goes.
    await db.origin.read(q.gdsDropProperty, { graphName, property }).catch(() => {});
  }
}

/** Louvain from GDS: the assignment and the modularity of that same run. */
export async function louvainWithGds(
  db: Database,
  caller: Caller,
  slice: Slice,
): Promise<{ assignments: Map<string, number>; modularity: number; graph: { nodes: number; relationships: number } }> {
  return withProjection(db, caller, slice, { undirected: true, selfLoops: false }, async (tx, { graphName, nodes, relationships }) => {
    if (nodes === 0) return { assignments: new Map(), modularity: 0, graph: { nodes, relationships } };
    if (relationships === 0) {
      const ids = await streamScores(tx, q.gdsDegree, { graphName, orientation: 'NATURAL' });
      return { assignments: new Map([...ids.keys()].map((id, i) => [id, i])), modularity: 0, graph: { nodes, relationships } };
    }
    refuseIfTooSlow(db, 'louvain', gdsSeconds.louvainPerStep * (nodes + relationships));
    const property = `community_${randomUUID().replace(/-/g, '')}`;
    try {
      const stats = await tx.run<{ modularity: number }>(q.gdsLouvain, { graphName, property });
      const modularity = stats.records[0]?.get('modularity') ?? 0;
      const rows = await tx.run<{ id: string; communityId: number }>(q.gdsCommunities, { graphName, property });
      return {
        assignments: new Map(rows.records.map((r) => [r.get('id'), r.get('communityId')])),
        modularity,
        graph: { nodes, relationships },
      };
    } finally {
      // In its own transaction: the request's may have failed. A failed drop only leaves memory until the projection goes.
      await db.origin.read(q.gdsDropProperty, { graphName, property }).catch(() => {});
    }
  });
}
