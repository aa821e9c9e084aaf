import { Router } from 'express';
import type { Database } from '../../db/database.js';
import { callerOf } from '../../http/caller.js';
import { parse } from '../../http/validate.js';
import { PathsQuery } from './schema.js';
import { answerPaths } from './service.js';

export interface PathsRouterOptions {
  /**
   * Transaction timeout of a path request, shorter than the server-wide one: path searches
   * grow fast with hops and types, and a timed-out one becomes a 503 that says how to narrow it.
   */
  timeoutMs?: number;
}

export function pathsRouter(db: Database, { timeoutMs = 5_000 }: PathsRouterOptions = {}): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const options = parse(PathsQuery, req, 'query');
    res.json(await answerPaths(db, callerOf(res), options, timeoutMs));
  });
  return router;
}
