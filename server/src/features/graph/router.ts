import { Router } from 'express';
import type { Database } from '../../db/database.js';
import { callerOf } from '../../http/caller.js';
import { parse } from '../../http/validate.js';
import { findVisibleGraph } from './repository.js';
import { GraphQuery } from './schema.js';

export function graphRouter(db: Database): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const query = parse(GraphQuery, req, 'query');
    res.json(await findVisibleGraph(db, callerOf(res), query));
  });
  return router;
}
