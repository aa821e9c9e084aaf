import { Router } from 'express';
import type { Database } from '../../db/database.js';
import { callerOf } from '../../http/caller.js';
import { parse } from '../../http/validate.js';
import { LayoutCache } from './layout.js';
import { findVisibleGraph } from './repository.js';
import { GraphQuery } from './schema.js';

export function graphRouter(db: Database, layouts = new LayoutCache()): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const query = parse(GraphQuery, req, 'query');
    const graph = await findVisibleGraph(db, callerOf(res), query);
    // Laid out from what this caller sees only, so positions reveal nothing hidden.
    const { version, positions } = layouts.positionsFor(graph);
    res.json({ ...graph, layoutVersion: version, positions });
  });
  return router;
}
