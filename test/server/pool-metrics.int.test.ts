// GET /metrics reports the Neo4j connection pool (Database.poolUse): with a pool of 2 and three
// transactions held open, two connections are in use and one transaction waits; once they end,
// the two connections the pool opened are idle.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../server/src/db/database.js';
import { createMetrics } from '../../server/src/http/observability.js';

let db: Database;

beforeAll(() => {
  const uri = process.env.ATLAS_TEST_NEO4J_URI;
  if (!uri) throw new Error('ATLAS_TEST_NEO4J_URI is not set: run the tests with `npm test`.');
  db = new Database({ uri, queryTimeoutMs: 30_000, maxPoolSize: 2 });
});

afterAll(async () => {
  await db?.close();
});

async function poolFigures(): Promise<Record<string, number>> {
  const text = await createMetrics(db).registry.metrics();
  const figures: Record<string, number> = {};
  for (const [, name, value] of text.matchAll(/^atlas_neo4j_pool_(\w+) (\d+)$/gm)) figures[name as string] = Number(value);
  return figures;
}

let running = 0;

/** A read transaction that holds its connection until `release` resolves. */
function heldRead(release: Promise<void>): Promise<void> {
  return db.readTransaction(async (tx) => {
    await tx.run('RETURN 1');
    running += 1;
    await release;
  });
}

async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 20) {
    if (waited > 30_000) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('the Neo4j pool in /metrics', () => {
  it('counts connections in use, transactions waiting for one, and idle connections', async () => {
    expect(await poolFigures()).toEqual({ connections_in_use: 0, connections_idle: 0, acquisitions_waiting: 0, max_size: 2 });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const held = [heldRead(gate), heldRead(gate), heldRead(gate)];
    await until(() => running === 2);
    expect(await poolFigures()).toEqual({ connections_in_use: 2, connections_idle: 0, acquisitions_waiting: 1, max_size: 2 });
    // The third runs only once a connection is free.
    expect(running).toBe(2);
    release();
    await Promise.all(held);
    expect(running).toBe(3);
    expect(await poolFigures()).toEqual({ connections_in_use: 0, connections_idle: 2, acquisitions_waiting: 0, max_size: 2 });
  });
});
