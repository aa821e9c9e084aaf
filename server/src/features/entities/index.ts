import { Router } from 'express';
import type { Database } from '../../db/database.js';
import { auditRouter } from '../audit/router.js';
import { transferRouter } from '../transfer/router.js';
import { entitiesRouter, relationshipsRouter } from './router.js';

/** Editing, history and import/export under one mount: /entities, /relationships, /audit, /import, /export. */
export function editingRouter(db: Database): Router {
  const router = Router();
  router.use('/entities', entitiesRouter(db));
  router.use('/relationships', relationshipsRouter(db));
  router.use('/audit', auditRouter(db));
  router.use(transferRouter(db));
  return router;
}
