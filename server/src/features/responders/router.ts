import { Router } from 'express';
import type { Database } from '../../db/database.js';
import { callerOf } from '../../http/caller.js';
import { parse, today } from '../../http/validate.js';
import type { PlannerCache } from '../planner/cache.js';
import { PARTS, type Weights } from '../positioning/model.js';
import { RespondersQuery } from './schema.js';
import { findResponders } from './service.js';

export function respondersRouter(db: Database, planner?: PlannerCache): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const query = parse(RespondersQuery, req, 'query');
    const weights: Partial<Weights> = {};
    for (const p of PARTS) {
      const w = query[`w.${p}`];
      if (w !== undefined) weights[p] = w;
    }
    const caller = callerOf(res);
    const asOf = query.asOf ?? today();
    const kept = await planner?.keptFacts(caller, asOf);
    res.json(await findResponders(db, caller, { threat: query.threat, region: query.region, asOf, limit: query.limit, weights }, kept));
  });
  return router;
}
