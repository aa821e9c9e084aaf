import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/src/app.js';
import type { Database } from '../../server/src/db/database.js';
import { LayoutCache } from '../../server/src/features/graph/layout.js';
import { positionsOffThread } from '../../server/src/features/graph/layoutOffThread.js';
import { openTestApp } from '../support/app.js';

let db: Database;
let app: Express;

beforeAll(async () => {
  ({ db, app } = await openTestApp({ seeded: true }));
});
afterAll(() => db?.close());

type Body = { nodes: Array<{ id: string }>; layoutVersion: string; positions: Record<string, { x: number; y: number }> };
const asClearance = (clearance: string) => request(app).get('/api/graph').set('X-Atlas-Clearance', clearance).expect(200);

describe('GET /api/graph positions', () => {
  it('sends a position for exactly the drawn nodes, the same ones again until the graph changes', async () => {
    const first = (await request(app).get('/api/graph').expect(200)).body as Body;
    expect(Object.keys(first.positions).sort()).toEqual(first.nodes.map((n) => n.id).sort());
    for (const { x, y } of Object.values(first.positions)) expect(Number.isFinite(x) && Number.isFinite(y)).toBe(true);
    const again = (await request(app).get('/api/graph').expect(200)).body as Body;
    expect(again.layoutVersion).toBe(first.layoutVersion);
    expect(again.positions).toEqual(first.positions);
  });

  it('lays the graph out again after a write adds a node', async () => {
    const before = (await request(app).get('/api/graph').expect(200)).body as Body;
    await db.write(`
      MATCH (w:Actor {id: 'actor-wanep'})
      CREATE (x:Actor {id: 'actor-test-layout', name: 'Layout Test Network', kind: 'civil-society', level: 'local',
                       aliases: [], aliasText: '', sensitivity: 'CLEAR', sourceIds: [], quotes: []})
      CREATE (x)-[:SUPPORTS {id: 'rel-test-layout', sensitivity: 'CLEAR', sourceIds: [], quotes: []}]->(w)`);
    const after = (await request(app).get('/api/graph').expect(200)).body as Body;
    expect(after.layoutVersion).not.toBe(before.layoutVersion);
    expect(after.positions['actor-test-layout']).toEqual({ x: expect.any(Number), y: expect.any(Number) });
  });

  it('lays out only what the caller may see: a lower clearance gets its own version without the hidden nodes', async () => {
    await db.write(`
      MATCH (w:Actor {id: 'actor-wanep'})
      CREATE (x:Actor {id: 'actor-test-layout-amber', name: 'Amber Layout Monitors', kind: 'civil-society', level: 'local',
                       aliases: [], aliasText: '', sensitivity: 'AMBER', sourceIds: [], quotes: []})
      CREATE (x)-[:PROVIDES_DATA_TO {id: 'rel-test-layout-amber', sensitivity: 'AMBER', sourceIds: [], quotes: []}]->(w)`);
    const red = (await asClearance('RED')).body as Body;
    const green = (await asClearance('GREEN')).body as Body;
    expect(red.positions).toHaveProperty('actor-test-layout-amber');
    expect(green.layoutVersion).not.toBe(red.layoutVersion);
    expect(Object.keys(green.positions).sort()).toEqual(green.nodes.map((n) => n.id).sort());
    expect(JSON.stringify(green)).not.toMatch(/test-layout-amber/);
  });
});

describe('GET /api/graph while a large layout is computed', () => {
  it('keeps answering other requests: the layout runs on a worker thread, not the event loop', async () => {
    // 3,000 more actors in a chain with shortcuts: a layout of seconds on this machine.
    await db.write(`
      UNWIND range(1, 3000) AS i
      CREATE (:Actor {id: 'actor-bulk-' + i, name: 'Bulk ' + i, kind: 'civil-society', level: 'local',
                      aliases: [], aliasText: '', sensitivity: 'CLEAR', sourceIds: [], quotes: []})`);
    await db.write(`
      UNWIND range(2, 3000) AS i
      MATCH (a:Actor {id: 'actor-bulk-' + i}), (b:Actor {id: 'actor-bulk-' + (CASE WHEN i % 7 = 0 THEN i / 7 ELSE i - 1 END)})
      CREATE (a)-[:SUPPORTS {id: 'rel-bulk-' + i, sensitivity: 'CLEAR', sourceIds: [], quotes: []}]->(b)`);
    const span = { started: 0, finished: 0 };
    const layouts = new LayoutCache(2, async (graph) => {
      span.started = Date.now();
      try {
        return await positionsOffThread(graph);
      } finally {
        span.finished = Date.now();
      }
    });
    const watched = createApp({ db, clearance: 'RED', layouts });
    let done = false;
    const drawing = request(watched)
      .get('/api/graph')
      .then((response) => {
        done = true;
        return response;
      });
    const answeredAt: number[] = [];
    while (!done) {
      await request(watched).get('/api/health/live').expect(200);
      answeredAt.push(Date.now());
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const response = await drawing;
    expect(response.status).toBe(200);
    const body = response.body as Body;
    expect(Object.keys(body.positions)).toHaveLength(body.nodes.length);
    expect(body.nodes.length).toBeGreaterThan(3000);
    // On the event loop the layout would run in one stretch with nothing answered in between.
    expect(span.finished).toBeGreaterThan(span.started);
    expect(answeredAt.filter((t) => t > span.started && t < span.finished).length).toBeGreaterThan(0);
  }, 120_000);
});
