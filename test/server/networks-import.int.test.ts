// Researchers' own networks (issue 15): files networkx writes in the test itself, imported
// through the mapping step, with the dry run, saved mappings and problems located by element.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { createApp } from '../../server/src/app.js';
import type { Database } from '../../server/src/db/database.js';
import { openTestApp } from '../support/app.js';
import { networkx } from './networks/networkx.js';

let db: Database;
let app: ReturnType<typeof createApp>;
let dir: string;

beforeAll(async () => {
  ({ db, app } = await openTestApp({ seeded: true }));
  dir = await mkdtemp(path.join(os.tmpdir(), 'atlas-networks-'));
  networkx('write', dir);
});

afterAll(async () => {
  await db?.close();
  await rm(dir, { recursive: true, force: true });
});

const body = (file: string) => readFile(path.join(dir, file));

const post = async (route: string, query: string, file: string, clearance = 'RED') =>
  request(app)
    .post(`/api/${route}?${query}`)
    .set('Content-Type', 'application/octet-stream')
    .set('X-Atlas-Clearance', clearance)
    .send(await body(file));

const count = async (cypher: string, params: Record<string, unknown> = {}) => Number((await db.read(cypher, params)).records[0]?.get(0));

describe('a plain network in, through the mapping step', () => {
  it('takes a GraphML file networkx wrote, as it is, with one kind and one type for the whole file', async () => {
    const res = await post('import', 'format=graphml&file=wdir.graphml', 'wdir.graphml');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.nodes.created).toBe(4);
    expect(res.body.relationships.created).toBe(5);
    const zoe = (await db.read("MATCH (a:Actor {id: 'wdir:Zo.C3.AB'}) RETURN a {.*} AS a")).records[0]?.get('a');
    expect(zoe).toMatchObject({ name: 'Zoë', fileId: 'Zoë', network: 'wdir', kind: 'civil-society', level: 'local', sensitivity: 'CLEAR' });
    expect(zoe.description).toContain('wdir.graphml');
    expect(JSON.parse(zoe.attributes)).toEqual({ group: 1, score: 0.5 });
    const tie = (
      await db.read("MATCH (:Actor {fileId: 'a/b'})-[r:DIALOGUE_WITH]->(:Actor {fileId: 'c d'}) RETURN r {.*} AS r")
    ).records[0]?.get('r');
    expect(tie).toMatchObject({ weight: 2.5, directed: true, network: 'wdir' });
    const run = (await db.read('MATCH (i:ImportRun {id: $id}) RETURN i {.network, .directed} AS i', { id: res.body.importId })).records[0];
    expect(run?.get('i')).toEqual({ network: 'wdir', directed: true });
  });

  it('reads GEXF (networkx write_gexf) with spaces in ids, undirected, and stores each tie once', async () => {
    const res = await post('import', 'format=gexf&file=davis.gexf&kind=think-tank', 'davis.gexf');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.nodes.created).toBe(32);
    expect(res.body.relationships.created).toBe(89);
    expect(await count("MATCH (a:Actor {network: 'davis', kind: 'think-tank'}) RETURN count(a)")).toBe(32);
    expect(await count("MATCH (a:Actor {network: 'davis'})-[r]->() WHERE r.directed = false RETURN count(r)")).toBe(89);
    const evelyn = (await db.read("MATCH (a:Actor {fileId: 'Evelyn Jefferson'}) RETURN a.id AS id")).records[0]?.get('id');
    expect(evelyn).toBe('davis:Evelyn.20Jefferson');
    const run = (await db.read('MATCH (i:ImportRun {id: $id}) RETURN i.directed AS d', { id: res.body.importId })).records[0];
    expect(run?.get('d')).toBe(false);
  });

  it('reads an edge-list CSV as an undirected network whose nodes are the ends named', async () => {
    const res = await request(app)
      .post('/api/import?format=edgelist&file=karate.csv')
      .set('Content-Type', 'text/csv')
      .send(await body('karate.csv'));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.nodes.created).toBe(34);
    expect(res.body.relationships.created).toBe(78);
  });

  it('reads a nodes+edges CSV pair, merging a tie repeated in either order', async () => {
    const res = await request(app)
      .post('/api/import?format=csv&network=pair')
      .attach('nodes', Buffer.from('Id,Label,size\nn1,First one,3\nn2,Second,\nn3,Third,1\n'), 'nodes.csv')
      .attach('edges', Buffer.from('Source,Target,Type,Weight\nn1,n2,Undirected,2\nn2,n1,Undirected,2\nn2,n3,Directed,0.5\n'), 'edges.csv');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.relationships.created).toBe(2);
    expect(await count("MATCH (:Actor {id: 'pair:n2'})-[r {directed: true}]->(:Actor {id: 'pair:n3'}) RETURN r.weight")).toBe(0.5);
    expect(await count("MATCH (a:Actor {id: 'pair:n1'}) RETURN a.name = 'First one'")).toBe(1);
  });

  it('answers a dry run with counts, samples and problems, and writes nothing', async () => {
    const before = await count('MATCH (n) RETURN count(n)');
    const res = await post('import/dry-run', 'format=graphml&file=lesmis.graphml&type=SUPPORTS', 'lesmis.graphml');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ valid: true, nodes: { Actor: 77 }, relationships: { SUPPORTS: 254 }, problems: [] });
    expect(res.body.mapping).toMatchObject({ network: 'lesmis', kind: 'civil-society', type: 'SUPPORTS' });
    expect(res.body.network).toMatchObject({ undirectedTies: 254, directedTies: 0, mergedTies: 0 });
    expect(res.body.samples.nodes[0]).toMatchObject({ kind: 'node', label: 'Actor' });
    expect(await count('MATCH (n) RETURN count(n)')).toBe(before);
  });

  it('names the element and the attribute of each problem, and writes nothing', async () => {
    const before = await count('MATCH (n) RETURN count(n)');
    const res = await post(
      'import/dry-run',
      'format=gexf&file=wdir.gexf&network=bad&kindAttribute=label&weightAttribute=label',
      'wdir.gexf',
    );
    expect(res.body.valid).toBe(false);
    const fields = res.body.problems.map((p: { field: string }) => p.field);
    expect(fields).toContain('wdir.gexf:12:node(Zoë).label');
    expect(fields.some((f: string) => /^wdir\.gexf:\d+:edge\(Zoë->a\/b\)\.label$/.test(f))).toBe(true);
    const rejected = await post('import', 'format=gexf&file=wdir.gexf&network=bad&kindAttribute=label', 'wdir.gexf');
    expect(rejected.status).toBe(400);
    expect(await count('MATCH (n) RETURN count(n)')).toBe(before);
  });

  it('refuses a bad mapping field with the field, why and what is allowed', async () => {
    const res = await post('import/dry-run', 'format=gexf&kind=person&type=LOVES&directed=maybe', 'wdir.gexf');
    expect(res.status).toBe(400);
    const fields = Object.fromEntries(res.body.errors.map((e: { field: string; message: string }) => [e.field, e.message]));
    expect(fields['query.kind']).toContain('civil-society');
    expect(fields['query.type']).toContain('DIALOGUE_WITH');
    expect(Object.keys(fields)).toContain('query.directed');
  });

  it('saves a mapping per user and re-uses it by name; the query overrides it', async () => {
    const saved = await request(app)
      .put('/api/import/mappings/davis-events')
      .send({ mapping: { kind: 'donor', type: 'SUPPORTS', network: 'davis2' }, shared: false });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const list = await request(app).get('/api/import/mappings').expect(200);
    expect(list.body.mappings).toContainEqual(expect.objectContaining({ name: 'davis-events', mine: true, shared: false }));
    const res = await post('import/dry-run', 'format=gexf&mapping=davis-events&type=FUNDS', 'davis.gexf');
    expect(res.body.mapping).toMatchObject({ kind: 'donor', type: 'FUNDS', network: 'davis2' });
    const missing = await post('import/dry-run', 'format=gexf&mapping=nope', 'davis.gexf');
    expect(missing.status).toBe(404);
  });
});
