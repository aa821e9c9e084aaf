// The graph version lives in Neo4j (server/src/db/graphVersion.ts): a write through one API
// process makes another process's cached GDS projection stale, and app-state writes (accounts,
// sessions, rate limits) leave it alone. Two apps, each with its own driver, on one database.
// A change made outside the API (here: a driver of its own, as Neo4j Browser or a script would)
// is seen when it creates or deletes a node or relationship; a property changed outside is seen
// once an admin says so (POST /api/graph/changed).
import neo4j from 'neo4j-driver';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/src/app.js';
import type { Database } from '../../server/src/db/database.js';
import { readGraphVersion } from '../../server/src/db/graphVersion.js';
import { hashPassword } from '../../server/src/features/auth/passwords.js';
import { createApiToken, createUser } from '../../server/src/features/auth/repository.js';
import { dropCachedProjections } from '../../server/src/features/centrality/gds.js';
import { hasGds } from '../../server/src/features/centrality/service.js';
import { twoAppsOverOneNeo4j } from '../support/neo4j.js';

let dbA: Database;
let dbB: Database;
let appA: ReturnType<typeof createApp>;
let appB: ReturnType<typeof createApp>;

beforeAll(async () => {
  ({ readerDb: dbA, writerDb: dbB, reader: appA, writer: appB } = await twoAppsOverOneNeo4j());
}, 600_000);

afterAll(async () => {
  await dbA?.close();
  await dbB?.close();
});

async function addActorWithTieTo(app: typeof appB, to: string): Promise<string> {
  const actor = await request(app)
    .post('/api/entities/Actor')
    .send({ name: 'Version probe', kind: 'civil-society', level: 'local', description: 'd', sensitivity: 'CLEAR' })
    .expect(201);
  const id = actor.body.id as string;
  await request(app)
    .post('/api/relationships')
    .send({ type: 'SUPPORTS', from: id, to, properties: { sensitivity: 'CLEAR' } })
    .expect(201);
  return id;
}

describe('the graph version in Neo4j', () => {
  it('changes with a graph write through another process, and not with an account write', async () => {
    const before = await readGraphVersion(dbA);
    await addActorWithTieTo(appB, 'actor-wanep');
    const afterWrite = await readGraphVersion(dbA);
    expect(afterWrite).not.toBe(before);
    await createUser(dbB, {
      username: 'version-probe',
      passwordHash: await hashPassword('a long password here'),
      role: 'viewer',
      clearance: 'GREEN',
    });
    expect(await readGraphVersion(dbA)).toBe(afterWrite);
  });

  it('a write through B makes the GDS projection A cached stale', { timeout: 180_000 }, async (ctx) => {
    if (!(await hasGds(dbA))) ctx.skip();
    const catalog = async () =>
      (
        await dbA.read(
          "CALL gds.graph.list() YIELD graphName WHERE graphName STARTS WITH 'atlas-centrality-' RETURN collect(graphName) AS names",
        )
      ).records[0]?.get('names') as string[];
    const degreeOfWanep = async () => {
      const res = await request(appA)
        .get('/api/centrality')
        .query({ engine: 'gds', measure: 'degree', labels: 'Actor', top: 1000 })
        .expect(200);
      const wanep = res.body.results.find((r: { id: string }) => r.id === 'actor-wanep');
      return { nodes: res.body.graph.nodes as number, degree: wanep.value as number };
    };
    await dropCachedProjections(dbA);
    // Projections another process left in the catalog (a test file before this one) are not A's.
    const others = await catalog();
    if (others.length > 0) console.log(`[graph-version] projections already in the catalog: ${others.join(', ')}`);
    const ofA = async () => (await catalog()).filter((name) => !others.includes(name));
    const first = await degreeOfWanep();
    const projected = await ofA();
    expect(projected).toHaveLength(1);
    // Unchanged graph: A serves from the same projection.
    expect(await degreeOfWanep()).toEqual(first);
    expect(await ofA()).toEqual(projected);

    await addActorWithTieTo(appB, 'actor-wanep');
    expect(await degreeOfWanep()).toEqual({ nodes: first.nodes + 1, degree: first.degree + 1 });
    const now = await ofA();
    expect(now).toHaveLength(1);
    expect(now).not.toEqual(projected);
    await dropCachedProjections(dbA);
  });
});

describe('changes made to Neo4j outside the API', () => {
  /** A driver of its own, as Neo4j Browser or a script would use: its writes do not touch the version token. */
  async function outside(query: string, params: Record<string, unknown> = {}): Promise<void> {
    const driver = neo4j.driver(process.env.ATLAS_TEST_NEO4J_URI as string);
    try {
      await driver.executeQuery(query, params);
    } finally {
      await driver.close();
    }
  }
  /** A's kept answer at CLEAR (the Brokers panel's kind: kept per graph version), as ids. */
  const degreeAtClear = async () =>
    (
      (await request(appA).get('/api/centrality').set('X-Atlas-Clearance', 'CLEAR').query({ measure: 'degree', top: 10000 }).expect(200))
        .body.results as { id: string }[]
    ).map((r) => r.id);

  it('a node or relationship created or deleted outside is a new version; app state and nothing are not', async () => {
    const v0 = await readGraphVersion(dbA);
    expect(await readGraphVersion(dbA)).toBe(v0);
    expect(await degreeAtClear()).not.toContain('actor-outside');
    await outside(
      "MATCH (w:Actor {id: 'actor-wanep'}) CREATE (a:Actor:Entity {id: 'actor-outside', name: 'Made outside', kind: 'civil-society', level: 'local', sensitivity: 'CLEAR', sourceIds: []})-[:SUPPORTS {id: 'rel-outside', sensitivity: 'CLEAR'}]->(w)",
    );
    const v1 = await readGraphVersion(dbA);
    expect(v1).not.toBe(v0);
    // A's kept answer is of the older version: the new actor is counted at once.
    expect(await degreeAtClear()).toContain('actor-outside');
    // App state written outside (a rate-limit counter) is no new version.
    await outside("MERGE (c:RateLimitCounter {key: 'outside-probe'}) SET c.count = 1");
    expect(await readGraphVersion(dbA)).toBe(v1);
    await outside("MATCH ()-[r {id: 'rel-outside'}]->() DELETE r");
    const v2 = await readGraphVersion(dbA);
    expect(v2).not.toBe(v1);
    await outside("MATCH (a:Actor {id: 'actor-outside'}) DETACH DELETE a");
    expect(await readGraphVersion(dbA)).not.toBe(v2);
    expect(await degreeAtClear()).not.toContain('actor-outside');
  });

  it('a property changed outside is seen once an admin says the graph changed (POST /api/graph/changed)', async () => {
    const ids = await degreeAtClear();
    expect(ids).toContain('actor-wanep');
    const v0 = await readGraphVersion(dbA);
    await outside("MATCH (a:Actor {id: 'actor-wanep'}) SET a.sensitivity = 'RED'");
    try {
      // Not seen by the version: A still serves what it kept (why the endpoint exists).
      expect(await readGraphVersion(dbA)).toBe(v0);
      expect(await degreeAtClear()).toContain('actor-wanep');
      // Said through the other process: A sees the new version at its next request.
      await request(appB).post('/api/graph/changed').expect(204);
      expect(await readGraphVersion(dbA)).not.toBe(v0);
      expect(await degreeAtClear()).not.toContain('actor-wanep');
      const search = await request(appA).get('/api/actors/search').set('X-Atlas-Clearance', 'CLEAR').query({ q: 'WANEP' }).expect(200);
      expect(JSON.stringify(search.body)).not.toContain('actor-wanep');
    } finally {
      await outside("MATCH (a:Actor {id: 'actor-wanep'}) SET a.sensitivity = 'CLEAR'");
      await request(appB).post('/api/graph/changed').expect(204);
    }
  });

  it('only an admin may say so: an editor is refused (403) and the version stays', async () => {
    const editor = await createUser(dbB, {
      username: 'version-editor',
      passwordHash: await hashPassword('a long password here'),
      role: 'editor',
      clearance: 'RED',
    });
    const { token } = await createApiToken(dbB, editor.id, 'test');
    const withAccounts = createApp({
      db: dbB,
      clearance: 'RED',
      auth: { sessionSecret: 'test-session-secret-that-is-long-enough-0123456789' },
    });
    const v0 = await readGraphVersion(dbA);
    const refused = await request(withAccounts).post('/api/graph/changed').set('Authorization', `Bearer ${token}`).expect(403);
    expect(refused.body.detail).toContain('admin');
    expect(await readGraphVersion(dbA)).toBe(v0);
  });
});
