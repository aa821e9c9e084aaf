import { z } from 'zod';
import { entityId, isoDate } from '../../http/validate.js';

/** `GET /api/completeness`: what the graph does not know about a region and/or threat (or everything). */
export const CompletenessQuery = z.object({
  region: entityId.optional(),
  threat: entityId.optional(),
  asOf: isoDate.optional(),
  limit: z.coerce.number().int().min(0, 'at least 0').max(500, 'at most 500').default(50),
});
export type CompletenessQuery = z.infer<typeof CompletenessQuery>;

export type { CompletenessReport, NamedRef, Unknowns, UnquotedFact } from '@atlas/seed';
