import { Neo4jError } from 'neo4j-driver';
import type { Database } from '../../db/database.js';
import { defineQueries } from '../../db/queries.js';

const q = defineQueries('health', ['gdsVersion', 'apocVersion', 'ping']);

export interface Neo4jStatus {
  reachable: boolean;
  version: string | null;
  edition: string | null;
  apoc: string | null;
  gds: string | null;
}

/** The version of an optional library, or null when the server does not have it. */
async function pluginVersion(db: Database, query: string): Promise<string | null> {
  try {
    const result = await db.read<{ version: string }>(query);
    return result.records[0]?.get('version') ?? null;
  } catch (error) {
    if (error instanceof Neo4jError && /ProcedureNotFound|UnknownFunction|SyntaxError/.test(error.code)) return null;
    throw error;
  }
}

export async function probeNeo4j(db: Database): Promise<Neo4jStatus> {
  try {
    const { version, edition } = await db.verify();
    const [apoc, gds] = await Promise.all([pluginVersion(db, q.apocVersion), pluginVersion(db, q.gdsVersion)]);
    return { reachable: true, version, edition, apoc, gds };
  } catch {
    return { reachable: false, version: null, edition: null, apoc: null, gds: null };
  }
}

/** Whether Neo4j answers a query now. */
export async function isReachable(db: Database): Promise<boolean> {
  try {
    await db.read(q.ping);
    return true;
  } catch {
    return false;
  }
}
