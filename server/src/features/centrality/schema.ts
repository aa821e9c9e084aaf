import { ACTOR_KINDS, CENTRALITY_ENGINES, CENTRALITY_MEASURES, NODE_LABELS, REL_TYPES } from '@atlas/seed';
import { z } from 'zod';
import { csvOf, entityId, isoDate } from '../../http/validate.js';
import { DEFAULT_PATH_TYPES } from '../paths/schema.js';
import { NETWORK_NAME } from '../transfer/network/mapping.js';

export const MEASURES = CENTRALITY_MEASURES;
export type Measure = (typeof MEASURES)[number];

export const ENGINES = CENTRALITY_ENGINES;
export type EngineChoice = (typeof ENGINES)[number];
export type Engine = Exclude<EngineChoice, 'auto'>;

/** Source nodes hold provenance, not stakeholders: they are never part of a centrality graph. */
export const SLICE_LABELS = NODE_LABELS.filter((l) => l !== 'Source');

/**
 * The default slice: organisations and their ties (actors, the agreements and initiatives that
 * join them, through the relationship types a path uses by default). Regions, threats and mandates
 * join everything through "World", "Africa" or "armed conflict", which then rank as the top
 * brokers; a caller who wants them asks with `labels` and `types`.
 */
export const DEFAULT_SLICE_LABELS = ['Actor', 'Agreement', 'Initiative'] as const satisfies readonly (typeof SLICE_LABELS)[number][];

/** The part of the graph a computation runs on; shared by every centrality endpoint. */
export const SliceQuery = z.object({
  types: csvOf(REL_TYPES, 'relationship type').default([...DEFAULT_PATH_TYPES]),
  labels: csvOf(SLICE_LABELS as unknown as [string, ...string[]], 'node label').default([...DEFAULT_SLICE_LABELS]),
  kinds: csvOf(ACTOR_KINDS, 'actor kind').optional(),
  region: entityId.optional(),
  threat: entityId.optional(),
  asOf: isoDate.optional(),
  /** One imported network (transfer/network): its nodes and the ties between them. */
  network: z.string().regex(NETWORK_NAME, 'the name of an imported network: letters, digits, _ and -').optional(),
  engine: z.enum(ENGINES, { message: `one of ${ENGINES.join(', ')}` }).default('auto'),
});
export type Slice = Omit<z.infer<typeof SliceQuery>, 'engine'>;

const WEIGHTED_MEASURES: readonly string[] = ['betweenness', 'closeness', 'harmonic', 'pagerank'];

export const CentralityQuery = SliceQuery.extend({
  measure: z.enum(MEASURES, { message: `one of ${MEASURES.join(', ')}` }),
  top: z.coerce.number().int().min(1).max(10_000).default(50),
  samples: z.coerce.number().int().min(1).max(1_000_000).optional(),
  /**
   * Weighted measures read the relationships' `weight` (absent: 1), as networkx does with
   * weight='weight': a length for betweenness, closeness and harmonic, a strength for PageRank
   * (NORMALIZATION says which for each measure). Degree and eigenvector stay unweighted.
   */
  weight: z.enum(['weight'], { message: "'weight' (the relationships' weight property)" }).optional(),
}).refine((q) => q.weight === undefined || WEIGHTED_MEASURES.includes(q.measure), {
  path: ['weight'],
  message: `only for ${WEIGHTED_MEASURES.join(', ')}`,
});
export type CentralityParams = z.infer<typeof CentralityQuery>;

export const COMMUNITY_ALGORITHMS = ['louvain'] as const;
export const CommunitiesQuery = SliceQuery.extend({
  algorithm: z.enum(COMMUNITY_ALGORITHMS, { message: `one of ${COMMUNITY_ALGORITHMS.join(', ')}` }).default('louvain'),
});
export type CommunitiesParams = z.infer<typeof CommunitiesQuery>;

export const StructureQuery = SliceQuery.omit({ engine: true });
export type StructureParams = z.infer<typeof StructureQuery>;
