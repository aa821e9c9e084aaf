// The graph version lives in Neo4j (server/src/db/graphVersion.ts): a write through one API
// process makes another process's cached GDS projection stale, and app-state writes (accounts,
// sessions, rate limits) leave it alone. Two apps, each with its own driver, on one database.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { createApp } from '../../server/src/app.js';
import type { Database } from '../../server/src/db/database.js';
import { readGraphVersion } from '../../server/src/db/graphVersion.js';
import { hashPassword } from '../../server/src/features/auth/passwords.js';
import { createUser } from '../../server/src/features/auth/repository.js';
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
