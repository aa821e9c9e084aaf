import express from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/src/app.js';
import type { Database } from '../../server/src/db/database.js';
import { applySchema } from '../../server/src/db/schema.js';
import { int, toNeo4jDate } from '../../server/src/db/values.js';
import { endpointsAndPathsQuery, pathQuery } from '../../server/src/features/paths/repository.js';
import { pathsRouter } from '../../server/src/features/paths/router.js';
import { DEFAULT_PATH_TYPES } from '../../server/src/features/paths/schema.js';
import { callerContext } from '../../server/src/http/caller.js';
import { problemHandler } from '../../server/src/http/problem.js';
import { resetGraph, testDatabase } from '../support/neo4j.js';

/*
 * A tiny graph with every undirected simple path from a to f worked out by hand
 * (arrows are the stored directions; default relationship types only):
 *   a -SUPPORTS-> b -SUPPORTS-> f          [a,b,f]       b->f valid only until 2020-01-01
 *   a -PARTY_TO-> g <-PARTY_TO- f          [a,g,f]
 *   a -MEMBER_OF-> c -MEMBER_OF-> d -MEMBER_OF-> f   [a,c,d,f]   c exists from 2015-01-01
 *   b -DIALOGUE_WITH-> c                   [a,c,b,f] and [a,b,c,d,f]
 *   a -SUPPORTS-> src -SUPPORTS-> f        through a Source node: never a path
 *   a -OPERATES_IN-> w <-OPERATES_IN- f    OPERATES_IN is not a default type
 * Clearance: x -> r(RED actor) -> y is the only way between x and y; x2 -[RED]-> y2 likewise.
 */
const GRAPH = `
CREATE (a:Actor {id: 'actor-a', name: 'Alpha Network', acronym: 'ALN', kind: 'un-entity', sensitivity: 'CLEAR', sourceIds: [], quotes: []})
CREATE (b:Actor {id: 'actor-b', name: 'Beta Watch', acronym: 'BW', kind: 'civil-society', sensitivity: 'CLEAR', sourceIds: [], quotes: []})
CREATE (c:Actor {id: 'actor-c', name: 'Gamma Union', kind: 'regional-organization', sensitivity: 'CLEAR', validFrom: date('2015-01-01'), sourceIds: [], quotes: []})
CREATE (d:Actor {id: 'actor-d', name: 'Delta Council', kind: 'un-entity', sensitivity: 'CLEAR', sourceIds: [], quotes: []})
CREATE (f:Actor {id: 'actor-f', name: 'Foxtrot Alpha Forum', kind: 'donor', sensitivity: 'CLEAR', sourceIds: [], quotes: []})
CREATE (g:Agreement {id: 'agreement-g', name: 'the A-F accord', kind: 'mou', sensitivity: 'CLEAR', sourceIds: [], quotes: []})
CREATE (w:Region {id: 'region-w', name: 'the world', kind: 'world', sensitivity: 'CLEAR', sourceIds: [], quotes: []})
CREATE (src:Source {id: 'src-open', title: 'Open note', kind: 'meeting-note', sensitivity: 'CLEAR', date: date('2019-09-01')})
CREATE (:Source {id: 'src-amber', title: 'Amber brief: confidential', kind: 'report', sensitivity: 'AMBER', date: date('2019-09-01')})
CREATE (a)-[:SUPPORTS {id: 'ab', sensitivity: 'CLEAR', sourceIds: ['src-open', 'src-amber'], quotes: ['Alpha backs Beta', 'hushed words']}]->(b)
CREATE (b)-[:SUPPORTS {id: 'bf', sensitivity: 'CLEAR', validTo: date('2020-01-01'), sourceIds: ['src-open'], quotes: ['']}]->(f)
CREATE (a)-[:PARTY_TO {id: 'ag', sensitivity: 'CLEAR', sourceIds: [], quotes: []}]->(g)
CREATE (f)-[:PARTY_TO {id: 'fg', sensitivity: 'CLEAR', sourceIds: [], quotes: []}]->(g)
CREATE (a)-[:MEMBER_OF {id: 'ac', sensitivity: 'CLEAR', sourceIds: [], quotes: []}]->(c)
CREATE (c)-[:MEMBER_OF {id: 'cd', sensitivity: 'CLEAR', sourceIds: [], quotes: []}]->(d)
CREATE (d)-[:MEMBER_OF {id: 'df', sensitivity: 'CLEAR', sourceIds: [], quotes: []}]->(f)
CREATE (b)-[:DIALOGUE_WITH {id: 'bc', sensitivity: 'CLEAR', frequency: 'annual', sourceIds: [], quotes: []}]->(c)
CREATE (a)-[:SUPPORTS {id: 'asrc', sensitivity: 'CLEAR', sourceIds: [], quotes: []}]->(src)
CREATE (src)-[:SUPPORTS {id: 'srcf', sensitivity: 'CLEAR', sourceIds: [], quotes: []}]->(f)
CREATE (a)-[:OPERATES_IN {id: 'aw', sensitivity: 'CLEAR', sourceIds: [], quotes: []}]->(w)
CREATE (f)-[:OPERATES_IN {id: 'fw', sensitivity: 'CLEAR', sourceIds: [], quotes: []}]->(w)
CREATE (x:Actor {id: 'actor-x', name: 'Xenon', kind: 'civil-society', sensitivity: 'CLEAR', sourceIds: [], quotes: []})
CREATE (r:Actor {id: 'actor-r', name: 'Hidden Broker', kind: 'civil-society', sensitivity: 'RED', sourceIds: [], quotes: []})
CREATE (y:Actor {id: 'actor-y', name: 'Yttrium', kind: 'civil-society', sensitivity: 'CLEAR', sourceIds: [], quotes: []})
CREATE (x)-[:SUPPORTS {id: 'xr', sensitivity: 'CLEAR', sourceIds: [], quotes: []}]->(r)
CREATE (r)-[:SUPPORTS {id: 'ry', sensitivity: 'CLEAR', sourceIds: [], quotes: []}]->(y)
CREATE (x2:Actor {id: 'actor-x2', name: 'Xenon Two', kind: 'civil-society', sensitivity: 'CLEAR', sourceIds: [], quotes: []})
CREATE (y2:Actor {id: 'actor-y2', name: 'Yttrium Two', kind: 'civil-society', sensitivity: 'CLEAR', sourceIds: [], quotes: []})
CREATE (x2)-[:FUNDS {id: 'secret-funding', sensitivity: 'RED', sourceIds: [], quotes: []}]->(y2)
`;

let db: Database;
let app: express.Express;

/**
 * The paths router alone, as createApp mounts it, with a chosen transaction timeout: on the
 * shared 2-core machine a cold Neo4j plans each new query shape (mode, direction, hops) in
 * seconds, which must not turn the functional tests into timeouts; one test checks the
 * timeout itself, another that createApp serves the router.
 */
function pathsApp(timeoutMs: number): express.Express {
  const served = express();
  served.use(callerContext('RED'));
  served.use('/api/paths', pathsRouter(db, { timeoutMs }));
  served.use(problemHandler);
  return served;
}

beforeAll(async () => {
  db = testDatabase();
  await resetGraph(db);
  await applySchema(db);
  await db.write(GRAPH);
  app = pathsApp(30_000);
});

afterAll(async () => {
  await db?.close();
});

interface PathBody {
  length: number;
  nodes: Array<{ id: string }>;
  edges: Array<{ id: string; source: string; target: string }>;
  sentence: string;
  steps: Array<{ edgeId: string; from: string; to: string; type: string; text: string; sources: unknown[] }>;
}

const short = (id: string) => id.replace(/^[a-z]+-/, '');
const idsOf = (res: request.Response): string[][] => res.body.paths.map((p: PathBody) => p.nodes.map((n) => short(n.id)));

function paths(query: Record<string, string | number>, clearance = 'RED') {
  return request(app).get('/api/paths').query(query).set('X-Atlas-Clearance', clearance);
}

describe('GET /api/paths on a hand-made graph', () => {
  it('shortest: every path of the minimum length, none through a Source node, ordered by node ids', async () => {
    const res = await paths({ from: 'actor-a', to: 'actor-f' }).expect(200);
    expect(idsOf(res)).toEqual([
      ['a', 'b', 'f'],
      ['a', 'g', 'f'],
    ]);
    expect(res.body).toMatchObject({ mode: 'shortest', truncated: false, from: { id: 'actor-a', matchedBy: 'id' }, to: { id: 'actor-f' } });
    const [first] = res.body.paths as PathBody[];
    expect(first?.length).toBe(2);
    expect(first?.edges.map((e) => [e.id, e.source, e.target])).toEqual([
      ['ab', 'actor-a', 'actor-b'],
      ['bf', 'actor-b', 'actor-f'],
    ]);
    expect(res.body.reason).toBeUndefined();
  });

  it('k-shortest: the k shortest simple paths, shortest first', async () => {
    const four = await paths({ from: 'actor-a', to: 'actor-f', mode: 'k-shortest', k: 4 }).expect(200);
    expect(idsOf(four)).toEqual([
      ['a', 'b', 'f'],
      ['a', 'g', 'f'],
      ['a', 'c', 'b', 'f'],
      ['a', 'c', 'd', 'f'],
    ]);
    const two = await paths({ from: 'actor-a', to: 'actor-f', mode: 'k-shortest', k: 2 }).expect(200);
    expect(idsOf(two)).toEqual(idsOf(four).slice(0, 2));
    const ten = await paths({ from: 'actor-a', to: 'actor-f', mode: 'k-shortest', k: 10 }).expect(200);
    expect(ten.body.paths.map((p: PathBody) => p.length)).toEqual([2, 2, 3, 3, 4]);
  });

  it('all: every simple path up to maxHops, and truncation at the limit', async () => {
    const three = await paths({ from: 'actor-a', to: 'actor-f', mode: 'all', maxHops: 3 }).expect(200);
    expect(idsOf(three)).toEqual([
      ['a', 'b', 'f'],
      ['a', 'g', 'f'],
      ['a', 'c', 'b', 'f'],
      ['a', 'c', 'd', 'f'],
    ]);
    expect(three.body.truncated).toBe(false);
    const four = await paths({ from: 'actor-a', to: 'actor-f', mode: 'all', maxHops: 4 }).expect(200);
    expect(idsOf(four)).toEqual([...idsOf(three), ['a', 'b', 'c', 'd', 'f']]);
    const cut = await paths({ from: 'actor-a', to: 'actor-f', mode: 'all', maxHops: 4, limit: 3 }).expect(200);
    expect(cut.body.paths.map((p: PathBody) => p.length)).toEqual([2, 2, 3]);
    expect(cut.body.truncated).toBe(true);
  });

  it('direction: outgoing follows the arrows, incoming walks against them', async () => {
    const out = await paths({ from: 'actor-a', to: 'actor-f', mode: 'all', direction: 'outgoing' }).expect(200);
    expect(idsOf(out)).toEqual([
      ['a', 'b', 'f'],
      ['a', 'c', 'd', 'f'],
      ['a', 'b', 'c', 'd', 'f'],
    ]);
    const back = await paths({ from: 'actor-f', to: 'actor-a', direction: 'incoming' }).expect(200);
    expect(idsOf(back)).toEqual([['f', 'b', 'a']]);
    const none = await paths({ from: 'actor-a', to: 'actor-f', direction: 'incoming' }).expect(200);
    expect(none.body.paths).toEqual([]);
    expect(none.body.reason).toMatch(/backwards only.*direction=any/);
  });

  it('types: only the relationship types asked for, including ones left out by default', async () => {
    const members = await paths({ from: 'actor-a', to: 'actor-f', types: 'MEMBER_OF' }).expect(200);
    expect(idsOf(members)).toEqual([['a', 'c', 'd', 'f']]);
    const formal = await paths({ from: 'actor-a', to: 'actor-f', types: 'MEMBER_OF,PARTY_TO' }).expect(200);
    expect(idsOf(formal)).toEqual([['a', 'g', 'f']]);
    const geography = await paths({ from: 'actor-a', to: 'actor-f', types: 'OPERATES_IN' }).expect(200);
    expect(idsOf(geography)).toEqual([['a', 'w', 'f']]);
  });

  it('avoid: avoided ids and actor kinds are never intermediate nodes', async () => {
    const noB = await paths({ from: 'actor-a', to: 'actor-f', mode: 'all', avoid: 'actor-b' }).expect(200);
    expect(idsOf(noB)).toEqual([
      ['a', 'g', 'f'],
      ['a', 'c', 'd', 'f'],
    ]);
    const noCivil = await paths({ from: 'actor-a', to: 'actor-f', mode: 'all', avoidKinds: 'civil-society' }).expect(200);
    expect(idsOf(noCivil)).toEqual(idsOf(noB));
    const noBNoG = await paths({ from: 'actor-a', to: 'actor-f', avoid: 'actor-b,agreement-g' }).expect(200);
    expect(idsOf(noBNoG)).toEqual([['a', 'c', 'd', 'f']]);
  });

  it('asOf: a relationship valid until 2019 is not used on 2020-01-01, nor a node before it existed', async () => {
    const before = await paths({ from: 'actor-a', to: 'actor-f', direction: 'outgoing', asOf: '2019-12-31' }).expect(200);
    expect(idsOf(before)).toEqual([['a', 'b', 'f']]);
    const after = await paths({ from: 'actor-a', to: 'actor-f', direction: 'outgoing', asOf: '2020-01-01' }).expect(200);
    expect(idsOf(after)).toEqual([['a', 'c', 'd', 'f']]);
    const early = await paths({ from: 'actor-a', to: 'actor-f', types: 'MEMBER_OF', asOf: '2010-06-01' }).expect(200);
    expect(early.body.paths).toEqual([]);
    expect(early.body.reason).toContain('as of 2010-06-01');
    const endpoint = await paths({ from: 'actor-c', to: 'actor-f', asOf: '2010-06-01' }).expect(200);
    expect(endpoint.body).toMatchObject({ paths: [], reason: 'Gamma Union is not recorded as existing on 2010-06-01.' });
  });

  it('no path: 200 with an empty list and a reason a mediator understands', async () => {
    const res = await paths({ from: 'actor-a', to: 'actor-f', maxHops: 1, types: 'PARTY_TO,MEMBER_OF' }).expect(200);
    expect(res.body.paths).toEqual([]);
    expect(res.body.reason).toBe('No path within 1 hop using PARTY_TO, MEMBER_OF; try allowing more relationship types or more hops.');
  });

  it('steps: one clause per hop (passive when walked backwards) with the sources the caller may see', async () => {
    const red = await paths({ from: 'actor-a', to: 'actor-f' }).expect(200);
    const [viaB, viaG] = red.body.paths as PathBody[];
    expect(viaB?.steps[0]).toEqual({
      edgeId: 'ab',
      from: 'actor-a',
      to: 'actor-b',
      type: 'SUPPORTS',
      text: 'ALN supports BW (per the note)',
      sources: [
        { id: 'src-open', title: 'Open note', quote: 'Alpha backs Beta' },
        { id: 'src-amber', title: 'Amber brief: confidential', quote: 'hushed words' },
      ],
    });
    expect(viaB?.steps[1]?.sources).toEqual([{ id: 'src-open', title: 'Open note', quote: null }]);
    expect(viaG?.sentence).toBe('ALN is party to the A-F accord; the A-F accord has Foxtrot Alpha Forum as a party.');

    const green = await paths({ from: 'actor-a', to: 'actor-f' }, 'GREEN').expect(200);
    expect(green.body.paths[0].steps[0].sources).toEqual([{ id: 'src-open', title: 'Open note', quote: 'Alpha backs Beta' }]);
    expect(JSON.stringify(green.body)).not.toMatch(/Amber brief|hushed words|src-amber/);
  });

  it('clearance: a RED node or relationship on the only path hides the path, and nothing about it leaks', async () => {
    const green = await paths({ from: 'actor-x', to: 'actor-y' }, 'GREEN').expect(200);
    expect(green.body.paths).toEqual([]);
    expect(green.body.reason).toMatch(/^No path within 6 hops/);
    expect(JSON.stringify(green.body)).not.toMatch(/actor-r|Hidden Broker|RED/);
    const red = await paths({ from: 'actor-x', to: 'actor-y' }, 'RED').expect(200);
    expect(idsOf(red)).toEqual([['x', 'r', 'y']]);

    const greenEdge = await paths({ from: 'actor-x2', to: 'actor-y2' }, 'GREEN').expect(200);
    expect(greenEdge.body.paths).toEqual([]);
    expect(JSON.stringify(greenEdge.body)).not.toMatch(/secret-funding|RED/);
    const redEdge = await paths({ from: 'actor-x2', to: 'actor-y2' }, 'RED').expect(200);
    expect(redEdge.body.paths[0].edges).toEqual([expect.objectContaining({ id: 'secret-funding', sensitivity: 'RED' })]);

    const hiddenEnd = await paths({ from: 'actor-x', to: 'actor-r' }, 'GREEN');
    expect(hiddenEnd.status).toBe(404);
  });

  it('search terms: the best actor hit is used and the other hits are offered', async () => {
    const res = await paths({ from: 'ALN', to: 'Delta Council' }).expect(200);
    expect(res.body.from).toMatchObject({ id: 'actor-a', matchedBy: 'search' });
    expect(res.body.to).toMatchObject({ id: 'actor-d', matchedBy: 'search' });
    const ambiguous = await paths({ from: 'Alpha', to: 'actor-d' }).expect(200);
    const hits = [ambiguous.body.from.id, ...ambiguous.body.from.alternatives.map((a: { id: string }) => a.id)].sort();
    expect(hits).toEqual(['actor-a', 'actor-f']);
  });

  it('is served by the app under /api/paths', async () => {
    // Same query shape as the no-path test above, so its plan is cached by now.
    const res = await request(createApp({ db, clearance: 'RED' }))
      .get('/api/paths')
      .query({ from: 'actor-a', to: 'actor-b', maxHops: 1 });
    expect(res.status).toBe(200);
    expect(res.body.paths.map((p: PathBody) => p.edges.map((e) => e.id))).toEqual([['ab']]);
  });
});

describe('GET /api/paths with bad input', () => {
  function expectProblem(res: request.Response, status: number) {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  }

  it('404 naming an unknown id or a term that matches nothing', async () => {
    const unknown = await paths({ from: 'actor-nope', to: 'actor-f' });
    expectProblem(unknown, 404);
    expect(unknown.body.detail).toContain("'actor-nope' (query.from)");
    const term = await paths({ from: 'actor-a', to: 'Zzyzx Qwerty' });
    expectProblem(term, 404);
    expect(term.body.detail).toContain("'Zzyzx Qwerty' (query.to)");
  });

  it('400 naming maxHops and the allowed range', async () => {
    const res = await paths({ from: 'actor-a', to: 'actor-f', maxHops: 9 });
    expectProblem(res, 400);
    expect(res.body.errors).toEqual([{ field: 'query.maxHops', message: expect.stringContaining('from 1 to 8') }]);
  });

  it('400 listing the allowed types for an unknown type', async () => {
    const res = await paths({ from: 'actor-a', to: 'actor-f', types: 'MEMBER_OF,KNOWS' });
    expectProblem(res, 400);
    expect(res.body.errors).toEqual([{ field: 'query.types.1', message: expect.stringContaining('PARTY_TO') }]);
  });

  it('400 when from and to are the same, written alike or resolved alike', async () => {
    const same = await paths({ from: 'actor-a', to: 'actor-a' });
    expectProblem(same, 400);
    expect(same.body.errors).toEqual([expect.objectContaining({ field: 'query.to' })]);
    const resolved = await paths({ from: 'ALN', to: 'actor-a' });
    expectProblem(resolved, 400);
    expect(resolved.body.errors).toEqual([expect.objectContaining({ field: 'query.to' })]);
  });

  it('400 for other out-of-range options, each named', async () => {
    const res = await paths({ from: 'actor-a', to: 'actor-f', k: 11, limit: 51, mode: 'widest', direction: 'up', avoidKinds: 'spies' });
    expectProblem(res, 400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'query.avoidKinds.0',
      'query.direction',
      'query.k',
      'query.limit',
      'query.mode',
    ]);
  });
});

describe('the shortest-path query plan', () => {
  /** The operator names of a plan, depth first. */
  function operators(plan: { operatorType: string; children: unknown[] }): string[] {
    return [plan.operatorType, ...(plan.children as Array<typeof plan>).flatMap(operators)];
  }

  async function planOf(query: string, options: { asOf?: string; avoid?: string[]; avoidKinds?: string[] } = {}): Promise<string[]> {
    const result = await db.read(`EXPLAIN ${query}`, {
      ids: ['actor-a', 'actor-f'],
      from: 'actor-a',
      to: 'actor-f',
      allowed: ['CLEAR', 'GREEN'],
      types: DEFAULT_PATH_TYPES,
      asOf: options.asOf ? toNeo4jDate(options.asOf) : null,
      avoid: options.avoid ?? [],
      avoidKinds: options.avoidKinds ?? [],
      limit: int(11),
    });
    const plan = result.summary.plan;
    if (!plan) throw new Error('EXPLAIN returned no plan');
    return operators(plan as unknown as { operatorType: string; children: unknown[] }).map((o) => o.replace(/@.*$/, ''));
  }

  it('mode shortest filters during the bidirectional search, for every direction, bound and option, never by exhaustive fallback', async () => {
    for (const direction of ['any', 'outgoing', 'incoming'] as const) {
      for (const maxHops of [1, 6, 8]) {
        for (const options of [{}, { asOf: '2019-06-01', avoid: ['actor-b'], avoidKinds: ['donor'] }]) {
          const ops = await planOf(pathQuery('shortest', 11, direction, maxHops), options);
          expect(ops, `${direction} ${maxHops} ${JSON.stringify(options)}`).toContain('ShortestPath');
          // The fallback for predicates the search cannot check is a variable-length expansion
          // under an anti-conditional apply.
          expect(ops.filter((o) => /VarLengthExpand|AntiConditionalApply|StatefulShortestPath/.test(o))).toEqual([]);
        }
      }
    }
    // The check can tell the two searches apart: k-shortest runs on a quantified path pattern.
    expect(await planOf(pathQuery('k-shortest', 3, 'any', 6))).toContain('StatefulShortestPath(Into)');
  });

  it('a request by ids runs the same searches inside its one statement (endpointsAndPaths)', async () => {
    for (const options of [{}, { asOf: '2019-06-01', avoid: ['actor-b'], avoidKinds: ['donor'] }]) {
      const ops = await planOf(endpointsAndPathsQuery(pathQuery('shortest', 11, 'any', 6)), options);
      expect(ops).toContain('ShortestPath');
      expect(ops.filter((o) => /VarLengthExpand|AntiConditionalApply|StatefulShortestPath/.test(o))).toEqual([]);
    }
    expect(await planOf(endpointsAndPathsQuery(pathQuery('k-shortest', 3, 'any', 6)))).toContain('StatefulShortestPath(Into)');
  });
});

describe('GET /api/paths when the search runs out of time', () => {
  it('answers 422 saying how to narrow the request', async () => {
    // Nine layers (1, 10 x 7, 1 actors), each actor linked to every actor of the next layer:
    // ten million tied shortest paths of 8 hops from l0-1 to l8-1, more than a minute of work.
    // Neo4j stops the transaction at the router's 1 ms budget, not the test.
    await db.write(
      `UNWIND range(0, 8) AS layer
       UNWIND CASE WHEN layer IN [0, 8] THEN [1] ELSE range(1, 10) END AS i
       CREATE (:Actor {id: 'actor-l' + layer + '-' + i, layer: layer, name: 'L' + layer + '-' + i, kind: 'donor', sensitivity: 'CLEAR', sourceIds: [], quotes: []})
       WITH count(*) AS made
       MATCH (p:Actor), (q:Actor) WHERE p.id STARTS WITH 'actor-l' AND q.id STARTS WITH 'actor-l' AND q.layer = p.layer + 1
       CREATE (p)-[:SUPPORTS {id: p.id + '>' + q.id, sensitivity: 'CLEAR', sourceIds: [], quotes: []}]->(q)`,
    );
    const res = await request(pathsApp(1)).get('/api/paths').query({ from: 'actor-l0-1', to: 'actor-l8-1', maxHops: 8 });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ type: expect.stringContaining('query-timeout'), detail: expect.stringMatching(/maxHops/) });
  });
});
