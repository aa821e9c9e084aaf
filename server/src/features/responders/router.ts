import { Router } from 'express';
import type { Database } from '../../db/database.js';
import { callerOf } from '../../http/caller.js';
import { parse, today } from '../../http/validate.js';
import { PARTS, type Weights } from '../positioning/model.js';
import { RespondersQuery } from './schema.js';
import { findResponders } from './service.js';

export function respondersRouter(db: Database): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const query = parse(RespondersQuery, req, 'query');
    const weights: Partial<Weights> = {};
    for (const p of PARTS) {
      const w = query[`w.${p}`];
      if (w !== undefined) weights[p] = w;
    }
    res.json(
      await findResponders(db, callerOf(res), {
        threat: query.threat,
        region: query.region,
        asOf: query.asOf ?? today(),
        limit: query.limit,
        weights,
      }),
    );
  });
  return router;
}
