// Centrality, communities and structure answers kept per graph version and clearance, and a
// question its request cannot wait for going on in the background (features/centrality/kept.ts):
// the request answers 503 "computing" with Retry-After, the next one gets the answer, which is the
// one computed directly; a RED answer never serves CLEAR; a write is seen at once; a refusal is
// kept for the version; with no background slot a request keeps its own budget, as before.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../server/src/app.js';
import type { Database } from '../../server/src/db/database.js';
import { readGraphVersion } from '../../server/src/db/graphVersion.js';
import { AppError } from '../../server/src/errors.js';
import { KeptAnalyses, keptAnswer } from '../../server/src/features/centrality/kept.js';
import { warmBrokersPanel } from '../../server/src/features/centrality/router.js';
import { CentralityQuery, CommunitiesQuery, StructureQuery } from '../../server/src/features/centrality/schema.js';
import { computeCentrality, computeCommunities, computeStructure } from '../../server/src/features/centrality/service.js';
import { allowedLevels, type Caller } from '../../server/src/http/caller.js';
import { freshSeededDatabase, testDatabase } from '../support/neo4j.js';

let db: Database;
const opened: KeptAnalyses[] = [];
/** A KeptAnalyses that computes its recent questions again after a write, noticed by a poll every 20 ms. */
const rewarming = (options: ConstructorParameters<typeof KeptAnalyses>[1] = {}) => {
  const analyses = new KeptAnalyses(db, { rewarm: true, pollMs: 20, ...options });
  opened.push(analyses);
  return analyses;
};

beforeAll(async () => {
  db = testDatabase();
  await freshSeededDatabase(db);
}, 180_000);

afterAll(async () => {
  for (const analyses of opened) analyses.close();
  await db?.close();
});

const callerAt = (clearance: 'CLEAR' | 'RED') => ({ clearance, allowed: allowedLevels(clearance), userId: 't', role: 'admin' }) as Caller;

/**
 * A new CLEAR actor, written through `through` (another app: another API process) in one write: one
 * new graph version (a second write could be seen by the poll as a second version, which stops the
 * first one's work).
 */
async function writeActor(through: ReturnType<typeof createApp>, name: string): Promise<void> {
  await request(through)
    .post('/api/entities/Actor')
    .send({ name, kind: 'civil-society', level: 'local', description: 'd', sensitivity: 'CLEAR' })
    .expect(201);
}

/** Rejects with the reason once the database view's signal aborts (never, on a view without one). */
const stopped = (on: Database) =>
  new Promise<never>((_, reject) => on.signal?.addEventListener('abort', () => reject(on.signal?.reason), { once: true }));

const withoutDuration = (value: unknown) => {
  const plain = JSON.parse(JSON.stringify(value));
  delete plain.durationMs;
  return plain;
};

/** Asks until the answer is not "computing" (as the client does), counting the 503s. */
async function untilAnswered(ask: () => request.Test): Promise<{ res: request.Response; computing: number }> {
  let computing = 0;
  for (;;) {
    const res = await ask();
    if (res.status !== 503) return { res, computing };
    expect(res.body).toMatchObject({
      status: 503,
      type: expect.stringMatching(/\/computing$/),
      detail: expect.stringMatching(/goes on in the background/),
    });
    expect(res.headers['retry-after']).toBe('5');
    computing++;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('kept centrality answers', () => {
  it('a question past its wait answers 503 computing, then the answer computed directly; RED never serves CLEAR', async () => {
    const analyses = new KeptAnalyses(db, { waitMs: 0 });
    const app = createApp({ db, clearance: 'RED', analyses });
    const questions = [
      {
        url: '/api/centrality',
        query: { measure: 'betweenness', top: '50' },
        direct: (c: Caller) => computeCentrality(db, c, CentralityQuery.parse({ measure: 'betweenness', top: 50 })),
      },
      {
        url: '/api/centrality/communities',
        query: { algorithm: 'louvain', engine: 'in-process' },
        direct: (c: Caller) => computeCommunities(db, c, CommunitiesQuery.parse({ algorithm: 'louvain', engine: 'in-process' })),
      },
      { url: '/api/centrality/structure', query: {}, direct: (c: Caller) => computeStructure(db, c, StructureQuery.parse({})) },
    ];
    for (const clearance of ['RED', 'CLEAR'] as const) {
      for (const q of questions) {
        const ask = () => request(app).get(q.url).query(q.query).set('X-Atlas-Clearance', clearance);
        const { res, computing } = await untilAnswered(ask);
        expect(res.status).toBe(200);
        // With no wait at all, the first request cannot have had the answer.
        expect(computing).toBeGreaterThan(0);
        const direct = JSON.parse(JSON.stringify(await q.direct(callerAt(clearance))));
        delete direct.durationMs;
        const kept = { ...res.body };
        delete kept.durationMs;
        expect(kept).toEqual(direct);
        // Asked again: the kept body itself, at once, with an ETag.
        const again = await ask().expect(200);
        expect(again.text).toBe(res.text);
        expect(again.headers.etag).toBeTruthy();
      }
    }
    // Three questions at two clearances, each computed once.
    expect(analyses.computations).toBe(6);
    expect(analyses.size).toBe(6);
    // The seed holds two GREEN relationships: the two clearances' degrees differ.
    const ids = async (clearance: string) => {
      const { res } = await untilAnswered(() =>
        request(app).get('/api/centrality').query({ measure: 'degree', top: '10000' }).set('X-Atlas-Clearance', clearance),
      );
      expect(res.status).toBe(200);
      return res.body.results.map((r: { id: string; value: number }) => `${r.id}=${r.value}`).sort();
    };
    const [red, clear] = [await ids('RED'), await ids('CLEAR')];
    expect(red.length).toBe(clear.length);
    expect(red).not.toEqual(clear);
  }, 180_000);

  it('a write through another app over the same Neo4j is seen at once: the kept answer is not served after it', async () => {
    const analyses = new KeptAnalyses(db, { waitMs: 60_000 });
    const app = createApp({ db, clearance: 'RED', analyses });
    const other = createApp({ db, clearance: 'RED' });
    const degree = () => request(app).get('/api/centrality').query({ measure: 'degree', top: '10000', labels: 'Actor' });
    const before = await degree().expect(200);
    expect((await degree().expect(200)).text).toBe(before.text);
    expect(analyses.computations).toBe(1);
    const actor = await request(other)
      .post('/api/entities/Actor')
      .send({ name: 'Kept answer probe', kind: 'civil-society', level: 'local', description: 'd', sensitivity: 'CLEAR' })
      .expect(201);
    await request(other)
      .post('/api/relationships')
      .send({ type: 'SUPPORTS', from: actor.body.id, to: 'actor-wanep', properties: { sensitivity: 'CLEAR' } })
      .expect(201);
    expect(before.body.results.map((r: { id: string }) => r.id)).not.toContain(actor.body.id);
    const after = await degree().expect(200);
    expect(after.body.results.map((r: { id: string }) => r.id)).toContain(actor.body.id);
    expect(analyses.computations).toBe(2);
  }, 120_000);

  it('a refusal is kept for the graph version: asked again, it is told at once without computing', async () => {
    const analyses = new KeptAnalyses(db, { waitMs: 0 });
    const app = createApp({ db, clearance: 'RED', analyses });
    // Refused while computing (the slice's region is looked up then): a 404 naming it.
    const ask = () => request(app).get('/api/centrality').query({ measure: 'betweenness', top: '5', region: 'region-nowhere' });
    const first = await untilAnswered(ask);
    expect(first.res.status).toBe(404);
    expect(first.res.body.detail).toMatch(/region-nowhere/);
    expect(analyses.computations).toBe(1);
    const computations = analyses.computations;
    const again = await ask();
    expect(again.status).toBe(404);
    expect(again.body).toMatchObject({ type: first.res.body.type, title: first.res.body.title, detail: first.res.body.detail });
    expect(analyses.computations).toBe(computations);
  }, 120_000);

  it('with no background slot free a request keeps its own budget: answered within it, never 503', async () => {
    const analyses = new KeptAnalyses(db, { waitMs: 0, maxBackground: 0 });
    const app = createApp({ db, clearance: 'RED', analyses });
    const res = await request(app).get('/api/centrality').query({ measure: 'pagerank', top: '5', engine: 'in-process' });
    expect(res.status).toBe(200);
    expect(res.body.results).toHaveLength(5);
  }, 120_000);

  it('a view of the database with another timeout runs its transactions with that timeout', async () => {
    const view = db.withTimeout(50);
    expect(view.timeoutMs).toBe(50);
    expect(db.timeoutMs).not.toBe(50);
    await expect(view.read('UNWIND range(1, 200000000) AS x RETURN count(x) AS n')).rejects.toThrow(/timeout|terminated/i);
    // It shares the database's driver and counters, and what is kept per database (GDS projections).
    expect(view.driver).toBe(db.driver);
    expect(view.origin).toBe(db);
    expect(db.poolUse().inUse).toBe(0);
  }, 60_000);

  it("after a write through another app, the Brokers panel's questions are computed again without a request, then answered at once", async () => {
    const analyses = rewarming({ waitMs: 0 });
    const app = createApp({ db, clearance: 'RED', analyses });
    const other = createApp({ db, clearance: 'RED' });
    // Warmed as start-up does, at two clearances: six questions, remembered as asked.
    await warmBrokersPanel(analyses, callerAt('RED'));
    await warmBrokersPanel(analyses, callerAt('CLEAR'));
    expect(analyses.size).toBe(6);
    // Nothing asks this app: after each write its poll sees the new version and computes the six again.
    const before = analyses.computations;
    const actor = await request(other)
      .post('/api/entities/Actor')
      .send({ name: 'Recomputed broker probe', kind: 'civil-society', level: 'local', description: 'd', sensitivity: 'CLEAR' })
      .expect(201);
    await vi.waitFor(() => expect(analyses.computations).toBe(before + 6), { timeout: 120_000, interval: 20 });
    await analyses.rewarming;
    await request(other)
      .post('/api/relationships')
      .send({ type: 'SUPPORTS', from: actor.body.id, to: 'actor-wanep', properties: { sensitivity: 'CLEAR' } })
      .expect(201);
    await vi.waitFor(() => expect(analyses.computations).toBe(before + 12), { timeout: 120_000, interval: 20 });
    await analyses.rewarming;
    expect(analyses.size).toBe(6);
    const id = actor.body.id as string;
    const panel = [
      {
        url: '/api/centrality',
        query: { measure: 'betweenness', top: '50' },
        direct: (c: Caller) => computeCentrality(db, c, CentralityQuery.parse({ measure: 'betweenness', top: 50 })),
      },
      {
        url: '/api/centrality/communities',
        query: { algorithm: 'louvain' },
        direct: (c: Caller) => computeCommunities(db, c, CommunitiesQuery.parse({ algorithm: 'louvain' })),
      },
      { url: '/api/centrality/structure', query: {}, direct: (c: Caller) => computeStructure(db, c, StructureQuery.parse({})) },
    ];
    for (const clearance of ['RED', 'CLEAR'] as const) {
      for (const q of panel) {
        // waitMs 0: an answer not kept already would be a 503.
        const res = await request(app).get(q.url).query(q.query).set('X-Atlas-Clearance', clearance).expect(200);
        expect(withoutDuration(res.body)).toEqual(withoutDuration(await q.direct(callerAt(clearance))));
      }
      const communities = await request(app)
        .get('/api/centrality/communities')
        .query({ algorithm: 'louvain' })
        .set('X-Atlas-Clearance', clearance);
      expect(communities.body.assignments).toHaveProperty(id);
    }
    // Each question once per version: the requests computed nothing.
    expect(analyses.computations).toBe(before + 12);
  }, 240_000);

  it('recomputes within the background slots, once per question per version; a newer write stops the older version and its slot serves the newer at once', async () => {
    const analyses = rewarming({ maxBackground: 1, waitMs: 0 });
    const other = createApp({ db, clearance: 'RED' });
    let running = 0;
    let most = 0;
    let gate: Promise<void> = Promise.resolve();
    const computed: string[] = [];
    const question = (name: string) =>
      [
        JSON.stringify({ kind: name }),
        async (on: Database) => {
          running++;
          most = Math.max(most, running);
          try {
            // Held until the gate opens, or until the work is stopped (as the engines stop: kept-cancel.int.test.ts).
            await Promise.race([gate, stopped(on)]);
            const version = await readGraphVersion(on);
            computed.push(name);
            return keptAnswer({ name, version });
          } finally {
            running--;
          }
        },
      ] as const;
    for (const name of ['a', 'b', 'c']) await analyses.warm(callerAt('RED'), ...question(name));
    expect(computed).toEqual(['a', 'b', 'c']);
    // A refused question is not one to compute again after a write.
    await analyses.warm(callerAt('RED'), JSON.stringify({ kind: 'refused' }), async () => {
      throw AppError.notFound('Region', 'region-nowhere');
    });
    computed.length = 0;
    // Start-up's warming takes no slot (as before); the recomputations after a write do.
    most = 0;
    let open = () => {};
    gate = new Promise((resolve) => (open = resolve));
    const before = analyses.computations;
    await writeActor(other, 'Superseded broker probe');
    // The most recently asked question first, holding the only slot until the gate opens.
    await vi.waitFor(() => expect(analyses.computations).toBe(before + 1), { timeout: 60_000, interval: 20 });
    // A request for a question still waiting for its slot waits for that computation (503 "computing"
    // past its wait) instead of computing it a second time on its own budget.
    await expect(analyses.answer(callerAt('RED'), ...question('a'))).rejects.toMatchObject({ status: 503, code: 'computing' });
    expect(analyses.computations).toBe(before + 1);
    await writeActor(other, 'Superseding broker probe');
    await analyses.refresh();
    // The older version's 'c' is stopped before its gate opens: its slot takes the newer version's 'c' at once.
    await vi.waitFor(() => expect(analyses.computations).toBe(before + 2), { timeout: 60_000, interval: 20 });
    expect(computed).toEqual([]);
    open();
    await vi.waitFor(() => expect(analyses.computations).toBe(before + 4), { timeout: 60_000, interval: 20 });
    await analyses.rewarming;
    // The older version's 'c' never finished; its 'b' and 'a' were never started; the refused one neither.
    expect(computed).toEqual(['c', 'b', 'a']);
    expect(most).toBe(1);
    expect(analyses.size).toBe(3);
    const current = await readGraphVersion(db);
    for (const name of ['a', 'b', 'c']) {
      const kept = await analyses.answer(callerAt('RED'), ...question(name));
      expect(JSON.parse(kept.body.toString())).toEqual({ name, version: current });
    }
    expect(analyses.computations).toBe(before + 4);
  }, 240_000);
});
