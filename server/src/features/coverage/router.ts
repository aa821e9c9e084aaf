import { Router } from 'express';
import type { Database } from '../../db/database.js';
import { callerOf } from '../../http/caller.js';
import { parse, today } from '../../http/validate.js';
import type { PlannerCache } from '../planner/cache.js';
import { CoverageQuery } from './schema.js';
import { coverage } from './service.js';

/** `planner`: grids kept per graph version (without it, every request reads and computes anew). */
export function coverageRouter(db: Database, timeBudgetMs: number, planner?: PlannerCache): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const { level, asOf, threat, region } = parse(CoverageQuery, req, 'query');
    const grid = { level, asOf: asOf ?? today(), threat, region, timeBudgetMs };
    res.json(await coverage(db, callerOf(res), grid, undefined, planner && ((caller, asked) => planner.grid(caller, asked))));
  });
  return router;
}
