import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/src/db/database.js';
import { openTestApp } from '../support/app.js';
import { freshSeededDatabase, resetGraph } from '../support/neo4j.js';

// The first requests compile the queries in a cold Neo4j; on a loaded machine that alone can take tens of seconds.
const SLOW = { timeout: 120_000 };
let db: Database;
let app: Express;

beforeAll(async () => {
  ({ db, app } = await openTestApp({ seeded: false }));
});
afterAll(() => db?.close());

interface Part {
  score: number;
  weight: number;
  contribution: number;
  inherited?: boolean;
  facts: Array<{
    text: string;
    relationshipIds: string[];
    path: string[];
    sources: Array<{ id: string; title: string; quote: string | null }>;
  }>;
}
interface Responder {
  rank: number;
  actor: { id: string };
  score: number;
  breakdown: Record<'mandate' | 'presence' | 'instruments' | 'dataFeeds' | 'ties', Part>;
  lacks: string[];
  organs?: Responder[];
}

const responders = async (query: Record<string, string>, clearance = 'RED') => {
  const res = await request(app).get('/api/responders').set('X-Atlas-Clearance', clearance).query(query).expect(200);
  return res.body as {
    threat: { id: string; name: string };
    region: { id: string; name: string };
    weights: Record<string, number>;
    responders: Responder[];
  };
};

/** Rows and the organs grouped under them. */
const flat = (list: Responder[]): Responder[] => list.flatMap((r) => [r, ...(r.organs ?? [])]);
const byId = (list: Responder[], id: string) => flat(list).find((r) => r.actor.id === id) as Responder;

describe('GET /api/responders on the seed graph', SLOW, () => {
  beforeAll(async () => {
    await freshSeededDatabase(db);
  });

  it('ranks ECOWAS and WANEP first for election-related violence in West Africa, with the note as evidence', async () => {
    const body = await responders({ threat: 'threat-election-related-violence', region: 'region-west-africa', asOf: '2024-06-01' });
    expect(body.threat).toEqual({ id: 'threat-election-related-violence', name: 'Election-related violence' });
    expect(
      body.responders
        .slice(0, 2)
        .map((r) => r.actor.id)
        .sort(),
    ).toEqual(['actor-ecowas', 'actor-wanep']);
    const wanep = byId(body.responders, 'actor-wanep');
    const feed = wanep.breakdown.dataFeeds.facts.find((f) => f.relationshipIds.includes('actor-wanep|PROVIDES_DATA_TO|actor-ecowas'));
    expect(feed?.sources.map((s) => s.quote)).toContain(
      'Through an early-warning system, WANEP provides ECOWAS with data and analyses on conflict indicators and risks on a weekly and monthly basis.',
    );
    expect(feed?.sources[0]?.title).toEqual(expect.any(String));
    // The AU is present in Africa, which contains West Africa: counted, discounted and said so.
    const au = byId(body.responders, 'actor-au');
    expect(au.breakdown.presence.facts.map((f) => f.text)).toContain('AU is present in Africa, which contains West Africa');
    expect(au.breakdown.mandate.inherited).toBe(true);
    expect(au.breakdown.mandate.facts[0]?.text).toMatch(/^AU inherits a mandate \(AU PSC is part of AU\)/);
    expect(au.lacks).toContain('mandate only inherited');
  });

  it('says the OAS is present in Venezuela with no mandate covering the political crisis', async () => {
    const body = await responders({ threat: 'threat-political-crisis', region: 'country-ve', asOf: '2024-06-01' });
    const oas = byId(body.responders, 'actor-oas');
    expect(oas.breakdown.mandate.score).toBe(0);
    expect(oas.lacks).toEqual(expect.arrayContaining(['no mandate covering political crisis', 'present, no mandate']));
    expect(oas.lacks.some((l) => l.startsWith('constrained in Venezuela'))).toBe(true);
    expect(oas.breakdown.mandate.facts[0]?.sources[0]?.quote).toMatch(/lack of a conflict prevention mandate in the OAS/);
  });

  it('hides the GREEN WANEP-ECOWAS data feed from a CLEAR caller, and its score with it', async () => {
    const q = { threat: 'threat-election-related-violence', region: 'region-west-africa', asOf: '2024-06-01' };
    const clear = await responders(q, 'CLEAR');
    expect(JSON.stringify(clear)).not.toContain('PROVIDES_DATA_TO');
    expect(byId(clear.responders, 'actor-ecowas').breakdown.dataFeeds.score).toBe(0);
    expect(byId((await responders(q, 'GREEN')).responders, 'actor-ecowas').breakdown.dataFeeds.score).toBe(1);
  });

  it('answers 404 naming an unknown threat or region, 400 for a bad date or weight', async () => {
    const unknown = await request(app).get('/api/responders').query({ threat: 'threat-nope', region: 'region-west-africa' }).expect(404);
    expect(unknown.body.detail).toContain('threat-nope');
    const region = await request(app)
      .get('/api/responders')
      .query({ threat: 'threat-armed-conflict', region: 'region-atlantis' })
      .expect(404);
    expect(region.body.detail).toContain('region-atlantis');
    const bad = await request(app)
      .get('/api/responders')
      .query({ threat: 'threat-armed-conflict', region: 'region-africa', asOf: '2024-13-45', 'w.mandate': '1.5', 'w.ties': 'x' })
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['query.asOf', 'query.w.mandate', 'query.w.ties']);
    const zero = await request(app)
      .get('/api/responders')
      .query({
        threat: 'threat-armed-conflict',
        region: 'region-africa',
        'w.mandate': 0,
        'w.presence': 0,
        'w.instruments': 0,
        'w.dataFeeds': 0,
        'w.ties': 0,
      })
      .expect(400);
    expect(zero.body.errors[0].field).toBe('query.w.mandate');
  });
});

/**
 * A tiny graph worked out by hand (question: subtype TS of threat T, in sub-region S):
 *   world W > continent C > sub-region S > country K.
 *   A: mandate on T (a broader threat) applying in C (containing) -> 1; present in S -> 1;
 *      implementer in I1 (targets TS, spans K) 0.8 and party to AG (targets T: 0.5) -> 1-(0.2*0.5) = 0.9;
 *      B feeds it data -> 1; ties to B and P -> 0.75.            score .35+.25+.18+.1+.075 = 0.955
 *   B: mandate on TS in S -> 1; present in C only -> 0.5; no instruments; feeds A -> 1; tie A -> 0.5.
 *                                                               score .35+.125+0+.1+.05 = 0.625
 *   P: part of A, no mandate of its own -> inherited 0.5; present in K but constrained there -> 0.5;
 *      tie A -> 0.5.                                             score .175+.125+0+0+.05 = 0.35
 *   X (RED): mandate on TS in S, present in S, dialogue with A and B: for a RED caller it is one more
 *      tie for A (0.875) and B (0.75); a GREEN caller must not see any of it.
 */
async function buildTinyGraph(): Promise<void> {
  await resetGraph(db);
  const node = (id: string, extra: Record<string, unknown> = {}) => ({
    id,
    name: id,
    sensitivity: 'CLEAR',
    sourceIds: ['src-1'],
    quotes: [`about ${id}`],
    ...extra,
  });
  const write = (cypher: string, rows: unknown[]) => db.write(cypher, { rows });
  await write('UNWIND $rows AS p CREATE (n:Source) SET n = p', [{ ...node('src-1'), title: 'Tiny source' }]);
  await write('UNWIND $rows AS p CREATE (n:Threat) SET n = p', [node('T'), node('TS')]);
  await write('UNWIND $rows AS p CREATE (n:Region) SET n = p', [
    node('W', { kind: 'world' }),
    node('C', { kind: 'continent' }),
    node('S', { kind: 'subregion' }),
    node('K', { kind: 'country' }),
  ]);
  await write('UNWIND $rows AS p CREATE (n:Actor) SET n = p', [
    node('A', { kind: 'regional-organization' }),
    node('B', { kind: 'civil-society' }),
    node('P', { kind: 'regional-body' }),
    node('X', { kind: 'civil-society', sensitivity: 'RED' }),
  ]);
  await write('UNWIND $rows AS p CREATE (n:Mandate) SET n = p', [node('mA'), node('mB'), node('mX', { sensitivity: 'RED' })]);
  await write('UNWIND $rows AS p CREATE (n:Initiative) SET n = p', [node('I1')]);
  await write('UNWIND $rows AS p CREATE (n:Agreement) SET n = p', [node('AG')]);
  const rels: Array<[string, string, string, Record<string, unknown>?]> = [
    ['TS', 'SUBTYPE_OF', 'T'],
    ['C', 'PART_OF', 'W'],
    ['S', 'PART_OF', 'C'],
    ['K', 'PART_OF', 'S'],
    ['A', 'HAS_MANDATE', 'mA'],
    ['mA', 'COVERS', 'T'],
    ['mA', 'APPLIES_IN', 'C'],
    ['A', 'OPERATES_IN', 'S'],
    ['A', 'PARTICIPATES_IN', 'I1', { role: 'implementer' }],
    ['I1', 'TARGETS', 'TS'],
    ['I1', 'SPANS', 'K'],
    ['A', 'PARTY_TO', 'AG'],
    ['AG', 'TARGETS', 'T'],
    ['B', 'HAS_MANDATE', 'mB'],
    ['mB', 'COVERS', 'TS'],
    ['mB', 'APPLIES_IN', 'S'],
    ['B', 'OPERATES_IN', 'C'],
    ['B', 'PROVIDES_DATA_TO', 'A', { frequency: 'weekly' }],
    ['P', 'PART_OF', 'A'],
    ['P', 'OPERATES_IN', 'K'],
    ['P', 'CONSTRAINED_IN', 'K', { reason: 'geopolitics' }],
    ['X', 'HAS_MANDATE', 'mX', { sensitivity: 'RED' }],
    ['mX', 'COVERS', 'TS', { sensitivity: 'RED' }],
    ['mX', 'APPLIES_IN', 'S', { sensitivity: 'RED' }],
    ['X', 'OPERATES_IN', 'S', { sensitivity: 'RED' }],
    ['X', 'DIALOGUE_WITH', 'A', { sensitivity: 'RED' }],
    ['X', 'DIALOGUE_WITH', 'B', { sensitivity: 'RED' }],
    ['A', 'DIALOGUE_WITH', 'P', { sensitivity: 'RED' }],
  ];
  await db.writeTransaction(async (tx) => {
    for (const [from, type, to, props = {}] of rels) {
      // Relationship types come from the fixed list above, never from input.
      await tx.run(`MATCH (a {id: $from}), (b {id: $to}) CREATE (a)-[r:${type}]->(b) SET r = $props`, {
        from,
        to,
        props: { id: `${from}|${type}|${to}`, sensitivity: 'CLEAR', sourceIds: ['src-1'], quotes: [`${from} ${type} ${to}`], ...props },
      });
    }
  });
}

describe('GET /api/responders on a tiny hand-made graph', SLOW, () => {
  beforeAll(buildTinyGraph);
  const question = { threat: 'TS', region: 'S', asOf: '2024-01-01' };

  it('gives the hand-computed breakdown to a GREEN caller, with the RED actor nowhere', async () => {
    const body = await responders(question, 'GREEN');
    expect(JSON.stringify(body)).not.toMatch(/"X"|\|X\||mX/);
    const scores = Object.fromEntries(
      flat(body.responders).map((r) => [r.actor.id, [r.score, ...Object.values(r.breakdown).map((p) => p.score)]]),
    );
    expect(scores).toEqual({
      A: [0.955, 1, 1, 0.9, 1, 0.75],
      B: [0.625, 1, 0.5, 0, 1, 0.5],
      P: [0.35, 0.5, 0.5, 0, 0, 0.5],
    });
    // P is part of A: grouped under A's row, not ranked again.
    expect(body.responders.map((r) => [r.actor.id, r.rank])).toEqual([
      ['A', 1],
      ['B', 2],
    ]);
    expect(byId(body.responders, 'A').organs?.map((o) => o.actor.id)).toEqual(['P']);
    const p = byId(body.responders, 'P');
    expect(p.breakdown.mandate.inherited).toBe(true);
    expect(p.breakdown.mandate.facts[0]).toMatchObject({
      text: 'P inherits a mandate (P is part of A): A holds the mandate "mA", covering T (which includes TS) and applying in C, which contains S',
      relationshipIds: ['P|PART_OF|A', 'A|HAS_MANDATE|mA', 'mA|COVERS|T', 'mA|APPLIES_IN|C'],
      path: ['P', 'A', 'mA', 'T', 'C'],
    });
    expect(p.breakdown.mandate.facts[0]?.sources[0]).toEqual({ id: 'src-1', title: 'Tiny source', quote: 'P PART_OF A' });
    expect(p.lacks).toEqual(expect.arrayContaining(['mandate only inherited', 'constrained in K (geopolitics)']));
    expect(byId(body.responders, 'A').breakdown.mandate).toMatchObject({ score: 1, weight: 0.35, contribution: 0.35, inherited: false });
  });

  it('counts the RED actor for a RED caller (so the GREEN answer above is a real filter)', async () => {
    const body = await responders(question, 'RED');
    expect(byId(body.responders, 'X').score).toBeGreaterThan(0);
    expect(byId(body.responders, 'A').breakdown.ties.score).toBe(0.875);
    expect(byId(body.responders, 'B').breakdown.ties.score).toBe(0.75);
  });

  it('normalizes overridden weights and reports them', async () => {
    const body = await responders(
      { ...question, 'w.mandate': '1', 'w.presence': '1', 'w.instruments': '0', 'w.dataFeeds': '0', 'w.ties': '0' },
      'GREEN',
    );
    expect(body.weights).toEqual({ mandate: 0.5, presence: 0.5, instruments: 0, dataFeeds: 0, ties: 0 });
    // P, part of A, comes with A's row.
    expect(flat(body.responders).map((r) => [r.actor.id, r.score])).toEqual([
      ['A', 1],
      ['P', 0.5],
      ['B', 0.75],
    ]);
  });
});
