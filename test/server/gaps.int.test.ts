import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/src/db/database.js';
import { GAP_KINDS } from '../../server/src/features/gaps/model.js';
import { detectGaps, loadGapFacts } from '../../server/src/features/gaps/service.js';
import type { Caller } from '../../server/src/http/caller.js';
import { openTestApp } from '../support/app.js';

const red = { clearance: 'RED', allowed: ['CLEAR', 'GREEN', 'AMBER', 'RED'] } as Caller;

import { freshSeededDatabase } from '../support/neo4j.js';
import { buildTinyGraph, mandates, type NodeSpec, org, positioned, type RelSpec, world, worldRels } from '../support/tinyGraph.js';

// The first requests compile the queries in a cold Neo4j; on a loaded machine that alone can take tens of seconds.
const SLOW = { timeout: 120_000 };
let db: Database;
let app: Express;

beforeAll(async () => {
  ({ db, app } = await openTestApp({ seeded: false }));
});
afterAll(() => db?.close());

interface Gap {
  kind: string;
  threat?: { id: string };
  region?: { id: string };
  actors: Array<{ id: string }>;
  description: string;
  evidence: Array<{ text: string; relationshipIds: string[]; sources: Array<{ id: string; quote: string | null }> }>;
}

const gaps = async (query: Record<string, string>, clearance = 'RED'): Promise<Gap[]> =>
  (await request(app).get('/api/gaps').set('X-Atlas-Clearance', clearance).query(query).expect(200)).body.gaps;

/** Each gap as 'threat|region|actor,actor' (or the description's subject), to compare whole answers. */
const keys = (list: Gap[]) =>
  list.map((g) => [g.threat?.id ?? '', g.region?.id ?? '', g.actors.map((a) => a.id).join(',')].join('|')).sort();

const buildGraph = (nodes: NodeSpec[], rels: RelSpec[]) => buildTinyGraph(db, nodes, rels);

describe('gap kinds on hand-made graphs', SLOW, () => {
  it('uncovered: fires where a threat affects a region and nobody has both mandate and presence', async () => {
    await buildGraph(
      [...world, org('A'), org('B'), ...mandates('A')],
      [...worldRels, ['T', 'AFFECTS', 'K1'], ['T', 'AFFECTS', 'K2'], ...positioned('A', 'T', 'K1'), ['B', 'OPERATES_IN', 'K2']],
    );
    const found = await gaps({ kind: 'uncovered', asOf: '2024-01-01' });
    expect(keys(found)).toEqual(['T|K2|B']);
    expect(found[0]?.evidence[0]).toMatchObject({ text: 'T affects K2', relationshipIds: ['T|AFFECTS|K2'] });
  });

  it('uncoordinated: pairs of positioned actors with no tie within the hop bound', async () => {
    // A and B share an agreement; D (not positioned) is in dialogue with A and C. C-A: 2 hops; C-B: 3 hops.
    await buildGraph(
      [...world, org('A'), org('B'), org('C'), org('D'), ['Agreement', 'AG'], ...mandates('A', 'B', 'C')],
      [
        ...worldRels,
        ['T', 'AFFECTS', 'R'],
        ...positioned('A', 'T', 'R'),
        ...positioned('B', 'T', 'R'),
        ...positioned('C', 'T', 'R'),
        ['A', 'PARTY_TO', 'AG'],
        ['B', 'PARTY_TO', 'AG'],
        ['D', 'DIALOGUE_WITH', 'A'],
        ['C', 'DIALOGUE_WITH', 'D'],
      ],
    );
    const at = async (hops: number) => keys(await gaps({ kind: 'uncoordinated', asOf: '2024-01-01', hops: String(hops) }));
    expect(await at(1)).toEqual(['T|R|A,C', 'T|R|B,C']);
    expect(await at(2)).toEqual(['T|R|B,C']);
    expect(await at(3)).toEqual([]);
  });

  it('presence-without-mandate: direct presence where the threat affects the region, no mandate covering it', async () => {
    // A: present in K1, mandate only on U. B: present with a mandate on T. C: present only in the world. E: inherits from B.
    await buildGraph(
      [...world, org('A'), org('B'), org('C'), org('E'), ...mandates('A', 'B')],
      [
        ...worldRels,
        ['T', 'AFFECTS', 'K1'],
        ...positioned('A', 'U', 'K1'),
        ...positioned('B', 'T', 'K1'),
        ['C', 'OPERATES_IN', 'W'],
        ['E', 'PART_OF', 'B'],
        ['E', 'OPERATES_IN', 'K1'],
      ],
    );
    expect(keys(await gaps({ kind: 'presence-without-mandate', asOf: '2024-01-01' }))).toEqual(['T|K1|A']);
  });

  it('early-warning: regional organizations without a civil-society data provider (a hidden provider does not count)', async () => {
    await buildGraph(
      [
        ...world,
        org('O1'),
        org('O2'),
        org('O3', { kind: 'subregional-organization' }),
        org('O4'),
        ['Actor', 'CS', { kind: 'civil-society' }],
        ['Actor', 'CSR', { kind: 'civil-society', sensitivity: 'RED' }],
        ['Actor', 'UNX', { kind: 'un-entity' }],
        ['Actor', 'NotRegional', { kind: 'un-entity' }],
        ['Initiative', 'EW'],
      ],
      [
        ['O1', 'OPERATES_IN', 'R'],
        ['CS', 'PROVIDES_DATA_TO', 'O1'],
        ['CSR', 'PROVIDES_DATA_TO', 'O2', { sensitivity: 'RED' }],
        ['O3', 'PARTICIPATES_IN', 'EW', { role: 'lead' }],
        ['CS', 'PARTICIPATES_IN', 'EW', { role: 'data-provider' }],
        ['UNX', 'PROVIDES_DATA_TO', 'O4'],
      ],
    );
    expect(keys(await gaps({ kind: 'early-warning', asOf: '2024-01-01' }, 'RED'))).toEqual(['||O4']);
    expect(keys(await gaps({ kind: 'early-warning', asOf: '2024-01-01' }, 'GREEN'))).toEqual(['||O2', '||O4']);
    // Narrowed to a region: only organizations present there (O1 is, and has a provider).
    expect(keys(await gaps({ kind: 'early-warning', region: 'R', asOf: '2024-01-01' }))).toEqual([]);
  });

  it('single-point-of-failure: articulation points of the positioned actors and their ties', async () => {
    // Triangle A-B-C, C-D; E (not positioned) links D to A, which must not count.
    await buildGraph(
      [...world, org('A'), org('B'), org('C'), org('D'), org('E'), ...mandates('A', 'B', 'C', 'D')],
      [
        ...worldRels,
        ['T', 'AFFECTS', 'R'],
        ...['A', 'B', 'C', 'D'].flatMap((a) => positioned(a, 'T', 'R')),
        ['A', 'DIALOGUE_WITH', 'B'],
        ['B', 'SUPPORTS', 'C'],
        ['C', 'DIALOGUE_WITH', 'A'],
        ['C', 'DIALOGUE_WITH', 'D'],
        ['E', 'DIALOGUE_WITH', 'D'],
        ['E', 'DIALOGUE_WITH', 'A'],
      ],
    );
    const found = await gaps({ kind: 'single-point-of-failure', asOf: '2024-01-01' });
    expect(keys(found)).toEqual(['T|R|C']);
    expect(found[0]?.description).toBe('Without C, the actors positioned for T in R fall apart into 2 groups: {A, B} | {D}');
  });

  it('unfunded vs no-funding-recorded: a place no initiative targets is unfunded; initiatives without funding data are a data gap', async () => {
    await buildGraph(
      [...world, ['Threat', 'V'], org('F', { kind: 'donor' }), org('A'), ['Initiative', 'I1'], ['Initiative', 'I2'], ['Initiative', 'I3']],
      [
        ...worldRels,
        ['T', 'AFFECTS', 'R'],
        ['U', 'AFFECTS', 'R'],
        ['V', 'AFFECTS', 'R'],
        ['F', 'FUNDS', 'I1'],
        ['I1', 'TARGETS', 'T'],
        ['I1', 'SPANS', 'K1'],
        ['A', 'PARTICIPATES_IN', 'I2', { role: 'lead' }],
        ['I2', 'TARGETS', 'U'],
        ['I2', 'SPANS', 'R'],
        ['F', 'PARTICIPATES_IN', 'I3', { role: 'funder' }],
      ],
    );
    expect(keys(await gaps({ kind: 'unfunded', asOf: '2024-01-01' }))).toEqual(['V|R|']);
    const unknown = await gaps({ kind: 'no-funding-recorded', asOf: '2024-01-01' });
    expect(keys(unknown)).toEqual(['U|R|', '||A']);
    expect(unknown.find((g) => g.actors.length === 1)?.description).toBe(
      'No funding is recorded for I2 (no FUNDS relationship, no participant in the funder role): the graph does not say whether it is funded',
    );
  });

  it('uncoordinated counts through organs and their agreements, and names a family once', async () => {
    // P is an organ of A; P and B share an agreement; C has no tie. A-B: A=P (0) + P-B (1).
    await buildGraph(
      [
        ...world,
        org('A'),
        ['Actor', 'P', { kind: 'regional-body' }],
        org('B'),
        org('C'),
        ['Agreement', 'AG'],
        ...mandates('A', 'P', 'B', 'C'),
      ],
      [
        ...worldRels,
        ['T', 'AFFECTS', 'R'],
        ...['A', 'P', 'B', 'C'].flatMap((a) => positioned(a, 'T', 'R')),
        ['P', 'PART_OF', 'A'],
        ['P', 'PARTY_TO', 'AG'],
        ['B', 'PARTY_TO', 'AG'],
      ],
    );
    const found = await gaps({ kind: 'uncoordinated', asOf: '2024-01-01', hops: '1' });
    expect(keys(found)).toEqual(['T|R|A,C', 'T|R|B,C']);
  });

  it('single-point-of-failure: only actors that act, not an architecture', async () => {
    // A - X - C and A - B - D: X (an architecture, positioned in the data) is a framework, not a
    // responder: not in the network, never a point; B is the one point.
    await buildGraph(
      [
        ...world,
        ...['A', 'B', 'C', 'D'].map((id) => org(id)),
        ['Actor', 'X', { kind: 'regional-architecture' }],
        ...mandates('A', 'X', 'B', 'C', 'D'),
      ],
      [
        ...worldRels,
        ['T', 'AFFECTS', 'R'],
        ...['A', 'X', 'B', 'C', 'D'].flatMap((a) => positioned(a, 'T', 'R')),
        ['A', 'DIALOGUE_WITH', 'X'],
        ['X', 'DIALOGUE_WITH', 'C'],
        ['A', 'DIALOGUE_WITH', 'B'],
        ['B', 'DIALOGUE_WITH', 'D'],
      ],
    );
    expect(keys(await gaps({ kind: 'single-point-of-failure', asOf: '2024-01-01' }))).toEqual(['T|R|B']);
    const ranked = (await request(app).get('/api/responders').query({ threat: 'T', region: 'R', asOf: '2024-01-01' }).expect(200)).body
      .responders as Array<{ actor: { id: string } }>;
    expect(ranked.map((r) => r.actor.id).sort()).toEqual(['A', 'B', 'C', 'D']);
  });

  it('an initiative in the place is presence there: no uncovered gap, no lack of presence beside it; an agreement targeting the threat scores', async () => {
    // G: global mandate and world presence, supports I (targets T, spans K1) and is party to AG (targets T).
    await buildGraph(
      [...world, ['Actor', 'G', { kind: 'un-entity' }], ['Initiative', 'I'], ['Agreement', 'AG'], ...mandates('G')],
      [
        ...worldRels,
        ['T', 'AFFECTS', 'K1'],
        ['T', 'AFFECTS', 'K2'],
        ['G', 'HAS_MANDATE', 'm-G'],
        ['m-G', 'COVERS', 'T'],
        ['m-G', 'APPLIES_IN', 'W'],
        ['G', 'OPERATES_IN', 'W'],
        ['G', 'PARTICIPATES_IN', 'I', { role: 'supporter' }],
        ['I', 'TARGETS', 'T'],
        ['I', 'SPANS', 'K1'],
        ['G', 'PARTY_TO', 'AG'],
        ['AG', 'TARGETS', 'T'],
      ],
    );
    expect(keys(await gaps({ kind: 'uncovered', asOf: '2024-01-01' }))).toEqual(['T|K2|G']);
    const rows = (await request(app).get('/api/responders').query({ threat: 'T', region: 'K1', asOf: '2024-01-01' }).expect(200)).body
      .responders;
    expect(rows[0]).toMatchObject({ actor: { id: 'G' }, positioned: true, presenceTier: 'field' });
    expect(rows[0].lacks.filter((l: string) => /presence/.test(l))).toEqual([]);
    expect(rows[0].breakdown.instruments.score).toBe(1);
    expect(rows[0].breakdown.instruments.facts.map((f: { text: string }) => f.text)).toContain('G is party to AG, which targets T');
  });

  it('rejects an unknown kind, too many hops and an unknown region', async () => {
    const bad = await request(app).get('/api/gaps').query({ kind: 'uncovered,nonsense', hops: '9' }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['query.hops', 'query.kind.1']);
    const unknown = await request(app).get('/api/gaps').query({ region: 'region-atlantis' }).expect(404);
    expect(unknown.body.detail).toContain('region-atlantis');
  });
});

describe('gaps on the seed graph', SLOW, () => {
  beforeAll(async () => {
    await freshSeededDatabase(db);
  });

  it('finds the OAS present without a mandate in Venezuela and Nicaragua (until its withdrawal took effect), with the note as evidence', async () => {
    const after = await gaps({ kind: 'presence-without-mandate', threat: 'threat-political-crisis', asOf: '2024-06-01' });
    expect(keys(after)).toEqual(['threat-political-crisis|country-ve|actor-oas']);
    const found = await gaps({ kind: 'presence-without-mandate', threat: 'threat-political-crisis', asOf: '2023-06-01' });
    expect(keys(found)).toEqual(['threat-political-crisis|country-ni|actor-oas', 'threat-political-crisis|country-ve|actor-oas']);
    const quotes = found.flatMap((g) => g.evidence.flatMap((e) => e.sources.map((s) => s.quote)));
    expect(quotes).toContain(
      'the lack of a conflict prevention mandate in the OAS has limited its ability to actively respond to the situations in Venezuela or Nicaragua',
    );
  });

  it('returns at most `limit` gaps, kind by kind, and says how many there were', async () => {
    const all = (await request(app).get('/api/gaps').query({ asOf: '2024-06-01' }).expect(200)).body;
    expect(all.truncated).toBe(false);
    expect(all.gaps).toHaveLength(all.total);
    const few = (await request(app).get('/api/gaps').query({ asOf: '2024-06-01', limit: 3 }).expect(200)).body;
    expect(few).toMatchObject({ total: all.total, truncated: true });
    expect(few.gaps).toEqual(all.gaps.slice(0, 3));
    expect(all.gaps[0].kind).toBe('uncovered');
  });

  it('counts first (by kind and region), then builds one page of evidence; pages tile the whole list; past the budget, a 422', async () => {
    const { fb, rows } = await loadGapFacts(db, red, '2024-06-01');
    const question = { kinds: [...GAP_KINDS], hops: 2 };
    const all = detectGaps(fb, rows, question);
    expect(all.gaps).toHaveLength(all.counts.total);
    for (const kind of GAP_KINDS) expect(all.gaps.filter((g) => g.kind === kind)).toHaveLength(all.counts.byKind[kind]);
    const regional = all.gaps.filter((g) => g.region && g.threat);
    expect(all.counts.byRegion.reduce((sum, r) => sum + r.total, 0)).toBe(regional.length);
    const pages = [0, 7, 14, 21].flatMap((offset) => detectGaps(fb, rows, question, { offset, limit: 7 }).gaps);
    expect(pages.map((g) => g.description)).toEqual(all.gaps.slice(0, 28).map((g) => g.description));
    expect(() => detectGaps(fb, rows, question, { timeBudgetMs: -1 })).toThrow(
      expect.objectContaining({ status: 422, code: 'query-timeout', detail: expect.stringMatching(/threat=.*region=/) }),
    );
    const body = (await request(app).get('/api/gaps').query({ asOf: '2024-06-01', limit: 5, offset: 5 }).expect(200)).body;
    expect(body).toMatchObject({ total: all.counts.total, offset: 5, truncated: true, counts: { byKind: all.counts.byKind } });
    expect(body.gaps.map((g: Gap) => g.description)).toEqual(all.gaps.slice(5, 10).map((g) => g.description));
  });

  it('does not call the AU or ECOWAS uncoordinated with the UN family (PBSO MoUs, PBC-AU PSC dialogue)', async () => {
    for (const asOf of ['2024-06-01', '2026-01-01']) {
      const found = await gaps({ kind: 'uncoordinated', asOf, limit: '5000' });
      const pairs = found.map((g) => g.actors.map((a) => a.id).join(','));
      expect(pairs.filter((p) => /actor-(au|ecowas)\b/.test(p) && /actor-(un|pbso|dppa|pbc|un-secretariat|undp|pdas)\b/.test(p))).toEqual(
        [],
      );
    }
  });

  it('finds early-warning gaps for the AU, OAS, ASEAN, CARICOM and the PIF but not ECOWAS (WANEP feeds it)', async () => {
    const ids = (list: Gap[]) => list.flatMap((g) => g.actors.map((a) => a.id)).sort();
    expect(ids(await gaps({ kind: 'early-warning', asOf: '2024-06-01' }, 'GREEN'))).toEqual([
      'actor-asean',
      'actor-au',
      'actor-caricom',
      'actor-oas',
      'actor-pif',
    ]);
    // The WANEP feed is GREEN: a CLEAR caller sees ECOWAS without a provider.
    expect(ids(await gaps({ kind: 'early-warning', asOf: '2024-06-01' }, 'CLEAR'))).toContain('actor-ecowas');
  });
});
