import { NODE_LABELS, REL_TYPES, readSeed, type SeedGraph } from '@atlas/seed';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../server/src/db/database.js';
import { applySchema, schemaStatements } from '../../server/src/db/schema.js';
import { isGraphEmpty, loadSeedGraph } from '../../server/src/db/seedLoader.js';
import { countGraph, resetGraph, testDatabase } from '../support/neo4j.js';

let db: Database;
let seed: SeedGraph;

beforeAll(async () => {
  db = testDatabase();
  seed = await readSeed();
});

afterAll(async () => {
  await db?.close();
});

describe('schema', () => {
  it('applies idempotently: a uniqueness constraint on id for every label and the full-text indexes', async () => {
    await applySchema(db);
    await applySchema(db);
    const constraints = await db.read<{ labels: string[]; properties: string[]; type: string }>(
      'SHOW CONSTRAINTS YIELD labelsOrTypes AS labels, properties, type RETURN labels, properties, type',
    );
    const uniqueLabels = constraints.records
      .filter((r) => r.get('type') === 'UNIQUENESS' && r.get('properties')[0] === 'id')
      .map((r) => r.get('labels')[0]);
    // Every graph label has one; bookkeeping labels (users, audit entries) may add their own.
    expect(uniqueLabels).toEqual(expect.arrayContaining([...NODE_LABELS]));
    expect(new Set(uniqueLabels).size).toBe(uniqueLabels.length);

    const indexes = await db.read<{ name: string; state: string }>('SHOW FULLTEXT INDEXES YIELD name, state RETURN name, state');
    expect(indexes.records.map((r) => [r.get('name'), r.get('state')])).toEqual(
      expect.arrayContaining([
        ['actor_names', 'ONLINE'],
        ['entity_names', 'ONLINE'],
      ]),
    );
    expect(uniqueLabels).toContain('Entity');
    // Migrations (MATCH ... SET) are written to find nothing left to do on a second run.
    expect(
      schemaStatements()
        .filter((s) => /^CREATE/.test(s))
        .every((s) => /IF NOT EXISTS/.test(s)),
    ).toBe(true);

    const relIndexes = await db.read<{ type: string }>(
      "SHOW RANGE INDEXES YIELD entityType, labelsOrTypes, properties WHERE entityType = 'RELATIONSHIP' AND properties = ['id'] RETURN labelsOrTypes[0] AS type",
    );
    expect(relIndexes.records.map((r) => r.get('type')).sort()).toEqual([...REL_TYPES].sort());
  });

  it('rejects a second node with an existing id', async () => {
    await resetGraph(db);
    await db.write("CREATE (:Actor {id: 'dup'})");
    await expect(db.write("CREATE (:Actor {id: 'dup'})")).rejects.toThrow(/already exists/);
  });
});

describe('seed loading', () => {
  beforeEach(async () => {
    await resetGraph(db);
    await applySchema(db);
  });

  it('loads every node and relationship of the seed, each with its sensitivity and sources', async () => {
    await db.write("CREATE (:User {id: 'u-1', username: 'someone'})");
    expect(await isGraphEmpty(db)).toBe(true);
    await db.write('MATCH (u:User) DELETE u');
    const report = await loadSeedGraph(db, seed);
    expect(report).toEqual({ nodes: seed.nodes.length, relationships: seed.relationships.length });
    expect(await countGraph(db)).toEqual({ nodes: seed.nodes.length, relationships: seed.relationships.length });
    expect(await isGraphEmpty(db)).toBe(false);

    const unsourced = await db.read<{ n: number }>(`
      CALL () { MATCH (n) WHERE NOT n:Source AND NOT n:GraphVersion AND (n.sensitivity IS NULL OR size(n.sourceIds) = 0) RETURN count(n) AS bad }
      CALL () { MATCH ()-[r]->() WHERE r.sensitivity IS NULL OR size(r.sourceIds) = 0 RETURN count(r) AS badRels }
      RETURN bad + badRels AS n`);
    expect(unsourced.records[0]?.get('n')).toBe(0);

    const feed = await db.read<{ quote: string }>(
      "MATCH (:Actor {id: 'actor-wanep'})-[r:PROVIDES_DATA_TO]->(:Actor {id: 'actor-ecowas'}) RETURN r.quotes[0] AS quote",
    );
    expect(feed.records[0]?.get('quote')).toMatch(/WANEP provides ECOWAS with data/);
  });

  it('is idempotent: loading twice leaves the same graph', async () => {
    await loadSeedGraph(db, seed);
    const once = await countGraph(db);
    await loadSeedGraph(db, seed);
    expect(await countGraph(db)).toEqual(once);
  });

  const extraRelationship = (to: string, properties: Record<string, unknown>): SeedGraph => ({
    nodes: seed.nodes,
    relationships: [
      ...seed.relationships,
      {
        type: 'SUPPORTS',
        from: 'actor-wanep',
        to,
        properties: { sensitivity: 'CLEAR', sourceIds: ['src-note-2019'], quotes: [''], ...properties },
      },
    ],
  });

  it('refuses a relationship to a node that does not exist before writing anything', async () => {
    await expect(loadSeedGraph(db, extraRelationship('actor-nowhere', {}))).rejects.toThrow(/SUPPORTS .*no node with id 'actor-nowhere'/);
    expect(await countGraph(db)).toEqual({ nodes: 0, relationships: 0 });
  });

  it('is all-or-nothing: a write Neo4j rejects after every node was merged rolls the whole load back', async () => {
    // A map is not a valid property value; Neo4j fails on the last relationship batch.
    await expect(loadSeedGraph(db, extraRelationship('actor-ecowas', { nested: { not: 'allowed' } }))).rejects.toThrow();
    expect(await countGraph(db)).toEqual({ nodes: 0, relationships: 0 });
  });
});
