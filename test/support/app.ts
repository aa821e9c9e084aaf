import type { Express } from 'express';
import { createApp } from '../../server/src/app.js';
import type { Database } from '../../server/src/db/database.js';
import { freshSeededDatabase, testDatabase } from './neo4j.js';

/** The test Neo4j (optionally reset to the seed graph) and the real app over it, trusted as a RED admin. */
export async function openTestApp({ seeded }: { seeded: boolean }): Promise<{ db: Database; app: Express }> {
  const db = testDatabase();
  if (seeded) await freshSeededDatabase(db);
  return { db, app: createApp({ db, clearance: 'RED' }) };
}
