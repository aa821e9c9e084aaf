import { ACTOR_KINDS, CENTRALITY_ENGINES, CENTRALITY_MEASURES, NODE_LABELS, REL_TYPES } from '@atlas/seed';
import { z } from 'zod';
import { csvOf, isoDate } from '../../http/validate.js';

export const MEASURES = CENTRALITY_MEASURES;
export type Measure = (typeof MEASURES)[number];

export const ENGINES = CENTRALITY_ENGINES;
export type EngineChoice = (typeof ENGINES)[number];
export type Engine = Exclude<EngineChoice, 'auto'>;

/** Source nodes hold provenance, not stakeholders: they are never part of a centrality graph. */
export const SLICE_LABELS = NODE_LABELS.filter((l) => l !== 'Source');

const entityId = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'an id such as region-west-africa');

/** The part of the graph a computation runs on; shared by every centrality endpoint. */
export const SliceQuery = z.object({
  types: csvOf(REL_TYPES, 'relationship type').default([...REL_TYPES]),
  labels: csvOf(SLICE_LABELS as unknown as [string, ...string[]], 'node label').default([...SLICE_LABELS]),
  kinds: csvOf(ACTOR_KINDS, 'actor kind').optional(),
  region: entityId.optional(),
  threat: entityId.optional(),
  asOf: isoDate.optional(),
  engine: z.enum(ENGINES, { message: `one of ${ENGINES.join(', ')}` }).default('auto'),
});
export type Slice = Omit<z.infer<typeof SliceQuery>, 'engine'>;

export const CentralityQuery = SliceQuery.extend({
  measure: z.enum(MEASURES, { message: `one of ${MEASURES.join(', ')}` }),
  top: z.coerce.number().int().min(1).max(10_000).default(50),
  samples: z.coerce.number().int().min(1).max(1_000_000).optional(),
});
export type CentralityParams = z.infer<typeof CentralityQuery>;

export const COMMUNITY_ALGORITHMS = ['louvain'] as const;
export const CommunitiesQuery = SliceQuery.extend({
  algorithm: z.enum(COMMUNITY_ALGORITHMS, { message: `one of ${COMMUNITY_ALGORITHMS.join(', ')}` }).default('louvain'),
});
export type CommunitiesParams = z.infer<typeof CommunitiesQuery>;

export const StructureQuery = SliceQuery.omit({ engine: true });
export type StructureParams = z.infer<typeof StructureQuery>;
