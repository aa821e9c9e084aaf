import { query } from '../../api/atlas';
import { getJson } from '../../api/http';

/** The answer of GET /api/completeness (server/src/features/completeness/schema.ts). */
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

export interface Unknowns<T> {
  inScope: number;
  unknown: number;
  examples: T[];
}

export interface CompletenessResponse {
  region: string | null;
  threat: string | null;
  asOf: string;
  initiativesWithoutFunding: Unknowns<NamedRef>;
  actorsWithoutPresence: Unknowns<NamedRef>;
  factsWithoutQuote: Unknowns<UnquotedFact>;
}

export function fetchCompleteness(
  params: { threat?: string | null; region?: string | null; asOf?: string | null; limit?: number },
  signal?: AbortSignal,
): Promise<CompletenessResponse> {
  return getJson(`/completeness${query(params)}`, signal);
}
