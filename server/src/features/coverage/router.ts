import { Router } from 'express';
import type { Database } from '../../db/database.js';
import { callerOf } from '../../http/caller.js';
import { parse, today } from '../../http/validate.js';
import { CoverageQuery } from './schema.js';
import { coverage } from './service.js';

export function coverageRouter(db: Database, timeBudgetMs: number): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const { level, asOf, threat, region } = parse(CoverageQuery, req, 'query');
    res.json(await coverage(db, callerOf(res), { level, asOf: asOf ?? today(), threat, region, timeBudgetMs }));
  });
  return router;
}
