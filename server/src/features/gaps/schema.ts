import { z } from 'zod';
import { isoDate } from '../graph/schema.js';
import { entityId } from '../responders/schema.js';
import { GAP_KINDS } from './model.js';

export const MAX_HOPS = 4;

const kindList = z
  .string()
  .transform((s) =>
    s
      .split(',')
      .map((k) => k.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.enum(GAP_KINDS, { message: `each kind one of ${GAP_KINDS.join(', ')}` })).min(1));

export const GapsQuery = z.object({
  kind: kindList.default([...GAP_KINDS]),
  threat: entityId.optional(),
  region: entityId.optional(),
  asOf: isoDate.optional(),
  hops: z.coerce.number().int().min(1).max(MAX_HOPS, `at most ${MAX_HOPS} hops`).default(2),
  limit: z.coerce.number().int().min(1).max(5_000).default(1_000),
});
