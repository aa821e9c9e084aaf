// An import in flight stays consistent with levels while others write (seed/src/consistency.ts:
// a text visible at a level must not state a fact held above it). An import's texts are checked
// against the levels of the existing nodes its relationships touch, and a staged text will be
// published as it is; so, until the import ends:
//  - an edit raising the level of such a node, or raising (or adding, above CLEAR) a fact touching
//    one, is refused with 409 import-in-progress naming the import, nothing changed; after it
//    publishes, the editing API's own check of stored texts takes over;
//  - such an edit that commits first (between validation and the import's record of what its texts
//    relied on, or holding the node's lock when it is taken) makes the import fail whole with 409
//    import-conflict naming the node or fact and the rows whose texts state it;
//  - a second import that would add such a fact, or whose texts rely on a level the first will
//    change, fails whole with 409 import-in-progress naming the first.
// Each protection is checked at every clearance: no text in the database states a fact above its
// level (findTextLeaks over the whole stored graph), search and the audit log unchanged by what was
// refused, and, after, consistent with what was written.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type CheckedNode, type CheckedRelationship, findTextLeaks, type NodeLabel, type RelType } from '@atlas/seed';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/src/app.js';
import type { Database } from '../../server/src/db/database.js';
import { toPlain } from '../../server/src/db/values.js';
import { AppError } from '../../server/src/errors.js';
import { ImportInProgress } from '../../server/src/features/entities/importHolds.js';
import { createRelationshipIn, updateNodeIn } from '../../server/src/features/entities/repository.js';
import { type ImportOptions, importGraph } from '../../server/src/features/transfer/importer.js';
import { freshSeededDatabase, testDatabase, waitingForLock } from '../support/neo4j.js';

let db: Database;
let app: ReturnType<typeof createApp>;
let tmp: string;
const CLEARANCES = ['CLEAR', 'GREEN', 'AMBER', 'RED'] as const;
const RED = { clearance: 'RED', allowed: [...CLEARANCES], userId: 'text-holds-test', role: 'admin' } as never;
/** The evidence of a case's X-Y dialogue (one per case: a quote is matched wherever it is repeated). */
const quote = (tag: string) => `the two ${tag} networks agreed to exchange field reports every week`;

beforeAll(async () => {
  db = testDatabase();
  await freshSeededDatabase(db);
  app = createApp({ db, clearance: 'RED' });
  tmp = await mkdtemp(path.join(os.tmpdir(), 'atlas-text-holds-test-'));
}, 600_000);

afterAll(async () => {
  await db?.close();
  await rm(tmp, { recursive: true, force: true });
});

// ---- the graph each case starts from and the files it imports ----------------------------------

const actor = (id: string, name: string, description = 'd', sensitivity = 'CLEAR') => ({
  label: 'Actor',
  id,
  properties: { name, kind: 'civil-society', level: 'local', description, sensitivity },
});

/** Two existing CLEAR actors, X (`${tag}-x`, "<Tag> Harbour Hub") and Y (`${tag}-y`, "<Tag> Saltmarsh Council"). */
async function existingPair(tag: string, tie = false): Promise<{ x: string; y: string }> {
  const x = `actor-${tag}-x`;
  const y = `actor-${tag}-y`;
  for (const [id, name] of [
    [x, `${cap(tag)} Harbour Hub`],
    [y, `${cap(tag)} Saltmarsh Council`],
  ] as const) {
    await request(app)
      .post('/api/entities/Actor')
      .send({ id, ...actor(id, name).properties })
      .expect(201);
  }
  if (tie)
    await request(app)
      .post('/api/relationships')
      .send(dialogue(tag, x, y))
      .expect(201);
  return { x, y };
}
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** X -[DIALOGUE_WITH]-> Y, CLEAR, its evidence quote(tag) (as a file row or an API body). */
const dialogue = (tag: string, from: string, to: string) => ({
  type: 'DIALOGUE_WITH',
  id: `rel-${tag}-dialogue`,
  from,
  to,
  properties: { sensitivity: 'CLEAR', sourceIds: ['src-note-2019'], quotes: [quote(tag)] },
});

/** W (`actor-${tag}-w`, "<Tag> Willow Watch"), CLEAR, whose description repeats the dialogue's evidence. */
const quoting = (tag: string) => actor(`actor-${tag}-w`, `${cap(tag)} Willow Watch`, `They say ${quote(tag)}.`);

async function fileOf(tag: string, nodes: unknown[], relationships: unknown[]): Promise<string> {
  const file = path.join(tmp, `${tag}-${Math.random().toString(36).slice(2)}.json`);
  await writeFile(file, JSON.stringify({ format: 'stakeholder-atlas', version: 1, nodes, relationships }));
  return file;
}

async function importFile(file: string, hooks: Partial<ImportOptions> = {}) {
  return importGraph(
    db,
    { format: 'json', files: [{ name: path.basename(file), path: file }] },
    { caller: RED, by: 'text-holds-test', ...hooks },
  );
}

/** The error an import failed with (or null if it succeeded). */
const failure = (importing: Promise<unknown>) =>
  importing.then(
    () => null,
    (e: unknown) => e as AppError,
  );

// ---- what every clearance sees ----------------------------------------------------------------

/** Every text in the stored graph (staged elements left out) that states a fact held above its level. */
async function storedLeaks(): Promise<string[]> {
  const nodes: CheckedNode[] = (
    await db.read(
      "MATCH (n:Entity) WHERE n.sensitivity <> 'STAGED' RETURN [l IN labels(n) WHERE l <> 'Entity'][0] AS label, properties(n) AS p",
    )
  ).records.map((r) => {
    const p = toPlain(r.get('p')) as Record<string, unknown>;
    return { label: r.get('label') as NodeLabel, id: p.id as string, properties: p };
  });
  const relationships: CheckedRelationship[] = (
    await db.read(
      `MATCH (a:Entity)-[r]->(b:Entity) WHERE NOT 'STAGED' IN [r.sensitivity, a.sensitivity, b.sensitivity]
       RETURN type(r) AS type, a.id AS from, b.id AS to, properties(r) AS p`,
    )
  ).records.map((r) => ({
    type: r.get('type') as RelType,
    from: r.get('from'),
    to: r.get('to'),
    properties: toPlain(r.get('p')) as never,
  }));
  return findTextLeaks({ nodes, relationships }).map((l) =>
    l.element.kind === 'node'
      ? `${l.element.id} ${l.field}: ${l.message}`
      : `${relationships[l.element.index]?.from}->${relationships[l.element.index]?.to} ${l.field}: ${l.message}`,
  );
}

/** What search finds of the case's actors and what the audit log holds of its ids, at each clearance; and the answers of GET for them. */
async function trail(tag: string): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const clearance of CLEARANCES) {
    const search = await request(app)
      .get(`/api/actors/search?q=${encodeURIComponent(cap(tag))}`)
      .set('X-Atlas-Clearance', clearance);
    const audit = await request(app).get('/api/audit?limit=1000').set('X-Atlas-Clearance', clearance).expect(200);
    const mine = (id: unknown) => typeof id === 'string' && id.includes(`-${tag}-`);
    const entities: Record<string, unknown> = {};
    for (const n of ['x', 'y', 'n', 'w']) {
      const res = await request(app).get(`/api/entities/Actor/actor-${tag}-${n}`).set('X-Atlas-Clearance', clearance);
      entities[n] = res.status === 200 ? [res.body.properties.sensitivity, res.body.properties.description] : res.status;
    }
    out[clearance] = {
      search: ((search.body.results ?? []) as { id: string }[])
        .map((r) => r.id)
        .filter(mine)
        .sort(),
      audit: (audit.body.entries as Record<string, unknown>[])
        .filter((e) => [e.entityId, e.fromId, e.toId].some(mine))
        .map(
          ({ action, kind, entityId, after }) =>
            `${action} ${kind} ${entityId} ${(after as { sensitivity?: string } | null)?.sensitivity ?? ''}`,
        ),
      entities,
    };
  }
  return out;
}

/** The import in flight (its ImportRun), as a refusal names it. */
async function importInFlight(): Promise<string> {
  const r = await db.read("MATCH (i:ImportRun) WHERE i.state IN ['staging', 'committed'] RETURN i.id AS id");
  expect(r.records).toHaveLength(1);
  return r.records[0]?.get('id') as string;
}

/** Nothing of the case's import is stored, whatever its marks, and no import is in flight or leaves a record. */
async function nothingOf(tag: string): Promise<void> {
  const r = await db.read(
    `CALL () { MATCH (n) WHERE n.id IN [$n, $w] RETURN count(n) AS n }
     CALL () { MATCH (i:ImportRun) WHERE i.state IN ['staging', 'committed'] RETURN count(i) AS runs }
     CALL () { MATCH (h:ImportTextHold) RETURN count(h) AS holds }
     RETURN n, runs, holds`,
    { n: `actor-${tag}-n`, w: `actor-${tag}-w` },
  );
  const row = r.records[0];
  expect([row?.get('n'), row?.get('runs'), row?.get('holds')].map(Number)).toEqual([0, 0, 0]);
}

function expectRefusal(res: request.Response, importId: string, field: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(409);
  expect(res.body.type).toMatch(/\/import-in-progress$/);
  expect(res.headers['retry-after']).toBe('10');
  expect(res.body.detail).toContain(`Import '${importId}' in progress depends on`);
  expect(res.body.detail).toContain('nothing was changed');
  expect(res.body.errors).toEqual([{ field, message: `held by import '${importId}' until it finishes` }]);
}

const entity = async (id: string) => (await request(app).get(`/api/entities/Actor/${id}`).expect(200)).body;
const raise = (id: string, version: number, sensitivity = 'AMBER') =>
  request(app).patch(`/api/entities/Actor/${id}`).send({ version, properties: { sensitivity } });

// ---- the cases --------------------------------------------------------------------------------

describe("an edit of a level an import's texts were checked against", () => {
  // The file restates the existing CLEAR X-Y dialogue (unchanged: nothing written for it, so no tie
  // holds X) and adds W, whose CLEAR description quotes that dialogue's evidence: consistent while
  // X is CLEAR; with X at AMBER the dialogue is an AMBER fact and W's text would state it.
  const file = (tag: string, x: string, y: string) => fileOf(tag, [quoting(tag)], [dialogue(tag, x, y)]);

  it('raising the level of a node it relies on (no tie to it) is refused while the import is held; it publishes consistent', async () => {
    const { x, y } = await existingPair('alder', true);
    const before = await trail('alder');
    const node = await entity(x);
    let during: unknown;
    let held = '';
    const report = await importFile(await file('alder', x, y), {
      beforeCommit: async () => {
        held = await importInFlight();
        expectRefusal(await raise(x, node.version), held, 'params.id');
        const rel = (await request(app).get(`/api/relationships/rel-alder-dialogue`).expect(200)).body;
        expectRefusal(
          await request(app)
            .patch('/api/relationships/rel-alder-dialogue')
            .send({ version: rel.version, properties: { sensitivity: 'AMBER' } }),
          held,
          'body.properties.sensitivity',
        );
        during = await trail('alder');
      },
    });
    expect(report.importId).toBe(held);
    expect(during).toEqual(before);
    expect(await entity(x)).toEqual(node);
    expect(await storedLeaks()).toEqual([]);
    const after = (await trail('alder')) as Record<string, { search: string[]; entities: Record<string, unknown> }>;
    for (const clearance of CLEARANCES) {
      expect(after[clearance]?.search).toContain('actor-alder-w');
      expect(after[clearance]?.entities.x).toEqual(['CLEAR', 'd']);
    }
  }, 600_000);

  it('an edit committed first (after validation, before the record) makes the import fail whole, naming the node and the text', async () => {
    const { x, y } = await existingPair('birch', true);
    const node = await entity(x);
    const error = await failure(
      importFile(await file('birch', x, y), {
        beforeBatchCommit: async (batch) => {
          // Validation has read X at CLEAR; W is being staged. The edit goes through (nothing holds X yet).
          if (batch.kind === 'node') expect((await raise(x, node.version)).status).toBe(200);
        },
      }),
    );
    expectConflict(error, x, 'actor-birch-w');
    await nothingOf('birch');
    expect(await storedLeaks()).toEqual([]);
    const seen = (await trail('birch')) as Record<string, { search: string[]; audit: string[]; entities: Record<string, unknown> }>;
    for (const clearance of CLEARANCES) {
      expect(seen[clearance]?.search).not.toContain('actor-birch-w');
      expect(seen[clearance]?.entities.w).toBe(404);
      expect(seen[clearance]?.entities.x).toEqual(clearance === 'CLEAR' || clearance === 'GREEN' ? 404 : ['AMBER', 'd']);
      expect(seen[clearance]?.audit.filter((a) => a.includes('actor-birch-w'))).toEqual([]);
    }
  }, 600_000);

  it('an edit holding the lock when the import records waits for nothing: the import waits, reads the new level and fails whole', async () => {
    const { x, y } = await existingPair('cedar', true);
    const node = await entity(x);
    const f = await file('cedar', x, y);
    let importing: Promise<unknown> | undefined;
    await db.writeTransaction(async (tx) => {
      await updateNodeIn(tx, { caller: RED, by: 'text-holds-test' }, 'Actor', x, node.version, { sensitivity: 'AMBER' });
      // Validation reads X as committed (CLEAR); the import's record of X waits for this lock.
      importing ??= failure(importFile(f));
      await waitingForLock(db);
    });
    expectConflict((await importing) as AppError, x, 'actor-cedar-w');
    await nothingOf('cedar');
    expect(await storedLeaks()).toEqual([]);
  }, 600_000);
});

describe('a fact a staged text states, added above its level', () => {
  // N is new and tied to the existing X; its CLEAR description says X supports Y: no fact says so
  // yet, so the import is consistent. An AMBER X-SUPPORTS->Y added meanwhile would make it state an
  // AMBER fact at CLEAR once published.
  const file = (tag: string, x: string) =>
    fileOf(
      tag,
      [
        actor(
          `actor-${tag}-n`,
          `${cap(tag)} Reedbank Monitors`,
          `We saw how ${cap(tag)} Harbour Hub supports ${cap(tag)} Saltmarsh Council.`,
        ),
      ],
      [{ type: 'DIALOGUE_WITH', id: `rel-${tag}-tie`, from: `actor-${tag}-n`, to: x, properties: { sensitivity: 'CLEAR' } }],
    );
  const supports = (x: string, y: string) => ({ type: 'SUPPORTS', from: x, to: y, properties: { sensitivity: 'AMBER' } });

  it('is refused by the editing API while the import is held (409, nothing created); once published, the editing check refuses it (400)', async () => {
    const { x, y } = await existingPair('dogwood');
    const before = await trail('dogwood');
    let held = '';
    let during: unknown;
    await importFile(await file('dogwood', x), {
      beforeCommit: async () => {
        held = await importInFlight();
        expectRefusal(await request(app).post('/api/relationships').send(supports(x, y)), held, 'body.properties.sensitivity');
        during = await trail('dogwood');
      },
    });
    expect(during).toEqual(before);
    const rels = await db.read('MATCH (:Actor {id: $x})-[r:SUPPORTS]->(:Actor {id: $y}) RETURN count(r) AS n', { x, y });
    expect(Number(rels.records[0]?.get('n'))).toBe(0);
    expect(await storedLeaks()).toEqual([]);
    // Published, N's text is the editing API's to protect: the same write is now a 400 naming it.
    const res = await request(app).post('/api/relationships').send(supports(x, y));
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(JSON.stringify(res.body.errors)).toContain('description of Dogwood Reedbank Monitors (actor-dogwood-n), visible at CLEAR');
    // And the same text at CLEAR reads the same at every clearance (N visible everywhere, no AMBER fact).
    const after = (await trail('dogwood')) as Record<string, { search: string[] }>;
    for (const clearance of CLEARANCES) expect(after[clearance]?.search).toEqual(['actor-dogwood-n', 'actor-dogwood-x', 'actor-dogwood-y']);
  }, 600_000);

  it('added first (before the tie, after validation): the import fails whole, naming the fact and the text', async () => {
    const { x, y } = await existingPair('elm');
    const error = await failure(
      importFile(await file('elm', x), {
        beforeBatchCommit: async (batch) => {
          if (batch.kind === 'node') expect((await request(app).post('/api/relationships').send(supports(x, y))).status).toBe(201);
        },
      }),
    );
    expect(error).toBeInstanceOf(AppError);
    expect([error?.status, error?.code], JSON.stringify(error)).toEqual([409, 'import-conflict']);
    expect(error?.detail).toMatch(/SUPPORTS from Elm Harbour Hub to Elm Saltmarsh Council/);
    expect(error?.errors?.map((e) => e.field)).toEqual(
      ['nodes[0](actor-elm-n).properties.description'].map((f) => expect.stringContaining(f)),
    );
    await nothingOf('elm');
    expect(await storedLeaks()).toEqual([]);
  }, 600_000);

  it('the edit holding the ends locked when the import ties to X: one waits for the other, and either way nothing leaks', async () => {
    const { x, y } = await existingPair('fir');
    const f = await file('fir', x);
    let importing: Promise<unknown> | undefined;
    await db.writeTransaction(async (tx) => {
      await createRelationshipIn(tx, { caller: RED, by: 'text-holds-test' }, supports(x, y) as never);
      importing ??= failure(importFile(f));
      // The import's tie to X waits at its commit for X's lock.
      await waitingForLock(db);
    });
    // The fact was recorded before the import began (the edit's transaction had), so the import
    // may call it a change (409) or a fact its text states (400): either way it fails whole, naming it.
    const error = (await importing) as (AppError & { problems?: { field: string; message: string }[] }) | null;
    expect(error).not.toBeNull();
    const named = JSON.stringify([error?.detail, error?.errors, error?.problems]);
    expect(named).toMatch(/SUPPORTS from Fir Harbour Hub to Fir Saltmarsh Council/);
    expect(named).toContain('(actor-fir-n).properties.description');
    await nothingOf('fir');
    expect(await storedLeaks()).toEqual([]);
  }, 600_000);
});

describe('two imports in flight', () => {
  it('a second import adding an AMBER fact a staged text of the first states fails whole, naming the first', async () => {
    const { x, y } = await existingPair('gum');
    const first = await fileOf(
      'gum',
      [actor('actor-gum-n', 'Gum Reedbank Monitors', 'We saw how Gum Harbour Hub supports Gum Saltmarsh Council.')],
      [{ type: 'DIALOGUE_WITH', id: 'rel-gum-tie', from: 'actor-gum-n', to: x, properties: { sensitivity: 'CLEAR' } }],
    );
    const second = await fileOf(
      'gum2',
      [],
      [{ type: 'SUPPORTS', id: 'rel-gum-supports', from: x, to: y, properties: { sensitivity: 'AMBER' } }],
    );
    let held = '';
    let refused: unknown;
    await importFile(first, {
      beforeCommit: async () => {
        held = await importInFlight();
        refused = await failure(importFile(second));
        expect(await importInFlight()).toBe(held);
      },
    });
    expect(refused).toBeInstanceOf(ImportInProgress);
    expect((refused as ImportInProgress).importIds).toEqual([held]);
    await request(app).get('/api/relationships/rel-gum-supports').expect(404);
    expect(await storedLeaks()).toEqual([]);
  }, 600_000);

  it('a second import whose texts rely on a level the first will change fails whole, naming the first; after, it is checked against the new level', async () => {
    const { x, y } = await existingPair('hazel', true);
    const node = await entity(x);
    const first = await fileOf('hazel', [actor(x, node.properties.name, 'd', 'AMBER')], []);
    const second = await fileOf('hazel', [quoting('hazel')], [dialogue('hazel', x, y)]);
    let held = '';
    let refused: unknown;
    await importFile(first, {
      beforeCommit: async () => {
        held = await importInFlight();
        refused = await failure(importFile(second));
      },
    });
    expect(refused).toBeInstanceOf(ImportInProgress);
    expect((refused as ImportInProgress).importIds).toEqual([held]);
    await nothingOf('hazel');
    expect((await entity(x)).properties.sensitivity).toBe('AMBER');
    expect(await storedLeaks()).toEqual([]);
    // Now X is AMBER: W's CLEAR quote of the (now AMBER) dialogue is refused as any text would be.
    const again = await failure(importFile(second));
    expect(again?.constructor.name).toBe('ImportRejected');
  }, 600_000);
});

/** The import failed with import-conflict naming the node whose level changed and W's description. */
function expectConflict(error: AppError | null, node: string, text: string) {
  expect(error).toBeInstanceOf(AppError);
  expect([error?.status, error?.code], JSON.stringify(error)).toEqual([409, 'import-conflict']);
  expect(error?.detail).toContain(`'${node}'`);
  expect(error?.detail).toMatch(/Import the file again/);
  expect(error?.errors?.map((e) => e.field)).toEqual([expect.stringContaining(`(${text}).properties.description`)]);
  expect(error?.errors?.[0]?.message).toMatch(/quotes the evidence of a AMBER fact \(DIALOGUE_WITH/);
}
