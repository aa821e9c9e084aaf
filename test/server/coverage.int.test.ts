import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/src/db/database.js';
import { computeCoverage } from '../../server/src/features/coverage/service.js';
import { loadGapFacts } from '../../server/src/features/gaps/service.js';
import type { Caller } from '../../server/src/http/caller.js';
import { openTestApp } from '../support/app.js';

const red = { clearance: 'RED', allowed: ['CLEAR', 'GREEN', 'AMBER', 'RED'] } as Caller;

// The first requests compile the queries in a cold Neo4j; on a loaded machine that alone can take tens of seconds.
const SLOW = { timeout: 120_000 };
let db: Database;
let app: Express;

beforeAll(async () => {
  ({ db, app } = await openTestApp({ seeded: true }));
});
afterAll(() => db?.close());

interface Cell {
  threat: { id: string };
  region: { id: string };
  positioned: number;
  affected: boolean;
  gaps: Record<string, number>;
}

const grid = async (level: string, clearance = 'RED', asOf = '2024-06-01') =>
  (await request(app).get('/api/coverage').set('X-Atlas-Clearance', clearance).query({ level, asOf }).expect(200)).body as {
    level: string;
    threats: Array<{ id: string }>;
    regions: Array<{ id: string }>;
    cells: Cell[];
  };

const cell = (cells: Cell[], threat: string, region: string) => cells.find((c) => c.threat.id === threat && c.region.id === region) as Cell;

describe('GET /api/coverage on the seed graph', SLOW, () => {
  it('gives one cell per threat and region of the level, agreeing with the responders endpoint', async () => {
    const body = await grid('subregion');
    expect(body.cells).toHaveLength(body.threats.length * body.regions.length);
    const erv = cell(body.cells, 'threat-election-related-violence', 'region-west-africa');
    expect(erv.affected).toBe(true);
    const responders = (
      await request(app)
        .get('/api/responders')
        .query({ threat: 'threat-election-related-violence', region: 'region-west-africa', asOf: '2024-06-01', limit: 200 })
        .expect(200)
    ).body.responders as Array<{ positioned: boolean; organs?: Array<{ positioned: boolean }> }>;
    const rows = responders.flatMap((r) => [r, ...(r.organs ?? [])]);
    expect(erv.positioned).toBe(rows.filter((r) => r.positioned).length);
    expect(erv.gaps.uncovered).toBe(0);
  });

  it('marks the OAS in Venezuela and Nicaragua in the country grid (Nicaragua until its withdrawal took effect), and nothing where no threat is recorded', async () => {
    const before = await grid('country', 'RED', '2023-06-01');
    expect(cell(before.cells, 'threat-political-crisis', 'country-ve').gaps['presence-without-mandate']).toBe(1);
    expect(cell(before.cells, 'threat-political-crisis', 'country-ni').gaps['presence-without-mandate']).toBe(1);
    const body = await grid('country');
    expect(cell(body.cells, 'threat-political-crisis', 'country-ve').gaps['presence-without-mandate']).toBe(1);
    expect(cell(body.cells, 'threat-political-crisis', 'country-ni').gaps['presence-without-mandate']).toBe(0);
    const quiet = cell(body.cells, 'threat-political-crisis', 'country-ar');
    expect(quiet.affected).toBe(false);
    expect(quiet.gaps['presence-without-mandate']).toBe(0);
    expect(quiet.gaps.uncovered).toBe(0);
  });

  it('does not let a RED actor change any number a GREEN caller sees', async () => {
    const before = await grid('continent', 'GREEN');
    await db.write(
      `CREATE (a:Actor {id: 'actor-hidden', name: 'Hidden network', kind: 'civil-society', sensitivity: 'RED', sourceIds: [], quotes: []})
       CREATE (m:Mandate {id: 'mandate-hidden', name: 'Hidden mandate', sensitivity: 'RED', sourceIds: [], quotes: []})
       WITH a, m
       MATCH (t:Threat {id: 'threat-climate-related-security-risk'}), (r:Region {id: 'region-africa'}), (e:Actor {id: 'actor-ecowas'})
       CREATE (a)-[:HAS_MANDATE {id: 'h1', sensitivity: 'RED', sourceIds: [], quotes: []}]->(m)
       CREATE (m)-[:COVERS {id: 'h2', sensitivity: 'RED', sourceIds: [], quotes: []}]->(t)
       CREATE (m)-[:APPLIES_IN {id: 'h3', sensitivity: 'RED', sourceIds: [], quotes: []}]->(r)
       CREATE (a)-[:OPERATES_IN {id: 'h4', sensitivity: 'RED', sourceIds: [], quotes: []}]->(r)
       CREATE (a)-[:PROVIDES_DATA_TO {id: 'h5', sensitivity: 'RED', sourceIds: [], quotes: []}]->(e)`,
    );
    try {
      expect(await grid('continent', 'GREEN')).toEqual(before);
      const red = await grid('continent', 'RED');
      expect(cell(red.cells, 'threat-climate-related-security-risk', 'region-africa').positioned).toBe(
        cell(before.cells, 'threat-climate-related-security-risk', 'region-africa').positioned + 1,
      );
    } finally {
      await db.write("MATCH (n) WHERE n.id IN ['actor-hidden', 'mandate-hidden'] DETACH DELETE n");
    }
  });

  it('narrows the grid to a threat (with subtypes) and the regions inside a region', async () => {
    const body = (
      await request(app)
        .get('/api/coverage')
        .query({ level: 'country', threat: 'threat-political-crisis', region: 'region-central-america', asOf: '2023-06-01' })
        .expect(200)
    ).body as { threats: Array<{ id: string }>; regions: Array<{ id: string }>; cells: Cell[] };
    expect(body.threats.map((t) => t.id).sort()).toEqual(['threat-election-related-violence', 'threat-political-crisis']);
    expect(body.regions.map((r) => r.id)).toContain('country-ni');
    expect(body.regions.map((r) => r.id)).not.toContain('country-ve');
    expect(cell(body.cells, 'threat-political-crisis', 'country-ni').gaps['presence-without-mandate']).toBe(1);
    const unknown = await request(app).get('/api/coverage').query({ threat: 'threat-nope' }).expect(404);
    expect(unknown.body.detail).toContain('threat-nope');
  });

  it('a grid past its time budget is a 422 saying how to narrow it', async () => {
    const { fb, rows } = await loadGapFacts(db, red, '2024-06-01');
    expect(() => computeCoverage(fb, rows, { level: 'country', asOf: '2024-06-01', timeBudgetMs: -1 })).toThrow(
      expect.objectContaining({ status: 422, code: 'query-timeout', detail: expect.stringMatching(/higher level/) }),
    );
    // With time to spare the same grid is computed.
    expect(computeCoverage(fb, rows, { level: 'continent', asOf: '2024-06-01' }).cells.length).toBeGreaterThan(0);
  });

  it('rejects an unknown level and a bad date', async () => {
    const bad = await request(app).get('/api/coverage').query({ level: 'galaxy', asOf: '2024-02-30' }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['query.asOf', 'query.level']);
  });
});
