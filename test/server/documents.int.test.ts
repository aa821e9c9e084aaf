import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/src/db/database.js';
import { openTestApp } from '../support/app.js';
import { countGraph } from '../support/neo4j.js';
import { bombPdf, docx, passwordPdf, textPdf } from './documents.files.js';

let db: Database;
let app: Express;

beforeAll(async () => {
  ({ db, app } = await openTestApp({ seeded: true }));
});
afterAll(() => db?.close());

const meta = { title: 'Field report on West Africa', date: '2026-11-20', kind: 'report', sensitivity: 'CLEAR' };
const NOTE = [
  'The Sahel Peace Collective (SPC) provides ECOWAS with early-warning data on a monthly basis.',
  'The SPC also works with the West African Network for Peacebuilding in Mali and Niger.',
].join(' ');

interface Proposal {
  id: string;
  kind: string;
  status: string;
  quote: string;
  sensitivity: string;
  data: {
    label?: string;
    name?: string;
    key?: string;
    status?: string;
    type?: string;
    from?: string;
    to?: string;
    candidates?: { id: string }[];
  };
}

async function proposalsOf(documentId: string, clearance = 'RED'): Promise<Proposal[]> {
  const res = await request(app).get(`/api/documents/${documentId}/proposals`).set('X-Atlas-Clearance', clearance).expect(200);
  return res.body.proposals;
}

const decide = (documentId: string, proposalId: string, body: object) =>
  request(app).post(`/api/documents/${documentId}/proposals/${proposalId}/decision`).send(body);

const find = (ps: Proposal[], test: (p: Proposal) => boolean) => {
  const found = ps.find(test);
  if (!found) throw new Error(`no such proposal among ${ps.map((p) => `${p.kind}:${p.data.name ?? p.data.type}`).join(', ')}`);
  return found;
};

describe('bring a document, review its proposals, write the accepted facts', () => {
  let documentId: string;
  let proposals: Proposal[];

  it('pasted text becomes a Source and a document with pending proposals; nothing else reaches the graph', async () => {
    const before = await countGraph(db);
    const res = await request(app)
      .post('/api/documents')
      .send({ ...meta, text: NOTE })
      .expect(201);
    expect(res.body.duplicate).toBe(false);
    documentId = res.body.document.id;
    const source = await request(app).get(`/api/entities/Source/${res.body.document.sourceId}`).expect(200);
    expect(source.body.properties).toMatchObject({ title: meta.title, kind: 'report', sensitivity: 'CLEAR' });
    const doc = await request(app).get(`/api/documents/${documentId}`).expect(200);
    expect(doc.body.text).toBe(NOTE);
    proposals = await proposalsOf(documentId);
    expect(proposals.every((p) => p.status === 'pending')).toBe(true);
    // The Source, its audit entry, the Document and the proposals: no actor or relationship yet.
    const after = await countGraph(db);
    expect(after.relationships).toBe(before.relationships);
    const graph = await request(app).get('/api/graph?labels=Actor&limit=2000').expect(200);
    expect(JSON.stringify(graph.body)).not.toContain('Sahel Peace Collective');
  });

  it('proposes the new actor, the known ones (name, acronym, close spelling), the countries and the stated relationships with their quotes', () => {
    const spc = find(proposals, (p) => p.kind === 'entity' && p.data.name === 'Sahel Peace Collective');
    expect(spc.data.label).toBe('Actor');
    const ecowas = find(proposals, (p) => p.kind === 'mention' && p.data.key === 'actor-ecowas');
    expect(ecowas.data.status).toBe('resolved');
    find(proposals, (p) => p.kind === 'mention' && p.data.key === 'actor-wanep');
    find(proposals, (p) => p.kind === 'mention' && p.data.key === 'country-ml');
    const data = find(proposals, (p) => p.data.type === 'PROVIDES_DATA_TO');
    expect(data.data).toMatchObject({ from: 'new:Actor:sahel-peace-collective', to: 'actor-ecowas' });
    expect(data.quote).toBe(NOTE.split(' The SPC')[0]);
    // Where it works (the sentence), and the region its name states (the Sahel), as a weaker proposal.
    const operates = proposals
      .filter((p) => p.data.type === 'OPERATES_IN' && p.data.from === 'new:Actor:sahel-peace-collective')
      .map((p) => p.data.to);
    expect(operates.sort()).toEqual(['country-ml', 'country-ne', 'region-sahel']);
  });

  it('a relationship to an undecided new actor waits for that decision (409), and writes nothing', async () => {
    const rel = find(proposals, (p) => p.data.type === 'PROVIDES_DATA_TO');
    const res = await decide(documentId, rel.id, { action: 'accept' }).expect(409);
    expect(res.body.errors[0].field).toBe('body.from');
  });

  it('accepting the new actor (edited) creates it through the entities path, with source, quote and an audit entry', async () => {
    const spc = find(proposals, (p) => p.kind === 'entity' && p.data.name === 'Sahel Peace Collective');
    const res = await decide(documentId, spc.id, { action: 'accept', properties: { kind: 'civil-society', level: 'local' } }).expect(200);
    expect(res.body).toMatchObject({ status: 'accepted', resultId: 'actor-sahel-peace-collective', decidedBy: 'local' });
    const actor = await request(app).get('/api/entities/Actor/actor-sahel-peace-collective').expect(200);
    expect(actor.body.properties).toMatchObject({ acronym: 'SPC', level: 'local', quotes: [spc.quote] });
    const history = await request(app).get('/api/entities/Actor/actor-sahel-peace-collective/history').expect(200);
    expect(history.body.entries.map((e: { action: string }) => e.action)).toEqual(['create']);
    await decide(documentId, spc.id, { action: 'accept' }).expect(409);
  });

  it('accepting the relationship then writes it with the document as source and the sentence as quote', async () => {
    const rel = find(proposals, (p) => p.data.type === 'PROVIDES_DATA_TO');
    const res = await decide(documentId, rel.id, { action: 'accept', properties: { frequency: 'monthly' } }).expect(200);
    const edge = await request(app)
      .get(`/api/relationships/${encodeURIComponent(res.body.resultId)}`)
      .expect(200);
    const doc = await request(app).get(`/api/documents/${documentId}`).expect(200);
    expect(edge.body).toMatchObject({ type: 'PROVIDES_DATA_TO', from: 'actor-sahel-peace-collective', to: 'actor-ecowas' });
    expect(edge.body.properties).toMatchObject({ sourceIds: [doc.body.sourceId], quotes: [rel.quote], frequency: 'monthly' });
    const audit = await request(app)
      .get(`/api/relationships/${encodeURIComponent(res.body.resultId)}/history`)
      .expect(200);
    expect(audit.body.entries).toHaveLength(1);
  });

  it('accepting a mention cites the document on the existing entity; merge names the entity; reject writes nothing', async () => {
    const doc = await request(app).get(`/api/documents/${documentId}`).expect(200);
    const wanep = find(proposals, (p) => p.data.key === 'actor-wanep');
    await decide(documentId, wanep.id, { action: 'accept' }).expect(200);
    const actor = await request(app).get('/api/entities/Actor/actor-wanep').expect(200);
    expect(actor.body.properties.sourceIds).toContain(doc.body.sourceId);
    expect(actor.body.properties.quotes).toContain(wanep.quote);

    const mali = find(proposals, (p) => p.data.key === 'country-ml');
    const merged = await decide(documentId, mali.id, { action: 'merge', targetId: 'country-ml' }).expect(200);
    expect(merged.body).toMatchObject({ status: 'merged', resultId: 'country-ml' });

    const before = await countGraph(db);
    const operates = find(proposals, (p) => p.data.type === 'OPERATES_IN' && p.data.to === 'country-ne');
    await decide(documentId, operates.id, { action: 'reject', reason: 'not stated' }).expect(200);
    expect(await countGraph(db)).toEqual(before);
    await request(app)
      .get(`/api/relationships/${encodeURIComponent('actor-sahel-peace-collective|OPERATES_IN|country-ne')}`)
      .expect(404);
  });

  it('the same text brought again proposes nothing already proposed or decided', async () => {
    const again = await request(app)
      .post('/api/documents')
      .send({ ...meta, text: `${NOTE}\n` })
      .expect(200);
    expect(again.body).toMatchObject({ duplicate: true, added: 0, document: { id: documentId } });
    expect((await proposalsOf(documentId)).length).toBe(proposals.length);
  });

  it('an ambiguous acceptance must say which entity; a bad decision is a 400 naming the field', async () => {
    const pending = (await proposalsOf(documentId)).filter((p) => p.status === 'pending');
    const mention = find(pending, (p) => p.kind === 'mention');
    const bad = await decide(documentId, mention.id, { action: 'maybe' }).expect(400);
    expect(bad.body.errors[0].field).toBe('body.action');
    const relationship = find(pending, (p) => p.kind === 'relationship');
    const merge = await decide(documentId, relationship.id, { action: 'merge', targetId: 'actor-ecowas' }).expect(400);
    expect(merge.body.errors[0].field).toBe('body.action');
  });
});

describe('files: text, PDF and .docx; bad files refused with nothing written', () => {
  const upload = (body: Buffer | string, type: string, query = meta) =>
    request(app).post('/api/documents/upload').query(query).set('Content-Type', type).send(body);

  it('reads a PDF and a .docx into documents with proposals', async () => {
    const pdf = await upload(
      textPdf(['The Sahel Peace Collective signed a memorandum of understanding with ECOWAS.']),
      'application/pdf',
    ).expect(201);
    expect(pdf.body.document.format).toBe('pdf');
    const ps = await proposalsOf(pdf.body.document.id);
    expect(ps.filter((p) => p.data.type === 'PARTY_TO')).toHaveLength(2);
    const word = await upload(
      await docx(['The Mano River Union (MRU) supports the Economic Community of West African States.']),
      'application/octet-stream',
      {
        ...meta,
        title: 'Word note',
      },
    ).expect(201);
    expect(word.body.document.format).toBe('docx');
    const wps = await proposalsOf(word.body.document.id);
    expect(wps.map((p) => p.data.type ?? p.data.name)).toEqual(expect.arrayContaining(['Mano River Union', 'SUPPORTS']));
  });

  it.each([
    ['an empty file', () => Buffer.alloc(0), 'text/plain', 400, 'empty-document'],
    ['blank text', () => Buffer.from('   \n  '), 'text/plain', 400, 'empty-document'],
    ['a binary file', () => Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0xff, 0xfe]), 'application/octet-stream', 422, 'binary-file'],
    ['a password-protected PDF', passwordPdf, 'application/pdf', 422, 'password-protected'],
    ['an oversized file', () => Buffer.alloc(11 * 1024 ** 2, 'a'), 'text/plain', 413, 'document-too-large'],
  ])('refuses %s with a clear problem and writes nothing', async (_name, body, type, status, code) => {
    const before = await countGraph(db);
    const res = await upload(body(), type).expect(status);
    expect(res.body.type).toMatch(new RegExp(`${code}$`));
    expect(res.body.detail).toEqual(expect.any(String));
    expect(await countGraph(db)).toEqual(before);
  });

  it('refuses a PDF bomb (a small file inflating past the text limit) and writes nothing', async () => {
    const before = await countGraph(db);
    const res = await upload(bombPdf(), 'application/pdf');
    expect([413, 422]).toContain(res.status);
    expect(res.body.type).toMatch(/too-much-text|extraction-timeout|extraction-out-of-memory$/);
    expect(await countGraph(db)).toEqual(before);
  });

  it('refuses bad metadata, naming each field', async () => {
    const res = await request(app)
      .post('/api/documents')
      .send({ text: 'Some text.', title: '', date: '2026-13-01', kind: 'tweet', sensitivity: 'PURPLE' })
      .expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'body.date',
      'body.kind',
      'body.sensitivity',
      'body.title',
    ]);
  });
});

describe('clearance', () => {
  it('a GREEN viewer never sees an AMBER document, its proposals or their count, and cannot decide them', async () => {
    const amber = await request(app)
      .post('/api/documents')
      .send({ ...meta, title: 'Restricted note', sensitivity: 'AMBER', text: 'The Hidden Mediators Network (HMN) works in Mali.' })
      .expect(201);
    const id = amber.body.document.id;
    const list = await request(app).get('/api/documents').set('X-Atlas-Clearance', 'GREEN').expect(200);
    expect(JSON.stringify(list.body)).not.toContain('Restricted note');
    await request(app).get(`/api/documents/${id}`).set('X-Atlas-Clearance', 'GREEN').expect(404);
    await request(app).get(`/api/documents/${id}/proposals`).set('X-Atlas-Clearance', 'GREEN').expect(404);
    const ps = await proposalsOf(id, 'AMBER');
    expect(ps.length).toBeGreaterThan(0);
    expect(ps.every((p) => p.sensitivity === 'AMBER')).toBe(true);
    await decide(id, (ps[0] as Proposal).id, { action: 'reject' })
      .set('X-Atlas-Clearance', 'GREEN')
      .expect(404);
    await request(app).get(`/api/entities/Source/${amber.body.document.sourceId}`).set('X-Atlas-Clearance', 'GREEN').expect(404);
  });

  it('a proposal naming an AMBER entity is AMBER even in a CLEAR document, and hidden from GREEN', async () => {
    await request(app)
      .post('/api/entities/Actor')
      .send({
        id: 'actor-quiet-partner',
        name: 'Quiet Partner Alliance',
        kind: 'civil-society',
        level: 'local',
        description: 'x',
        sensitivity: 'AMBER',
      })
      .expect(201);
    const res = await request(app)
      .post('/api/documents')
      .send({ ...meta, title: 'Open note', text: 'The Quiet Partner Alliance supports ECOWAS.' })
      .expect(201);
    const all = await proposalsOf(res.body.document.id);
    expect(find(all, (p) => p.data.key === 'actor-quiet-partner').sensitivity).toBe('AMBER');
    const green = await proposalsOf(res.body.document.id, 'GREEN');
    // The sentence is the CLEAR document's own text; what must not show is the AMBER entity it names.
    expect(JSON.stringify(green)).not.toContain('actor-quiet-partner');
    const list = await request(app).get('/api/documents').set('X-Atlas-Clearance', 'GREEN').expect(200);
    const open = list.body.documents.find((d: { id: string }) => d.id === res.body.document.id);
    expect(open.proposals.pending).toBe(green.length);
  });
});
