import { Router } from 'express';
import type { Database } from '../../db/database.js';
import { probeNeo4j } from './repository.js';

export function healthRouter(db: Database): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    const neo4j = await probeNeo4j(db);
    res.status(neo4j.reachable ? 200 : 503).json({
      status: neo4j.reachable ? 'ok' : 'unavailable',
      neo4j,
      centralityEngine: neo4j.gds ? 'gds' : 'in-process',
    });
  });
  return router;
}
