import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/src/app.js';
import type { Database } from '../../server/src/db/database.js';
import { openTestApp } from '../support/app.js';

let db: Database;
let app: Express;

beforeAll(async () => {
  ({ db, app } = await openTestApp({ seeded: true }));
});
afterAll(() => db?.close());

function expectProblem(res: request.Response, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, title: expect.any(String), type: expect.stringContaining('/problems/') });
  expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts:\d+/);
}

describe('GET /api/health', () => {
  it('reports Neo4j reachable with its version and which optional libraries it has', async () => {
    const res = await request(app).get('/api/health').expect(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.neo4j).toMatchObject({ reachable: true, edition: 'community' });
    expect(res.body.neo4j.version).toMatch(/^5\.26\./);
    expect(res.body.neo4j).toHaveProperty('gds');
    expect(res.body.neo4j).toHaveProperty('apoc');
    expect(res.body.centralityEngine).toBe(res.body.neo4j.gds ? 'gds' : 'in-process');
  });
});

describe('GET /api/actors/search', () => {
  it('finds an actor by acronym, name and prefix', async () => {
    const byAcronym = await request(app).get('/api/actors/search').query({ q: 'WANEP' }).expect(200);
    expect(byAcronym.body.results[0]).toMatchObject({ id: 'actor-wanep', acronym: 'WANEP' });

    const byName = await request(app).get('/api/actors/search').query({ q: 'Peacebuilding Commission' }).expect(200);
    expect(byName.body.results.map((r: { id: string }) => r.id)).toContain('actor-pbc');

    const byPrefix = await request(app).get('/api/actors/search').query({ q: 'ECOW' }).expect(200);
    expect(byPrefix.body.results[0].id).toBe('actor-ecowas');
  });

  it('takes Lucene operators in the text literally instead of failing', async () => {
    for (const q of ['"(WANEP', 'AND', 'a:b', '\\', '*']) {
      const res = await request(app).get('/api/actors/search').query({ q });
      expect(res.status, `q=${q}`).toBe(200);
      expect(Array.isArray(res.body.results)).toBe(true);
    }
  });

  it('rejects a missing or oversized term with a problem naming the field', async () => {
    const missing = await request(app).get('/api/actors/search');
    expectProblem(missing, 400);
    expect(missing.body.errors).toEqual([expect.objectContaining({ field: 'query.q' })]);

    const bad = await request(app)
      .get('/api/actors/search')
      .query({ q: 'x'.repeat(201), limit: 500 });
    expectProblem(bad, 400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['query.limit', 'query.q']);
  });
});

describe('GET /api/actors/:id', () => {
  it('returns the actor with the sources and quotes its facts rest on, and its neighbourhood', async () => {
    const res = await request(app).get('/api/actors/actor-wanep').expect(200);
    expect(res.body.actor).toMatchObject({ id: 'actor-wanep', acronym: 'WANEP', kind: 'civil-society' });
    expect(res.body.actor.sources.length).toBeGreaterThan(0);
    expect(res.body.actor.sources[0]).toMatchObject({ id: 'src-note-2019', title: expect.any(String), quote: expect.any(String) });
    const { nodes, edges } = res.body.neighbourhood;
    expect(nodes.map((n: { id: string }) => n.id)).toContain('actor-ecowas');
    expect(edges).toContainEqual(expect.objectContaining({ type: 'PROVIDES_DATA_TO', source: 'actor-wanep', target: 'actor-ecowas' }));
    const ids = new Set(nodes.map((n: { id: string }) => n.id));
    for (const e of edges) expect(ids.has(e.source) && ids.has(e.target)).toBe(true);
  });

  it('answers an unknown id with a 404 problem and a malformed one with a 400', async () => {
    expectProblem(await request(app).get('/api/actors/actor-nobody'), 404);
    const bad = await request(app).get('/api/actors/bad id!');
    expectProblem(bad, 400);
    expect(bad.body.errors[0].field).toBe('path.id');
  });

  it('shows the network as of a date: ECOWAS members before and after the 2025 withdrawals', async () => {
    const memberIds = async (asOf: string) => {
      const res = await request(app).get('/api/actors/actor-ecowas').query({ asOf }).expect(200);
      return res.body.neighbourhood.edges
        .filter((e: { type: string; target: string }) => e.type === 'MEMBER_OF' && e.target === 'actor-ecowas')
        .map((e: { source: string }) => e.source);
    };
    expect(await memberIds('2024-06-01')).toContain('state-bf');
    expect(await memberIds('2025-06-01')).not.toContain('state-bf');
    expectProblem(await request(app).get('/api/actors/actor-ecowas').query({ asOf: '2024-13-45' }), 400);
  });
});

describe('GET /api/graph', () => {
  it('returns the drawable graph: nodes of every kind but sources, and edges only among them', async () => {
    const res = await request(app).get('/api/graph').expect(200);
    const labels = new Set(res.body.nodes.map((n: { label: string }) => n.label));
    for (const label of ['Actor', 'Mandate', 'Agreement', 'Initiative', 'Threat', 'Region']) expect(labels).toContain(label);
    expect(labels).not.toContain('Source');
    const ids = new Set(res.body.nodes.map((n: { id: string }) => n.id));
    expect(res.body.edges.length).toBeGreaterThan(0);
    for (const e of res.body.edges) expect(ids.has(e.source) && ids.has(e.target)).toBe(true);
    expect(res.body.truncated).toBe(false);
  });

  it('truncates at the limit and says so', async () => {
    const res = await request(app).get('/api/graph').query({ limit: 5 }).expect(200);
    expect(res.body.nodes).toHaveLength(5);
    expect(res.body.truncated).toBe(true);
  });

  it('rejects an unknown label, naming the allowed ones', async () => {
    const res = await request(app).get('/api/graph').query({ labels: 'Actor,Person' });
    expectProblem(res, 400);
    expect(res.body.errors[0].message).toMatch(/Actor, Mandate/);
  });

  it('answers an unknown endpoint with a 404 problem', async () => {
    expectProblem(await request(app).get('/api/nothing-here'), 404);
  });
});

describe('sensitivity', () => {
  beforeAll(async () => {
    await db.write(`
      MATCH (w:Actor {id: 'actor-wanep'})
      CREATE (x:Actor {id: 'actor-test-amber', name: 'Zephyr Amber Monitors', acronym: 'ZAM', aliases: [], aliasText: '',
                       kind: 'civil-society', level: 'local', sensitivity: 'AMBER', sourceIds: [], quotes: []})
      CREATE (x)-[:PROVIDES_DATA_TO {id: 'test-amber-feed', sensitivity: 'AMBER'}]->(w)
      CREATE (w)-[:SUPPORTS {id: 'test-red-support', sensitivity: 'RED'}]->(:Actor {id: 'actor-test-clear', name: 'Clear Partner', aliases: [], aliasText: '', kind: 'civil-society', level: 'local', sensitivity: 'CLEAR', sourceIds: [], quotes: []})`);
  });

  const asClearance = (path: string, clearance: string) => request(app).get(path).set('X-Atlas-Clearance', clearance);

  it('hides an AMBER actor from a GREEN caller in search, details, neighbourhoods and the graph', async () => {
    expect((await asClearance('/api/actors/search?q=Zephyr', 'AMBER').expect(200)).body.results).toHaveLength(1);
    expect((await asClearance('/api/actors/search?q=Zephyr', 'GREEN').expect(200)).body.results).toHaveLength(0);
    expectProblem(await asClearance('/api/actors/actor-test-amber', 'GREEN'), 404);

    const wanep = await asClearance('/api/actors/actor-wanep', 'GREEN').expect(200);
    expect(JSON.stringify(wanep.body)).not.toMatch(/actor-test-amber|test-amber-feed|test-red-support/);

    const graph = await asClearance('/api/graph', 'GREEN').expect(200);
    expect(JSON.stringify(graph.body)).not.toMatch(/actor-test-amber|test-amber-feed|test-red-support/);
    // The CLEAR node stays visible; only the RED relationship to it is hidden.
    expect(graph.body.nodes.map((n: { id: string }) => n.id)).toContain('actor-test-clear');
  });

  it('lets a request lower its clearance but never raise it above the server’s', async () => {
    const lowApp = createApp({ db, clearance: 'GREEN' });
    const res = await request(lowApp).get('/api/actors/search?q=Zephyr').set('X-Atlas-Clearance', 'RED').expect(200);
    expect(res.body.results).toHaveLength(0);
    const bad = await request(app).get('/api/graph').set('X-Atlas-Clearance', 'PURPLE');
    expectProblem(bad, 400);
    expect(bad.body.errors[0].field).toBe('header.x-atlas-clearance');
  });
});
