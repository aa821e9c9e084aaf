import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/src/app.js';
import type { Database } from '../../server/src/db/database.js';
import { applySchema } from '../../server/src/db/schema.js';
import { importGraph } from '../../server/src/features/transfer/importer.js';
import { readJsonRows } from '../../server/src/features/transfer/readers/jsonReader.js';
import { freshSeededDatabase, resetGraph, testDatabase } from '../support/neo4j.js';

let db: Database;
let app: ReturnType<typeof createApp>;
let tmp: string;

beforeAll(async () => {
  db = testDatabase();
  await freshSeededDatabase(db);
  app = createApp({ db, clearance: 'RED' });
  tmp = await mkdtemp(path.join(os.tmpdir(), 'atlas-transfer-test-'));
});

afterAll(async () => {
  await db?.close();
  await rm(tmp, { recursive: true, force: true });
});

interface Doc {
  nodes: { label: string; id: string; properties: Record<string, unknown> }[];
  relationships: { type: string; id: string; from: string; to: string; properties: Record<string, unknown> }[];
}

/** Nodes and relationships of the graph itself (the audit trail, of edits and of imports, aside). */
async function graphCounts(): Promise<{ nodes: number; relationships: number }> {
  const r = await db.read(
    'CALL () { MATCH (n) WHERE NOT (n:AuditEntry OR n:ImportRun OR n:ImportBatch) RETURN count(n) AS nodes } CALL () { MATCH ()-[r]->() RETURN count(r) AS rels } RETURN nodes, rels',
  );
  return { nodes: r.records[0]?.get('nodes'), relationships: r.records[0]?.get('rels') };
}

const auditCount = async () =>
  (await db.read('MATCH (e) WHERE e:AuditEntry OR e:ImportRun OR e:ImportBatch RETURN count(e) AS n')).records[0]?.get('n') as number;

/** The comparable content of an export: ids, labels/types, ends and properties, sorted. */
function content(doc: Doc) {
  return {
    nodes: doc.nodes.map((n) => ({ label: n.label, id: n.id, properties: n.properties })).sort((a, b) => a.id.localeCompare(b.id)),
    relationships: doc.relationships
      .map((r) => ({ type: r.type, id: r.id, from: r.from, to: r.to, properties: r.properties }))
      .sort((a, b) => a.id.localeCompare(b.id)),
  };
}

const exportText = async (query: string, clearance = 'RED') =>
  (
    await request(app)
      .get(`/api/export?${query}`)
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
  ).body as string;

const exportJson = async (clearance = 'RED', extra = '') => JSON.parse(await exportText(`format=json${extra}`, clearance)) as Doc;

const importBody = (format: string, body: string) =>
  request(app).post(`/api/import?format=${format}`).set('Content-Type', 'application/octet-stream').send(Buffer.from(body));

async function emptyDatabase(): Promise<void> {
  await resetGraph(db);
  await applySchema(db);
}

describe('JSON reader', () => {
  it('streams elements with their lines, whatever the chunking', async () => {
    const text =
      '{"format": "stakeholder-atlas", "version": 1,\n"nodes": [\n{"label": "Actor", "id": "a-1", "properties": {"name": "x, \\"}]"}},\n{"label": "Region", "id": "r-1"}\n],\n"relationships": [\n{"type": "OPERATES_IN", "from": "a-1", "to": "r-1"}\n]}';
    for (const size of [1, 3, 7, text.length]) {
      const chunks = [];
      for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size));
      const rows = [];
      for await (const row of readJsonRows(Readable.from(chunks), 'f.json')) rows.push(row);
      expect(rows.map((r) => [r.kind, r.where.line, r.where.element])).toEqual([
        ['node', 3, 'nodes[0](a-1)'],
        ['node', 4, 'nodes[1](r-1)'],
        ['relationship', 7, 'relationships[0]'],
      ]);
      expect(rows[0]?.properties).toEqual({ name: 'x, "}]' });
    }
  });
});

describe('round trips into an empty database', () => {
  let original: Doc;

  beforeAll(async () => {
    original = await exportJson();
  });

  it('JSON: the same nodes, relationships, ids, properties and sources', async () => {
    expect(original.nodes.length).toBeGreaterThan(300);
    expect(original.relationships.length).toBeGreaterThan(600);
    const before = await graphCounts();
    await emptyDatabase();
    const res = await importBody('json', JSON.stringify(original));
    expect(res.status, JSON.stringify(res.body.errors?.slice(0, 8))).toBe(200);
    expect(res.body).toMatchObject({
      nodes: { created: original.nodes.length },
      relationships: { created: original.relationships.length },
    });
    expect(await graphCounts()).toEqual(before);
    const again = await exportJson();
    expect(content(again)).toEqual(content(original));
    const wanep = again.nodes.find((n) => n.id === 'actor-wanep');
    expect(wanep?.properties.sourceIds).toEqual(original.nodes.find((n) => n.id === 'actor-wanep')?.properties.sourceIds);
    expect((wanep?.properties.quotes as string[] | undefined)?.some((q) => q.length > 0)).toBe(true);
    const dated = await db.read(
      'MATCH ()-[r]->() WHERE r.validFrom IS NOT NULL RETURN count(r) AS n, all(x IN collect(r.validFrom) WHERE x < date("2100-01-01")) AS dates',
    );
    expect(dated.records[0]?.get('n')).toBeGreaterThan(0);
    expect(dated.records[0]?.get('dates')).toBe(true);
  }, 120_000);

  it('re-importing the same file changes nothing: no version bumps, no audit entries', async () => {
    const audits = await auditCount();
    const res = await importBody('json', JSON.stringify(original)).expect(200);
    expect(res.body).toMatchObject({
      nodes: { created: 0, updated: 0, unchanged: original.nodes.length },
      relationships: { created: 0, updated: 0, unchanged: original.relationships.length },
    });
    expect(await auditCount()).toBe(audits);
    const versions = await db.read('MATCH (n) WHERE NOT (n:AuditEntry OR n:ImportRun OR n:ImportBatch) RETURN max(n.version) AS v');
    expect(versions.records[0]?.get('v')).toBe(1);
  }, 120_000);

  it('GraphML: the same graph', async () => {
    const graphml = await exportText('format=graphml');
    expect(graphml).toMatch(/^<\?xml/);
    await emptyDatabase();
    await importBody('graphml', graphml).expect(200);
    expect(content(await exportJson())).toEqual(content(original));
  }, 120_000);

  it('Kumu sheets: the same graph', async () => {
    const elements = await exportText('format=kumu&sheet=elements');
    const connections = await exportText('format=kumu&sheet=connections');
    expect(elements.split('\r\n')[0]).toMatch(/^ID,Label,Type,Description,/);
    expect(connections.split('\r\n')[0]).toMatch(/^ID,From,To,Type,Direction,/);
    await emptyDatabase();
    await request(app)
      .post('/api/import?format=kumu')
      .attach('elements', Buffer.from(elements), 'elements.csv')
      .attach('connections', Buffer.from(connections), 'connections.csv')
      .expect(200);
    // A sheet cell cannot tell an empty list from no list: the only difference allowed.
    expect(withoutEmptyLists(content(await exportJson()))).toEqual(withoutEmptyLists(content(original)));
  }, 120_000);
});

function withoutEmptyLists<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (_k, v) => (Array.isArray(v) && v.length === 0 ? undefined : v)));
}

describe('all-or-nothing imports', () => {
  const node = (id: string, extra: Record<string, unknown> = {}) => ({
    label: 'Actor',
    id,
    properties: {
      name: id,
      kind: 'civil-society',
      level: 'local',
      description: 'd',
      sourceIds: ['src-note-2019'],
      quotes: ['q'],
      ...extra,
    },
  });

  it('a bad row in the middle rejects the whole file, listing every problem by file:line:field', async () => {
    const before = await graphCounts();
    const audits = await auditCount();
    const lines = [
      '{"format": "stakeholder-atlas", "version": 1, "nodes": [',
      JSON.stringify(node('actor-imp-1')),
      `,${JSON.stringify(node('actor-imp-2', { kind: 'alien', level: 'galactic' }))}`,
      `,${JSON.stringify({ ...node('actor-imp-3'), label: 'Person' })}`,
      `,${JSON.stringify(node('actor-imp-1'))}`,
      '], "relationships": [',
      JSON.stringify({ type: 'SUPPORTS', from: 'actor-imp-1', to: 'actor-wanep' }),
      `,${JSON.stringify({ type: 'COVERS', from: 'actor-imp-1', to: 'threat-violent-extremism' })}`,
      `,${JSON.stringify({ type: 'SUPPORTS', from: 'actor-imp-1', to: 'actor-nowhere' })}`,
      `,${JSON.stringify({ type: 'PARTICIPATES_IN', from: 'actor-imp-1', to: 'init-nope', properties: { role: 'boss' } })}`,
      ']}',
    ];
    const res = await importBody('json', lines.join('\n'));
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    const fields = (res.body.errors as { field: string }[]).map((e) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'import.json:3:nodes[1](actor-imp-2).properties.kind',
        'import.json:3:nodes[1](actor-imp-2).properties.level',
        'import.json:4:nodes[2](actor-imp-3).label',
        'import.json:5:nodes[3](actor-imp-1).properties.id',
        'import.json:8:relationships[1].type',
        'import.json:9:relationships[2].to',
        'import.json:10:relationships[3].properties.role',
      ]),
    );
    expect(await graphCounts()).toEqual(before);
    expect(await auditCount()).toBe(audits);
  });

  it('a relationship id given twice is named at its second and third rows, and nothing is written', async () => {
    // The streaming pass keeps only digests of relationship ids (idDigests.ts); a repeat is confirmed on the ids.
    const before = await graphCounts();
    const audits = await auditCount();
    const rel = (id: string, to: string) => JSON.stringify({ type: 'SUPPORTS', id, from: 'actor-dup-1', to });
    const lines = [
      '{"format": "stakeholder-atlas", "version": 1, "nodes": [',
      JSON.stringify(node('actor-dup-1')),
      '], "relationships": [',
      rel('rel-dup-a', 'actor-wanep'),
      `,${rel('rel-dup-b', 'actor-wanep')}`,
      `,${rel('rel-dup-a', 'actor-wanep')}`,
      `,${rel('rel-dup-a', 'actor-wanep')}`,
      ']}',
    ];
    const res = await importBody('json', lines.join('\n'));
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { field: 'import.json:6:relationships[2](rel-dup-a).id', message: "a second relationship with id 'rel-dup-a' in this import" },
      { field: 'import.json:7:relationships[3](rel-dup-a).id', message: "a second relationship with id 'rel-dup-a' in this import" },
    ]);
    expect(await graphCounts()).toEqual(before);
    expect(await auditCount()).toBe(audits);
  });

  it('names the element (its place and id) of each problem in a JSON file written on one line', async () => {
    const doc = {
      format: 'stakeholder-atlas',
      version: 1,
      nodes: [node('actor-line-1'), node('actor-line-2', { level: 'galactic' }), node('actor-line-3', { kind: 'alien' })],
      relationships: [{ type: 'SUPPORTS', id: 'rel-line-1', from: 'actor-line-1', to: 'actor-nowhere' }],
    };
    const res = await importBody('json', JSON.stringify(doc));
    expect(res.status).toBe(400);
    expect((res.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual([
      'import.json:1:nodes[1](actor-line-2).properties.level',
      'import.json:1:nodes[2](actor-line-3).properties.kind',
      'import.json:1:relationships[0](rel-line-1).to',
    ]);
  });

  it('names the Kumu column and line of each bad cell', async () => {
    const elements =
      'ID,Label,Type,Description,kind,level,sourceIds,quotes\r\nactor-k-1,K one,Actor,d,civil-society,local,src-note-2019,\r\nactor-k-2,K two,Actress,d,civil-society,local,,\r\nactor-k-3,,Actor,d,nope,local,,\r\n';
    const connections = 'From,To,Type\r\nactor-k-1,actor-k-9,SUPPORTS\r\n';
    const res = await request(app)
      .post('/api/import?format=kumu')
      .attach('elements', Buffer.from(elements), 'elements.csv')
      .attach('connections', Buffer.from(connections), 'connections.csv');
    expect(res.status).toBe(400);
    expect((res.body.errors as { field: string }[]).map((e) => e.field)).toEqual(
      expect.arrayContaining(['elements.csv:3:Type', 'elements.csv:4:Label', 'elements.csv:4:kind', 'connections.csv:2:To']),
    );
    expectNoActor('actor-k-1');
  });

  it('a failure while staging a batched import drops every staged batch and leaves updated entities untouched', async () => {
    const before = await graphCounts();
    const audits = await auditCount();
    const wanep = (await request(app).get('/api/entities/Actor/actor-wanep').expect(200)).body;
    const doc = {
      format: 'stakeholder-atlas',
      version: 1,
      nodes: [
        node('actor-imp-a'),
        node('actor-imp-b'),
        node('actor-imp-c'),
        { label: 'Actor', id: 'actor-wanep', properties: { ...wanep.properties, name: 'Renamed by import' } },
      ],
      relationships: [{ type: 'SUPPORTS', from: 'actor-imp-a', to: 'actor-wanep' }],
    };
    const file = path.join(tmp, 'batched.json');
    await writeFile(file, JSON.stringify(doc));
    let batches = 0;
    const failing = importGraph(
      db,
      { format: 'json', files: [{ name: 'batched.json', path: file }] },
      {
        caller: { clearance: 'RED', allowed: ['CLEAR', 'GREEN', 'AMBER', 'RED'] } as never,
        by: 'test',
        batchSize: 2,
        onProgress: (p) => {
          if (p.phase === 'staging' && ++batches === 2) throw new Error('connection lost');
        },
      },
    );
    await expect(failing).rejects.toThrow('connection lost');
    expect(await graphCounts()).toEqual(before);
    const after = (await request(app).get('/api/entities/Actor/actor-wanep').expect(200)).body;
    expect(after).toEqual(wanep);
    expect(await auditCount()).toBe(audits);
  });

  it('stores Cypher-injection strings in imported fields literally and changes nothing else', async () => {
    const before = await graphCounts();
    const attack = "x'}) MATCH (n) DETACH DELETE n //";
    const doc = {
      format: 'stakeholder-atlas',
      version: 1,
      nodes: [node('actor-imp-inject', { name: attack, description: attack, aliases: [attack] })],
      relationships: [],
    };
    await importBody('json', JSON.stringify(doc)).expect(200);
    expect(await graphCounts()).toEqual({ nodes: before.nodes + 1, relationships: before.relationships });
    const read = await request(app).get('/api/entities/Actor/actor-imp-inject').expect(200);
    expect(read.body.properties).toMatchObject({ name: attack, description: attack, aliases: [attack] });
  });
});

async function expectNoActor(id: string) {
  await request(app).get(`/api/entities/Actor/${id}`).expect(404);
}

describe('exports contain only what the caller may see', () => {
  beforeAll(async () => {
    await request(app)
      .post('/api/entities/Actor')
      .send({ id: 'actor-exp-red', name: 'Hidden broker', kind: 'civil-society', level: 'local', description: 'd', sensitivity: 'RED' })
      .expect(201);
    await request(app)
      .post('/api/relationships')
      .send({ type: 'DIALOGUE_WITH', id: 'rel-exp-red-1', from: 'actor-exp-red', to: 'actor-wanep' })
      .expect(201);
    await request(app)
      .post('/api/relationships')
      .send({ type: 'DIALOGUE_WITH', id: 'rel-exp-red-2', from: 'actor-wanep', to: 'actor-exp-red' })
      .expect(201);
  });

  it('leaves a RED node and its edges out of every format for a GREEN caller, with no dangling edge', async () => {
    const red = await exportJson('RED');
    expect(red.nodes.map((n) => n.id)).toContain('actor-exp-red');
    const green = await exportJson('GREEN');
    const ids = new Set(green.nodes.map((n) => n.id));
    expect(ids.has('actor-exp-red')).toBe(false);
    expect(green.nodes.every((n) => ['CLEAR', 'GREEN'].includes(n.properties.sensitivity as string))).toBe(true);
    expect(green.relationships.every((r) => ids.has(r.from) && ids.has(r.to))).toBe(true);
    expect(green.relationships.map((r) => r.id)).not.toContain('rel-exp-red-1');
    for (const query of ['format=graphml', 'format=gexf', 'format=kumu&sheet=elements', 'format=kumu&sheet=connections']) {
      const text = await exportText(query, 'GREEN');
      expect(text, query).not.toContain('actor-exp-red');
      expect(text, query).not.toContain('Hidden broker');
    }
    const gexf = await exportText('format=gexf', 'GREEN');
    expect(gexf).toContain('<gexf xmlns="http://gexf.net/1.3"');
    expect(gexf).toMatch(/<edge [^>]*start="\d{4}-\d{2}-\d{2}"/);
  });
});

describe('what we knew at an instant', () => {
  it('exports the graph as recorded then: earlier names, no later entities, deleted ones back', async () => {
    const t0 = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 20));
    await request(app)
      .post('/api/entities/Actor')
      .send({ id: 'actor-known-later', name: 'Later', kind: 'civil-society', level: 'local', description: 'd' })
      .expect(201);
    const wanep = (await request(app).get('/api/entities/Actor/actor-wanep')).body;
    await request(app)
      .patch('/api/entities/Actor/actor-wanep')
      .send({ version: wanep.version, properties: { name: 'WANEP renamed' } })
      .expect(200);
    const gone = (await request(app).get('/api/entities/Actor/actor-imp-inject')).body;
    await request(app).delete('/api/entities/Actor/actor-imp-inject').send({ version: gone.version }).expect(204);

    const then = await exportJson('RED', `&knownAt=${encodeURIComponent(t0)}`);
    const byId = new Map(then.nodes.map((n) => [n.id, n]));
    expect(byId.has('actor-known-later')).toBe(false);
    expect(byId.get('actor-wanep')?.properties.name).toBe(wanep.properties.name);
    expect(byId.has('actor-imp-inject')).toBe(true);
    const now = await exportJson('RED');
    expect(now.nodes.find((n) => n.id === 'actor-wanep')?.properties.name).toBe('WANEP renamed');
    expect(now.nodes.some((n) => n.id === 'actor-imp-inject')).toBe(false);
  });
});
