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
    const organizations = await read(q.regionalOrganizations, ROW_KEYS.organizations);
    const initiatives = await read(q.initiatives, ROW_KEYS.initiatives);
    // Lists inside a row come in the order Neo4j walks them, which changes with storage order
    // (two loads of the seed gave two orders of OAS's presence and of an initiative's
    // participants in early-warning and funding evidence): sorted, like the rows themselves.
    for (const o of organizations) sortBy(o.presence, (p) => p.regionId);
    for (const i of initiatives) sortBy(i.participants, (p) => `${p.actorId}|${p.role ?? ''}|${p.rel.id}`);
    return { affects: await read(q.affects, ROW_KEYS.affects), organizations, initiatives };
  }, timeoutMs);
}

function sortBy<T>(list: T[], key: (item: T) => string): void {
  list.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
}
