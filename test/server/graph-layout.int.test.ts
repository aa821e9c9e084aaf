import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/src/db/database.js';
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
