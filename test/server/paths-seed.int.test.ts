import express from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/src/db/database.js';
import { pathsRouter } from '../../server/src/features/paths/router.js';
import { callerContext } from '../../server/src/http/caller.js';
import { problemHandler } from '../../server/src/http/problem.js';
import { freshSeededDatabase, testDatabase } from '../support/neo4j.js';

let db: Database;
let app: express.Express;

interface Step {
  from: string;
  to: string;
  type: string;
  text: string;
  sources: Array<{ id: string; title: string; quote: string | null }>;
}

beforeAll(async () => {
  db = testDatabase();
  await freshSeededDatabase(db);
  // The router as createApp mounts it, with a generous timeout: a cold Neo4j on a busy machine
  // plans a new query shape slowly (paths.int.test.ts checks the timeout and the mounting).
  app = express();
  app.use(callerContext('RED'));
  app.use('/api/paths', pathsRouter(db, { timeoutMs: 30_000 }));
  app.use(problemHandler);
});

afterAll(async () => {
  await db?.close();
});

describe('GET /api/paths on the seed graph', () => {
  it('WANEP to PBSO runs through ECOWAS and the PBSO–ECOWAS MoU, quoting the note', async () => {
    const res = await request(app).get('/api/paths').query({ from: 'WANEP', to: 'actor-pbso', mode: 'k-shortest', k: 5 }).expect(200);
    expect(res.body.from).toMatchObject({ id: 'actor-wanep', matchedBy: 'search' });
    const routes: string[][] = res.body.paths.map((p: { nodes: Array<{ id: string }> }) => p.nodes.map((n) => n.id));
    expect(routes.length).toBeGreaterThan(0);
    for (const route of routes) expect(route[0]).toBe('actor-wanep');
    // WANEP -PROVIDES_DATA_TO-> ECOWAS -PARTY_TO-> the MoU <-PARTY_TO- PBSO, three hops: the shortest.
    const viaMou = routes.findIndex((r) => r.join(' ') === 'actor-wanep actor-ecowas agreement-pbso-ecowas-mou actor-pbso');
    expect(viaMou).toBe(0);

    const path = res.body.paths[viaMou] as { sentence: string; steps: Step[] };
    expect(path.sentence).toBe(
      'WANEP provides data to ECOWAS (weekly and monthly, per the note); ECOWAS is party to Memorandum of Understanding between PBSO and ECOWAS (per the note); Memorandum of Understanding between PBSO and ECOWAS has PBSO as a party (per the note).',
    );
    expect(path.steps[0]?.sources).toContainEqual({
      id: 'src-note-2019',
      title: expect.stringContaining('Meeting Note'),
      quote: expect.stringContaining('WANEP provides ECOWAS with data and analyses'),
    });
    for (const step of path.steps) expect(step.sources.length).toBeGreaterThan(0);
  });

  it('WANEP to the PBC: the shortest routes all go through ECOWAS', async () => {
    const res = await request(app).get('/api/paths').query({ from: 'actor-wanep', to: 'actor-pbc' }).expect(200);
    expect(res.body.paths.length).toBeGreaterThan(0);
    for (const p of res.body.paths as Array<{ nodes: Array<{ id: string }>; length: number }>) {
      expect(p.nodes[1]?.id).toBe('actor-ecowas');
      expect(p.length).toBe(res.body.paths[0].length);
    }
  });

  it('the GREEN data feed of WANEP to ECOWAS: a GREEN caller walks it, a CLEAR caller gets no path over it', async () => {
    const green = await request(app)
      .get('/api/paths')
      .set('X-Atlas-Clearance', 'GREEN')
      .query({ from: 'actor-wanep', to: 'actor-ecowas', types: 'PROVIDES_DATA_TO' })
      .expect(200);
    expect(green.body.paths).toHaveLength(1);
    const clear = await request(app)
      .get('/api/paths')
      .set('X-Atlas-Clearance', 'CLEAR')
      .query({ from: 'actor-wanep', to: 'actor-ecowas', types: 'PROVIDES_DATA_TO' })
      .expect(200);
    expect(clear.body).toMatchObject({ paths: [], reason: expect.stringMatching(/^No path within 6 hops using PROVIDES_DATA_TO;/) });
  });
});
