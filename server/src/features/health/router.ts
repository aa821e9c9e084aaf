import { Router } from 'express';
import type { Database } from '../../db/database.js';
import type { Caller } from '../../http/caller.js';
import { probeNeo4j } from './repository.js';

export function healthRouter(db: Database): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    const neo4j = await probeNeo4j(db);
    // Versions tell an attacker which known flaws to try: only signed-in admins see them.
    const caller = res.locals.caller as Caller | undefined;
    const { reachable, ...versions } = neo4j;
    res.status(reachable ? 200 : 503).json({
      status: reachable ? 'ok' : 'unavailable',
      neo4j: caller?.role === 'admin' ? neo4j : { reachable },
      centralityEngine: versions.gds ? 'gds' : 'in-process',
    });
  });
  return router;
}
