import neo4j from 'neo4j-driver';
import type { Database } from '../../db/database.js';
import { defineQueries } from '../../db/queries.js';
import type { Caller } from '../../http/caller.js';
import { scopeParameters } from '../centrality/slice.js';
import type { CompletenessReport, Unknowns } from './schema.js';

const q = defineQueries('completeness', ['initiativesWithoutFunding', 'actorsWithoutPresence', 'factsWithoutQuote']);

/**
 * What the graph does not know about a scope, computed only from what the caller may see (the
 * scope is the same region/threat scope as a centrality slice), in one read transaction.
 */
export async function completenessReport(
  db: Database,
  caller: Caller,
  query: { region?: string | undefined; threat?: string | undefined; asOf: string; limit: number },
): Promise<CompletenessReport> {
  return db.readTransaction(async (tx) => {
    const params = { ...(await scopeParameters(tx, caller, query)), limit: neo4j.int(query.limit) };
    const unknowns = async <T>(cypher: string): Promise<Unknowns<T>> => {
      const row = (await tx.run(cypher, params)).records[0];
      return {
        inScope: Number(row?.get('inScope') ?? 0),
        unknown: Number(row?.get('unknown') ?? 0),
        examples: (row?.get('examples') ?? []) as T[],
      };
    };
    return {
      region: query.region ?? null,
      threat: query.threat ?? null,
      asOf: query.asOf,
      initiativesWithoutFunding: await unknowns(q.initiativesWithoutFunding),
      actorsWithoutPresence: await unknowns(q.actorsWithoutPresence),
      factsWithoutQuote: await unknowns(q.factsWithoutQuote),
    };
  });
}
