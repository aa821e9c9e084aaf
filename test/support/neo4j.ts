import { readSeed } from '@atlas/seed';
import type { Express } from 'express';
import { createApp } from '../../server/src/app.js';
import { Database } from '../../server/src/db/database.js';
import { applySchema } from '../../server/src/db/schema.js';
import { loadSeedGraph } from '../../server/src/db/seedLoader.js';

/** The Neo4j that test/run.ts started for this run; tests never touch the user's database. */
export function testDatabase(): Database {
  const uri = process.env.ATLAS_TEST_NEO4J_URI;
  if (!uri) throw new Error('ATLAS_TEST_NEO4J_URI is not set: run the tests with `npm test`, which starts a Neo4j for them.');
  return new Database({ uri, queryTimeoutMs: 30_000 });
}

export async function resetGraph(db: Database): Promise<void> {
  await db.write('MATCH (n) DETACH DELETE n');
}

export async function countGraph(db: Database): Promise<{ nodes: number; relationships: number }> {
  const result = await db.read<{ nodes: number; relationships: number }>(
    // The graph-version node (server/src/db/graphVersion.ts) is bookkeeping, not part of the graph.
    'CALL () { MATCH (n) WHERE NOT n:GraphVersion RETURN count(n) AS nodes } CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships } RETURN nodes, relationships',
  );
  const row = result.records[0];
  return { nodes: row?.get('nodes') ?? 0, relationships: row?.get('relationships') ?? 0 };
}

/** An empty graph with the schema applied and the seed graph loaded. */
export async function freshSeededDatabase(db: Database): Promise<void> {
  await resetGraph(db);
  await applySchema(db);
  await loadSeedGraph(db, await readSeed());
}

/**
 * Two API processes over one freshly seeded Neo4j, each app with its own driver: what one writes,
 * the other's caches must see (graph version, kept answers). Close both databases after.
 */
export async function twoAppsOverOneNeo4j(): Promise<{ readerDb: Database; writerDb: Database; reader: Express; writer: Express }> {
  const readerDb = testDatabase();
  const writerDb = testDatabase();
  await freshSeededDatabase(readerDb);
  return {
    readerDb,
    writerDb,
    reader: createApp({ db: readerDb, clearance: 'RED' }),
    writer: createApp({ db: writerDb, clearance: 'RED' }),
  };
}

/**
 * Waits until some transaction waits for a lock: in a statement ('Blocked by: ...'), or at its
 * commit ('Closing': Neo4j takes a created relationship's end locks when it commits). For tests
 * that force an order between two writes (transfer-invisible, import-text-holds).
 */
export async function waitingForLock(db: Database): Promise<void> {
  let seen = 0;
  for (let i = 0; i < 300; i++) {
    const r = await db.read("SHOW TRANSACTIONS YIELD status WHERE status STARTS WITH 'Blocked' OR status = 'Closing' RETURN count(*) AS n");
    // Twice in a row, 100 ms apart: not a commit merely passing through 'Closing'.
    seen = Number(r.records[0]?.get('n')) > 0 ? seen + 1 : 0;
    if (seen === 2) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('no transaction ever waited for the lock');
}
