// npm run backup / npm run restore (issue 12): a dump of a stopped local Neo4j restored into an
// empty data folder holds every node, relationship and property, the audit trail among them, and
// the app serves from it. Runs two Neo4j of its own (the backup needs the database stopped).
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { dumpLocalDatabase, LocalDatabaseInUse, type LocalNeo4j, loadLocalDatabase, startLocalNeo4j } from '@atlas/neo4j-local';
import { readSeed } from '@atlas/seed';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/src/app.js';
import { Database } from '../../server/src/db/database.js';
import { applySchema } from '../../server/src/db/schema.js';
import { loadSeedGraph } from '../../server/src/db/seedLoader.js';

let root: string;
const running: LocalNeo4j[] = [];

async function start(dataDir: string): Promise<{ neo4j: LocalNeo4j; db: Database }> {
  const neo4j = await startLocalNeo4j({ boltPort: 0, dataDir, heap: '512m', pageCache: '64m', plugins: false, log: () => {} });
  running.push(neo4j);
  return { neo4j, db: new Database({ uri: neo4j.uri, queryTimeoutMs: 30_000 }) };
}

/** Every node and relationship with its labels or type and all its properties, in a canonical order. */
async function everything(db: Database): Promise<{ nodes: string[]; relationships: string[] }> {
  const key = (labels: string[], props: Record<string, unknown>) => JSON.stringify([labels, props.id ?? props]);
  const nodes = await db.read('MATCH (n) RETURN labels(n) AS labels, properties(n) AS props');
  const rels = await db.read(
    'MATCH (a)-[r]->(b) RETURN type(r) AS type, properties(r) AS props, labels(a) AS al, properties(a) AS ap, labels(b) AS bl, properties(b) AS bp',
  );
  return {
    nodes: nodes.records.map((r) => JSON.stringify([[...r.get('labels')].sort(), r.get('props')])).sort(),
    relationships: rels.records
      .map((r) => JSON.stringify([r.get('type'), r.get('props'), key(r.get('al'), r.get('ap')), key(r.get('bl'), r.get('bp'))]))
      .sort(),
  };
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'atlas-backup-'));
});

afterAll(async () => {
  for (const neo4j of running) await neo4j.stop();
  await rm(root, { recursive: true, force: true });
});

describe('backup and restore of the local Neo4j', () => {
  it('round trip: every node, relationship and property and the audit come back, and the app serves them', {
    timeout: 600_000,
  }, async () => {
    const original = path.join(root, 'original');
    const { neo4j, db } = await start(original);
    await applySchema(db);
    await loadSeedGraph(db, await readSeed());
    const app = createApp({ db, clearance: 'RED' });
    const created = await request(app)
      .post('/api/entities/Actor')
      .send({ name: 'Backup probe', kind: 'civil-society', level: 'local', description: 'written before the backup', sensitivity: 'AMBER' })
      .expect(201);
    const id = created.body.id as string;
    const audit = (await request(app).get('/api/audit').expect(200)).body.entries;
    expect(audit.some((e: { entityId: string }) => e.entityId === id)).toBe(true);
    const before = await everything(db);
    expect(before.nodes.some((n) => n.includes('"AuditEntry"'))).toBe(true);

    // While the database runs, a dump is refused and leaves nothing behind.
    const early = path.join(root, 'too-early');
    await expect(dumpLocalDatabase({ dataDir: original, toDir: early, log: () => {} })).rejects.toBeInstanceOf(LocalDatabaseInUse);
    await expect(readdir(early)).rejects.toThrow();

    await db.close();
    await neo4j.stop();
    const backup = path.join(root, 'backup');
    const dumped = await dumpLocalDatabase({ dataDir: original, toDir: backup, log: () => {} });
    expect(dumped.bytes).toBeGreaterThan(0);
    await expect(dumpLocalDatabase({ dataDir: original, toDir: backup, log: () => {} })).rejects.toThrow(/already exists/);
    await expect(loadLocalDatabase({ dataDir: original, fromDir: backup, log: () => {} })).rejects.toThrow(/not empty/);

    const restored = path.join(root, 'restored');
    await loadLocalDatabase({ dataDir: restored, fromDir: backup, log: () => {} });
    const again = await start(restored);
    expect(await everything(again.db)).toEqual(before);
    const served = createApp({ db: again.db, clearance: 'RED' });
    const actor = await request(served).get(`/api/entities/Actor/${id}`).expect(200);
    expect(actor.body.properties).toMatchObject({ name: 'Backup probe', sensitivity: 'AMBER' });
    expect((await request(served).get('/api/audit').expect(200)).body.entries).toEqual(audit);
    expect((await request(served).get('/api/entities/Actor/actor-wanep').expect(200)).body.properties.name).toBeTruthy();
    await again.db.close();
  });
});
