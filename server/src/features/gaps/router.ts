import { Router } from 'express';
import type { Database } from '../../db/database.js';
import { callerOf } from '../../http/caller.js';
import { parse, today } from '../../http/validate.js';
import { GapsQuery } from './schema.js';
import { findGaps } from './service.js';

export function gapsRouter(db: Database, timeBudgetMs: number): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const query = parse(GapsQuery, req, 'query');
    res.json(
      await findGaps(db, callerOf(res), {
        kinds: query.kind,
        threat: query.threat,
        region: query.region,
        asOf: query.asOf ?? today(),
        hops: query.hops,
        limit: query.limit,
        offset: query.offset,
        timeBudgetMs,
      }),
    );
  });
  return router;
}
