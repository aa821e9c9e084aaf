// GET /api/graph's answers kept per graph version, clearance and query (features/graph/router.ts,
// KeptAnalyses): the kept body is byte for byte what a process without it computes, one clearance's
// answer never serves another, a write through another process is seen at once, and after a write
// the recent questions (the opening graph warmed at start-up among them) are computed again
// without a request. Two apps over one Neo4j stand for two API processes.
import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../server/src/app.js';
import type { Database } from '../../server/src/db/database.js';
import type { KeptAnalyses } from '../../server/src/features/centrality/kept.js';
import { computePositions, LayoutCache } from '../../server/src/features/graph/layout.js';
import { keptGraphs, warmOpeningGraph } from '../../server/src/features/graph/router.js';
import { allowedLevels, type Caller } from '../../server/src/http/caller.js';
import { freshSeededDatabase, testDatabase } from '../support/neo4j.js';

let db: Database;
let graphs: KeptAnalyses;
let layouts: LayoutCache;
let app: Express;
/** Another process: its own caches, so its first answer at a version is computed fresh. */
let other: Express;

beforeAll(async () => {
  db = testDatabase();
  await freshSeededDatabase(db);
  graphs = keptGraphs(db, { rewarm: true, pollMs: 20 });
  layouts = new LayoutCache(8, computePositions);
  app = createApp({ db, clearance: 'RED', layouts, graphs });
}, 180_000);

afterAll(async () => {
  graphs?.close();
  await db?.close();
});

const fresh = () => createApp({ db, clearance: 'RED', layouts: new LayoutCache(8, computePositions) });
const opening = (through: Express, clearance: string) =>
  request(through).get('/api/graph').query({ limit: 5000 }).set('X-Atlas-Clearance', clearance).expect(200);
const callerAt = (clearance: 'RED' | 'CLEAR') => ({ clearance, allowed: allowedLevels(clearance), userId: 't', role: 'viewer' }) as Caller;

describe('the kept answers of GET /api/graph', () => {
  it('are byte for byte a fresh answer, with its ETag, one per clearance', async () => {
    other = fresh();
    const before = graphs.computations;
    const texts: Record<string, string> = {};
    for (const clearance of ['RED', 'CLEAR']) {
      const first = await opening(app, clearance);
      const kept = await opening(app, clearance);
      const computed = await opening(other, clearance);
      expect(kept.text).toBe(first.text);
      expect(kept.text).toBe(computed.text);
      expect(kept.headers.etag).toBe(computed.headers.etag);
      expect(kept.headers['content-type']).toBe(computed.headers['content-type']);
      await request(app)
        .get('/api/graph')
        .query({ limit: 5000 })
        .set('X-Atlas-Clearance', clearance)
        .set('If-None-Match', String(kept.headers.etag))
        .expect(304);
      texts[clearance] = kept.text;
    }
    expect(graphs.computations).toBe(before + 2);
    // The seed holds facts above CLEAR: the RED answer differs, and the CLEAR one shows none of them.
    expect(texts.RED).not.toBe(texts.CLEAR);
    const clear = JSON.parse(texts.CLEAR as string) as { nodes: Array<{ sensitivity: string }>; edges: Array<{ sensitivity: string }> };
    for (const item of [...clear.nodes, ...clear.edges]) expect(item.sensitivity).toBe('CLEAR');
    // Another query is another answer.
    const small = await request(app).get('/api/graph').query({ limit: 10 }).expect(200);
    expect(small.body.nodes).toHaveLength(10);
  });

  it('see a write through another process at once, and compute the opening graph again after it without a request', async () => {
    // Warmed as start-up does (and remembered as asked).
    await warmOpeningGraph(graphs, layouts, callerAt('RED'));
    await warmOpeningGraph(graphs, layouts, callerAt('CLEAR'));
    await graphs.rewarming;
    const writer = fresh();
    const before = graphs.computations;
    const actor = await request(writer)
      .post('/api/entities/Actor')
      .send({ name: 'Kept graph probe', kind: 'civil-society', level: 'local', description: 'd', sensitivity: 'CLEAR' })
      .expect(201);
    // Nothing asks this app: its poll sees the new version and computes its recent questions again
    // (the two opening graphs and the ten-node one).
    await vi.waitFor(() => expect(graphs.computations).toBe(before + 3), { timeout: 60_000, interval: 20 });
    await graphs.rewarming;
    for (const clearance of ['RED', 'CLEAR']) {
      const kept = await opening(app, clearance);
      expect(kept.body.nodes.map((n: { id: string }) => n.id)).toContain(actor.body.id);
      expect(kept.text).toBe((await opening(fresh(), clearance)).text);
    }
    expect(graphs.computations).toBe(before + 3);

    // A write seen by a request before the poll: the answer is of the new version, never the kept one.
    const slow = keptGraphs(db, { rewarm: true, pollMs: 3_600_000 });
    try {
      const watched = createApp({ db, clearance: 'RED', layouts, graphs: slow });
      const kept = await opening(watched, 'RED');
      await request(writer)
        .patch(`/api/entities/Actor/${actor.body.id}`)
        .send({ version: actor.body.version, properties: { name: 'Kept graph probe, renamed' } })
        .expect(200);
      const after = await opening(watched, 'RED');
      expect(after.text).not.toBe(kept.text);
      expect(after.text).toContain('Kept graph probe, renamed');
      expect(after.text).toBe((await opening(fresh(), 'RED')).text);
    } finally {
      slow.close();
    }
  }, 120_000);
});
