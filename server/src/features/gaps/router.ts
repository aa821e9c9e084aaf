import { Router } from 'express';
import type { Database } from '../../db/database.js';
import { callerOf } from '../../http/caller.js';
import { parse, today } from '../../http/validate.js';
import type { PlannerCache } from '../planner/cache.js';
import { GapsQuery } from './schema.js';
import { findGaps } from './service.js';

/** `planner`: counts kept per graph version (without it, every request reads and counts anew). */
export function gapsRouter(db: Database, timeBudgetMs: number, planner?: PlannerCache): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const query = parse(GapsQuery, req, 'query');
    const caller = callerOf(res);
    const asked = {
      kinds: query.kind,
      threat: query.threat,
      region: query.region,
      asOf: query.asOf ?? today(),
      hops: query.hops,
      limit: query.limit,
      offset: query.offset,
      timeBudgetMs,
    };
    res.json(
      await (planner ? planner.gapsPage(caller, asked, (counting) => findGaps(db, caller, asked, counting)) : findGaps(db, caller, asked)),
    );
  });
  return router;
}
