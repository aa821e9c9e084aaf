import { randomUUID } from 'node:crypto';
import type { ManagedTransaction } from 'neo4j-driver';
import type { Database, Params } from '../../db/database.js';
import { fillSlots } from '../../db/queries.js';
import { int } from '../../db/values.js';
import type { Caller } from '../../http/caller.js';
import { betweennessSamples } from './inProcess.js';
import { GDS_EIGENVECTOR_TOLERANCE, ITERATION_TOLERANCE, isDirected, MAX_ITERATIONS, SAMPLING_SEED } from './measures.js';
import type { Scores } from './model.js';
import { q } from './queries.js';
import type { Measure, Slice } from './schema.js';
import { sliceParameters } from './slice.js';

interface Projection {
  graphName: string;
  nodes: number;
  relationships: number;
}

/**
 * Runs work on a GDS in-memory graph of the slice and always drops it afterwards. Projection and
 * algorithm share one read transaction (GDS Cypher projections and stream procedures are read-only
 * on the database; the catalog is memory), so the request needs no write access. The drop runs in
 * its own transaction so it also happens when the first one failed; every attempt (the driver may
 * retry a transaction) projects under a fresh name, and every name is dropped.
 */
export async function withProjection<T>(
  db: Database,
  caller: Caller,
  slice: Slice,
  shape: { undirected: boolean; selfLoops: boolean },
  work: (tx: ManagedTransaction, projection: Projection) => Promise<T>,
): Promise<T> {
  const names: string[] = [];
  try {
    return await db.readTransaction(async (tx) => {
      const params = await sliceParameters(tx, caller, slice);
      const graphName = `atlas-centrality-${randomUUID()}`;
      names.push(graphName);
      const result = await tx.run<{ nodes: number; relationships: number }>(projectionQuery(shape.undirected), {
        ...params,
        graphName,
        ...shape,
      });
      const row = result.records[0];
      const nodes = row?.get('nodes') ?? 0;
      const stored = row?.get('relationships') ?? 0;
      // Undirected projections store each edge twice, and a self-loop twice as well.
      const relationships = shape.undirected ? (stored - (shape.selfLoops ? 2 * nodes : 0)) / 2 : stored;
      return work(tx, { graphName, nodes, relationships });
    });
  } finally {
    await dropProjections(db, names);
  }
}

/** The projection query in its directed or undirected variant (see gdsProject.cypher). */
function projectionQuery(undirected: boolean): string {
  const values: Record<string, string> = undirected ? { arrow: '-', once: 'elementId(s) < elementId(t)' } : { arrow: '->', once: 's <> t' };
  return fillSlots(q.gdsProject, values);
}

/**
 * Cleanup never hides the request's own outcome: a failed drop is logged, and the sweep (here and
 * on every later request) removes the leftover once it is an hour old.
 */
async function dropProjections(db: Database, names: string[]): Promise<void> {
  try {
    for (const graphName of names) await db.read(q.gdsDrop, { graphName });
    await db.read(q.gdsSweep, { maxAgeSeconds: int(LEFTOVER_AFTER_SECONDS) });
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
export async function computeWithGds(db: Database, caller: Caller, slice: Slice, measure: Measure, samples?: number): Promise<Scores> {
  const shape = { undirected: !isDirected(measure), selfLoops: measure === 'eigenvector' };
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
        const config = k === null ? {} : { samplingSize: int(k), samplingSeed: int(SAMPLING_SEED) };
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
        const raw = await streamScores(tx, q.gdsPageRank, {
          graphName,
          maxIterations: int(MAX_ITERATIONS),
          tolerance: ITERATION_TOLERANCE,
        });
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
    const stats = await tx.run<{ modularity: number }>(q.gdsLouvain, { graphName });
    const modularity = stats.records[0]?.get('modularity') ?? 0;
    const rows = await tx.run<{ id: string; communityId: number }>(q.gdsCommunities, { graphName });
    return {
      assignments: new Map(rows.records.map((r) => [r.get('id'), r.get('communityId')])),
      modularity,
      graph: { nodes, relationships },
    };
  });
}
