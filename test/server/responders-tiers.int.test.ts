import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/src/db/database.js';
import { openTestApp } from '../support/app.js';
import { buildTinyGraph, type NodeSpec, type RelSpec, world, worldRels } from '../support/tinyGraph.js';

// Tiers of presence (issue 10): field presence and reach through members position an actor; a
// global remit never does. G is a global body (world presence and mandate, plus an agreement that
// makes its score higher); A a regional organization whose only member state S1 is in K1; O an
// organ of A without a mandate of its own.
let db: Database;
let app: Express;

beforeAll(async () => {
  ({ db, app } = await openTestApp({ seeded: false }));
  const nodes: NodeSpec[] = [
    ...world,
    ['Actor', 'G', { kind: 'un-entity' }],
    ['Actor', 'A', { kind: 'regional-organization' }],
    ['Actor', 'O', { kind: 'regional-body' }],
    ['Actor', 'S1', { kind: 'member-state' }],
    ['Agreement', 'AG'],
    ['Mandate', 'm-G'],
    ['Mandate', 'm-A', { reach: 'membership' }],
  ];
  const rels: RelSpec[] = [
    ...worldRels,
    ['G', 'HAS_MANDATE', 'm-G'],
    ['m-G', 'COVERS', 'T'],
    ['m-G', 'APPLIES_IN', 'W'],
    ['G', 'OPERATES_IN', 'W'],
    ['G', 'PARTY_TO', 'AG'],
    ['AG', 'TARGETS', 'T'],
    ['A', 'HAS_MANDATE', 'm-A'],
    ['m-A', 'COVERS', 'T'],
    ['m-A', 'APPLIES_IN', 'R'],
    ['A', 'OPERATES_IN', 'R'],
    ['S1', 'MEMBER_OF', 'A'],
    ['S1', 'OPERATES_IN', 'K1'],
    ['O', 'PART_OF', 'A'],
    ['O', 'OPERATES_IN', 'R'],
  ];
  await buildTinyGraph(db, nodes, rels);
});
afterAll(() => db?.close());

interface Row {
  actor: { id: string };
  score: number;
  positioned: boolean;
  presenceTier: string;
  lacks: string[];
  organs?: Row[];
}

const ranked = async (region: string): Promise<Row[]> =>
  (await request(app).get('/api/responders').query({ threat: 'T', region, asOf: '2024-01-01' }).expect(200)).body.responders;

describe('tiers of presence on a hand-made graph', { timeout: 120_000 }, () => {
  it('ranks the present, mandated regional body above a global body with a higher score, its organ grouped under it', async () => {
    const rows = await ranked('K1');
    expect(rows.map((r) => r.actor.id)).toEqual(['A', 'G']);
    const [a, g] = rows as [Row, Row];
    expect(a).toMatchObject({ positioned: true, presenceTier: 'field' });
    expect(a.organs?.map((o) => o.actor.id)).toEqual(['O']);
    expect(a.organs?.[0]).toMatchObject({ positioned: true, presenceTier: 'field' });
    expect(g).toMatchObject({ positioned: false, presenceTier: 'global' });
    expect(g.score).toBeGreaterThan(a.score);
    expect(g.lacks).toContain('global remit, no field presence in K1');
  });

  it('outside its members, the regional body and its organ do not reach; the global body is still not positioned', async () => {
    const rows = await ranked('K2');
    expect(rows.map((r) => r.actor.id)).toEqual(['G']);
    expect(rows[0]).toMatchObject({ positioned: false, presenceTier: 'global' });
  });

  it('a global remit alone never makes a coverage cell positioned', async () => {
    const body = (await request(app).get('/api/coverage').query({ level: 'country', asOf: '2024-01-01' }).expect(200)).body as {
      cells: Array<{ threat: { id: string }; region: { id: string }; positioned: number }>;
    };
    const at = (region: string) => body.cells.find((c) => c.threat.id === 'T' && c.region.id === region)?.positioned;
    expect(at('K1')).toBe(2);
    expect(at('K2')).toBe(0);
  });
});
