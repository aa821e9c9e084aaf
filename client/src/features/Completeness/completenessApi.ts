import type { CompletenessReport } from '@atlas/seed/src/contract';
import { query } from '../../api/atlas';
import { getJson } from '../../api/http';

/** The answer of GET /api/completeness, one definition with the server's (seed/src/contract.ts). */
export type { CompletenessReport as CompletenessResponse, Unknowns } from '@atlas/seed/src/contract';

export function fetchCompleteness(
  params: { threat?: string | null; region?: string | null; asOf?: string | null; limit?: number },
  signal?: AbortSignal,
): Promise<CompletenessReport> {
  return getJson(`/completeness${query(params)}`, signal);
}
