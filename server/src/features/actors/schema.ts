import { SEARCH_LIMITS } from '@atlas/seed';
import { z } from 'zod';
import { isoDate } from '../graph/schema.js';

export const SearchQuery = z.object({
  q: z
    .string()
    .trim()
    .min(1, 'a search term of at least one character')
    .max(SEARCH_LIMITS.maxTermLength, `at most ${SEARCH_LIMITS.maxTermLength} characters`),
  limit: z.coerce.number().int().min(1).max(SEARCH_LIMITS.maxResults).default(10),
});

export const ActorParams = z.object({
  id: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[A-Za-z0-9_.:-]+$/, 'letters, digits and . _ : - only'),
});

export const NeighbourhoodQuery = z.object({
  asOf: isoDate.optional(),
  limit: z.coerce.number().int().min(1).max(2_000).default(500),
});
