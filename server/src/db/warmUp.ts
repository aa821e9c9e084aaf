import type { Database } from './database.js';
import { loadedQueries } from './queries.js';

/** Each EXPLAIN gets this long; a query the cold JVM cannot plan in time is planned by its first request. */
const PLAN_TIMEOUT_MS = 20_000;

/**
 * Plans every query file ahead of the first request (EXPLAIN compiles and caches a plan without
 * running anything), one at a time so the warm-up never competes much with real traffic. Files
 * with {{slots}} are shapes, not queries; their features warm the shapes requests use. Failures
 * are logged, never fatal: the query is then planned by its first request, as before.
 */
export async function warmQueryPlans(db: Database, log: (line: string) => void, extra: Array<() => Promise<void>> = []): Promise<void> {
  const queries = [...loadedQueries].filter(([, text]) => !text.includes('{{'));
  const total = queries.length + extra.length;
  const started = Date.now();
  let done = 0;
  db.lifecycle.warmUp = { state: 'warming', done, total };
  let failed = 0;
  for (const [name, text] of queries) {
    try {
      await db.runAutoCommit(`EXPLAIN ${text}`, {}, PLAN_TIMEOUT_MS);
    } catch (error) {
      failed += 1;
      log(`could not plan ${name} ahead: ${(error as Error).message.split('\n')[0]}`);
    }
    db.lifecycle.warmUp = { state: 'warming', done: ++done, total };
  }
  for (const warm of extra) {
    await warm().catch((error: unknown) => log(`warm-up step failed: ${(error as Error).message}`));
    db.lifecycle.warmUp = { state: 'warming', done: ++done, total };
  }
  db.lifecycle.warmUp = { state: 'done' };
  log(`query plans warmed: ${total - failed} of ${total} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
