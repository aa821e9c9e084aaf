import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/src/db/database.js';
import { openTestApp } from '../support/app.js';
import { countGraph } from '../support/neo4j.js';

let db: Database;
let app: Express;

beforeAll(async () => {
  ({ db, app } = await openTestApp({ seeded: true }));
});
afterAll(() => db?.close());

function expectProblem(res: request.Response, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, title: expect.any(String) });
}

const fields = (res: request.Response) => (res.body.errors as { field: string }[]).map((e) => e.field).sort();

const actor = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  name: `Name of ${id}`,
  kind: 'civil-society',
  level: 'local',
  description: 'A test actor.',
  sourceIds: ['src-note-2019'],
  quotes: ['a quote'],
  ...extra,
});

describe('nodes: create, read, update, delete', () => {
  it('creates an actor at version 1 with an audit entry, reads it back, and lists it in the graph', async () => {
    const created = await request(app)
      .post('/api/entities/Actor')
      .send(actor('actor-test-one', { aliases: ['T1'] }))
      .expect(201);
    expect(created.body).toMatchObject({
      label: 'Actor',
      id: 'actor-test-one',
      version: 1,
      properties: { name: 'Name of actor-test-one', sensitivity: 'CLEAR' },
    });
    expect(created.headers.etag).toBe('"1"');
    expect(created.headers.location).toBe('/api/entities/Actor/actor-test-one');
    const read = await request(app).get('/api/entities/Actor/actor-test-one').expect(200);
    expect(read.body.properties).toEqual(created.body.properties);
    const history = await request(app).get('/api/entities/Actor/actor-test-one/history').expect(200);
    expect(history.body.entries).toHaveLength(1);
    expect(history.body.entries[0]).toMatchObject({
      action: 'create',
      by: 'local',
      version: 1,
      before: null,
      after: { name: 'Name of actor-test-one' },
    });
    const search = await request(app).get('/api/actors/search?q=T1').expect(200);
    expect(search.body.results.map((r: { id: string }) => r.id)).toContain('actor-test-one');
  });

  it('creates a node of every other label', async () => {
    const bodies: Record<string, Record<string, unknown>> = {
      Mandate: { id: 'mandate-test', name: 'M', legalBasis: 'Charter', functions: ['mediation'], description: 'd' },
      Agreement: { id: 'agreement-test', name: 'A', kind: 'mou', description: 'd', signed: '2020-01-02' },
      Initiative: { id: 'init-test', name: 'I', kind: 'programme', description: 'd' },
      Threat: { id: 'threat-test', name: 'T', description: 'd' },
      Region: { id: 'region-test', name: 'R', kind: 'subregion' },
      Source: { id: 'src-test', name: 'S', title: 'S', kind: 'report', date: '2021-05-06' },
    };
    for (const [label, body] of Object.entries(bodies)) {
      const res = await request(app).post(`/api/entities/${label}`).send(body);
      expect(res.status, `${label}: ${JSON.stringify(res.body)}`).toBe(201);
    }
    const agreement = await request(app).get('/api/entities/Agreement/agreement-test').expect(200);
    expect(agreement.body.properties.signed).toBe('2020-01-02');
    const stored = await db.read("MATCH (a:Agreement {id: 'agreement-test'}) RETURN a.signed < date('2021-01-01') AS isDate");
    expect(stored.records[0]?.get('isDate')).toBe(true);
  });

  it('400s list every bad field of a create', async () => {
    const res = await request(app)
      .post('/api/entities/Actor')
      .send({
        id: 'bad id',
        name: '',
        kind: 'alien',
        level: 'local',
        description: 'x',
        sourceIds: ['s'],
        quotes: [],
        sensitivity: 'PURPLE',
        colour: 'red',
      });
    expectProblem(res, 400);
    expect(fields(res)).toEqual(expect.arrayContaining(['body.colour', 'body.id', 'body.kind', 'body.name', 'body.sensitivity']));
  });

  it('400s an unknown label in the path, naming the allowed ones', async () => {
    const res = await request(app).post('/api/entities/Person').send(actor('actor-x'));
    expectProblem(res, 400);
    expect(res.body.errors[0]).toMatchObject({ field: 'path.label', message: expect.stringContaining('Actor') });
  });

  it('409s a second node with an existing id', async () => {
    expectProblem(await request(app).post('/api/entities/Actor').send(actor('actor-test-one')), 409);
  });

  it('404s an unknown id, and a node above the caller clearance', async () => {
    expectProblem(await request(app).get('/api/entities/Actor/actor-nobody'), 404);
    await request(app)
      .post('/api/entities/Actor')
      .send(actor('actor-test-red', { sensitivity: 'RED' }))
      .expect(201);
    expectProblem(await request(app).get('/api/entities/Actor/actor-test-red').set('X-Atlas-Clearance', 'GREEN'), 404);
    const patch = await request(app)
      .patch('/api/entities/Actor/actor-test-red')
      .set('X-Atlas-Clearance', 'GREEN')
      .send({ version: 1, properties: { name: 'x' } });
    expectProblem(patch, 404);
    expectProblem(await request(app).get('/api/entities/Actor/actor-test-red/history').set('X-Atlas-Clearance', 'GREEN'), 404);
  });

  it('updates with the current version, bumps it, records before and after, and removes a field with null', async () => {
    const res = await request(app)
      .patch('/api/entities/Actor/actor-test-one')
      .send({ version: 1, properties: { name: 'Renamed', aliases: null } })
      .expect(200);
    expect(res.body).toMatchObject({ version: 2, properties: { name: 'Renamed' } });
    expect(res.body.properties).not.toHaveProperty('aliases');
    const history = await request(app).get('/api/entities/Actor/actor-test-one/history').expect(200);
    expect(history.body.entries.map((e: { action: string; version: number }) => [e.action, e.version])).toEqual([
      ['create', 1],
      ['update', 2],
    ]);
    expect(history.body.entries[1].before).toMatchObject({ name: 'Name of actor-test-one', aliases: ['T1'] });
    expect(history.body.entries[1].after).toMatchObject({ name: 'Renamed' });
  });

  it('takes the version from If-Match too, and 400s a PATCH without any version', async () => {
    await request(app)
      .patch('/api/entities/Actor/actor-test-one')
      .set('If-Match', '"2"')
      .send({ properties: { level: 'national' } })
      .expect(200);
    const missing = await request(app)
      .patch('/api/entities/Actor/actor-test-one')
      .send({ properties: { level: 'local' } });
    expectProblem(missing, 400);
    expect(fields(missing)).toEqual(['body.version']);
  });

  it('409s a stale version with the current state, and changes nothing', async () => {
    const res = await request(app)
      .patch('/api/entities/Actor/actor-test-one')
      .send({ version: 1, properties: { name: 'Lost' } });
    expectProblem(res, 409);
    expect(res.body.current).toMatchObject({ id: 'actor-test-one', version: 3, properties: { name: 'Renamed', level: 'national' } });
    const read = await request(app).get('/api/entities/Actor/actor-test-one').expect(200);
    expect(read.body.properties.name).toBe('Renamed');
  });

  it('400s a patch that leaves an invalid entity, listing every bad field', async () => {
    const res = await request(app)
      .patch('/api/entities/Actor/actor-test-one')
      .send({ version: 3, properties: { name: null, kind: 'alien', quotes: ['a', 'b'], validFrom: '2020-02-30' } });
    expectProblem(res, 400);
    expect(fields(res)).toEqual(['body.properties.kind', 'body.properties.name', 'body.properties.validFrom']);
    const mismatch = await request(app)
      .patch('/api/entities/Actor/actor-test-one')
      .send({ version: 3, properties: { quotes: ['a', 'b'] } });
    expect(fields(mismatch)).toEqual(['body.properties.quotes']);
  });

  it("400s a patch that would change the node's id, and changes nothing", async () => {
    const before = (await request(app).get('/api/entities/Actor/actor-test-one').expect(200)).body;
    const res = await request(app)
      .patch('/api/entities/Actor/actor-test-one')
      .send({ version: before.version, properties: { id: 'actor-test-renamed' } });
    expectProblem(res, 400);
    expect(fields(res)).toEqual(['body.properties.id']);
    expect((await request(app).get('/api/entities/Actor/actor-test-one').expect(200)).body).toEqual(before);
    await request(app).get('/api/entities/Actor/actor-test-renamed').expect(404);
  });

  it('lets exactly one of N parallel edits of the same version win; the others get 409', async () => {
    const before = (await request(app).get('/api/entities/Actor/actor-test-one')).body.version as number;
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        request(app)
          .patch('/api/entities/Actor/actor-test-one')
          .send({ version: before, properties: { description: `writer ${i}` } }),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409, 409, 409, 409, 409, 409, 409]);
    const winner = results.find((r) => r.status === 200)?.body;
    const read = await request(app).get('/api/entities/Actor/actor-test-one').expect(200);
    expect(read.body).toMatchObject({ version: before + 1, properties: { description: winner.properties.description } });
    const history = await request(app).get('/api/entities/Actor/actor-test-one/history').expect(200);
    expect(history.body.entries.filter((e: { version: number }) => e.version === before + 1)).toHaveLength(1);
  });

  it('deletes with the current version (404 afterwards) and keeps the history', async () => {
    await request(app).post('/api/entities/Actor').send(actor('actor-test-gone')).expect(201);
    expectProblem(await request(app).delete('/api/entities/Actor/actor-test-gone').send({ version: 2 }), 409);
    await request(app).delete('/api/entities/Actor/actor-test-gone').set('If-Match', '1').expect(204);
    expectProblem(await request(app).get('/api/entities/Actor/actor-test-gone'), 404);
    const history = await request(app).get('/api/entities/Actor/actor-test-gone/history').expect(200);
    expect(history.body.entries.map((e: { action: string }) => e.action)).toEqual(['create', 'delete']);
    expectProblem(await request(app).delete('/api/entities/Actor/actor-test-gone').send({ version: 1 }), 404);
  });
});

describe('relationships: create, read, update, delete', () => {
  let relId: string;

  it('creates a relationship between existing nodes with the seed id scheme', async () => {
    const res = await request(app)
      .post('/api/relationships')
      .send({ type: 'PARTICIPATES_IN', from: 'actor-test-one', to: 'init-test', properties: { role: 'funder', validFrom: '2020-01-01' } })
      .expect(201);
    relId = res.body.id;
    expect(res.body).toMatchObject({
      id: 'actor-test-one|PARTICIPATES_IN:funder|init-test',
      version: 1,
      from: 'actor-test-one',
      to: 'init-test',
    });
    const read = await request(app)
      .get(`/api/relationships/${encodeURIComponent(relId)}`)
      .expect(200);
    expect(read.body.properties).toMatchObject({ role: 'funder', validFrom: '2020-01-01', sensitivity: 'CLEAR' });
  });

  it('400s endpoints the type does not allow, and a missing role; 404s unknown ends', async () => {
    const wrong = await request(app)
      .post('/api/relationships')
      .send({ type: 'COVERS', from: 'actor-test-one', to: 'threat-test', properties: {} });
    expectProblem(wrong, 400);
    expect(wrong.body.errors[0]).toMatchObject({ field: 'body.type', message: expect.stringContaining('Mandate') });
    const noRole = await request(app).post('/api/relationships').send({ type: 'PARTICIPATES_IN', from: 'actor-test-one', to: 'init-test' });
    expect(fields(noRole)).toEqual(['body.properties.role']);
    const badType = await request(app).post('/api/relationships').send({ type: 'LIKES', from: 'a', to: 'b' });
    expect(fields(badType)).toEqual(['body.type']);
    const missing = await request(app).post('/api/relationships').send({ type: 'SUPPORTS', from: 'actor-test-one', to: 'actor-nobody' });
    expectProblem(missing, 404);
    expect(fields(missing)).toEqual(['body.to']);
    const hidden = await request(app)
      .post('/api/relationships')
      .set('X-Atlas-Clearance', 'GREEN')
      .send({ type: 'SUPPORTS', from: 'actor-test-one', to: 'actor-test-red' });
    expectProblem(hidden, 404);
  });

  it('updates with the version, 409s a stale one, and deletes', async () => {
    const url = `/api/relationships/${encodeURIComponent(relId)}`;
    const updated = await request(app)
      .patch(url)
      .send({ version: 1, properties: { role: 'lead', confidence: 0.5 } })
      .expect(200);
    expect(updated.body).toMatchObject({ version: 2, properties: { role: 'lead', confidence: 0.5 } });
    const stale = await request(app)
      .patch(url)
      .send({ version: 1, properties: { confidence: 0.9 } });
    expectProblem(stale, 409);
    expect(stale.body.current).toMatchObject({ version: 2 });
    const invalidRole = await request(app)
      .patch(url)
      .send({ version: 2, properties: { role: 'boss' } });
    expect(fields(invalidRole)).toEqual(['body.properties.role']);
    await request(app).delete(url).send({ version: 2 }).expect(204);
    expectProblem(await request(app).get(url), 404);
    const history = await request(app).get(`${url}/history`).expect(200);
    expect(history.body.entries.map((e: { action: string }) => e.action)).toEqual(['create', 'update', 'delete']);
  });

  it('deleting a node audits the relationships it removes; one with a hidden relationship is kept, lifted out of sight', async () => {
    await request(app)
      .post('/api/relationships')
      .send({ type: 'SUPPORTS', id: 'rel-test-red', from: 'actor-test-one', to: 'init-test', properties: { sensitivity: 'RED' } })
      .expect(201);
    await request(app)
      .post('/api/relationships')
      .send({ type: 'TARGETS', id: 'rel-test-targets', from: 'init-test', to: 'threat-test' })
      .expect(201);
    // AMBER cannot see the RED tie: the answer is a plain delete, and the node stays (at RED) for the tie.
    await request(app).delete('/api/entities/Initiative/init-test').set('X-Atlas-Clearance', 'AMBER').send({ version: 1 }).expect(204);
    await request(app).get('/api/entities/Initiative/init-test').set('X-Atlas-Clearance', 'AMBER').expect(404);
    const kept = await request(app).get('/api/entities/Initiative/init-test').expect(200);
    expect(kept.body).toMatchObject({ version: 2, properties: { sensitivity: 'RED' } });
    await request(app).delete('/api/entities/Initiative/init-test').send({ version: 2 }).expect(204);
    const history = await request(app).get('/api/relationships/rel-test-targets/history').expect(200);
    expect(history.body.entries.map((e: { action: string }) => e.action)).toEqual(['create', 'delete']);
  });
});

describe('audit', () => {
  it('lists changes by author and time, newest first, without entities the caller may not see', async () => {
    const all = await request(app).get('/api/audit?actor=local&limit=500').expect(200);
    const ids = all.body.entries.map((e: { entityId: string }) => e.entityId);
    expect(ids).toContain('actor-test-red');
    const times = all.body.entries.map((e: { at: string }) => Date.parse(e.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const green = await request(app).get('/api/audit?limit=500').set('X-Atlas-Clearance', 'GREEN').expect(200);
    const greenIds = green.body.entries.map((e: { entityId: string }) => e.entityId);
    expect(greenIds).not.toContain('actor-test-red');
    expect(greenIds).not.toContain('rel-test-red');
    expect(greenIds).toContain('actor-test-one');
    const nobody = await request(app).get('/api/audit?actor=someone-else').expect(200);
    expect(nobody.body.entries).toEqual([]);
    const future = await request(app).get('/api/audit?since=2999-01-01T00:00:00Z').expect(200);
    expect(future.body.entries).toEqual([]);
    expectProblem(await request(app).get('/api/audit?since=yesterday'), 400);
  });

  it('hides the whole history of an entity that became RED from a GREEN caller, and redacts a RED before-state', async () => {
    await request(app)
      .post('/api/entities/Actor')
      .send(actor('actor-test-secret', { sensitivity: 'RED', description: 'secret words' }))
      .expect(201);
    await request(app)
      .patch('/api/entities/Actor/actor-test-secret')
      .send({ version: 1, properties: { sensitivity: 'GREEN', description: 'public words' } })
      .expect(200);
    const green = await request(app).get('/api/entities/Actor/actor-test-secret/history').set('X-Atlas-Clearance', 'GREEN').expect(200);
    expect(green.body.entries.map((e: { action: string }) => e.action)).toEqual(['create', 'update']);
    expect(green.body.entries[1]).toMatchObject({ before: null, redacted: ['before'], after: { description: 'public words' } });
    expect(JSON.stringify(green.body)).not.toContain('secret words');

    await request(app)
      .patch('/api/entities/Actor/actor-test-one')
      .send({ version: (await request(app).get('/api/entities/Actor/actor-test-one')).body.version, properties: { sensitivity: 'RED' } })
      .expect(200);
    expectProblem(await request(app).get('/api/entities/Actor/actor-test-one/history').set('X-Atlas-Clearance', 'GREEN'), 404);
    const list = await request(app).get('/api/audit?limit=1000').set('X-Atlas-Clearance', 'GREEN').expect(200);
    expect(list.body.entries.map((e: { entityId: string }) => e.entityId)).not.toContain('actor-test-one');
  });

  it('audit entries never appear in graph answers', async () => {
    const graph = await request(app).get('/api/graph?limit=20000').expect(200);
    expect(graph.body.nodes.some((n: { label: string }) => n.label === 'AuditEntry')).toBe(false);
  });
});

describe('Cypher injection through every string field', () => {
  const attacks = [
    "x' }) DETACH DELETE n //",
    '"}) MATCH (n) DETACH DELETE n //',
    '`) MATCH (n) DETACH DELETE n //',
    "\\' OR 1=1 //",
    '$allowed',
    '{sensitivity: "CLEAR"}',
  ];

  it('stores hostile strings literally and changes nothing else', async () => {
    const before = await graphCounts();
    for (const [i, text] of attacks.entries()) {
      const id = `actor-inject-${i}`;
      const body = actor(id, { name: text, description: text, acronym: text, aliases: [text], quotes: [text] });
      const res = await request(app).post('/api/entities/Actor').send(body).expect(201);
      expect(res.body.properties).toMatchObject({ name: text, description: text, acronym: text, aliases: [text], quotes: [text] });
      await request(app)
        .patch(`/api/entities/Actor/${id}`)
        .send({ version: 1, properties: { name: `${text}!`, level: 'global' } })
        .expect(200);
      const rel = await request(app)
        .post('/api/relationships')
        .send({
          type: 'DIALOGUE_WITH',
          id: `rel-inject-${i}`,
          from: id,
          to: 'actor-wanep',
          properties: { frequency: text, quotes: [text], sourceIds: [text] },
        })
        .expect(201);
      expect(rel.body.properties).toMatchObject({ frequency: text, quotes: [text], sourceIds: [text] });
      const lookup = await request(app).get(`/api/entities/Actor/${encodeURIComponent(text)}`);
      expect([400, 404]).toContain(lookup.status);
      const audit = await request(app)
        .get(`/api/audit?actor=${encodeURIComponent(text)}`)
        .expect(200);
      expect(audit.body.entries).toEqual([]);
    }
    const after = await graphCounts();
    expect(after).toEqual({ nodes: before.nodes + attacks.length, relationships: before.relationships + attacks.length });
    const stored = await db.read("MATCH (n:Actor) WHERE n.id STARTS WITH 'actor-inject-' RETURN n.description AS d ORDER BY n.id");
    expect(stored.records.map((r) => r.get('d'))).toEqual(attacks);
    const wanep = await request(app).get('/api/entities/Actor/actor-wanep').expect(200);
    expect(wanep.body.version).toBe(1);
  });
});

/** Nodes and relationships of the graph itself, without the audit trail. */
async function graphCounts(): Promise<{ nodes: number; relationships: number }> {
  const all = await countGraph(db);
  const audits = (await db.read('MATCH (e:AuditEntry) RETURN count(e) AS n')).records[0]?.get('n') as number;
  return { nodes: all.nodes - audits, relationships: all.relationships };
}
