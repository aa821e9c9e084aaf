import { NODE_LABELS, REL_ENDPOINTS, type RelType } from '@atlas/seed';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSyntheticGraph, syntheticActorId, syntheticPlan } from '../../seed/src/synthetic/generate.js';
import { createApp } from '../../server/src/app.js';
import type { Database } from '../../server/src/db/database.js';
import { applySchema } from '../../server/src/db/schema.js';
import { loadSyntheticGraph } from '../bench/load.js';
import { countGraph, resetGraph, testDatabase } from '../support/neo4j.js';

// A small synthetic graph through the benchmark's loader: what the bench measures at 1M actors
// must load correctly, and the API must work on it unchanged.
const ACTORS = 120;
const generated = () => generateSyntheticGraph({ actors: ACTORS, seed: 3, batchSize: 500 });

let db: Database;
let expected: { nodes: number; relationships: number };

beforeAll(async () => {
  db = testDatabase();
  await resetGraph(db);
  await applySchema(db);
  expected = { nodes: 0, relationships: 0 };
  for (const batch of generated()) {
    if (batch.kind === 'nodes') expected.nodes += batch.rows.length;
    else expected.relationships += batch.rows.length;
  }
  await loadSyntheticGraph(db, generated(), { mode: 'create' });
});

afterAll(async () => {
  await db?.close();
});

describe('loading a synthetic graph', () => {
  it('writes every generated node and relationship', async () => {
    expect(await countGraph(db)).toEqual(expected);
  });

  // About 40 statements (one per label and per relationship type and endpoint labels) are planned
  // afresh here, which takes most of the time on a busy machine.
  it('merges onto the same ids when loaded again in merge mode', { timeout: 180_000 }, async () => {
    const progress = await loadSyntheticGraph(db, generated(), { mode: 'merge' });
    expect(progress).toMatchObject(expected);
    expect(await countGraph(db)).toEqual(expected);
  });

  it('stores only relationships whose endpoint labels REL_ENDPOINTS allows, with dates as DATEs', async () => {
    const result = await db.read<{ type: RelType; from: string; to: string }>(
      'MATCH (a)-[r]->(b) RETURN DISTINCT type(r) AS type, labels(a)[0] AS from, labels(b)[0] AS to',
    );
    expect(result.records.length).toBeGreaterThan(20);
    for (const row of result.records) {
      expect(REL_ENDPOINTS[row.get('type')].from).toContain(row.get('from'));
      expect(REL_ENDPOINTS[row.get('type')].to).toContain(row.get('to'));
    }
    const dates = await db.read<{ kind: string }>(
      'MATCH ()-[r]->() WHERE r.validFrom IS NOT NULL RETURN DISTINCT valueType(r.validFrom) AS kind',
    );
    expect(dates.records.map((r) => r.get('kind'))).toEqual(['DATE NOT NULL']);
    const labels = await db.read<{ label: string }>('MATCH (n) WHERE NOT n:GraphVersion RETURN DISTINCT labels(n)[0] AS label');
    expect(new Set(labels.records.map((r) => r.get('label')))).toEqual(new Set(NODE_LABELS));
  });
});

describe('the API on a synthetic graph', () => {
  it('answers actor details, search and paths for synthetic ids', { timeout: 120_000 }, async () => {
    const app = createApp({ db, clearance: 'RED' });
    const plan = syntheticPlan(ACTORS);
    const from = syntheticActorId(100, plan);
    const actor = await request(app).get(`/api/actors/${from}`).expect(200);
    expect(actor.body.id ?? actor.body.actor?.id).toBe(from);
    const name = (actor.body.name ?? actor.body.actor?.name) as string;
    const search = await request(app)
      .get(`/api/actors/search?q=${encodeURIComponent(name)}&limit=50`)
      .expect(200);
    expect(JSON.stringify(search.body)).toContain(from);
    // Two actors with a direct tie, so the answer does not depend on how busy the machine is.
    const tie = await db.read<{ a: string; b: string }>(
      'MATCH (a:Actor)-[:DIALOGUE_WITH|SUPPORTS]->(b:Actor) RETURN a.id AS a, b.id AS b ORDER BY a, b LIMIT 1',
    );
    const [a, b] = [tie.records[0]?.get('a'), tie.records[0]?.get('b')];
    // The first paths request plans the query; on a busy machine that alone can pass the
    // endpoint's 5 s time box, so it is made once before the answer that is checked.
    await request(app).get(`/api/paths?from=${a}&to=${b}&mode=shortest&maxHops=2`);
    const paths = await request(app).get(`/api/paths?from=${a}&to=${b}&mode=shortest&maxHops=2`).expect(200);
    expect(paths.body.paths.length).toBeGreaterThan(0);
  });
});
