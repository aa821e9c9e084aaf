import { Router } from 'express';
import type { Database } from '../../db/database.js';
import type { Caller } from '../../http/caller.js';
import { isReachable, probeNeo4j } from './repository.js';

/**
 * GET /api/health: the database's state, "degraded" with the reasons while something is wrong;
 * GET /api/health/live: the process answers (for a supervisor's restart decision);
 * GET /api/health/ready: it should get traffic (database reachable, query plans warmed).
 */
export function healthRouter(db: Database): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    const neo4j = await probeNeo4j(db);
    const reasons = [...db.lifecycle.notReadyBecause(), ...(neo4j.reachable ? [] : ['Neo4j is not reachable'])];
    // Versions tell an attacker which known flaws to try: only signed-in admins see them.
    const caller = res.locals.caller as Caller | undefined;
    res.status(neo4j.reachable ? 200 : 503).json({
      status: reasons.length === 0 ? 'ok' : 'degraded',
      ...(reasons.length > 0 ? { reasons } : {}),
      neo4j: caller?.role === 'admin' ? neo4j : { reachable: neo4j.reachable },
      centralityEngine: neo4j.gds ? 'gds' : 'in-process',
    });
  });
  router.get('/live', (_req, res) => {
    res.json({ status: 'live' });
  });
  router.get('/ready', async (_req, res) => {
    const reasons = db.lifecycle.notReadyBecause();
    if (reasons.length === 0 && !(await isReachable(db))) reasons.push('Neo4j is not reachable');
    res.status(reasons.length === 0 ? 200 : 503).json(reasons.length === 0 ? { status: 'ready' } : { status: 'not-ready', reasons });
  });
  return router;
}
