import { GAP_KINDS, GAP_LIMITS } from '@atlas/seed';
import { z } from 'zod';
import { csvOf, isoDate } from '../../http/validate.js';
import { entityId } from '../responders/schema.js';

export const MAX_HOPS = GAP_LIMITS.maxHops;

export const GapsQuery = z.object({
  kind: csvOf(GAP_KINDS, 'kind').default([...GAP_KINDS]),
  threat: entityId.optional(),
  region: entityId.optional(),
  asOf: isoDate.optional(),
  hops: z.coerce.number().int().min(1).max(MAX_HOPS, `at most ${MAX_HOPS} hops`).default(GAP_LIMITS.defaultHops),
  limit: z.coerce.number().int().min(1).max(5_000).default(1_000),
});
