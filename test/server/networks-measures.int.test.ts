// Weighted and undirected networks against networkx (issue 15): files networkx writes in the
// test, imported through the API, measured by both engines, compared with networkx's own values
// (networkx_tool.py measures: weight as a length for betweenness and closeness, as a strength
// for PageRank).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { createApp } from '../../server/src/app.js';
import type { Database } from '../../server/src/db/database.js';
import { nodeIdOf } from '../../server/src/features/transfer/network/mapping.js';
import { openTestApp } from '../support/app.js';
import { networkx } from './networks/networkx.js';

let db: Database;
let app: ReturnType<typeof createApp>;
let dir: string;

interface Reference {
  directed: boolean;
  [measure: string]: boolean | Record<string, number>;
}
const reference: Record<string, Reference> = {};

beforeAll(async () => {
  ({ db, app } = await openTestApp({ seeded: true }));
  dir = await mkdtemp(path.join(os.tmpdir(), 'atlas-networks-'));
  networkx('write', dir);
  for (const network of ['lesmis', 'wdir']) {
    const res = await request(app)
      .post(`/api/import?format=graphml&file=${network}.graphml`)
      .set('Content-Type', 'application/graphml+xml')
      .send(await readFile(path.join(dir, `${network}.graphml`)));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    reference[network] = networkx<Reference>('measures', path.join(dir, `${network}.graphml`));
  }
});

afterAll(async () => {
  await db?.close();
  await rm(dir, { recursive: true, force: true });
});

async function measure(network: string, query: string): Promise<Map<string, number>> {
  const res = await request(app).get(`/api/centrality?network=${network}&labels=Actor&top=10000&${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const key = /measure=pagerank/.test(query) ? 'value' : 'normalized';
  return new Map(res.body.results.map((r: Record<string, number | string>) => [r.id as string, r[key] as number]));
}

function expectNetworkx(network: string, values: Map<string, number>, expected: string) {
  const want = reference[network]?.[expected] as Record<string, number>;
  expect(values.size).toBe(Object.keys(want).length);
  for (const [id, v] of Object.entries(want)) expect(values.get(nodeIdOf(network, id)), `${network} ${id}`).toBeCloseTo(v, 9);
}

const MEASURES = [
  ['betweenness', 'betweenness'],
  ['closeness', 'closeness'],
  ['pagerank', 'pagerank'],
] as const;

describe.each(['lesmis', 'wdir'])('%s (networkx reference)', (network) => {
  it.each(MEASURES)('%s, weighted and not, in process', async (name, key) => {
    expectNetworkx(network, await measure(network, `measure=${name}&engine=in-process`), key);
    expectNetworkx(network, await measure(network, `measure=${name}&engine=in-process&weight=weight`), `${key}_weighted`);
  });

  it('PageRank by GDS reads an undirected tie both ways, as in process', async () => {
    expectNetworkx(network, await measure(network, 'measure=pagerank&engine=gds'), 'pagerank');
  });

  it('weighted PageRank and betweenness by GDS', async () => {
    expectNetworkx(network, await measure(network, 'measure=pagerank&engine=gds&weight=weight'), 'pagerank_weighted');
    expectNetworkx(network, await measure(network, 'measure=betweenness&engine=gds&weight=weight'), 'betweenness_weighted');
  });
});

describe('weight= outside the weighted measures', () => {
  it('is refused with the field and what is allowed', async () => {
    const res = await request(app).get('/api/centrality?measure=degree&weight=weight');
    expect(res.status).toBe(400);
    expect(res.body.errors).toContainEqual(
      expect.objectContaining({ field: 'query.weight', message: expect.stringContaining('betweenness') }),
    );
    const gds = await request(app).get('/api/centrality?measure=closeness&weight=weight&engine=gds');
    expect(gds.status).toBe(400);
    expect(gds.body.errors).toContainEqual(expect.objectContaining({ field: 'query.engine' }));
  });
});

describe('weighted shortest paths (weight=weight: a weight is a length)', () => {
  const ask = async (network: string, from: string, to: string, extra: string) => {
    const res = await request(app).get(
      `/api/paths?from=${encodeURIComponent(nodeIdOf(network, from))}&to=${encodeURIComponent(nodeIdOf(network, to))}&limit=20&${extra}`,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as { paths: { length: number; distance?: number; nodes: { id: string }[] }[] };
  };
  const names = (network: string, answer: Awaited<ReturnType<typeof ask>>) =>
    answer.paths.map((p) => p.nodes.map((n) => n.id.slice(network.length + 1)));

  it('follows the lightest route, by hand on the weighted directed graph', async () => {
    // Zoë -> a/b (1) -> c d (2.5) = 3.5 against Zoë -> e (4) -> c d (1) = 5; the tie c d -> Zoë (0.5) is directed.
    const out = await ask('wdir', 'Zoë', 'c d', 'direction=outgoing&weight=weight');
    expect(out.paths).toHaveLength(1);
    expect(out.paths[0]).toMatchObject({ length: 2, distance: 3.5 });
    expect(names('wdir', out)).toEqual([['Zo.C3.AB', 'a.2Fb', 'c.20d']]);
    const unweighted = await ask('wdir', 'Zoë', 'c d', 'direction=outgoing');
    expect(unweighted.paths).toHaveLength(2);
    const any = await ask('wdir', 'Zoë', 'c d', 'weight=weight');
    expect(any.paths[0]).toMatchObject({ length: 1, distance: 0.5 });
  });

  it('gives every shortest path networkx gives, with its length (Les Misérables)', async () => {
    const expected = reference.lesmis?.paths_weighted as unknown as { source: string; target: string; length: number; paths: string[][] };
    const answer = await ask('lesmis', expected.source, expected.target, 'weight=weight');
    expect(answer.paths.map((p) => p.distance)).toEqual(expected.paths.map(() => expected.length));
    const ids = answer.paths.map((p) => p.nodes.map((n) => n.id)).sort();
    expect(ids).toEqual(expected.paths.map((p) => p.map((id) => nodeIdOf('lesmis', id))).sort());
  });

  it('is refused outside mode=shortest, naming the field', async () => {
    const res = await request(app).get('/api/paths?from=actor-wanep&to=actor-au&mode=all&weight=weight');
    expect(res.status).toBe(400);
    expect(res.body.errors).toContainEqual(expect.objectContaining({ field: 'query.weight' }));
  });
});
