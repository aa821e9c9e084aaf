// Known vs absent: the data-completeness report on the seed in the real Neo4j. What the graph does
// not know about a region/threat (initiatives without funding data, actors without presence data,
// facts without a quote) is listed as unknown, recording a fact moves an element to known, and a
// fact above the caller's clearance changes nothing in the caller's answer.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/src/app.js';
import type { Database } from '../../server/src/db/database.js';
import type { CompletenessReport } from '../../server/src/features/completeness/schema.js';
import { freshSeededDatabase, testDatabase } from '../support/neo4j.js';

let db: Database;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  db = testDatabase();
  await freshSeededDatabase(db);
  app = createApp({ db, clearance: 'RED' });
}, 180_000);

afterAll(async () => {
  await db?.close();
});

const report = async (query: Record<string, string | number>, clearance = 'RED'): Promise<CompletenessReport> =>
  (await request(app).get('/api/completeness').query(query).set('X-Atlas-Clearance', clearance).expect(200)).body;

const ids = (list: { examples: Array<{ id: string }> }) => list.examples.map((e) => e.id);

async function createRelationship(body: Record<string, unknown>): Promise<string> {
  const res = await request(app).post('/api/relationships').send(body).expect(201);
  return res.body.id as string;
}

const deleteRelationship = (id: string) =>
  request(app)
    .delete(`/api/relationships/${encodeURIComponent(id)}`)
    .set('If-Match', '1')
    .expect(204);

describe('GET /api/completeness', () => {
  it('in West Africa: PBSO-supported and early-warning initiatives have no funding data, PBSO no presence data, ECOWAS has both', async () => {
    const r = await report({ region: 'region-west-africa', limit: 500 });
    expect(r).toMatchObject({ region: 'region-west-africa', threat: null });
    expect(ids(r.initiativesWithoutFunding)).toEqual(
      expect.arrayContaining(['init-peacebuilding-burkina-faso', 'init-ecowarn', 'init-ecpf']),
    );
    expect(r.initiativesWithoutFunding.unknown).toBe(r.initiativesWithoutFunding.examples.length);
    expect(r.initiativesWithoutFunding.inScope).toBeGreaterThanOrEqual(r.initiativesWithoutFunding.unknown);
    // PBSO acts in the region (it supports the Burkina Faso effort) but no OPERATES_IN of its own is recorded.
    expect(ids(r.actorsWithoutPresence)).toContain('actor-pbso');
    expect(ids(r.actorsWithoutPresence)).not.toContain('actor-ecowas');
    expect(ids(r.actorsWithoutPresence)).not.toContain('actor-oas');
    expect(r.actorsWithoutPresence.inScope).toBeGreaterThan(r.actorsWithoutPresence.unknown);
    expect(r.factsWithoutQuote.inScope).toBeGreaterThan(0);
  });

  it('recording funding moves an initiative to known; a quote-less fact shows up until it is removed', async () => {
    const before = await report({ region: 'region-west-africa', limit: 500 });
    const funds = await createRelationship({
      type: 'FUNDS',
      from: 'actor-world-bank',
      to: 'init-peacebuilding-burkina-faso',
      properties: { sourceIds: ['src-note-2019'], quotes: [''] },
    });
    try {
      const after = await report({ region: 'region-west-africa', limit: 500 });
      expect(ids(after.initiativesWithoutFunding)).not.toContain('init-peacebuilding-burkina-faso');
      expect(after.initiativesWithoutFunding.unknown).toBe(before.initiativesWithoutFunding.unknown - 1);
      expect(after.factsWithoutQuote.unknown).toBe(before.factsWithoutQuote.unknown + 1);
      expect(ids(after.factsWithoutQuote)).toContain(funds);
      const fact = after.factsWithoutQuote.examples.find((f) => f.id === funds);
      expect(fact).toMatchObject({ type: 'FUNDS', from: { id: 'actor-world-bank' }, to: { id: 'init-peacebuilding-burkina-faso' } });
    } finally {
      await deleteRelationship(funds);
    }
    expect(await report({ region: 'region-west-africa', limit: 500 })).toEqual(before);
  });

  it('a funding fact above the caller changes nothing in the caller answer (the initiative stays unknown)', async () => {
    const green = await report({ region: 'region-west-africa', limit: 500 }, 'GREEN');
    const funds = await createRelationship({
      type: 'FUNDS',
      from: 'actor-afdb',
      to: 'init-peacebuilding-burkina-faso',
      properties: { sensitivity: 'AMBER', sourceIds: ['src-note-2019'], quotes: ['a quote'] },
    });
    try {
      expect(await report({ region: 'region-west-africa', limit: 500 }, 'GREEN')).toEqual(green);
      expect(ids((await report({ region: 'region-west-africa', limit: 500 }, 'AMBER')).initiativesWithoutFunding)).not.toContain(
        'init-peacebuilding-burkina-faso',
      );
    } finally {
      await deleteRelationship(funds);
    }
  });

  it('a threat scope and the whole graph; limit caps the examples, not the counts', async () => {
    const humanitarian = await report({ threat: 'threat-humanitarian-crisis' });
    expect(ids(humanitarian.initiativesWithoutFunding)).toEqual(['init-regional-cso-humanitarian-partnerships']);
    const all = await report({ limit: 2 });
    expect(all.initiativesWithoutFunding.examples).toHaveLength(2);
    expect(all.initiativesWithoutFunding.unknown).toBeGreaterThan(2);
    expect(all.actorsWithoutPresence.unknown).toBeGreaterThan(0);
  });

  it('asOf: the former DPA (no presence recorded) is unknown in 2018 and out of the picture once it ceased to exist', async () => {
    const r2018 = await report({ asOf: '2018-06-01', limit: 500 });
    const r2020 = await report({ asOf: '2020-06-01', limit: 500 });
    expect(r2018.asOf).toBe('2018-06-01');
    expect(ids(r2018.actorsWithoutPresence)).toContain('actor-dpa');
    expect(ids(r2020.actorsWithoutPresence)).not.toContain('actor-dpa');
  });

  it('400s a bad limit or date naming the field, 404s an unknown region', async () => {
    const bad = await request(app).get('/api/completeness').query({ limit: 9999, asOf: '2020-13-01' }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['query.asOf', 'query.limit']);
    const missing = await request(app).get('/api/completeness').query({ region: 'region-atlantis' }).expect(404);
    expect(missing.body.detail).toContain('region-atlantis');
  });
});
