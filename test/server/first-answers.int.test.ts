// The first answers computed at start-up (server/src/firstAnswers.ts): readiness says what is
// still being computed, and once they are made the planner's default questions and the default
// PageRank are served from what was kept, not computed by the first visitor.
import { GAP_KINDS, GAP_LIMITS } from '@atlas/seed';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/src/app.js';
import type { Database } from '../../server/src/db/database.js';
import { cachedProjectionCount, dropCachedProjections } from '../../server/src/features/centrality/gds.js';
import { KeptAnalyses } from '../../server/src/features/centrality/kept.js';
import { chooseEngine } from '../../server/src/features/centrality/service.js';
import { computePositions, LayoutCache, layoutKey } from '../../server/src/features/graph/layout.js';
import { findVisibleGraph } from '../../server/src/features/graph/repository.js';
import { keptGraphs } from '../../server/src/features/graph/router.js';
import { GraphQuery } from '../../server/src/features/graph/schema.js';
import { PlannerCache } from '../../server/src/features/planner/cache.js';
import { computeFirstAnswers } from '../../server/src/firstAnswers.js';
import { allowedLevels, type Caller } from '../../server/src/http/caller.js';
import { today } from '../../server/src/http/validate.js';
import { freshSeededDatabase, testDatabase } from '../support/neo4j.js';

let db: Database;
const planners: PlannerCache[] = [];
const log: string[] = [];

beforeAll(async () => {
  db = testDatabase();
  await freshSeededDatabase(db);
}, 180_000);

afterAll(async () => {
  for (const p of planners) p.close();
  await dropCachedProjections(db);
  await db?.close();
});

const newPlanner = () => {
  const planner = new PlannerCache(db, { warm: true });
  planners.push(planner);
  return planner;
};

describe('the first answers, computed before "ready"', () => {
  it('readiness names what is being computed; afterwards gaps, grids and PageRank are kept', async () => {
    await dropCachedProjections(db);
    const planner = newPlanner();
    const gds = (await chooseEngine(db, 'auto')) === 'gds';
    const running = computeFirstAnswers({
      db,
      planner,
      clearances: ['RED', 'GREEN', 'RED'],
      asOf: today(),
      waitMs: 120_000,
      log: (line) => log.push(line),
    });
    // While it runs, readiness says what is being computed.
    let finished = false;
    void running.then(() => (finished = true));
    const seen = new Set<string>();
    while (!finished) {
      for (const reason of db.lifecycle.notReadyBecause()) seen.add(reason);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect([...seen].some((reason) => /^computing the first answers \(0 of \d done: gap counts and coverage grids/.test(reason))).toBe(
      true,
    );
    const first = await running;
    expect(first.pending).toEqual([]);
    expect(first.tasks).toEqual(['gap counts and coverage grids', ...(gds ? ['PageRank at RED', 'PageRank at GREEN'] : [])]);
    expect(log).toEqual([]);
    expect(db.lifecycle.notReadyBecause()).toEqual([]);
    // Two clearances: the whole-graph gap counts and the sub-region and country grids of each.
    expect(planner.sizes).toMatchObject({ counts: 2, grids: 4 });
    if (gds) expect(cachedProjectionCount(db)).toBe(2);

    // The first visitor's questions are answered from what was kept: nothing new is computed.
    const app = createApp({ db, clearance: 'RED', planner });
    const before = planner.sizes;
    await request(app).get('/api/gaps').query({ limit: 20 }).expect(200);
    await request(app).get('/api/coverage').query({ level: 'country' }).set('X-Atlas-Clearance', 'GREEN').expect(200);
    expect(planner.sizes.counts).toBe(before.counts);
    expect(planner.sizes.grids).toBe(before.grids);
    if (gds) {
      await request(app).get('/api/centrality').query({ measure: 'pagerank', engine: 'gds', top: 5 }).expect(200);
      expect(cachedProjectionCount(db)).toBe(2);
    }
  }, 180_000);

  it("lays out the opening graph and answers the Brokers panel's questions ahead; the first visitor's are served from them", async () => {
    let laidOut = 0;
    const layouts = new LayoutCache(8, (graph) => {
      laidOut++;
      return computePositions(graph);
    });
    const analyses = new KeptAnalyses(db);
    const graphs = keptGraphs(db);
    const first = await computeFirstAnswers({
      db,
      layouts,
      graphs,
      analyses,
      clearances: ['RED', 'GREEN'],
      asOf: today(),
      waitMs: 120_000,
      log: (line) => log.push(line),
    });
    expect(first.pending).toEqual([]);
    expect(first.tasks).toEqual(
      expect.arrayContaining(['the opening graph at RED', 'the Brokers panel at RED', 'the Brokers panel at GREEN']),
    );
    // One layout per opening graph the two clearances see (the same graph is laid out once).
    const opening = async (clearance: 'RED' | 'GREEN') =>
      layoutKey(
        await findVisibleGraph(
          db,
          { clearance, allowed: allowedLevels(clearance), userId: 't', role: 'viewer' } as Caller,
          GraphQuery.parse({}),
        ),
      );
    const versions = new Set([await opening('RED'), await opening('GREEN')]).size;
    expect(laidOut).toBe(versions);
    // Betweenness, communities and cut points at each clearance.
    expect(analyses.computations).toBe(6);
    expect(analyses.size).toBe(6);

    // The requests the client makes first (useGraph, BrokersPanel) compute nothing new.
    // The opening graph read once per clearance, kept whole.
    expect(graphs.computations).toBe(2);
    expect(graphs.size).toBe(2);
    const app = createApp({ db, clearance: 'RED', layouts, graphs, analyses });
    for (const clearance of ['RED', 'GREEN']) {
      const graph = await request(app).get('/api/graph').query({ limit: 5000 }).set('X-Atlas-Clearance', clearance).expect(200);
      expect(Object.keys(graph.body.positions)).toHaveLength(graph.body.nodes.length);
      await request(app).get('/api/centrality').query({ measure: 'betweenness', top: 50 }).set('X-Atlas-Clearance', clearance).expect(200);
      await request(app).get('/api/centrality/communities').query({ algorithm: 'louvain' }).set('X-Atlas-Clearance', clearance).expect(200);
      await request(app).get('/api/centrality/structure').set('X-Atlas-Clearance', clearance).expect(200);
    }
    expect(laidOut).toBe(versions);
    expect(graphs.computations).toBe(2);
    expect(analyses.computations).toBe(6);
    // Another question is computed as before.
    await request(app).get('/api/centrality').query({ measure: 'degree', top: 5 }).expect(200);
    expect(analyses.computations).toBe(7);
  }, 180_000);

  it('past its wait, start-up says ready and names what still runs; the work is not cancelled', async () => {
    await dropCachedProjections(db);
    const planner = newPlanner();
    const first = await computeFirstAnswers({
      db,
      planner,
      clearances: ['AMBER'],
      asOf: today(),
      waitMs: 0,
      log: (line) => log.push(line),
    });
    expect(first.pending).toEqual(first.tasks);
    expect(first.pending.length).toBeGreaterThan(0);
    expect(db.lifecycle.notReadyBecause()).toEqual([]);
    await first.settled;
    expect(planner.sizes).toMatchObject({ counts: 1, grids: 2 });
    const counts = planner.sizes.counts;
    await planner.gapCounts({ clearance: 'AMBER', allowed: allowedLevels('AMBER'), userId: 't', role: 'viewer' } as Caller, {
      kinds: [...GAP_KINDS],
      asOf: today(),
      hops: GAP_LIMITS.defaultHops,
    });
    expect(planner.sizes.counts).toBe(counts);
  }, 180_000);
});
