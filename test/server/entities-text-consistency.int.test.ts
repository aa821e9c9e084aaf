// The editing API keeps texts consistent with levels (seed/src/consistency.ts), on the seed in the
// real Neo4j: a write whose text states a fact held above the text's level is refused with the
// field named and nothing written, and so is a write that would make a stored text state a fact
// above it (raising a fact's level, adding a fact at a higher level). The seed's WANEP-to-ECOWAS
// data feed is GREEN; WANEP itself is CLEAR.
import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/src/app.js';
import type { Database } from '../../server/src/db/database.js';
import { openTestApp } from '../support/app.js';
import { countGraph } from '../support/neo4j.js';

let db: Database;
let red: Express;
let clear: Express;

beforeAll(async () => {
  ({ db, app: red } = await openTestApp({ seeded: true }));
  clear = createApp({ db, clearance: 'CLEAR' });
});
afterAll(() => db?.close());

const FEED_QUOTE =
  'Through an early-warning system, WANEP provides ECOWAS with data and analyses on conflict indicators and risks on a weekly and monthly basis.';

async function wanep(app: Express) {
  return (await request(app).get('/api/entities/Actor/actor-wanep').expect(200)).body;
}

/** A 400 whose every error names `field`; their messages, joined. */
function expect400(res: request.Response, field: string): string {
  expect(res.status, JSON.stringify(res.body)).toBe(400);
  const errors = res.body.errors as Array<{ field: string; message: string }>;
  expect(errors.length).toBeGreaterThan(0);
  expect(new Set(errors.map((e) => e.field))).toEqual(new Set([field]));
  return errors.map((e) => e.message).join('\n');
}

describe('the texts a write stores', () => {
  it('refuses a CLEAR description stating the GREEN data feed, naming the field and the fact, and writes nothing', async () => {
    const before = await wanep(red);
    const graph = await countGraph(db);
    const res = await request(red)
      .patch('/api/entities/Actor/actor-wanep')
      .send({ version: before.version, properties: { description: 'WANEP provides ECOWAS with weekly early-warning data.' } });
    const message = expect400(res, 'body.properties.description');
    expect(message).toMatch(/GREEN fact \(PROVIDES_DATA_TO from West Africa Network for Peacebuilding to/);
    expect(await wanep(red)).toEqual(before);
    expect(await countGraph(db)).toEqual(graph);
  });

  it('tells a caller who may not see the fact only that the text cannot stay at this level', async () => {
    const before = await wanep(clear);
    const res = await request(clear)
      .patch('/api/entities/Actor/actor-wanep')
      .send({ version: before.version, properties: { description: 'WANEP provides ECOWAS with weekly early-warning data.' } });
    const message = expect400(res, 'body.properties.description');
    expect(message).not.toMatch(/GREEN|PROVIDES_DATA_TO|ECOWAS|WANEP|Economic Community/);
    expect(message).toMatch(/cannot be kept at this level/);
    expect(await wanep(red)).toEqual(before);
  });

  it('refuses a CLEAR relationship quoting the evidence of the GREEN feed (quotes.0)', async () => {
    const res = await request(red)
      .post('/api/relationships')
      .send({
        type: 'SUPPORTS',
        from: 'actor-wanep',
        to: 'actor-ecowas',
        properties: { sourceIds: ['src-note-2019'], quotes: [FEED_QUOTE] },
      });
    expect(expect400(res, 'body.properties.quotes.0')).toMatch(/quotes the evidence of a GREEN fact/);
    const rels = await db.read("MATCH (:Actor {id: 'actor-wanep'})-[r:SUPPORTS]->(:Actor {id: 'actor-ecowas'}) RETURN count(r) AS n");
    expect(rels.records[0]?.get('n')).toBe(0);
  });

  it('lets the same texts through at the level of the fact, and harmless texts at CLEAR', async () => {
    const created = await request(red)
      .post('/api/relationships')
      .send({
        type: 'SUPPORTS',
        from: 'actor-wanep',
        to: 'actor-ecowas',
        properties: { sensitivity: 'GREEN', sourceIds: ['src-note-2019'], quotes: [FEED_QUOTE] },
      });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    await request(red)
      .delete(`/api/relationships/${encodeURIComponent(created.body.id)}`)
      .send({ version: 1 })
      .expect(204);
    const before = await wanep(red);
    await request(red)
      .patch('/api/entities/Actor/actor-wanep')
      .send({ version: before.version, properties: { description: 'A West African civil-society peacebuilding network.' } })
      .expect(200);
  });
});

describe('the texts already stored', () => {
  it('refuses raising a fact above a CLEAR text that states it, naming that text, and writes nothing', async () => {
    // Both PARTY_TO relationships of the ECOWAS-WANEP partnership quote the same sentence: one at
    // GREEN would leave the other, CLEAR, quoting its evidence.
    const id = 'actor-ecowas|PARTY_TO|agreement-ecowas-wanep-partnership';
    const before = (
      await request(red)
        .get(`/api/relationships/${encodeURIComponent(id)}`)
        .expect(200)
    ).body;
    const res = await request(red)
      .patch(`/api/relationships/${encodeURIComponent(id)}`)
      .send({ version: before.version, properties: { sensitivity: 'GREEN' } });
    const message = expect400(res, 'body.properties.sensitivity');
    expect(message).toMatch(/quotes\.0 of PARTY_TO from WANEP \(actor-wanep\) to .*visible at CLEAR/);
    expect(
      (
        await request(red)
          .get(`/api/relationships/${encodeURIComponent(id)}`)
          .expect(200)
      ).body,
    ).toEqual(before);
  });

  it('refuses adding a fact at a higher level than a text that already states it', async () => {
    const made = await request(red).post('/api/entities/Actor').send({
      id: 'actor-text-probe',
      name: 'Coastal Peace Forum',
      kind: 'civil-society',
      level: 'local',
      description: 'The Coastal Peace Forum supports ECOWAS mediators.',
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const graph = await countGraph(db);
    const res = await request(red)
      .post('/api/relationships')
      .send({ type: 'SUPPORTS', from: 'actor-text-probe', to: 'actor-ecowas', properties: { sensitivity: 'AMBER' } });
    expect(expect400(res, 'body.properties.sensitivity')).toMatch(
      /description of Coastal Peace Forum \(actor-text-probe\), visible at CLEAR, .*AMBER fact \(SUPPORTS/,
    );
    expect(await countGraph(db)).toEqual(graph);
    // At the text's own level the fact is consistent with it.
    await request(red)
      .post('/api/relationships')
      .send({ type: 'SUPPORTS', from: 'actor-text-probe', to: 'actor-ecowas', properties: {} })
      .expect(201);
  });
});
