import type { ManagedTransaction } from 'neo4j-driver';
import type { Database } from './database.js';
import { defineQueries } from './queries.js';

const q = defineQueries('version', ['bump', 'read']);

/**
 * The graph's version, as stored in Neo4j: a token that changes in the same transaction as every
 * write that may change the graph (entities, imports and their undo, seeding), made through any
 * API process. A cache of something derived from the graph (GDS projections) keys on it, so a
 * write through another process invalidates it too. One indexed read.
 */
export async function graphVersionIn(tx: Pick<ManagedTransaction, 'run'>): Promise<string> {
  const result = await tx.run(q.read);
  return (result.records[0]?.get('version') as string | undefined) ?? '';
}

/** graphVersionIn in a read transaction of its own. */
export function readGraphVersion(db: Database): Promise<string> {
  return db.readTransaction((tx) => graphVersionIn(tx));
}

/** Changes the version; Database runs it last in each graph write transaction. */
export async function bumpGraphVersion(tx: Pick<ManagedTransaction, 'run'>): Promise<void> {
  await tx.run(q.bump);
}
