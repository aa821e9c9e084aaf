// What an import updated shows in the audit trail like an edit: GET /api/audit, an entity's
// history and knownAt exports, per entity, filtered by clearance (issue 13: the batch audit kept
// updates only as one JSON text per batch, which none of the readers expanded).
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/src/app.js';
import type { Database } from '../../server/src/db/database.js';
import { freshSeededDatabase, testDatabase } from '../support/neo4j.js';

let db: Database;
let app: ReturnType<typeof createApp>;

interface Entry {
  action: string;
  kind: string;
  entityId: string;
  importId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  fromId: string | null;
  toId: string | null;
}

const actor = (id: string, extra: Record<string, unknown> = {}) => ({
  label: 'Actor',
  id,
  properties: { name: id, kind: 'civil-society', level: 'local', description: 'd', ...extra },
});

const relationship = (id: string, from: string, to: string, extra: Record<string, unknown> = {}) => ({
  type: 'DIALOGUE_WITH',
  id,
  from,
  to,
  properties: { confidence: 0.5, ...extra },
});

async function importDoc(nodes: unknown[], relationships: unknown[] = []): Promise<string> {
  const body = JSON.stringify({ format: 'stakeholder-atlas', version: 1, nodes, relationships });
  const res = await request(app)
    .post('/api/import?format=json')
    .set('X-Atlas-Clearance', 'RED')
    .set('Content-Type', 'application/octet-stream')
    .send(Buffer.from(body));
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.importId as string;
}

const auditSince = async (since: string, clearance: string): Promise<Entry[]> =>
  (
    await request(app)
      .get(`/api/audit?since=${encodeURIComponent(since)}`)
      .set('X-Atlas-Clearance', clearance)
      .expect(200)
  ).body.entries;

const history = (path: string, clearance: string) => request(app).get(`${path}/history`).set('X-Atlas-Clearance', clearance);

const exportAt = async (knownAt: string, clearance: string) =>
  JSON.parse(
    (
      await request(app)
        .get(`/api/export?format=json&knownAt=${encodeURIComponent(knownAt)}`)
        .set('X-Atlas-Clearance', clearance)
        .buffer(true)
        .parse((res, cb) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => {
            text += c;
          });
          res.on('end', () => cb(null, text));
        })
        .expect(200)
    ).body as string,
  ) as {
    nodes: { id: string; properties: Record<string, unknown> }[];
    relationships: { id: string; properties: Record<string, unknown> }[];
  };

const pause = () => new Promise((r) => setTimeout(r, 20));

beforeAll(async () => {
  db = testDatabase();
  await freshSeededDatabase(db);
  app = createApp({ db, clearance: 'RED' });
  await importDoc(
    [actor('actor-ia-open'), actor('actor-ia-secret', { sensitivity: 'RED' }), actor('actor-ia-lifted')],
    [
      relationship('rel-ia-open', 'actor-ia-open', 'actor-ia-lifted'),
      relationship('rel-ia-hidden-end', 'actor-ia-open', 'actor-ia-secret'),
    ],
  );
});

describe('import updates in the audit trail', () => {
  let t0: string;
  let importId: string;

  beforeAll(async () => {
    await pause();
    t0 = new Date().toISOString();
    await pause();
    importId = await importDoc(
      [
        actor('actor-ia-open', { name: 'Open, renamed by import' }),
        actor('actor-ia-secret', { sensitivity: 'RED', name: 'Secret, renamed by import' }),
        actor('actor-ia-lifted', { sensitivity: 'RED', name: 'Lifted to RED by import' }),
      ],
      [
        relationship('rel-ia-open', 'actor-ia-open', 'actor-ia-lifted', { confidence: 0.9 }),
        relationship('rel-ia-hidden-end', 'actor-ia-open', 'actor-ia-secret', { confidence: 0.9 }),
      ],
    );
  });

  it('GET /api/audit lists each updated node and relationship with its before and after states and the import id', async () => {
    const entries = await auditSince(t0, 'RED');
    const open = entries.find((e) => e.entityId === 'actor-ia-open');
    expect(open).toMatchObject({ action: 'update', kind: 'node', importId });
    expect(open?.before?.name).toBe('actor-ia-open');
    expect(open?.after?.name).toBe('Open, renamed by import');
    const rel = entries.find((e) => e.entityId === 'rel-ia-open');
    expect(rel).toMatchObject({ action: 'update', kind: 'relationship', importId, fromId: 'actor-ia-open', toId: 'actor-ia-lifted' });
    expect([rel?.before?.confidence, rel?.after?.confidence]).toEqual([0.5, 0.9]);
    expect(entries.map((e) => e.entityId).sort()).toEqual(
      ['actor-ia-lifted', 'actor-ia-open', 'actor-ia-secret', 'rel-ia-hidden-end', 'rel-ia-open'].sort(),
    );
  });

  it("an entity's history ends with the import's update", async () => {
    const entries: Entry[] = (await history('/api/entities/Actor/actor-ia-open', 'RED').expect(200)).body.entries;
    expect(entries.at(-1)).toMatchObject({
      action: 'update',
      importId,
      after: expect.objectContaining({ name: 'Open, renamed by import' }),
    });
    const rel: Entry[] = (await history('/api/relationships/rel-ia-open', 'RED').expect(200)).body.entries;
    expect(rel.at(-1)).toMatchObject({ action: 'update', importId });
  });

  it('a knownAt export before the import shows the states the import replaced', async () => {
    const then = await exportAt(t0, 'RED');
    expect(then.nodes.find((n) => n.id === 'actor-ia-open')?.properties.name).toBe('actor-ia-open');
    expect(then.nodes.find((n) => n.id === 'actor-ia-lifted')?.properties.sensitivity).toBe('CLEAR');
    expect(then.relationships.find((r) => r.id === 'rel-ia-open')?.properties.confidence).toBe(0.5);
    const now = await exportAt(new Date().toISOString(), 'RED');
    expect(now.nodes.find((n) => n.id === 'actor-ia-open')?.properties.name).toBe('Open, renamed by import');
  });

  it('a caller below an updated element’s level sees none of its updates, nor of those touching a hidden end', async () => {
    const green = await auditSince(t0, 'GREEN');
    expect(green.map((e) => e.entityId)).toEqual(['actor-ia-open']);
    expect(JSON.stringify(green)).not.toMatch(/Secret|Lifted|rel-ia/);
    await history('/api/entities/Actor/actor-ia-secret', 'GREEN').expect(404);
    await history('/api/entities/Actor/actor-ia-lifted', 'GREEN').expect(404);
    await history('/api/relationships/rel-ia-hidden-end', 'GREEN').expect(404);
    // Lifted to RED: its earlier (CLEAR) creation is no longer the GREEN caller's to see either.
    const all: Entry[] = (await request(app).get('/api/audit').set('X-Atlas-Clearance', 'GREEN').expect(200)).body.entries;
    expect(all.some((e) => e.entityId === 'actor-ia-lifted' || e.entityId === 'rel-ia-open')).toBe(false);
  });
});
