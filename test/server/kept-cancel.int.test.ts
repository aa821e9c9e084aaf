// Background work for a graph version that a newer write replaced is stopped (kept.ts run(), the
// database view's signal, db/database.ts withSignal): its worker threads terminated, its Neo4j
// transactions ended on the server (SHOW TRANSACTIONS no longer lists them), its GDS projection
// dropped (gds.graph.list()), and its background slot taken by the newer version's work at once.
// Nothing of it is kept; a request that was waiting for it answers a clean 503 "computing", and
// asked again, the answer a direct computation gives. The stopped work is made slow on purpose (a
// Cypher statement that would run for minutes, exact betweenness of a large ring on worker
// threads), so it is still running when the write lands, however loaded the machine is.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../server/src/app.js';
import type { Database } from '../../server/src/db/database.js';
import { readGraphVersion } from '../../server/src/db/graphVersion.js';
import { undirectedAdjacency } from '../../server/src/features/centrality/adjacency.js';
import { withProjection } from '../../server/src/features/centrality/gds.js';
import { KeptAnalyses, keptAnswer } from '../../server/src/features/centrality/kept.js';
import type { SliceGraph } from '../../server/src/features/centrality/model.js';
import { CentralityQuery, CommunitiesQuery } from '../../server/src/features/centrality/schema.js';
import { computeCentrality } from '../../server/src/features/centrality/service.js';
import { busyWorkers, MAX_BUSY_WORKERS, runAllPairs } from '../../server/src/features/centrality/workers.js';
import { allowedLevels, type Caller } from '../../server/src/http/caller.js';
import { liveWorkers } from '../../server/src/workers/bundle.js';
import { freshSeededDatabase, testDatabase } from '../support/neo4j.js';

let db: Database;
const opened: KeptAnalyses[] = [];

beforeAll(async () => {
  db = testDatabase();
  await freshSeededDatabase(db);
}, 180_000);

afterAll(async () => {
  for (const analyses of opened) analyses.close();
  await db?.close();
});

const RED = { clearance: 'RED', allowed: allowedLevels('RED'), userId: 't', role: 'admin' } as Caller;

/** A statement that runs for minutes (twenty billion rows counted), tagged so SHOW TRANSACTIONS finds it. */
const MARK = 'kept-cancel-probe';
const SLOW = `UNWIND range(1, 20000000000) AS x WITH x WHERE x < 0 RETURN '${MARK}' AS mark, count(x) AS n`;

/** Transactions running the slow statement, as the server lists them. */
async function slowTransactions(): Promise<number> {
  const result = await db.read<{ n: number }>(
    'SHOW TRANSACTIONS YIELD currentQuery WHERE currentQuery CONTAINS $mark RETURN count(*) AS n',
    { mark: MARK },
  );
  return result.records[0]?.get('n') ?? 0;
}

/** The centrality projections in the GDS catalog. */
async function projections(): Promise<string[]> {
  const result = await db.read<{ names: string[] }>(
    "CALL gds.graph.list() YIELD graphName WHERE graphName STARTS WITH 'atlas-centrality-' RETURN collect(graphName) AS names",
  );
  return result.records[0]?.get('names') ?? [];
}

/** A ring of 40,000 nodes, each tied to its two nearest on either side: exact betweenness is minutes of worker time. */
function ring(n: number): SliceGraph {
  const nodes = Array.from({ length: n }, (_, i) => ({ id: `r${i}`, name: `r${i}`, label: 'Actor', kind: null }));
  const edges = nodes.flatMap((_, i) =>
    [1, 2].map((step) => ({ source: `r${i}`, target: `r${(i + step) % n}`, type: 'SUPPORTS', id: `e${i}-${step}` })),
  );
  return { nodes, edges };
}

/**
 * Work that holds everything a background computation can hold until it is stopped: a Neo4j read,
 * two worker threads, a GDS projection with a statement running on it. It never finishes by
 * itself within a test.
 */
async function slowWork(on: Database): Promise<never> {
  const adjacency = undirectedAdjacency(ring(40_000));
  const slice = CommunitiesQuery.parse({});
  await Promise.all([
    on.read(SLOW),
    runAllPairs(adjacency, 'betweenness', null, { workers: 2, signal: on.signal }),
    withProjection(on, RED, slice, { undirected: true, selfLoops: false }, (tx) => tx.run(SLOW)),
  ]);
  throw new Error('the slow work finished: it was meant to be stopped first');
}

/** Until the slow work is under way everywhere: its two statements on the server, its workers, its projection. */
async function untilSlowWorkRuns(projectionsBefore: Set<string>): Promise<string[]> {
  let made: string[] = [];
  await vi.waitFor(
    async () => {
      expect(await slowTransactions()).toBe(2);
      // Two workers, or as many as this process runs at once on a machine with fewer cores.
      expect(liveWorkers()).toBe(Math.min(2, MAX_BUSY_WORKERS));
      made = (await projections()).filter((name) => !projectionsBefore.has(name));
      expect(made).toHaveLength(1);
    },
    { timeout: 120_000, interval: 50 },
  );
  return made;
}

/** Until nothing of the stopped work is left: no statement, no worker thread, no projection, no session. */
async function untilNothingLeft(made: string[]): Promise<void> {
  await vi.waitFor(
    async () => {
      expect(await slowTransactions()).toBe(0);
      expect(liveWorkers()).toBe(0);
      expect(busyWorkers()).toBe(0);
      const left = await projections();
      for (const name of made) expect(left).not.toContain(name);
      expect(db.inFlight).toBe(0);
    },
    { timeout: 60_000, interval: 50 },
  );
}

/** A new CLEAR actor, written through another app (another API process). */
async function writeActor(name: string): Promise<void> {
  await request(createApp({ db, clearance: 'RED' }))
    .post('/api/entities/Actor')
    .send({ name, kind: 'civil-society', level: 'local', description: 'd', sensitivity: 'CLEAR' })
    .expect(201);
}

const betweenness = CentralityQuery.parse({ measure: 'betweenness', top: 50 });
/** The Brokers panel's betweenness as the router keys and computes it (features/centrality/router.ts). */
const betweennessQuestion = [
  JSON.stringify({ kind: 'centrality', ...betweenness }),
  async (on: Database) => keptAnswer(await computeCentrality(on, RED, betweenness)),
] as const;

const withoutDuration = (value: unknown) => {
  const plain = JSON.parse(JSON.stringify(value));
  delete plain.durationMs;
  return plain;
};

describe('background work of a replaced graph version', () => {
  it('a view whose signal aborts ends its statement on the server, and starts none after', async () => {
    for (const run of [(on: Database) => on.read(SLOW), (on: Database) => on.readTransaction((tx) => tx.run(SLOW))]) {
      const stop = new AbortController();
      const reason = new Error('stopped by the test');
      const running = run(db.withSignal(stop.signal));
      await vi.waitFor(async () => expect(await slowTransactions()).toBe(1), { timeout: 60_000, interval: 50 });
      stop.abort(reason);
      await expect(running).rejects.toBe(reason);
      await vi.waitFor(async () => expect(await slowTransactions()).toBe(0), { timeout: 60_000, interval: 50 });
      expect(db.inFlight).toBe(0);
      await expect(db.withSignal(stop.signal).read('RETURN 1')).rejects.toBe(reason);
    }
  }, 180_000);

  it('a write stops it: workers, statements and projection gone, its slot recomputes the recent question at once, which answers as computed directly', async () => {
    const analyses = new KeptAnalyses(db, { rewarm: true, pollMs: 20, maxBackground: 1, waitMs: 0, backgroundMs: 300_000 });
    opened.push(analyses);
    // A recent question: after a write it is computed again for the new version, through the only slot.
    await analyses.warm(RED, ...betweennessQuestion);
    expect(analyses.size).toBe(1);
    const projectionsBefore = new Set(await projections());
    let slowVersion = '';
    const slow = [
      JSON.stringify({ kind: 'slow' }),
      async (on: Database) => {
        slowVersion = await readGraphVersion(on);
        return slowWork(on);
      },
    ] as const;
    // Past its wait (0) the request answers 503 while the work holds the only background slot.
    await expect(analyses.answer(RED, ...slow)).rejects.toMatchObject({ status: 503, code: 'computing' });
    const made = await untilSlowWorkRuns(projectionsBefore);
    const computations = analyses.computations;

    await writeActor('Cancelled broker probe');
    // The poll sees the write; the recent question is computed again through the slot the slow work
    // held (it would otherwise wait for minutes), and kept for the new version.
    await vi.waitFor(() => expect(analyses.computations).toBe(computations + 1), { timeout: 60_000, interval: 20 });
    await analyses.rewarming;
    const current = await readGraphVersion(db);
    expect(current).not.toBe(slowVersion);
    expect(analyses.size).toBe(1);
    analyses.close();
    await untilNothingLeft(made);

    // The kept answer (waitMs 0: served only if kept) is the one computed directly now.
    const kept = await analyses.answer(RED, ...betweennessQuestion);
    expect(withoutDuration(JSON.parse(kept.body.toString()))).toEqual(withoutDuration(await computeCentrality(db, RED, betweenness)));
    expect(analyses.computations).toBe(computations + 1);
  }, 300_000);

  it('a request waiting for the stopped work answers 503 computing, then the answer computed directly', async () => {
    const analyses = new KeptAnalyses(db, { rewarm: true, pollMs: 20, maxBackground: 1, waitMs: 120_000, backgroundMs: 300_000 });
    opened.push(analyses);
    const app = createApp({ db, clearance: 'RED', analyses });
    const projectionsBefore = new Set(await projections());
    // The Brokers panel's betweenness, under the router's own key, computed slowly for this version.
    const first = analyses.answer(RED, betweennessQuestion[0], slowWork);
    first.catch(() => undefined);
    const made = await untilSlowWorkRuns(projectionsBefore);
    // A request for it waits for that computation (within its 120 s): told once it is waiting.
    const waiting = vi.spyOn(analyses as unknown as { waitFor: (...args: unknown[]) => Promise<unknown> }, 'waitFor');
    const asked = request(app).get('/api/centrality').query({ measure: 'betweenness', top: '50' }).set('X-Atlas-Clearance', 'RED');
    const response = asked.then((res) => res);
    await vi.waitFor(() => expect(waiting).toHaveBeenCalled(), { timeout: 60_000, interval: 20 });

    await writeActor('Waited-for broker probe');
    const res = await response;
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ status: 503, type: expect.stringMatching(/\/computing$/) });
    expect(res.headers['retry-after']).toBe('5');
    await expect(first).rejects.toMatchObject({ status: 503, code: 'computing' });
    analyses.close(); // its poll's reads would count as sessions in use
    await untilNothingLeft(made);

    // Asked again: computed for the new version, the answer a direct computation gives.
    const again = await request(app).get('/api/centrality').query({ measure: 'betweenness', top: '50' }).set('X-Atlas-Clearance', 'RED');
    expect(again.status).toBe(200);
    expect(withoutDuration(again.body)).toEqual(withoutDuration(await computeCentrality(db, RED, betweenness)));
  }, 300_000);
});
