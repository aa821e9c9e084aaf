import { REL_TYPES } from '@atlas/seed';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/src/app.js';
import type { Sensitivity } from '../../server/src/config.js';
import type { Database } from '../../server/src/db/database.js';
import { applySchema } from '../../server/src/db/schema.js';
import { dropCachedProjections } from '../../server/src/features/centrality/gds.js';
import type { CentralityResult } from '../../server/src/features/centrality/model.js';
import { type Engine, MEASURES, type Measure, SLICE_LABELS } from '../../server/src/features/centrality/schema.js';
import { computeCentrality, hasGds } from '../../server/src/features/centrality/service.js';
import { allowedLevels, type Caller } from '../../server/src/http/caller.js';
import { freshSeededDatabase, resetGraph, testDatabase } from '../support/neo4j.js';
import * as ref from './centrality.reference.js';

let db: Database;
let app: ReturnType<typeof createApp>;
let engines: Engine[];

beforeAll(async () => {
  db = testDatabase();
  app = createApp({ db, clearance: 'RED' });
  // The schema first, as the app has it: it makes the label tokens in the order that keeps
  // labels(n)[0] the domain label once the fixtures below add :Entity (as every app write does).
  await applySchema(db);
  engines = (await hasGds(db)) ? ['in-process', 'gds'] : ['in-process'];
  if (engines.length === 1) console.warn('[centrality] this Neo4j has no GDS: only the in-process engine is tested');
});

afterAll(async () => {
  // Cached projections are dropped with the cache; no other may be left in the catalog.
  if (engines?.includes('gds')) {
    await dropCachedProjections(db);
    const left = await db.read<{ graphs: number }>(
      "CALL gds.graph.list() YIELD graphName WHERE graphName STARTS WITH 'atlas-centrality-' RETURN count(*) AS graphs",
    );
    expect(left.records[0]?.get('graphs')).toBe(0);
  }
  await db?.close();
});

const tid = (id: string) => `t-${id}`;

/**
 * Loads a test graph as Actor nodes joined by DIALOGUE_WITH; `both` stores every edge in both
 * directions (so undirected measures must merge them, and directed ones see networkx's
 * to_directed()). Nodes and relationships listed in `red` are RED, everything else CLEAR.
 */
async function load(g: ref.TestGraph, options: { both?: boolean; redNodes?: string[]; redEdges?: Array<[string, string]> } = {}) {
  await resetGraph(db);
  const redNodes = new Set(options.redNodes ?? []);
  const nodes = g.nodes.map((id) => ({ id: tid(id), name: `Node ${id}`, sensitivity: redNodes.has(id) ? 'RED' : 'CLEAR' }));
  const pairs = options.both
    ? g.edges.flatMap(([u, v]) => [
        [u, v],
        [v, u],
      ])
    : g.edges;
  const edges = [
    ...pairs.map(([u, v], i) => ({ id: `rel-${i}`, source: tid(u as string), target: tid(v as string), sensitivity: 'CLEAR' })),
    ...(options.redEdges ?? []).map(([u, v], i) => ({ id: `rel-red-${i}`, source: tid(u), target: tid(v), sensitivity: 'RED' })),
  ];
  await db.write(
    `UNWIND $nodes AS n CREATE (:Actor:Entity {id: n.id, name: n.name, kind: 'civil-society', sensitivity: n.sensitivity, sourceIds: [], quotes: []})`,
    { nodes },
  );
  await db.write(
    `UNWIND $edges AS e MATCH (a:Actor {id: e.source}), (b:Actor {id: e.target})
     CREATE (a)-[:DIALOGUE_WITH {id: e.id, sensitivity: e.sensitivity, sourceIds: [], quotes: []}]->(b)`,
    { edges },
  );
}

const everything = { types: [...REL_TYPES], labels: [...SLICE_LABELS], top: 10_000 };
const callerWith = (clearance: Sensitivity): Caller => ({ clearance, allowed: allowedLevels(clearance), userId: 'local', role: 'admin' });
const red = callerWith('RED');
const green = callerWith('GREEN');

function compute(measure: Measure, engine: Engine, caller = red, extra: Record<string, unknown> = {}): Promise<CentralityResult> {
  return computeCentrality(db, caller, { ...everything, measure, engine, ...extra } as Parameters<typeof computeCentrality>[2]);
}

function expectValues(result: CentralityResult, field: 'value' | 'normalized', expected: Map<string, number>, tolerance = 1e-6) {
  const got = new Map(result.results.map((r) => [r.id, r[field]]));
  expect(got.size, `${result.engine} ${result.measure} node count`).toBe(expected.size);
  for (const [id, v] of expected) {
    const actual = got.get(tid(id));
    expect(actual, `${result.engine} ${result.measure} ${field} of ${id}`).toBeDefined();
    expect(Math.abs((actual as number) - v), `${result.engine} ${result.measure} ${field} of ${id}: ${actual} vs ${v}`).toBeLessThanOrEqual(
      tolerance,
    );
  }
}

const scaledBy = (values: Map<string, number>, f: number) => new Map([...values].map(([id, v]) => [id, v * f]));
const bothDirections = (g: ref.TestGraph): ref.TestGraph => ({
  nodes: g.nodes,
  edges: g.edges.flatMap(
    ([u, v]): Array<[string, string]> => [
      [u, v],
      [v, u],
    ],
  ),
});

/** Every measure, by every engine, against the reference implementation. */
async function expectReferenceValues(g: ref.TestGraph, caller = red) {
  const n = g.nodes.length;
  const { plain, wf } = ref.closeness(g);
  const expected: Record<Measure, [Map<string, number>, Map<string, number>]> = {
    degree: [ref.degree(g), scaledBy(ref.degree(g), 1 / (n - 1))],
    'in-degree': [ref.degree(g), scaledBy(ref.degree(g), 1 / (n - 1))],
    'out-degree': [ref.degree(g), scaledBy(ref.degree(g), 1 / (n - 1))],
    betweenness: [ref.betweenness(g), scaledBy(ref.betweenness(g), 2 / ((n - 1) * (n - 2)))],
    closeness: [plain, wf],
    harmonic: [ref.harmonic(g), scaledBy(ref.harmonic(g), 1 / (n - 1))],
    pagerank: [ref.pagerank(bothDirections(g)), ref.pagerank(bothDirections(g))],
    eigenvector: [ref.eigenvector(g), ref.eigenvector(g)],
  };
  for (const engine of engines) {
    for (const measure of MEASURES) {
      const result = await compute(measure, engine, caller);
      expect(result.engine).toBe(engine);
      expect(result.graph.nodes).toBe(n);
      const [value, normalized] = expected[measure];
      expectValues(result, 'value', value);
      expectValues(result, 'normalized', normalized);
    }
  }
}

describe('both engines on hand-worked graphs, through the API', { timeout: 120_000 }, () => {
  const get = (engine: Engine, query: Record<string, string | number>) =>
    request(app)
      .get('/api/centrality')
      .query({ engine, top: 100, ...query })
      .expect(200);
  const values = (res: request.Response, field: 'value' | 'normalized' = 'value') =>
    Object.fromEntries(
      res.body.results.map((r: { id: string; value: number; normalized: number }) => [r.id.slice(2), Number(r[field].toFixed(9))]),
    );

  it('P5: betweenness 0,3,4,3,0; closeness 4/10, 4/7, 4/6; degree; bridges and articulation points', async () => {
    await load(ref.P5);
    for (const engine of engines) {
      const b = await get(engine, { measure: 'betweenness' });
      expect(b.body).toMatchObject({ measure: 'betweenness', engine, estimate: null, graph: { nodes: 5, relationships: 4 } });
      expect(b.body.normalization).toMatch(/2 \/ \(\(n - 1\)\(n - 2\)\)/);
      expect(values(b)).toEqual({ a: 0, b: 3, c: 4, d: 3, e: 0 });
      expect(b.body.results.map((r: { id: string; rank: number }) => [r.id, r.rank])).toEqual([
        ['t-c', 1],
        ['t-b', 2],
        ['t-d', 2],
        ['t-a', 4],
        ['t-e', 4],
      ]);
      const c = await get(engine, { measure: 'closeness' });
      expect(values(c, 'normalized')).toEqual({
        a: 0.4,
        b: Number((4 / 7).toFixed(9)),
        c: Number((4 / 6).toFixed(9)),
        d: Number((4 / 7).toFixed(9)),
        e: 0.4,
      });
      const d = await get(engine, { measure: 'degree' });
      expect(values(d)).toEqual({ a: 1, b: 2, c: 2, d: 2, e: 1 });
    }
    // auto: betweenness and eigenvector in this process (GDS 2.13 does them worse), the others by GDS when present.
    const auto = 'auto' as Engine;
    for (const measure of ['betweenness', 'eigenvector']) {
      expect((await get(auto, { measure })).body.engine, measure).toBe('in-process');
    }
    for (const measure of ['pagerank', 'closeness']) {
      expect((await get(auto, { measure })).body.engine, measure).toBe(engines.includes('gds') ? 'gds' : 'in-process');
    }
    const s = await request(app).get('/api/centrality/structure').expect(200);
    expect(s.body.engine).toBe('in-process');
    expect(s.body.articulationPoints.map((p: { id: string; components: number }) => [p.id, p.components])).toEqual([
      ['t-b', 2],
      ['t-c', 2],
      ['t-d', 2],
    ]);
    expect(s.body.articulationPoints[0]).toMatchObject({ name: 'Node b', label: 'Actor', kind: 'civil-society' });
    expect(s.body.bridges.map((e: { source: string; target: string }) => `${e.source}-${e.target}`)).toEqual([
      't-a-t-b',
      't-b-t-c',
      't-c-t-d',
      't-d-t-e',
    ]);
    expect(s.body.bridges[0]).toMatchObject({ type: 'DIALOGUE_WITH', id: 'rel-0' });
  });

  it('eigenvector that cannot converge in-process is a 422 saying how to narrow the slice', async () => {
    const star = (hub: string, leaves: number): Array<[string, string]> => Array.from({ length: leaves }, (_, i) => [hub, `${hub}${i}`]);
    const edges = [...star('a', 100), ...star('b', 99)];
    await load({ nodes: [...new Set(edges.flat())], edges });
    const res = await request(app).get('/api/centrality').query({ measure: 'eigenvector', engine: 'in-process' }).expect(422);
    expect(res.body).toMatchObject({ type: expect.stringContaining('not-converged'), detail: expect.stringMatching(/Narrow the slice/) });
  });

  it('S5: the hub has betweenness 6 (normalized 1) and closeness 1, leaves 0 and 4/7', async () => {
    await load(ref.S5);
    for (const engine of engines) {
      const b = await get(engine, { measure: 'betweenness' });
      expect(values(b, 'normalized')).toEqual({ h: 1, l1: 0, l2: 0, l3: 0, l4: 0 });
      const c = await get(engine, { measure: 'closeness' });
      expect(values(c)).toMatchObject({ h: 1, l1: Number((4 / 7).toFixed(9)) });
    }
    const s = await request(app).get('/api/centrality/structure').expect(200);
    expect(s.body.articulationPoints).toEqual([expect.objectContaining({ id: 't-h', components: 4 })]);
    expect(s.body.bridges).toHaveLength(4);
  });

  it('barbell: 12 for each end of the joining edge, the only bridge; parallel relationships merge', async () => {
    await load(ref.BARBELL, { both: true });
    for (const engine of engines) {
      const b = await get(engine, { measure: 'betweenness' });
      expect(b.body.graph).toEqual({ nodes: 8, relationships: 13 });
      expect(values(b)).toMatchObject({ a1: 0, a4: 12, b1: 12, b4: 0 });
      const c = await get(engine, { measure: 'closeness' });
      expect(values(c)).toMatchObject({ a4: 0.7, a1: 0.5 });
      const d = await get(engine, { measure: 'degree' });
      expect(values(d)).toMatchObject({ a1: 3, a4: 4 });
    }
    const s = await request(app).get('/api/centrality/structure').expect(200);
    expect(s.body.articulationPoints.map((p: { id: string }) => p.id)).toEqual(['t-a4', 't-b1']);
    expect(s.body.bridges).toEqual([expect.objectContaining({ source: 't-a4', target: 't-b1', type: 'DIALOGUE_WITH' })]);
  });
});

describe('both engines against networkx definitions', { timeout: 120_000 }, () => {
  it('disconnected graph (Wasserman-Faust closeness)', async () => {
    await load(ref.SPLIT, { both: true });
    await expectReferenceValues(ref.SPLIT);
  });

  it("Zachary's karate club (34 nodes, 78 edges), every measure within 1e-6", async () => {
    await load(ref.KARATE, { both: true });
    await expectReferenceValues(ref.KARATE);
    for (const engine of engines) {
      const b = new Map((await compute('betweenness', engine)).results.map((r) => [r.id, r.normalized]));
      expect(b.get(tid('1'))).toBeCloseTo(0.4376, 3);
      expect(b.get(tid('34'))).toBeCloseTo(0.3041, 3);
      const pr = new Map((await compute('pagerank', engine)).results.map((r) => [r.id, r.value]));
      expect(pr.get(tid('34'))).toBeCloseTo(0.1009, 3);
      expect(pr.get(tid('1'))).toBeCloseTo(0.097, 3);
    }
  });

  it('Florentine families (15 nodes, 20 edges), every measure within 1e-6', async () => {
    await load(ref.FLORENTINE, { both: true });
    await expectReferenceValues(ref.FLORENTINE);
  });

  it('directed PageRank with a dangling node: GDS rescaled equals networkx', async () => {
    await load(ref.DANGLING);
    const expected = ref.pagerank(ref.DANGLING);
    for (const engine of engines) {
      expectValues(await compute('pagerank', engine), 'value', expected);
      expectValues(await compute('in-degree', engine), 'value', new Map(Object.entries({ a: 2, b: 1, c: 1, d: 1, e: 0 })));
      expectValues(await compute('out-degree', engine), 'value', new Map(Object.entries({ a: 2, b: 1, c: 1, d: 0, e: 1 })));
    }
  });

  it('communities: Louvain on the karate club, modularity as defined by Newman for the returned split', async () => {
    await load(ref.KARATE, { both: true });
    for (const engine of engines) {
      const res = await request(app).get('/api/centrality/communities').query({ engine }).expect(200);
      expect(res.body).toMatchObject({ engine, algorithm: 'louvain' });
      const assignment = Object.fromEntries(
        Object.entries(res.body.assignments as Record<string, number>).map(([id, c]) => [id.slice(2), c]),
      );
      expect(Object.keys(assignment).sort()).toEqual([...ref.KARATE.nodes].sort());
      expect(res.body.modularity).toBeCloseTo(ref.modularity(ref.KARATE, assignment), 6);
      // Louvain finds splits of modularity about 0.42 on this graph; the two-club split is 0.37.
      expect(res.body.modularity).toBeGreaterThan(0.37);
      const sizes = res.body.communities.map((c: { size: number; members: string[] }) => c.members.length);
      expect(sizes.reduce((a: number, b: number) => a + b, 0)).toBe(34);
      expect([...sizes].sort((a: number, b: number) => b - a)).toEqual(sizes);
    }
    // Again on the same graph: GDS reuses its cached projection, which must not keep the first run's communities.
    if (engines.includes('gds')) {
      const again = await request(app).get('/api/centrality/communities').query({ engine: 'gds' }).expect(200);
      expect(Object.keys(again.body.assignments)).toHaveLength(34);
      expect(again.body.modularity).toBeGreaterThan(0.37);
    }
  });

  it('sampled betweenness says it is an estimate and with how many sources', async () => {
    await load(ref.KARATE, { both: true });
    for (const engine of engines) {
      const sampled = await compute('betweenness', engine, red, { samples: 10 });
      expect(sampled.estimate).toEqual({ samples: 10 });
      expect(sampled.results[0]?.value).toBeGreaterThan(0);
      const all = await compute('betweenness', engine, red, { samples: 34 });
      expect(all.estimate).toBeNull();
    }
  });
});

describe('what the caller may not see changes nothing', { timeout: 120_000 }, () => {
  it('a RED hub and a RED relationship: GREEN values equal those of the graph without them', async () => {
    const withoutHub: ref.TestGraph = {
      nodes: ref.KARATE.nodes.filter((id) => id !== '34'),
      edges: ref.KARATE.edges.filter(([u, v]) => u !== '34' && v !== '34'),
    };
    await load(ref.KARATE, { both: true, redNodes: ['34'], redEdges: [['17', '26']] });
    await expectReferenceValues(withoutHub, green);
    for (const engine of engines) {
      for (const path of [
        '/api/centrality?measure=betweenness',
        '/api/centrality?measure=pagerank',
        '/api/centrality/communities',
        '/api/centrality/structure',
      ]) {
        const res = await request(app)
          .get(`${path}${path.includes('?') ? '&' : '?'}engine=${engine}`)
          .set('X-Atlas-Clearance', 'GREEN')
          .expect(200);
        expect(JSON.stringify(res.body), `${engine} ${path}`).not.toMatch(/t-34"|rel-red/);
      }
    }
    // The RED caller sees the hub, so the check above is not vacuous.
    const all = await request(app).get('/api/centrality').query({ measure: 'degree', top: 1 }).expect(200);
    expect(all.body.results[0].id).toBe('t-34');
  });
});

describe('the seed graph', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    await freshSeededDatabase(db);
  });

  const slices: Array<Record<string, unknown>> = [
    // The region scope has its own test below; these three cover a whole graph, a threat scope
    // with a date, and a disconnected slice (where GDS eigenvector needs the fallback).
    {},
    { threat: 'threat-armed-conflict', asOf: '2020-01-01' },
    {
      labels: ['Actor'],
      types: ['MEMBER_OF', 'PARTY_TO', 'FUNDS', 'PROVIDES_DATA_TO', 'DIALOGUE_WITH', 'SUPPORTS'],
      kinds: ['regional-organization', 'member-state', 'un-entity'],
    },
  ];

  for (const slice of slices) {
    it(`both engines give the same value and rank for every node and measure: ${JSON.stringify(slice)}`, async () => {
      if (engines.length < 2) return;
      for (const measure of MEASURES) {
        const [a, b] = await Promise.all(engines.map((engine) => compute(measure, engine, red, slice)));
        expect(a?.graph, measure).toEqual(b?.graph);
        const other = new Map(b?.results.map((r) => [r.id, r]));
        for (const r of a?.results ?? []) {
          const o = other.get(r.id);
          expect(o, `${measure} ${r.id}`).toBeDefined();
          expect(Math.abs(r.value - (o?.value ?? Number.NaN)), `${measure} ${r.id}`).toBeLessThanOrEqual(
            1e-6 * Math.max(1, Math.abs(r.value)),
          );
          expect(o?.rank, `${measure} ${r.id} rank`).toBe(r.rank);
        }
      }
    });
  }

  it('GDS PageRank for the first N (only the nodes that can rank read back) equals the first N of the whole ranking, ties included', async () => {
    if (!engines.includes('gds')) return;
    const whole = await compute('pagerank', 'gds'); // top 10,000: every score streamed
    expect(whole.results.length).toBeGreaterThan(40);
    // The seed has many nodes with equal PageRank (leaves of the same hub): some N cut through such a tie.
    const tiedAt = whole.results.findIndex((r, i) => i > 0 && r.rank !== i + 1);
    expect(tiedAt).toBeGreaterThan(0);
    for (const top of [1, 5, tiedAt, tiedAt + 1, 40]) {
      const first = await compute('pagerank', 'gds', red, { top });
      expect(
        first.results.map((r) => [r.id, r.rank]),
        `top ${top}`,
      ).toEqual(whole.results.slice(0, top).map((r) => [r.id, r.rank]));
      first.results.forEach((r, i) => {
        expect(Math.abs(r.value - (whole.results[i]?.value ?? Number.NaN)), `top ${top}: ${r.id}`).toBeLessThanOrEqual(1e-12);
      });
      expect(first.graph).toEqual(whole.graph);
    }
  });

  it('by default the brokers are organisations and their ties: no region, threat or mandate, whatever the measure', async () => {
    for (const measure of ['betweenness', 'degree', 'pagerank']) {
      const res = await request(app).get('/api/centrality').query({ measure, top: 10_000 }).expect(200);
      const labels = new Set(res.body.results.map((r: { label: string }) => r.label));
      expect([...labels].sort(), measure).toEqual(['Actor', 'Agreement', 'Initiative']);
      expect(res.body.results[0].label, measure).toBe('Actor');
    }
    const asked = await request(app).get('/api/centrality').query({ measure: 'betweenness', labels: 'Actor,Region', types: 'OPERATES_IN' });
    expect(asked.body.results.map((r: { id: string }) => r.id)).toContain('region-world');
  });

  it('a region slice keeps the region, its sub-regions and what is placed in them', async () => {
    const res = await request(app)
      .get('/api/centrality')
      .query({ measure: 'degree', region: 'region-west-africa', top: 10_000, labels: SLICE_LABELS.join(','), types: REL_TYPES.join(',') })
      .expect(200);
    const ids = res.body.results.map((r: { id: string }) => r.id);
    expect(ids).toContain('region-west-africa');
    expect(ids).toContain('actor-ecowas');
    expect(ids).not.toContain('actor-oas');
    expect(ids).not.toContain('region-americas');
    expect(res.body.graph.nodes).toBe(ids.length);
  });

  it('rejects an unknown measure listing the allowed ones, and names an unknown region or threat', async () => {
    const bad = await request(app).get('/api/centrality').query({ measure: 'influence' }).expect(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'query.measure' })]);
    for (const m of MEASURES) expect(bad.body.errors[0].message).toContain(m);

    const types = await request(app).get('/api/centrality').query({ measure: 'degree', types: 'KNOWS', top: 0 }).expect(400);
    expect(types.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['query.top', 'query.types.0']);

    const region = await request(app).get('/api/centrality').query({ measure: 'degree', region: 'region-atlantis' }).expect(404);
    expect(region.body.detail).toContain('region-atlantis');
    const threat = await request(app).get('/api/centrality/communities').query({ threat: 'threat-nothing' }).expect(404);
    expect(threat.body.detail).toContain('threat-nothing');
  });
});

describe('GDS projections kept between requests', { timeout: 120_000 }, () => {
  const projections = async () =>
    (
      await db.read<{ name: string }>(
        "CALL gds.graph.list() YIELD graphName WHERE graphName STARTS WITH 'atlas-centrality-' RETURN graphName AS name ORDER BY name",
      )
    ).records.map((r) => r.get('name'));
  const pagerank = (clearance: Sensitivity) =>
    request(app)
      .get('/api/centrality')
      .query({ measure: 'pagerank', engine: 'gds', top: 100 })
      .set('X-Atlas-Clearance', clearance)
      .expect(200);

  it('reuses one while nothing is written, keeps clearances apart, and projects anew after a write', async () => {
    if (!engines.includes('gds')) return;
    await load(ref.P5, { redNodes: ['e'] });
    await dropCachedProjections(db);
    const first = await pagerank('RED');
    const kept = await projections();
    expect(kept).toHaveLength(1);
    expect((await pagerank('RED')).body).toEqual(first.body);
    expect(await projections()).toEqual(kept);

    // A GREEN caller never gets the RED caller's projection: its own, without the RED node.
    const green = await pagerank('GREEN');
    expect(green.body.results.map((r: { id: string }) => r.id)).not.toContain(tid('e'));
    expect(await projections()).toHaveLength(2);

    await db.write("MATCH (n:Actor {id: $id}) SET n.sensitivity = 'CLEAR'", { id: tid('e') });
    const after = await pagerank('GREEN');
    expect(after.body.results.map((r: { id: string }) => r.id)).toContain(tid('e'));
    const now = await projections();
    expect(now).toHaveLength(1);
    expect(now).not.toContain(kept[0]);
  });
});
