import { GAP_KINDS, GAP_LIMITS } from '@atlas/seed';
import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/src/app.js';
import type { Sensitivity } from '../../server/src/config.js';
import type { Database } from '../../server/src/db/database.js';
import { coverage } from '../../server/src/features/coverage/service.js';
import { findGaps } from '../../server/src/features/gaps/service.js';
import { PlannerCache } from '../../server/src/features/planner/cache.js';
import { allowedLevels, type Caller } from '../../server/src/http/caller.js';
import { today } from '../../server/src/http/validate.js';
import { freshSeededDatabase, testDatabase } from '../support/neo4j.js';

// Two apps over one Neo4j, each with its own planner cache: two API processes. Writes go through
// one, answers are read through the other, and every answer is compared with a cold computation
// (the service functions without any cache).
let db: Database;
let reader: Express;
let writer: Express;
const caches: PlannerCache[] = [];

const app = () => {
  const planner = new PlannerCache(db);
  caches.push(planner);
  return createApp({ db, clearance: 'RED', planner });
};

beforeAll(async () => {
  db = testDatabase();
  await freshSeededDatabase(db);
  reader = app();
  writer = app();
}, 180_000);

afterAll(async () => {
  for (const c of caches) c.close();
  await db?.close();
});

const callerAt = (clearance: Sensitivity) => ({ clearance, allowed: allowedLevels(clearance), userId: 'test', role: 'admin' }) as Caller;
const plain = (value: unknown) => JSON.parse(JSON.stringify(value));

const GAPS_PAGE = 40;
const gapsOf = async (through: Express, clearance: Sensitivity, query: Record<string, string> = {}) =>
  (
    await request(through)
      .get('/api/gaps')
      .query({ limit: GAPS_PAGE, ...query })
      .set('X-Atlas-Clearance', clearance)
      .expect(200)
  ).body;

const coldGaps = async (clearance: Sensitivity, focus: { threat?: string; region?: string } = {}) =>
  plain(
    await findGaps(db, callerAt(clearance), {
      kinds: [...GAP_KINDS],
      asOf: today(),
      hops: GAP_LIMITS.defaultHops,
      limit: GAPS_PAGE,
      offset: 0,
      ...focus,
    }),
  );

const gridOf = async (through: Express, clearance: Sensitivity) =>
  (await request(through).get('/api/coverage').query({ level: 'subregion' }).set('X-Atlas-Clearance', clearance).expect(200)).body;

const coldGrid = async (clearance: Sensitivity) => plain(await coverage(db, callerAt(clearance), { level: 'subregion', asOf: today() }));

const FOCUS = { threat: 'threat-armed-conflict', region: 'region-west-africa' };

describe('the planner cache: kept per graph version and clearance, the same answers as a cold computation', () => {
  it('a RED answer never serves GREEN, hits equal misses, and a write through another process is seen at once', async () => {
    const green = await gapsOf(reader, 'GREEN');
    const red = await gapsOf(reader, 'RED');
    expect(green).toEqual(await coldGaps('GREEN'));
    expect(red).toEqual(await coldGaps('RED'));
    // The seed holds facts above CLEAR that change the counts: a RED answer served to CLEAR would show.
    const clear = await gapsOf(reader, 'CLEAR');
    expect(clear).toEqual(await coldGaps('CLEAR'));
    expect(clear.counts).not.toEqual(red.counts);
    // Hits (the same app again) answer what the misses did.
    expect(await gapsOf(reader, 'GREEN')).toEqual(green);
    expect(await gapsOf(reader, 'RED')).toEqual(red);
    // A focused question answered from the whole graph's kept facts equals the cold one read for it alone.
    expect(await gapsOf(reader, 'RED', FOCUS)).toEqual(await coldGaps('RED', FOCUS));
    const greenGrid = await gridOf(reader, 'GREEN');
    expect(greenGrid).toEqual(await coldGrid('GREEN'));
    expect(await gridOf(reader, 'GREEN')).toEqual(greenGrid);
    expect(await gridOf(reader, 'RED')).toEqual(await coldGrid('RED'));

    // A RED funding fact written through the other process: RED answers change, GREEN ones do not.
    const funds = await request(writer)
      .post('/api/relationships')
      .send({
        type: 'FUNDS',
        from: 'actor-world-bank',
        to: 'init-peacebuilding-burkina-faso',
        properties: { sensitivity: 'RED', sourceIds: ['src-note-2019'], quotes: ['a quote'] },
      })
      .expect(201);
    const redAfter = await gapsOf(reader, 'RED');
    expect(redAfter).toEqual(await coldGaps('RED'));
    expect(redAfter.counts).not.toEqual(red.counts);
    expect(await gapsOf(reader, 'GREEN')).toEqual(green);
    expect(await gridOf(reader, 'RED')).toEqual(await coldGrid('RED'));

    // The other way: writes through the reader, read back through the writer (which kept RED answers).
    expect(await gapsOf(writer, 'RED')).toEqual(redAfter);
    await request(reader)
      .delete(`/api/relationships/${encodeURIComponent(funds.body.id)}`)
      .set('If-Match', '1')
      .expect(204);
    expect(await gapsOf(writer, 'RED')).toEqual(red);
    const greenFunds = await request(reader)
      .post('/api/relationships')
      .send({
        type: 'FUNDS',
        from: 'actor-afdb',
        to: 'init-peacebuilding-burkina-faso',
        properties: { sensitivity: 'GREEN', sourceIds: ['src-note-2019'], quotes: ['a quote'] },
      })
      .expect(201);
    try {
      const greenAfter = await gapsOf(writer, 'GREEN');
      expect(greenAfter).toEqual(await coldGaps('GREEN'));
      expect(greenAfter.counts).not.toEqual(green.counts);
      expect(await gapsOf(writer, 'RED')).toEqual(await coldGaps('RED'));
      expect(await gridOf(writer, 'GREEN')).toEqual(await coldGrid('GREEN'));
    } finally {
      await request(reader)
        .delete(`/api/relationships/${encodeURIComponent(greenFunds.body.id)}`)
        .set('If-Match', '1')
        .expect(204);
    }
  }, 300_000);

  it('past its budget a whole-graph count answers 503 "computing" with Retry-After, then the counts once computed', async () => {
    const planner = new PlannerCache(db, { budgets: { gapsMs: 0, coverageMs: 0 } });
    caches.push(planner);
    const impatient = createApp({ db, clearance: 'RED', planner, analysisBudgets: { gapsMs: 0, coverageMs: 0 } });
    const first = await request(impatient).get('/api/gaps').query({ limit: GAPS_PAGE }).expect(503);
    expect(first.headers['retry-after']).toMatch(/^\d+$/);
    expect(first.body).toMatchObject({
      status: 503,
      type: expect.stringMatching(/computing$/),
      detail: expect.stringMatching(/Retry-After/),
    });
    let answer = first;
    for (let i = 0; i < 300 && answer.status === 503; i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      answer = await request(impatient).get('/api/gaps').query({ limit: GAPS_PAGE });
    }
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual(await coldGaps('RED'));
  }, 120_000);
});
