// Cypher injection: hostile text in every string parameter of every endpoint is taken as data.
// Each attempt must leave the graph exactly as it was (node and relationship counts, and a
// fingerprint of every node's id, labels and properties) and answer 2xx, 400 or 404, never 5xx.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/src/app.js';
import type { Database } from '../../server/src/db/database.js';
import { hashPassword } from '../../server/src/features/auth/passwords.js';
import { createUser } from '../../server/src/features/auth/repository.js';
import { countGraph, freshSeededDatabase, testDatabase } from '../support/neo4j.js';

const PAYLOADS = [
  "' OR 1=1 //",
  "actor-wanep' OR '1'='1",
  '"}) MATCH (n) DETACH DELETE n //',
  "'}) MATCH (n) DETACH DELETE n //",
  "x'}) WITH 1 AS x MATCH (n) SET n.sensitivity = 'CLEAR' //",
  '\\u0027}) MATCH (n) DETACH DELETE n //',
  '\u0027 OR true //',
  '`) MATCH (n) DETACH DELETE n //',
  'Actor`:`User',
  '$allowed',
  '$id',
  "RED', 'AMBER",
  '1 UNION MATCH (n) RETURN n',
  "'; CALL dbms.killQueries([]) //",
  'x\n MATCH (n) DETACH DELETE n',
  '*:* OR name:*',
  '\\',
  '%00\u0000',
];

let db: Database;
let app: ReturnType<typeof createApp>;

/** Everything stored, reduced to one string: any change to any node or relationship shows. */
/** Sign-in bookkeeping (failure counters, rate limits) changes with every attempt by design. */
const SIGN_IN_STATE = ['LoginThrottle', 'RateLimitCounter', 'RevokedSession'];

async function fingerprint(): Promise<string> {
  const counts = await countGraph(db);
  const bookkeeping = (
    await db.read('MATCH (n) WHERE labels(n)[0] IN $labels RETURN count(n) AS n', { labels: SIGN_IN_STATE })
  ).records[0]?.get('n');
  const result = await db.read(
    `MATCH (n) WHERE NOT labels(n)[0] IN $labels WITH n ORDER BY coalesce(n.id, elementId(n))
     WITH collect([labels(n), properties(n)]) AS nodes
     CALL () { MATCH ()-[r]->() RETURN count(r) AS rels, collect(DISTINCT r.sensitivity) AS levels }
     RETURN nodes, rels, levels`,
    // The graph version changes with any committed write transaction, even one that changed nothing.
    { labels: [...SIGN_IN_STATE, 'GraphVersion'] },
  );
  const row = result.records[0];
  return JSON.stringify([counts.nodes - bookkeeping, counts.relationships, row?.get('nodes'), row?.get('rels'), row?.get('levels')]);
}

interface Target {
  method: 'get' | 'post' | 'patch' | 'delete';
  /** `{}` is where the payload goes in the path, if it goes there. */
  path: string;
  query?: Record<string, string>;
  body?: Record<string, unknown>;
  /** The query or body field the payload replaces; undefined: the path placeholder. */
  field?: string;
  in?: 'query' | 'body' | 'header';
}

const q = (path: string, query: Record<string, string>, field: string): Target => ({ method: 'get', path, query, field, in: 'query' });

/** Every string parameter of every endpoint, each with an otherwise valid request. */
const TARGETS: Target[] = [
  q('/api/actors/search', { q: '' }, 'q'),
  { method: 'get', path: '/api/actors/{}' },
  q('/api/actors/actor-wanep', { asOf: '' }, 'asOf'),
  q('/api/graph', { labels: '' }, 'labels'),
  q('/api/graph', { asOf: '' }, 'asOf'),
  ...['from', 'to', 'types', 'avoid', 'avoidKinds', 'direction', 'mode', 'asOf'].map((f) =>
    q('/api/paths', { from: 'actor-wanep', to: 'actor-ecowas', [f]: '' }, f),
  ),
  ...['measure', 'types', 'labels', 'kinds', 'region', 'threat', 'asOf', 'engine'].map((f) =>
    q('/api/centrality', { measure: 'degree', engine: 'in-process', [f]: '' }, f),
  ),
  q('/api/centrality', { measure: 'degree', engine: 'gds', region: '' }, 'region'),
  q('/api/centrality/communities', { algorithm: '' }, 'algorithm'),
  q('/api/centrality/structure', { region: '' }, 'region'),
  ...['threat', 'region', 'asOf', 'w.mandate'].map((f) =>
    q('/api/responders', { threat: 'threat-armed-conflict', region: 'region-west-africa', [f]: '' }, f),
  ),
  ...['kind', 'threat', 'region', 'asOf'].map((f) => q('/api/gaps', { [f]: '' }, f)),
  ...['level', 'asOf'].map((f) => q('/api/coverage', { [f]: '' }, f)),
  ...['format', 'sheet', 'labels', 'knownAt'].map((f) => q('/api/export', { [f]: '' }, f)),
  ...['since', 'until', 'actor'].map((f) => q('/api/audit', { [f]: '' }, f)),
  { method: 'get', path: '/api/entities/Actor/{}' },
  { method: 'get', path: '/api/entities/{}/actor-wanep' },
  { method: 'get', path: '/api/entities/Actor/{}/history' },
  { method: 'get', path: '/api/relationships/{}' },
  { method: 'get', path: '/api/relationships/{}/history' },
  { method: 'patch', path: '/api/entities/Actor/{}', body: { version: 1, properties: { name: 'x' } } },
  { method: 'delete', path: '/api/entities/Actor/{}', body: { version: 1 } },
  { method: 'delete', path: '/api/relationships/{}', body: { version: 1 } },
  { method: 'post', path: '/api/entities/{}', body: { id: 'actor-new', name: 'New' } },
  ...['type', 'from', 'to'].map(
    (f): Target => ({
      method: 'post',
      path: '/api/relationships',
      body: { type: 'FUNDS', from: 'actor-wanep', to: 'actor-ecowas', properties: { sensitivity: 'CLEAR', sourceIds: [], quotes: [] } },
      field: f,
      in: 'body',
    }),
  ),
  { method: 'post', path: '/api/import', query: { format: '' }, field: 'format', in: 'query', body: { nodes: [], relationships: [] } },
  { method: 'delete', path: '/api/import/{}' },
  { method: 'get', path: '/api/graph', field: 'x-atlas-clearance', in: 'header' },
];

function describeTarget(t: Target): string {
  return `${t.method.toUpperCase()} ${t.path}${t.field ? ` ${t.in}.${t.field}` : ''}`;
}

async function attempt(target: Target, payload: string): Promise<request.Response> {
  const inPath = target.field === undefined;
  const url = target.path.replace('{}', inPath ? encodeURIComponent(payload) : '');
  let req = request(app)[target.method](url);
  if (target.query) req = req.query(target.in === 'query' ? { ...target.query, [target.field as string]: payload } : target.query);
  if (target.in === 'header') req = req.set(target.field as string, [...payload].filter((c) => c >= ' ').join(''));
  if (target.body) req = req.send(target.in === 'body' ? { ...target.body, [target.field as string]: payload } : target.body);
  return req;
}

beforeAll(async () => {
  db = testDatabase();
  await freshSeededDatabase(db);
  app = createApp({ db, clearance: 'RED' });
}, 300_000);

afterAll(async () => {
  await db?.close();
});

describe('Cypher injection through every string parameter', () => {
  it(`changes nothing and never fails with a 5xx (${TARGETS.length} parameters × ${PAYLOADS.length} payloads)`, async () => {
    const before = await fingerprint();
    const statuses = new Map<number, number>();
    for (const target of TARGETS) {
      for (const payload of PAYLOADS) {
        const res = await attempt(target, payload);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        expect.soft(res.status, `${describeTarget(target)} with ${JSON.stringify(payload)}`).toBeLessThan(500);
        expect.soft([200, 400, 404, 409, 415], `${describeTarget(target)} with ${JSON.stringify(payload)}`).toContain(res.status);
      }
    }
    expect(await fingerprint()).toBe(before);
    console.log('[injection] statuses:', Object.fromEntries(statuses));
  }, 900_000);

  it('stores hostile text given as a value literally, as data', async () => {
    const actors = async () => (await db.read('MATCH (a:Actor) RETURN count(a) AS n')).records[0]?.get('n') as number;
    const before = { actors: await actors(), relationships: (await countGraph(db)).relationships };
    const name = PAYLOADS[2] as string;
    const res = await request(app).post('/api/entities/Actor').send({
      id: 'actor-injection-probe',
      name,
      description: name,
      kind: 'civil-society',
      level: 'local',
      sensitivity: 'CLEAR',
      sourceIds: [],
      quotes: [],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const stored = await db.read('MATCH (a:Actor {id: $id}) RETURN a.name AS name', { id: 'actor-injection-probe' });
    expect(stored.records[0]?.get('name')).toBe(name);
    // Exactly one more actor (the audit trail may add its own record of the change).
    expect({ actors: await actors(), relationships: (await countGraph(db)).relationships }).toEqual({
      ...before,
      actors: before.actors + 1,
    });
    const read = await request(app).get('/api/actors/actor-injection-probe').expect(200);
    expect(read.body.actor.name).toBe(name);
  }, 120_000);

  it('takes hostile sign-in and user-management input as data too', async () => {
    await createUser(db, { username: 'root', passwordHash: await hashPassword('a long admin password'), role: 'admin', clearance: 'RED' });
    const secured = createApp({
      db,
      clearance: 'RED',
      auth: { sessionSecret: 'injection-test-secret-of-enough-length-000', loginLimit: { max: 10_000, windowMs: 60_000 } },
    });
    const login = await request(secured).post('/api/auth/login').send({ username: 'root', password: 'a long admin password' }).expect(200);
    const cookie = String(login.headers['set-cookie']).split(';')[0] as string;
    const before = await fingerprint();
    for (const payload of PAYLOADS) {
      const label = JSON.stringify(payload);
      const signIn = await request(secured).post('/api/auth/login').send({ username: payload, password: payload });
      expect.soft([400, 401, 429], `login username ${label}`).toContain(signIn.status);
      const asRoot = await request(secured).post('/api/auth/login').send({ username: 'root', password: payload });
      // 429 once the account is locked out by these very failures.
      expect.soft([401, 429], `login password ${label}`).toContain(asRoot.status);
      const patch = await request(secured)
        .patch(`/api/users/${encodeURIComponent(payload)}`)
        .set('Cookie', cookie)
        .set('Sec-Fetch-Site', 'same-origin')
        .send({ role: 'viewer' });
      expect.soft([400, 404], `PATCH /api/users/:id ${label}`).toContain(patch.status);
      const del = await request(secured)
        .delete(`/api/auth/tokens/${encodeURIComponent(payload)}`)
        .set('Cookie', cookie)
        .set('Sec-Fetch-Site', 'same-origin');
      expect.soft([400, 404], `DELETE /api/auth/tokens/:id ${label}`).toContain(del.status);
      const bearer = await request(secured)
        .get('/api/graph')
        .set('Authorization', `Bearer atlas_${[...payload].filter((c) => c > ' ').join('')}`);
      expect.soft(bearer.status, `bearer ${label}`).toBe(401);
    }
    expect(await fingerprint()).toBe(before);
  }, 300_000);
});
