// Bad input found by fuzzing the API (issue 12): each used to be a 500; each must be a 4xx
// problem naming what is wrong, and an empty slice an empty answer, whatever the engine.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/src/app.js';
import type { Database } from '../../server/src/db/database.js';
import { probeNeo4j } from '../../server/src/features/health/repository.js';
import { openTestApp } from '../support/app.js';

let db: Database;
let app: ReturnType<typeof createApp>;
let hasGds = false;

beforeAll(async () => {
  ({ db, app } = await openTestApp({ seeded: true }));
  hasGds = (await probeNeo4j(db)).gds !== null;
});

afterAll(async () => {
  await db?.close();
});

function expectProblem(res: request.Response, status: number, mentions: RegExp) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(JSON.stringify(res.body)).toMatch(mentions);
}

describe('bad input answers 4xx naming the problem', () => {
  it('a malformed percent-escape in a path parameter is a 400', async () => {
    expectProblem(await request(app).get('/api/actors/%ff'), 400, /percent-encod/);
    expectProblem(await request(app).get('/api/entities/Actor/%E0%A4%A'), 400, /percent-encod/);
  });

  it('POST /api/health without credentials is refused, not a crash', async () => {
    const withAuth = createApp({ db, clearance: 'RED', auth: { sessionSecret: 'x'.repeat(40) } });
    const res = await request(withAuth).post('/api/health').send({});
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('a Kumu upload without a multipart boundary, or cut short, is a 400', async () => {
    const noBoundary = await request(app).post('/api/import?format=kumu').set('Content-Type', 'multipart/form-data').send('x');
    expectProblem(noBoundary, 400, /multipart/);
    const truncated = await request(app)
      .post('/api/import?format=kumu')
      .set('Content-Type', 'multipart/form-data; boundary=XYZ')
      .send('--XYZ\r\nContent-Disposition: form-data; name="elements"; filename="e.csv"\r\n\r\nID,Label\r\na,b');
    expectProblem(truncated, 400, /multipart/);
    const { records } = await db.read('MATCH (n {id: "a"}) RETURN count(n) AS n');
    expect(records[0]?.get('n')).toBe(0);
  });
});

describe('an empty slice is an empty answer with either engine', () => {
  const empty = 'labels=Actor&kinds=donor&region=region-africa';

  it.each(['in-process', 'gds'])('centrality and communities with engine=%s', async (engine) => {
    if (engine === 'gds' && !hasGds) return;
    const centrality = await request(app).get(`/api/centrality?measure=degree&${empty}&engine=${engine}`);
    expect(centrality.status).toBe(200);
    expect(centrality.body.results).toEqual([]);
    expect(centrality.body.graph).toEqual({ nodes: 0, relationships: 0 });
    const communities = await request(app).get(`/api/centrality/communities?${empty}&engine=${engine}`);
    expect(communities.status).toBe(200);
    expect(communities.body.communities).toEqual([]);
  });
});
