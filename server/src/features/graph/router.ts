import type { Request } from 'express';
import { Router } from 'express';
import type { Database } from '../../db/database.js';
import { type Caller, callerOf, requireRole } from '../../http/caller.js';
import { parse } from '../../http/validate.js';
import { sendKept } from '../actors/cache.js';
import { type Computed, KeptAnalyses } from '../centrality/kept.js';
import { LayoutCache } from './layout.js';
import { LAYOUT_TIMEOUT_MS, positionsOffThread } from './layoutOffThread.js';
import { findVisibleGraph } from './repository.js';
import { GraphQuery } from './schema.js';

type GraphParams = ReturnType<typeof GraphQuery.parse>;

/**
 * The answers of GET /api/graph kept per graph version, clearance and query (KeptAnalyses, as the
 * Brokers panel's): at 100k actors the opening graph's own read (5,000 nodes and their edges) took
 * 1.6 s of every request. A request waits as long as it did before (the read, then a layout that
 * may take up to LAYOUT_TIMEOUT_MS), so this endpoint does not answer "computing".
 */
export function keptGraphs(db: Database, options: { rewarm?: boolean; pollMs?: number; log?: (line: string) => void } = {}): KeptAnalyses {
  return new KeptAnalyses(db, { waitMs: db.timeoutMs + LAYOUT_TIMEOUT_MS, ...options });
}

export function graphRouter(db: Database, layouts = new LayoutCache(8, positionsOffThread), graphs: KeptAnalyses = keptGraphs(db)): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const caller = callerOf(res);
    const answer = await graphs.answer(caller, ...graphQuestion(layouts, caller, parse(GraphQuery, req, 'query'), req));
    // The ETag of a kept body is made once, by Express's own generator, as res.send would make it.
    const etagOf = req.app.get('etag fn') as ((body: Buffer) => string | undefined) | undefined;
    answer.etag ??= etagOf?.(answer.body);
    sendKept(res, answer);
  });
  // A change made to Neo4j outside the API (Neo4j Browser, cypher-shell, a script) leaves the
  // graph version's token alone; the version read sees nodes and relationships created or deleted
  // (db/graphVersion.ts), not a property changed. An admin who changed one says so here: a new
  // version, so every API process sharing the database drops what it kept (the Brokers panel,
  // the opening graph, the planner's counts, actors, paths, projections) and computes it again.
  router.post('/changed', requireRole('admin'), async (req, res) => {
    await db.writeTransaction(async () => undefined);
    req.log?.info({ userId: callerOf(res).userId }, 'graph marked as changed outside the API');
    res.status(204).end();
  });
  return router;
}

/** One graph question as KeptAnalyses takes it: its key (every parameter, defaults included) and its computation. */
function graphQuestion(
  layouts: LayoutCache,
  caller: Caller,
  params: GraphParams,
  req?: Request,
): [string, (on: Database) => Promise<Computed>] {
  return [
    JSON.stringify({ kind: 'graph', ...params }),
    async (on) => {
      const graph = await findVisibleGraph(on, caller, params);
      // Laid out from what this caller sees only, so positions reveal nothing hidden.
      const layout = await layouts.positionsFor(graph).catch((error: unknown) => {
        // The graph is still worth answering: without positions the explorer lays it out itself.
        // Such an answer is not kept: the next request tries the layout again.
        req?.log?.warn({ err: error }, 'graph layout failed; answering without positions');
        return null;
      });
      const body = Buffer.from(JSON.stringify({ ...graph, layoutVersion: layout?.version ?? null, positions: layout?.positions ?? {} }));
      return { body, etag: undefined, keep: layout !== null };
    },
  ];
}

/**
 * The explorer's opening graph for `caller` (what the client asks first: the default labels, 5,000
 * nodes, no date), read, laid out and kept in `graphs` ahead (start-up, firstAnswers.ts), and
 * computed again after each write while it is a recent question: at 100k actors laying out those
 * 5,000 nodes took 28 s of the first request's 30 s, and reading them 1.6 s of every request.
 */
export async function warmOpeningGraph(graphs: KeptAnalyses, layouts: LayoutCache, caller: Caller): Promise<void> {
  await graphs.warm(caller, ...graphQuestion(layouts, caller, GraphQuery.parse({})));
}
