import { Router } from 'express';
import { z } from 'zod';
import type { Database } from '../../db/database.js';
import { callerOf } from '../../http/caller.js';
import { parse } from '../../http/validate.js';
import { listChanges } from './repository.js';

const instant = z.iso.datetime({ offset: true, message: 'an ISO 8601 date-time, e.g. 2026-03-01T00:00:00Z' });

export const AuditQuery = z.object({
  since: instant.optional(),
  until: instant.optional(),
  actor: z.string().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(1_000).default(100),
});

export const HistoryQuery = z.object({ limit: z.coerce.number().int().min(1).max(1_000).default(200) });

/** GET /api/audit: recent changes, newest first, of entities the caller may see. */
export function auditRouter(db: Database): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const filter = parse(AuditQuery, req, 'query');
    res.json({ entries: await listChanges(db, callerOf(res), filter) });
  });
  return router;
}
