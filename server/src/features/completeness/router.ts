import { Router } from 'express';
import type { Database } from '../../db/database.js';
import { callerOf } from '../../http/caller.js';
import { parse, today } from '../../http/validate.js';
import { completenessReport } from './repository.js';
import { CompletenessQuery } from './schema.js';

export function completenessRouter(db: Database): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const { region, threat, asOf, limit } = parse(CompletenessQuery, req, 'query');
    res.json(await completenessReport(db, callerOf(res), { region, threat, asOf: asOf ?? today(), limit }));
  });
  return router;
}
