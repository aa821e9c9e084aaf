import { Router } from 'express';
import type { Database } from '../../db/database.js';
import { callerOf } from '../../http/caller.js';
import { parse } from '../../http/validate.js';
import { CentralityQuery, CommunitiesQuery, StructureQuery } from './schema.js';
import { computeCentrality, computeCommunities, computeStructure } from './service.js';

export function centralityRouter(db: Database): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    res.json(await computeCentrality(db, callerOf(res), parse(CentralityQuery, req, 'query')));
  });
  router.get('/communities', async (req, res) => {
    res.json(await computeCommunities(db, callerOf(res), parse(CommunitiesQuery, req, 'query')));
  });
  router.get('/structure', async (req, res) => {
    res.json(await computeStructure(db, callerOf(res), parse(StructureQuery, req, 'query')));
  });
  return router;
}
