import { GAP_KINDS, GAP_LIMITS } from '@atlas/seed';
import { z } from 'zod';
import { csvOf, entityId, isoDate } from '../../http/validate.js';

export const MAX_HOPS = GAP_LIMITS.maxHops;

export const GapsQuery = z.object({
  kind: csvOf(GAP_KINDS, 'kind').default([...GAP_KINDS]),
  threat: entityId.optional(),
  region: entityId.optional(),
  asOf: isoDate.optional(),
  hops: z.coerce.number().int().min(1).max(MAX_HOPS, `at most ${MAX_HOPS} hops`).default(GAP_LIMITS.defaultHops),
  limit: z.coerce.number().int().min(1).max(5_000).default(1_000),
  offset: z.coerce.number().int().min(0).default(0),
});
