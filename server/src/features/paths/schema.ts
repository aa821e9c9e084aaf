import { ACTOR_KINDS, PATH_DIRECTIONS, PATH_LIMITS, PATH_MODES, REL_TYPES, type RelType } from '@atlas/seed';
import { z } from 'zod';
import { isoDate } from '../graph/schema.js';

export { PATH_MODES };
export const DIRECTIONS = PATH_DIRECTIONS;
export type PathMode = (typeof PATH_MODES)[number];
export type Direction = (typeof DIRECTIONS)[number];

/** Hard ceiling on hops (see PATH_LIMITS). */
export const MAX_HOPS = PATH_LIMITS.maxHops;
const { maxK, defaultK, maxPaths, defaultPaths, defaultHops, maxEndpointLength } = PATH_LIMITS;

/**
 * Relationship types used when the caller names none: the ties through which one organisation
 * can reach another (membership, hierarchy, agreements, shared initiatives, funding, data,
 * dialogue, support, founding, succession). Left out: geography and themes (OPERATES_IN,
 * APPLIES_IN, SPANS, AFFECTS, CONSTRAINED_IN, COVERS, TARGETS, SUBTYPE_OF), which would join
 * any two actors through "the world" or "armed conflict"; mandates (HAS_MANDATE, and
 * LACKS_MANDATE, which is the absence of a tie). Callers may still ask for any of them.
 */
export const DEFAULT_PATH_TYPES: RelType[] = [
  'MEMBER_OF',
  'PART_OF',
  'PARTY_TO',
  'PARTICIPATES_IN',
  'FUNDS',
  'PROVIDES_DATA_TO',
  'DIALOGUE_WITH',
  'SUPPORTS',
  'ESTABLISHED',
  'SUCCEEDED_BY',
];

const ID_PATTERN = /^[A-Za-z0-9_.:-]+$/;

/** A comma-separated list (or the parameter repeated), each item checked against `item`. */
function commaList<T extends z.ZodType<unknown, string>>(item: T, max: number) {
  return z
    .union([z.string(), z.array(z.string())])
    .transform((v) =>
      (Array.isArray(v) ? v.join(',') : v)
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).max(max, `at most ${max} items`));
}

const endpoint = z
  .string()
  .trim()
  .min(1, 'an entity id or a search term')
  .max(maxEndpointLength, `at most ${maxEndpointLength} characters`);

export const PathsQuery = z
  .object({
    from: endpoint,
    to: endpoint,
    mode: z.enum(PATH_MODES, { message: `one of ${PATH_MODES.join(', ')}` }).default('shortest'),
    k: z.coerce.number().int('a whole number').min(1).max(maxK, `from 1 to ${maxK}`).default(defaultK),
    maxHops: z.coerce
      .number()
      .int('a whole number')
      .min(1, `from 1 to ${MAX_HOPS}`)
      .max(MAX_HOPS, `from 1 to ${MAX_HOPS} (the hard ceiling)`)
      .default(defaultHops),
    types: commaList(z.enum(REL_TYPES, { message: `each type one of ${REL_TYPES.join(', ')}` }), REL_TYPES.length)
      .pipe(z.array(z.enum(REL_TYPES)).min(1, 'at least one relationship type'))
      .default(DEFAULT_PATH_TYPES),
    direction: z.enum(DIRECTIONS, { message: `one of ${DIRECTIONS.join(', ')}` }).default('any'),
    asOf: isoDate.optional(),
    avoid: commaList(z.string().max(200).regex(ID_PATTERN, 'ids of letters, digits and . _ : - only'), 100).default([]),
    avoidKinds: commaList(z.enum(ACTOR_KINDS, { message: `each kind one of ${ACTOR_KINDS.join(', ')}` }), ACTOR_KINDS.length).default([]),
    limit: z.coerce.number().int('a whole number').min(1).max(maxPaths, `from 1 to ${maxPaths}`).default(defaultPaths),
    /** Shortest by total weight (a tie's `weight` is its length; paths/weighted.ts). */
    weight: z.enum(['weight'], { message: "'weight' (the relationships' weight property)" }).optional(),
  })
  .refine((q) => q.from.toLowerCase() !== q.to.toLowerCase(), { path: ['to'], message: 'must differ from query.from' })
  .refine((q) => q.weight === undefined || q.mode === 'shortest', { path: ['weight'], message: 'only with mode=shortest' });

export type PathsOptions = z.infer<typeof PathsQuery>;
