// GET /api/paths keeps the answers of questions asked more than once per graph version and
// clearance (features/paths/router.ts, with the actor's AnswerCache). Two apps, each with its own
// driver, over one Neo4j: two API processes. Writes go through one, answers are read through the
// other, and every answer, first, second (kept then) and later (sent as kept), is compared with a
// cold one (a fresh app, nothing kept): a RED answer never serves GREEN, and a write through the
// other process is seen by the very next request. The seed holds nothing above GREEN; the test
// adds a RED relationship itself.
import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/src/app.js';
import type { Sensitivity } from '../../server/src/config.js';
import type { Database } from '../../server/src/db/database.js';
import { twoAppsOverOneNeo4j } from '../support/neo4j.js';

let readerDb: Database;
let writerDb: Database;
let reader: Express;
let writer: Express;
const from = 'actor-wanep';
/** A CLEAR actor the seed joins to `from` by a path of two hops or more, and none shorter. */
let to: string;

interface PathsBody {
  paths: Array<{ length: number; edges: Array<{ id: string }> }>;
}

const ask = (app: Express, clearance: Sensitivity, target = to) =>
  request(app).get('/api/paths').query({ from, to: target, mode: 'shortest' }).set('X-Atlas-Clearance', clearance);

/** The answer of an app that has kept nothing. */
const coldAnswer = (clearance: Sensitivity) => ask(createApp({ db: readerDb, clearance: 'RED' }), clearance).expect(200);

const edgeIds = (body: PathsBody) => body.paths.flatMap((p) => p.edges.map((e) => e.id));

/** Asks three times (searched, kept, sent as kept): each answer equals the cold one, byte for byte and header for header. */
async function expectKeptEqualsCold(clearance: Sensitivity): Promise<request.Response> {
  const cold = await coldAnswer(clearance);
  let last = cold;
  for (let i = 0; i < 3; i++) {
    last = await ask(reader, clearance).expect(200);
    expect(last.text).toBe(cold.text);
    expect(last.headers.etag).toBe(cold.headers.etag);
    expect(last.headers['content-type']).toBe(cold.headers['content-type']);
    expect(last.headers['content-length']).toBe(cold.headers['content-length']);
  }
  return last;
}

beforeAll(async () => {
  ({ readerDb, writerDb, reader, writer } = await twoAppsOverOneNeo4j());
  const candidates = await readerDb.read(
    `MATCH (a:Actor {id: $from}), (o:Actor {sensitivity: 'CLEAR'})
     WHERE o <> a AND NOT (a)--(o)
     RETURN o.id AS id ORDER BY o.id`,
    { from },
  );
  for (const record of candidates.records) {
    const id = record.get('id') as string;
    const res = await ask(createApp({ db: readerDb, clearance: 'RED' }), 'GREEN', id).expect(200);
    if ((res.body as PathsBody).paths.length > 0) {
      to = id;
      break;
    }
  }
  expect(to).toBeDefined();
}, 240_000);

afterAll(async () => {
  await readerDb?.close();
  await writerDb?.close();
});

describe('path answers kept per graph version and clearance', () => {
  it('kept answers equal cold ones at every clearance, and a RED answer never serves GREEN', async () => {
    const hidden = (
      await request(writer)
        .post('/api/relationships')
        .send({ type: 'SUPPORTS', from, to, properties: { sensitivity: 'RED' } })
        .expect(201)
    ).body.id as string;
    const red = await expectKeptEqualsCold('RED');
    expect(edgeIds(red.body)).toEqual([hidden]);
    for (const clearance of ['GREEN', 'CLEAR', 'RED', 'GREEN'] as const) {
      const kept = await expectKeptEqualsCold(clearance);
      if (clearance !== 'RED') {
        expect(edgeIds(kept.body)).not.toContain(hidden);
        expect((kept.body as PathsBody).paths[0]?.length).toBeGreaterThan(1);
      }
    }
  });

  it('a question asked again is searched once more (kept then), and from then on answered by the version read alone', async () => {
    const statements: string[] = [];
    const read = readerDb.read.bind(readerDb);
    readerDb.read = ((query: string, ...rest: unknown[]) => {
      statements.push(query.includes('allShortestPaths') ? 'search' : query.includes('GraphVersion') ? 'version' : 'other');
      return (read as (...args: unknown[]) => unknown)(query, ...rest);
    }) as Database['read'];
    try {
      const question = () => request(reader).get('/api/paths').query({ from, to, mode: 'shortest', maxHops: 3 }).expect(200);
      const first = await question();
      expect(statements).toEqual(['search']);
      const second = await question();
      expect(statements).toEqual(['search', 'version', 'search']);
      const third = await question();
      const fourth = await question();
      expect(statements).toEqual(['search', 'version', 'search', 'version', 'version']);
      for (const res of [second, third, fourth]) expect(res.text).toBe(first.text);
    } finally {
      readerDb.read = read;
    }
  });

  it('answers 304 to If-None-Match of a kept answer; failures are never kept', async () => {
    const kept = await expectKeptEqualsCold('GREEN');
    await ask(reader, 'GREEN')
      .set('If-None-Match', kept.headers.etag as string)
      .expect(304);
    for (let i = 0; i < 3; i++) await ask(reader, 'GREEN', 'actor-no-such-actor').expect(404);
  });

  it('a write through the other process is seen by the next request, at every clearance', async () => {
    const before = await expectKeptEqualsCold('GREEN');
    const created = await request(writer)
      .post('/api/relationships')
      .send({ type: 'FUNDS', from, to, properties: { sensitivity: 'CLEAR' } })
      .expect(201);
    const relId = created.body.id as string;
    expect(edgeIds(before.body)).not.toContain(relId);
    const after = await ask(reader, 'GREEN').expect(200);
    expect(edgeIds(after.body)).toContain(relId);
    expect(after.text).toBe((await coldAnswer('GREEN')).text);
    await expectKeptEqualsCold('GREEN');

    // Raised to RED through the writer: gone at GREEN at once, still there at RED.
    await request(writer)
      .patch(`/api/relationships/${encodeURIComponent(relId)}`)
      .send({ version: created.body.version, properties: { sensitivity: 'RED' } })
      .expect(200);
    const raisedGreen = await ask(reader, 'GREEN').expect(200);
    const raisedRed = await ask(reader, 'RED').expect(200);
    expect(edgeIds(raisedGreen.body)).not.toContain(relId);
    expect(edgeIds(raisedRed.body)).toContain(relId);
    expect(raisedGreen.text).toBe((await coldAnswer('GREEN')).text);
    expect(raisedRed.text).toBe((await coldAnswer('RED')).text);
  });
});
