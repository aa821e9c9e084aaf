// GET /api/actors/:id keeps its answers per graph version and clearance (features/actors/cache.ts).
// Two apps, each with its own driver, over one Neo4j: two API processes. Writes go through one,
// answers are read through the other, and every answer is compared with a cold one (a fresh app,
// nothing kept): a RED answer never serves GREEN, and a write through the other process is seen
// by the very next request. The seed holds nothing above GREEN; the test adds RED facts itself.
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
/** A CLEAR actor of the seed, and two CLEAR actors it does not support yet. */
const actorId = 'actor-wanep';
let others: [string, string];
/** The relationship the test gives the actor at RED, so that its RED answer shows more than its GREEN one. */
let hiddenRel: string;

beforeAll(async () => {
  ({ readerDb, writerDb, reader, writer } = await twoAppsOverOneNeo4j());
  const found = await readerDb.read(
    `MATCH (a:Actor {id: $actorId}), (o:Actor {sensitivity: 'CLEAR'})
     WHERE o <> a AND NOT (a)-[:SUPPORTS]->(o)
     RETURN o.id AS id ORDER BY o.id LIMIT 2`,
    { actorId },
  );
  others = found.records.map((r) => r.get('id')) as [string, string];
  hiddenRel = (
    await request(writer)
      .post('/api/relationships')
      .send({ type: 'SUPPORTS', from: actorId, to: others[0], properties: { sensitivity: 'RED' } })
      .expect(201)
  ).body.id;
}, 180_000);

afterAll(async () => {
  await readerDb?.close();
  await writerDb?.close();
});

const answerOf = async (app: Express, clearance: Sensitivity) =>
  request(app).get(`/api/actors/${actorId}`).set('X-Atlas-Clearance', clearance).expect(200);

/** The answer of an app that has kept nothing. */
const coldAnswer = async (clearance: Sensitivity) => answerOf(createApp({ db: readerDb, clearance: 'RED' }), clearance);

const edgeIds = (body: { neighbourhood: { edges: { id: string }[] } }) => body.neighbourhood.edges.map((e) => e.id);

describe('the actor answer kept per graph version and clearance', () => {
  it('a RED answer never serves GREEN; kept answers equal cold ones, with the same ETag', async () => {
    const red = await answerOf(reader, 'RED');
    const green = await answerOf(reader, 'GREEN');
    expect(edgeIds(red.body)).toContain(hiddenRel);
    expect(edgeIds(green.body)).not.toContain(hiddenRel);
    for (const clearance of ['GREEN', 'RED', 'CLEAR'] as const) {
      const cold = await coldAnswer(clearance);
      const kept = await answerOf(reader, clearance);
      const again = await answerOf(reader, clearance);
      expect(kept.body).toEqual(cold.body);
      expect(again.text).toBe(cold.text);
      expect(again.headers.etag).toBe(cold.headers.etag);
      expect(again.headers['content-type']).toBe(cold.headers['content-type']);
    }
    expect((await answerOf(reader, 'GREEN')).body).toEqual(green.body);
  });

  it('answers 304 to If-None-Match of a kept answer, and 404 for an actor hidden from the caller', async () => {
    const kept = await answerOf(reader, 'GREEN');
    await request(reader)
      .get(`/api/actors/${actorId}`)
      .set('X-Atlas-Clearance', 'GREEN')
      .set('If-None-Match', kept.headers.etag as string)
      .expect(304);
    const redActor = (
      await request(writer)
        .post('/api/entities/Actor')
        .send({ name: 'Kept-answer probe', kind: 'civil-society', level: 'local', description: 'd', sensitivity: 'RED' })
        .expect(201)
    ).body.id as string;
    await request(reader).get(`/api/actors/${redActor}`).expect(200);
    await request(reader).get(`/api/actors/${redActor}`).set('X-Atlas-Clearance', 'AMBER').expect(404);
    await request(reader).get(`/api/actors/${redActor}`).expect(200);
  });

  it('a write through the other process is seen by the next request, at every clearance', async () => {
    const beforeGreen = await answerOf(reader, 'GREEN');
    const created = await request(writer)
      .post('/api/relationships')
      .send({ type: 'SUPPORTS', from: actorId, to: others[1], properties: { sensitivity: 'CLEAR' } })
      .expect(201);
    const relId = created.body.id as string;
    const afterGreen = await answerOf(reader, 'GREEN');
    expect(edgeIds(beforeGreen.body)).not.toContain(relId);
    expect(edgeIds(afterGreen.body)).toContain(relId);
    expect(afterGreen.body).toEqual((await coldAnswer('GREEN')).body);

    // Raised to RED through the writer: gone at GREEN at once, still there at RED.
    await request(writer)
      .patch(`/api/relationships/${encodeURIComponent(relId)}`)
      .send({ version: created.body.version, properties: { sensitivity: 'RED' } })
      .expect(200);
    const raisedGreen = await answerOf(reader, 'GREEN');
    const raisedRed = await answerOf(reader, 'RED');
    expect(edgeIds(raisedGreen.body)).not.toContain(relId);
    expect(edgeIds(raisedRed.body)).toContain(relId);
    expect(raisedGreen.body).toEqual((await coldAnswer('GREEN')).body);
    expect(raisedRed.body).toEqual((await coldAnswer('RED')).body);
  });
});
