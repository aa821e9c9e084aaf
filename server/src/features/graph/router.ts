import { Router } from 'express';
import type { Database } from '../../db/database.js';
import { type Caller, callerOf } from '../../http/caller.js';
import { parse } from '../../http/validate.js';
import { LayoutCache } from './layout.js';
import { positionsOffThread } from './layoutOffThread.js';
import { findVisibleGraph } from './repository.js';
import { GraphQuery } from './schema.js';

export function graphRouter(db: Database, layouts = new LayoutCache(8, positionsOffThread)): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const query = parse(GraphQuery, req, 'query');
    const graph = await findVisibleGraph(db, callerOf(res), query);
    // Laid out from what this caller sees only, so positions reveal nothing hidden.
    const layout = await layouts.positionsFor(graph).catch((error: unknown) => {
      // The graph is still worth answering: without positions the explorer lays it out itself.
      req.log?.warn({ err: error }, 'graph layout failed; answering without positions');
      return { version: null, positions: {} };
    });
    res.json({ ...graph, layoutVersion: layout.version, positions: layout.positions });
  });
  return router;
}

/**
 * The explorer's opening graph for `caller` (what the client asks first: the default labels, 5,000
 * nodes, no date) laid out ahead and kept in `layouts` (start-up, firstAnswers.ts): at 100k actors
 * laying out those 5,000 nodes took 28 s of the first request's 30 s.
 */
export async function warmOpeningGraph(db: Database, layouts: LayoutCache, caller: Caller): Promise<void> {
  await layouts.positionsFor(await findVisibleGraph(db, caller, GraphQuery.parse({})));
}
