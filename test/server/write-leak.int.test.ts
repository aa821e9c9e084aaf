// Write-side leaks (issue 12): a GREEN caller cannot learn of, overwrite, re-label or delete
// what is above their clearance through any write, and the answer for a hidden thing is the
// answer for a missing one. Each case failed on the code before this test.
import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../server/src/app.js';
import type { Database } from '../../server/src/db/database.js';
import { applySchema } from '../../server/src/db/schema.js';
import { hashPassword } from '../../server/src/features/auth/passwords.js';
import { createUser } from '../../server/src/features/auth/repository.js';
import { resetGraph, testDatabase } from '../support/neo4j.js';

let db: Database;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  db = testDatabase();
  app = createApp({ db, clearance: 'RED' });
});

afterAll(async () => {
  await db?.close();
});

beforeEach(async () => {
  await resetGraph(db);
  await applySchema(db);
});

type Level = 'CLEAR' | 'GREEN' | 'AMBER' | 'RED';
/** What a browser adds to a request from the app's own page. */
const SAME_ORIGIN = { 'Sec-Fetch-Site': 'same-origin' };
const as = (level: Level) => ({ 'X-Atlas-Clearance': level });

const actorBody = (id: string | undefined, name: string, sensitivity: Level) => ({
  ...(id ? { id } : {}),
  name,
  kind: 'civil-society',
  level: 'regional',
  description: `${name}, a test actor`,
  sensitivity,
});

async function makeActor(id: string, name: string, sensitivity: Level) {
  await request(app)
    .post('/api/entities/Actor')
    .send(actorBody(id, name, sensitivity))
    .expect(201);
}

async function makeTie(type: string, from: string, to: string, sensitivity: Level, extra: Record<string, unknown> = {}) {
  const res = await request(app)
    .post('/api/relationships')
    .send({ type, from, to, properties: { sensitivity, ...extra } })
    .expect(201);
  return res.body.id as string;
}

/** A problem body without the parts that name the request itself. */
const answer = (res: request.Response) => ({ status: res.status, body: { ...res.body, instance: undefined, requestId: undefined } });

describe('(1) creating with an id', () => {
  it("answers a hidden entity's id exactly like a free one, and never touches the hidden entity", async () => {
    await makeActor('actor-secret', 'Secret network', 'RED');
    const taken = await request(app)
      .post('/api/entities/Actor')
      .set(as('GREEN'))
      .send(actorBody('actor-secret', 'Mine', 'GREEN'));
    const free = await request(app)
      .post('/api/entities/Actor')
      .set(as('GREEN'))
      .send(actorBody('actor-free', 'Mine', 'GREEN'));
    expect(answer(taken)).toEqual(answer(free));
    expect(taken.status).toBe(400);
    const red = await request(app).get('/api/entities/Actor/actor-secret').expect(200);
    expect(red.body.properties.name).toBe('Secret network');
  });

  it('gives a caller below RED an unguessable server-made id', async () => {
    const res = await request(app)
      .post('/api/entities/Actor')
      .set(as('GREEN'))
      .send(actorBody(undefined, 'Mine', 'GREEN'))
      .expect(201);
    expect(res.body.id).toMatch(/^actor-[0-9a-f-]{36}$/);
    expect(res.headers.location).toBe(`/api/entities/Actor/${res.body.id}`);
  });

  it('answers a relationship duplicating a hidden one like a new one, and a visible duplicate with 409', async () => {
    await makeActor('actor-a', 'Alpha', 'GREEN');
    await makeActor('actor-b', 'Beta', 'GREEN');
    const hidden = await makeTie('SUPPORTS', 'actor-a', 'actor-b', 'RED');
    const created = await request(app)
      .post('/api/relationships')
      .set(as('GREEN'))
      .send({ type: 'SUPPORTS', from: 'actor-a', to: 'actor-b', properties: { sensitivity: 'GREEN' } });
    expect(created.status).toBe(201);
    expect(created.body.id).not.toBe(hidden);
    expect(JSON.stringify(created.body)).not.toContain(hidden);
    const again = await request(app)
      .post('/api/relationships')
      .set(as('GREEN'))
      .send({ type: 'SUPPORTS', from: 'actor-a', to: 'actor-b', properties: { sensitivity: 'GREEN' } });
    expect(again.status).toBe(409);
    expect(again.body.detail).toContain(created.body.id);
    const red = await request(app)
      .get(`/api/relationships/${encodeURIComponent(hidden)}`)
      .expect(200);
    expect(red.body.properties.sensitivity).toBe('RED');
  });
});

describe('(2) deleting a node with a hidden tie', () => {
  it('answers 204 as for a node without one; the node is gone for GREEN, its hidden tie kept for RED', async () => {
    await makeActor('actor-open', 'Open', 'GREEN');
    await makeActor('actor-lonely', 'Lonely', 'GREEN');
    await makeActor('actor-friend', 'Friend', 'GREEN');
    await makeActor('actor-hidden', 'Hidden', 'RED');
    await makeTie('SUPPORTS', 'actor-open', 'actor-hidden', 'GREEN');
    await makeTie('SUPPORTS', 'actor-open', 'actor-friend', 'GREEN');
    const withHidden = await request(app).delete('/api/entities/Actor/actor-open').set(as('GREEN')).send({ version: 1 });
    const without = await request(app).delete('/api/entities/Actor/actor-lonely').set(as('GREEN')).send({ version: 1 });
    expect(withHidden.status).toBe(204);
    expect(without.status).toBe(204);
    for (const id of ['actor-open', 'actor-lonely']) await request(app).get(`/api/entities/Actor/${id}`).set(as('GREEN')).expect(404);
    const green = (await request(app).get('/api/graph').set(as('GREEN')).expect(200)).body;
    expect(JSON.stringify(green)).not.toContain('actor-open');
    // RED still has the node and its hidden tie; the visible tie the GREEN editor removed is gone.
    const kept = await request(app).get('/api/entities/Actor/actor-open').expect(200);
    expect(kept.body.properties.sensitivity).toBe('RED');
    const ties = await db.read("MATCH (:Actor {id: 'actor-open'})-[r]->(b) RETURN collect(b.id) AS ends");
    expect(ties.records[0]?.get('ends')).toEqual(['actor-hidden']);
    // GREEN audit tells both stories alike: a delete.
    const audit = (await request(app).get('/api/audit').set(as('GREEN')).expect(200)).body.entries as {
      entityId: string;
      action: string;
    }[];
    const last = (id: string) => audit.filter((e) => e.entityId === id).map((e) => e.action)[0];
    expect(last('actor-open')).toBe('delete');
    expect(last('actor-lonely')).toBe('delete');
  });
});

describe('(5) audit of a deletion by someone cleared higher', () => {
  it("shows GREEN neither the RED end's id nor the tie's earlier state", async () => {
    await makeActor('actor-green', 'Green', 'GREEN');
    await makeActor('actor-red', 'Red', 'RED');
    await makeTie('SUPPORTS', 'actor-green', 'actor-red', 'GREEN');
    await request(app).delete('/api/entities/Actor/actor-green').send({ version: 1 }).expect(204);
    const audit = (await request(app).get('/api/audit').set(as('GREEN')).expect(200)).body;
    expect(JSON.stringify(audit)).not.toContain('actor-red');
    expect(audit.entries.some((e: { kind: string }) => e.kind === 'relationship')).toBe(false);
  });
});

describe('(6) search ranking', () => {
  it("does not change a visible actor's score when RED actors with the same word are added", async () => {
    await makeActor('actor-w1', 'Women Mediators Network', 'GREEN');
    await makeActor('actor-w2', 'Network of Women in Peace', 'GREEN');
    const search = async () => (await request(app).get('/api/actors/search?q=women%20network').set(as('GREEN')).expect(200)).body.results;
    const before = await search();
    for (let i = 0; i < 20; i++) await makeActor(`actor-r${i}`, `Women Network cell ${i}`, 'RED');
    expect(await search()).toEqual(before);
    // Equal scores (both names have both words) tie-break by name.
    expect(before.map((h: { id: string }) => h.id)).toEqual(['actor-w2', 'actor-w1']);
  });
});

describe('(7) ids unique across labels', () => {
  it("refuses a Region with an Actor's id, so the actor's ties cannot attach to it", async () => {
    await makeActor('actor-shared', 'Shared', 'GREEN');
    const region = await request(app)
      .post('/api/entities/Region')
      .send({ id: 'actor-shared', name: 'Sneaky region', kind: 'country', sensitivity: 'RED' });
    expect(region.status).toBe(409);
    const { records } = await db.read("MATCH (n {id: 'actor-shared'}) RETURN count(n) AS n");
    expect(records[0]?.get('n')).toBe(1);
  });
});

describe('sources cited above the caller', () => {
  it('leaves a RED source id and its quote out of exports and audit', async () => {
    await request(app)
      .post('/api/entities/Source')
      .send({ id: 'src-red', name: 'Red memo', title: 'Red memo', kind: 'report', date: '2026-01-01', sensitivity: 'RED' })
      .expect(201);
    await makeActor('actor-c1', 'One', 'GREEN');
    await makeActor('actor-c2', 'Two', 'GREEN');
    await makeTie('SUPPORTS', 'actor-c1', 'actor-c2', 'GREEN', { sourceIds: ['src-red'], quotes: ['the confidential sentence'] });
    for (const format of ['json', 'graphml', 'gexf', 'kumu&sheet=connections']) {
      const text = (await request(app).get(`/api/export?format=${format}`).set(as('GREEN')).buffer(true).parse(textParser)).body as string;
      expect(text).toContain('actor-c1');
      expect(text).not.toMatch(/src-red|confidential sentence/);
    }
    const audit = JSON.stringify((await request(app).get('/api/audit').set(as('GREEN')).expect(200)).body);
    expect(audit).toContain('actor-c1');
    expect(audit).not.toMatch(/src-red|confidential sentence/);
    // RED still sees the citation.
    const red = (await request(app).get('/api/export?format=json').buffer(true).parse(textParser)).body as string;
    expect(red).toContain('confidential sentence');
  });
});

function textParser(res: request.Response, done: (error: Error | null, body: string) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  let text = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    text += chunk;
  });
  stream.on('end', () => done(null, text));
}

describe('(8) accounts', () => {
  it('lets nobody raise their own clearance or role, nor grant more than their own', async () => {
    const passwordHash = await hashPassword('a long enough password');
    const greenAdmin = await createUser(db, { username: 'gadmin', passwordHash, role: 'admin', clearance: 'GREEN' });
    const other = await createUser(db, { username: 'other', passwordHash, role: 'viewer', clearance: 'GREEN' });
    const authed = createApp({ db, clearance: 'RED', auth: { sessionSecret: 's'.repeat(40) } });
    const login = await request(authed)
      .post('/api/auth/login')
      .send({ username: 'gadmin', password: 'a long enough password' })
      .expect(200);
    const cookie = String(login.headers['set-cookie']?.[0]).split(';')[0] as string;
    const patch = (id: string, body: object) =>
      request(authed).patch(`/api/users/${id}`).set('Cookie', cookie).set(SAME_ORIGIN).set(SAME_ORIGIN).send(body);
    expect((await patch(greenAdmin.id, { clearance: 'RED' })).status).toBe(403);
    expect((await patch(other.id, { clearance: 'RED' })).status).toBe(403);
    const created = await request(authed)
      .post('/api/users')
      .set('Cookie', cookie)
      .set(SAME_ORIGIN)
      .send({ username: 'sock', password: 'a long enough password', role: 'admin', clearance: 'RED' });
    expect(created.status).toBe(403);
    expect((await patch(other.id, { clearance: 'GREEN', role: 'editor' })).status).toBe(200);
    const { records } = await db.read("MATCH (u:User {username: 'gadmin'}) RETURN u.clearance AS c");
    expect(records[0]?.get('c')).toBe('GREEN');
  });
});
