import type { Database } from '../../db/database.js';
import { defineQueries } from '../../db/queries.js';
import { toNeo4jDate } from '../../db/values.js';
import type { Caller } from '../../http/caller.js';
import { canonicalRows, ROW_KEYS, type RowKey } from '../positioning/rows.js';
import type { GapRows } from './model.js';

const q = defineQueries('gaps', ['affects', 'regionalOrganizations', 'initiatives']);

/** The AFFECTS facts, the regional organizations with their civil-society data providers, and the initiatives with their funders. */
export async function loadGapRows(db: Database, caller: Caller, asOf: string, timeoutMs?: number): Promise<GapRows> {
  const params = { allowed: caller.allowed, asOf: toNeo4jDate(asOf) };
  return db.readTransaction(async (tx) => {
    const read = async <T>(query: string, key: RowKey<T>) => canonicalRows<T>((await tx.run(query, params)).records, key);
    return {
      affects: await read(q.affects, ROW_KEYS.affects),
      organizations: await read(q.regionalOrganizations, ROW_KEYS.organizations),
      initiatives: await read(q.initiatives, ROW_KEYS.initiatives),
    };
  }, timeoutMs);
}
