// Import leaks (issue 12, cases 1, 3 and 4), with real accounts and API tokens:
// (1) a GREEN editor's import row whose id belongs to a hidden node is answered as for a free id
//     (only callers who see every level choose ids; for others a file id is file-local);
// (3) a GREEN editor's import of a relationship that exists at RED neither overwrites it nor
//     re-levels it, and is answered as if it were missing;
// (4) nobody undoes an import they did not make unless they are an admin cleared for all it
//     wrote; everyone else is told what an unknown import id is told.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/src/app.js';
import type { Database } from '../../server/src/db/database.js';
import { hashPassword } from '../../server/src/features/auth/passwords.js';
import { createApiToken, createUser } from '../../server/src/features/auth/repository.js';
import { freshSeededDatabase, testDatabase } from '../support/neo4j.js';

let db: Database;
let app: ReturnType<typeof createApp>;
const tokens: Record<'admin' | 'gil' | 'gus', string> = { admin: '', gil: '', gus: '' };

beforeAll(async () => {
  db = testDatabase();
  await freshSeededDatabase(db);
  const passwordHash = await hashPassword('correct horse battery staple');
  const users = {
    admin: await createUser(db, { username: 'imp-admin', passwordHash, role: 'admin', clearance: 'RED' }),
    gil: await createUser(db, { username: 'imp-gil', passwordHash, role: 'editor', clearance: 'GREEN' }),
    gus: await createUser(db, { username: 'imp-gus', passwordHash, role: 'editor', clearance: 'GREEN' }),
  };
  for (const who of ['admin', 'gil', 'gus'] as const) tokens[who] = (await createApiToken(db, users[who].id, 'test')).token;
  app = createApp({ db, clearance: 'RED', auth: { sessionSecret: 'test-session-secret-that-is-long-enough-0123456789' } });
}, 600_000);

afterAll(async () => {
  await db?.close();
});

const doc = (nodes: unknown[], relationships: unknown[]) =>
  JSON.stringify({ format: 'stakeholder-atlas', version: 1, nodes, relationships });

const importAs = (who: keyof typeof tokens, body: string, clearance?: string) => {
  const req = request(app)
    .post('/api/import?format=json')
    .set('Authorization', `Bearer ${tokens[who]}`)
    .set('Content-Type', 'application/octet-stream');
  return (clearance ? req.set('X-Atlas-Clearance', clearance) : req).send(Buffer.from(body));
};

const undoAs = (who: keyof typeof tokens, importId: string, clearance?: string) => {
  const req = request(app).delete(`/api/import/${importId}`).set('Authorization', `Bearer ${tokens[who]}`);
  return clearance ? req.set('X-Atlas-Clearance', clearance) : req;
};

const tie = (id: string, from: string, to: string, sensitivity: string, quote: string) => ({
  type: 'DIALOGUE_WITH',
  id,
  from,
  to,
  properties: { sensitivity, sourceIds: ['src-note-2019'], quotes: [quote] },
});

/** What an import answer says, without its id and timings. */
const answer = (res: request.Response) => ({ status: res.status, nodes: res.body.nodes, relationships: res.body.relationships });

async function relationshipsWithId(id: string): Promise<{ sensitivity: string; quotes: string[]; version: number }[]> {
  const r = await db.read('MATCH ()-[r {id: $id}]->() RETURN r.sensitivity AS s, r.quotes AS q, r.version AS v ORDER BY s', { id });
  return r.records.map((x) => ({ sensitivity: x.get('s'), quotes: x.get('q'), version: x.get('v') }));
}

describe('case 1: a GREEN import row with a hidden node’s id', () => {
  const actor = (id: string, name: string, sensitivity: string) => ({
    label: 'Actor',
    id,
    properties: { name, kind: 'civil-society', level: 'local', description: 'd', sensitivity },
  });
  // The tie has no id of its own: the server makes it from its ends.
  const withTie = (id: string, name: string) =>
    doc([actor(id, name, 'GREEN')], [{ ...tie('', id, 'actor-wanep', 'GREEN', 'public'), id: undefined }]);
  const byFileId = async (fileId: string) =>
    (
      await db.read(
        `MATCH (n:Actor {fileId: $fileId}) OPTIONAL MATCH (n)-[r:DIALOGUE_WITH]->(:Actor {id: 'actor-wanep'})
         RETURN n.id AS id, n.name AS name, n.sensitivity AS s, collect(r.id) AS ties`,
        { fileId },
      )
    ).records.map((r) => ({ id: r.get('id') as string, name: r.get('name'), sensitivity: r.get('s'), ties: r.get('ties') }));

  beforeAll(async () => {
    const res = await importAs('admin', doc([actor('actor-leak-hidden-id', 'Hidden actor', 'RED')], []));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  });

  it('is answered exactly as for a free id, creates a node with a server-made id, and leaves the hidden node as it was', async () => {
    const free = await importAs('gil', withTie('actor-leak-free-id', 'Free'));
    const hidden = await importAs('gil', withTie('actor-leak-hidden-id', 'Shadow'));
    expect(answer(hidden)).toEqual(answer(free));
    expect(answer(hidden)).toMatchObject({ status: 200, nodes: { created: 1, updated: 0, unchanged: 0 } });
    const [made] = await byFileId('actor-leak-hidden-id');
    expect(made).toMatchObject({ name: 'Shadow', sensitivity: 'GREEN' });
    expect(made?.id).toMatch(/^actor-[0-9a-f-]{36}$/);
    // The file's relationship follows the node to its new id.
    expect(made?.ties).toEqual([`${made?.id}|DIALOGUE_WITH|actor-wanep`]);
    const original = await db.read(
      "MATCH (n:Actor {id: 'actor-leak-hidden-id'}) RETURN n.name AS name, n.sensitivity AS s, n.version AS v",
    );
    expect(original.records.map((r) => [r.get('name'), r.get('s'), r.get('v')])).toEqual([['Hidden actor', 'RED', 1]]);
  });

  it('a row naming a node the editor sees updates it; a visible node of another label is still a clash', async () => {
    const [made] = await byFileId('actor-leak-free-id');
    const again = await importAs('gil', doc([actor(made?.id ?? '', 'Free, renamed', 'GREEN')], []));
    expect(answer(again)).toMatchObject({ status: 200, nodes: { created: 0, updated: 1, unchanged: 0 } });
    const renamed = await db.read('MATCH (n:Actor {id: $id}) RETURN n.name AS name, n.version AS v', { id: made?.id });
    expect(renamed.records.map((r) => [r.get('name'), r.get('v')])).toEqual([['Free, renamed', 2]]);
    const clash = await importAs('gil', doc([actor('region-west-africa', 'Not a region', 'GREEN')], []));
    expect(clash.status).toBe(400);
    expect(JSON.stringify(clash.body)).toContain('already taken by another node');
  });

  it('an admin who sees every level still chooses ids, and is told of a clash', async () => {
    const clash = await importAs('admin', doc([actor('region-west-africa', 'Not a region', 'GREEN')], []));
    expect(clash.status).toBe(400);
    const own = await importAs('admin', doc([actor('actor-leak-admin-id', 'Admin’s', 'GREEN')], []));
    expect(own.status).toBe(200);
    expect((await db.read("MATCH (n:Actor {id: 'actor-leak-admin-id'}) RETURN n.fileId AS f")).records[0]?.get('f')).toBeNull();
  });
});

describe('case 3: a GREEN import of a relationship that exists at RED', () => {
  const pair = ['actor-wanep', 'actor-ecowas'] as const;
  const control = ['actor-wanep', 'actor-au'] as const;

  beforeAll(async () => {
    const res = await importAs('admin', doc([], [tie('rel-leak-hidden', ...pair, 'RED', 'what only RED may read')]));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  });

  it('is answered exactly as for a missing one, and leaves the RED one as it was', async () => {
    const missing = await importAs('gil', doc([], [tie('rel-leak-free', ...control, 'GREEN', 'public')]));
    const hidden = await importAs('gil', doc([], [tie('rel-leak-hidden', ...pair, 'GREEN', 'public')]));
    expect(answer(hidden)).toEqual(answer(missing));
    expect(answer(hidden)).toMatchObject({ status: 200, relationships: { created: 1, updated: 0, unchanged: 0 } });
    expect(await relationshipsWithId('rel-leak-hidden')).toEqual([
      { sensitivity: 'GREEN', quotes: ['public'], version: 1 },
      { sensitivity: 'RED', quotes: ['what only RED may read'], version: 1 },
    ]);
  });

  it('matches the GREEN editor’s own relationship on a re-import, never the hidden one', async () => {
    const again = await importAs('gil', doc([], [tie('rel-leak-hidden', ...pair, 'GREEN', 'public, amended')]));
    expect(answer(again)).toMatchObject({ status: 200, relationships: { created: 0, updated: 1, unchanged: 0 } });
    expect(await relationshipsWithId('rel-leak-hidden')).toEqual([
      { sensitivity: 'GREEN', quotes: ['public, amended'], version: 2 },
      { sensitivity: 'RED', quotes: ['what only RED may read'], version: 1 },
    ]);
  });
});

describe('case 4: undoing an import (DELETE /api/import/:id)', () => {
  const redActor = {
    label: 'Actor',
    id: 'actor-leak-red-broker',
    properties: { name: 'Hidden broker', kind: 'civil-society', level: 'local', description: 'd', sensitivity: 'RED' },
  };
  let adminImport = '';
  const stillThere = async () =>
    (await db.read("MATCH (n:Actor {id: 'actor-leak-red-broker'}) RETURN n.sensitivity AS s")).records.map((r) => r.get('s'));
  const batches = async (importId: string) =>
    (await db.read('MATCH (b:ImportBatch {importId: $importId}) RETURN count(b) AS n', { importId })).records[0]?.get('n');

  beforeAll(async () => {
    const res = await importAs('admin', doc([redActor], [tie('rel-leak-red-tie', 'actor-leak-red-broker', 'actor-wanep', 'RED', 'q')]));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    adminImport = res.body.importId;
  });

  it('a GREEN editor cannot undo an admin’s import: told as for an unknown id, and nothing changes', async () => {
    const unknown = await undoAs('gil', '00000000-0000-4000-8000-000000000000');
    const res = await undoAs('gil', adminImport);
    expect(res.status).toBe(404);
    expect({ ...res.body, detail: undefined, instance: undefined, requestId: undefined }).toEqual({
      ...unknown.body,
      detail: undefined,
      instance: undefined,
      requestId: undefined,
    });
    expect(await stillThere()).toEqual(['RED']);
    expect(await batches(adminImport)).toBe(2);
  });

  it('an admin looking at GREEN (lowered clearance) cannot undo what was written at RED', async () => {
    expect((await undoAs('admin', adminImport, 'GREEN')).status).toBe(404);
    expect(await stillThere()).toEqual(['RED']);
  });

  it('a GREEN editor cannot undo another editor’s import, but can undo their own', async () => {
    const node = { ...redActor, id: 'actor-leak-gus', properties: { ...redActor.properties, name: 'Gus’s actor', sensitivity: 'GREEN' } };
    const res = await importAs('gus', doc([node], []));
    expect(res.status).toBe(200);
    expect((await undoAs('gil', res.body.importId)).status).toBe(404);
    expect((await db.read("MATCH (n:Actor {fileId: 'actor-leak-gus'}) RETURN count(n) AS n")).records[0]?.get('n')).toBe(1);
    const undone = await undoAs('gus', res.body.importId);
    expect(undone.body).toMatchObject({ undone: 1, kept: 0 });
    expect((await db.read("MATCH (n:Actor {fileId: 'actor-leak-gus'}) RETURN count(n) AS n")).records[0]?.get('n')).toBe(0);
  });

  it('the admin who made it (at RED) can undo it', async () => {
    const res = await undoAs('admin', adminImport);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ undone: 2, kept: 0 });
    expect(await stillThere()).toEqual([]);
  });
});

describe('case 5: plain networks (issue 15): dry run, saved mappings, network export and measures', () => {
  const edges = 'source,target,weight\nalpha,beta,2\nbeta,gamma,1\n';
  const asCaller = (req: request.Test, who: keyof typeof tokens) => req.set('Authorization', `Bearer ${tokens[who]}`);
  const networkRequest = (who: keyof typeof tokens, route: string, query: string) =>
    asCaller(request(app).post(`/api/${route}?format=edgelist&${query}`), who)
      .set('Content-Type', 'text/csv')
      .send(Buffer.from(edges));
  /** A problem answer without what differs per request. */
  const asText = (req: request.Test) =>
    req.buffer(true).parse((res, cb) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        body += c;
      });
      res.on('end', () => cb(null, body));
    });
  const problem = (res: request.Response) => ({ status: res.status, body: { ...res.body, instance: undefined, requestId: undefined } });

  beforeAll(async () => {
    const res = await networkRequest('admin', 'import', 'network=leak-red&sensitivity=RED');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const saved = await asCaller(request(app).put('/api/import/mappings/red-map'), 'admin').send({
      mapping: { sensitivity: 'RED', description: 'what only RED may read' },
      shared: true,
    });
    expect(saved.status).toBe(200);
  });

  it('a GREEN dry run into a hidden network is answered as for a new one', async () => {
    const hidden = await networkRequest('gil', 'import/dry-run', 'network=leak-red');
    const fresh = await networkRequest('gil', 'import/dry-run', 'network=leak-none');
    const seen = (res: request.Response) => ({
      status: res.status,
      valid: res.body.valid,
      nodes: res.body.nodes,
      relationships: res.body.relationships,
      network: res.body.network,
      problems: res.body.problems,
    });
    expect(seen(hidden)).toEqual(seen(fresh));
    expect(seen(hidden)).toMatchObject({ status: 200, valid: true, nodes: { Actor: 3 }, relationships: { DIALOGUE_WITH: 2 } });
  });

  it('the export and the measures of a hidden network are those of a network that does not exist', async () => {
    for (const query of ['format=graphml', 'format=gexf', 'format=csv&sheet=nodes', 'format=graphml&measures=pagerank&communities=true']) {
      const hidden = await asText(asCaller(request(app).get(`/api/export/network?network=leak-red&${query}`), 'gil'));
      const none = await asText(asCaller(request(app).get(`/api/export/network?network=leak-none&${query}`), 'gil'));
      expect(hidden.status).toBe(200);
      expect(hidden.body).toBe(none.body);
      expect(hidden.body).not.toContain('alpha');
    }
    const red = await asText(asCaller(request(app).get('/api/export/network?network=leak-red&format=csv&sheet=nodes'), 'admin'));
    expect(red.body).toContain('alpha');
    const hidden = await asCaller(request(app).get('/api/centrality?network=leak-red&measure=pagerank&weight=weight'), 'gil');
    const none = await asCaller(request(app).get('/api/centrality?network=leak-none&measure=pagerank&weight=weight'), 'gil');
    expect(hidden.body).toEqual(none.body);
    expect(hidden.body.graph).toEqual({ nodes: 0, relationships: 0 });
  });

  it('a saved mapping above the caller’s clearance is neither listed nor usable, and told as a missing one', async () => {
    const list = await asCaller(request(app).get('/api/import/mappings'), 'gil');
    expect(list.body.mappings.map((m: { name: string }) => m.name)).not.toContain('red-map');
    const hidden = await networkRequest('gil', 'import/dry-run', 'mapping=red-map');
    const missing = await networkRequest('gil', 'import/dry-run', 'mapping=no-such-map');
    expect(problem(hidden).status).toBe(404);
    expect(JSON.stringify(problem(hidden)).replaceAll('red-map', 'X')).toBe(
      JSON.stringify(problem(missing)).replaceAll('no-such-map', 'X'),
    );
    const above = await asCaller(request(app).put('/api/import/mappings/gil-red'), 'gil').send({ mapping: { sensitivity: 'RED' } });
    expect(above.status).toBe(400);
    expect(above.body.errors[0].field).toBe('body.mapping.sensitivity');
  });
});
