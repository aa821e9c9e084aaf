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

export interface NamedRef {
  id: string;
  name: string;
  label: string;
  kind?: string | null;
}

export interface UnquotedFact {
  id: string;
  type: string;
  sourceIds: string[];
  from: NamedRef;
  to: NamedRef;
}

/** One kind of missing knowledge: how many elements of the scope, how many of them unknown, the first few. */
export interface Unknowns<T> {
  inScope: number;
  unknown: number;
  examples: T[];
}

export interface CompletenessReport {
  region: string | null;
  threat: string | null;
  asOf: string;
  /** Initiatives with no funding fact: their funding is unknown, not absent. */
  initiativesWithoutFunding: Unknowns<NamedRef>;
  /** Actors with no region of their own and no members: where they are is unknown. */
  actorsWithoutPresence: Unknowns<NamedRef>;
  /** Relationships with no quote: sourced, but not traceable to a sentence. */
  factsWithoutQuote: Unknowns<UnquotedFact>;
}
