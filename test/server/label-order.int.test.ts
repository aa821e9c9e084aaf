/**
 * A node's domain label must not depend on the order in which the database made its label
 * tokens. Neo4j lists `labels(n)` by token id, so a database where `:Entity` was used before the
 * domain labels (another application's data, an older Atlas, a restore) lists every domain node
 * as ['Entity', 'Actor']: a query that took `labels(n)[0]` then called every Actor "Entity", the
 * explorer lost its node types, exports wrote unreadable files and writes refused valid
 * relationships. This test makes such a database (its own Neo4j, `:Entity` made first) and checks
 * every answer that names a node's label against the seed.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type LocalNeo4j, startLocalNeo4j } from '@atlas/neo4j-local';
import { readSeed } from '@atlas/seed';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/src/app.js';
import { Database } from '../../server/src/db/database.js';
import { applySchema } from '../../server/src/db/schema.js';
import { loadSeedGraph } from '../../server/src/db/seedLoader.js';

let root: string;
let neo4j: LocalNeo4j;
let db: Database;
let app: ReturnType<typeof createApp>;
const seedLabel = new Map<string, string>();

/**
 * Every `{id, label}` pair in an answer, wherever it sits: nodes of the graph, of a neighbourhood,
 * of a path, centrality rows, instruments, completeness facts, exported nodes.
 */
function labelledIds(value: unknown, out: Array<{ id: string; label: string }> = []): Array<{ id: string; label: string }> {
  if (Array.isArray(value)) for (const item of value) labelledIds(item, out);
  else if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const id =
      record.id ??
      (record.props as Record<string, unknown> | undefined)?.id ??
      (record.properties as Record<string, unknown> | undefined)?.id;
    if (typeof id === 'string' && typeof record.label === 'string') out.push({ id, label: record.label });
    for (const inner of Object.values(record)) labelledIds(inner, out);
  }
  return out;
}

function expectSeedLabels(body: unknown, atLeast: number): void {
  const pairs = labelledIds(body).filter((pair) => seedLabel.has(pair.id));
  expect(pairs.length).toBeGreaterThanOrEqual(atLeast);
  const wrong = pairs.filter((pair) => pair.label !== seedLabel.get(pair.id));
  expect(wrong.slice(0, 5)).toEqual([]);
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'atlas-label-order-'));
  neo4j = await startLocalNeo4j({ boltPort: 0, dataDir: root, heap: '512m', pageCache: '64m', plugins: true, log: () => {} });
  db = new Database({ uri: neo4j.uri, queryTimeoutMs: 30_000 });
  // The token of :Entity first, then a stray label, before any domain label exists.
  await db.write('CREATE (x:Entity:Zzz {id: "token-order"}) DELETE x');
  await applySchema(db);
  const seed = await readSeed();
  for (const node of seed.nodes) seedLabel.set(node.id, node.label);
  await loadSeedGraph(db, seed);
  app = createApp({ db, clearance: 'RED' });
}, 300_000);

afterAll(async () => {
  await db?.close();
  await neo4j?.stop();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('domain labels on a database whose :Entity token came first', () => {
  it('the database lists :Entity before the domain label, so position alone would be wrong', async () => {
    const result = await db.read('MATCH (n:Actor {id: "actor-wanep"}) RETURN labels(n) AS labels');
    expect(result.records[0]?.get('labels')).toEqual(['Entity', 'Actor']);
  });

  it('the explorer graph, an actor neighbourhood and a path name each node by its domain label', async () => {
    const graph = await request(app).get('/api/graph').query({ limit: 20000 }).expect(200);
    expectSeedLabels(graph.body, seedLabel.size / 2);
    const filtered = await request(app).get('/api/graph').query({ labels: 'Actor', limit: 20000 }).expect(200);
    const actors = [...seedLabel.values()].filter((label) => label === 'Actor').length;
    expect(labelledIds(filtered.body).filter((pair) => seedLabel.has(pair.id)).length).toBeGreaterThanOrEqual(actors / 2);
    expectSeedLabels(filtered.body, actors / 2);
    const actor = await request(app).get('/api/actors/actor-wanep').expect(200);
    expectSeedLabels(actor.body, 3);
    const paths = await request(app).get('/api/paths').query({ from: 'actor-wanep', to: 'actor-au' }).expect(200);
    expectSeedLabels(paths.body, 2);
  });

  it('centrality rankings (in-process and GDS) and the completeness report carry domain labels', async () => {
    for (const engine of ['in-process', 'gds']) {
      const centrality = await request(app).get('/api/centrality').query({ engine, measure: 'pagerank', top: 100 });
      expect(centrality.status, JSON.stringify(centrality.body)).toBe(200);
      expectSeedLabels(centrality.body, 50);
    }
    const completeness = await request(app).get('/api/completeness').expect(200);
    expectSeedLabels(completeness.body, 1);
  });

  it('an export names every node by its domain label', async () => {
    const exported = await request(app).get('/api/export').query({ format: 'json' }).expect(200);
    const body = JSON.parse(exported.text) as { nodes: Array<{ label: string; properties?: { id: string }; id?: string }> };
    expectSeedLabels(body.nodes, seedLabel.size);
  });

  it('a write checks the endpoints of a relationship by their domain labels', async () => {
    const created = await request(app)
      .post('/api/relationships')
      .send({ type: 'PARTICIPATES_IN', from: 'actor-wanep', to: 'init-pda-deployment', properties: { role: 'supporter' } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const wrong = await request(app)
      .post('/api/relationships')
      .send({ type: 'PARTICIPATES_IN', from: 'actor-wanep', to: 'threat-armed-conflict', properties: { role: 'supporter' } });
    expect(wrong.status).toBe(400);
  });
});
