// Take the analysis home (issue 15): files networkx writes in the test -> import -> export with
// results as node attributes -> read back by networkx: the same nodes, ties, attributes,
// direction and weights, and the results networkx itself computes.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { createApp } from '../../server/src/app.js';
import type { Database } from '../../server/src/db/database.js';
import { openTestApp } from '../support/app.js';
import { type NetworkxGraph, networkx } from './networks/networkx.js';

let db: Database;
let app: ReturnType<typeof createApp>;
let dir: string;

beforeAll(async () => {
  ({ db, app } = await openTestApp({ seeded: true }));
  dir = await mkdtemp(path.join(os.tmpdir(), 'atlas-roundtrip-'));
  networkx('write', dir);
});

afterAll(async () => {
  await db?.close();
  await rm(dir, { recursive: true, force: true });
});

const text = (req: request.Test) =>
  req.buffer(true).parse((res, cb) => {
    let body = '';
    res.setEncoding('utf8');
    res.on('data', (c: string) => {
      body += c;
    });
    res.on('end', () => cb(null, body));
  });

async function roundTrip(file: string, format: 'graphml' | 'gexf' | 'edgelist', network: string, exportQuery = '') {
  const imported = await request(app)
    .post(`/api/import?format=${format}&file=${file}&network=${network}`)
    .set('Content-Type', 'application/octet-stream')
    .send(await readFile(path.join(dir, file)));
  expect(imported.status, JSON.stringify(imported.body)).toBe(200);
  const exportFormat = format === 'edgelist' ? 'csv' : format;
  const res = await text(request(app).get(`/api/export/network?network=${network}&labels=Actor&format=${exportFormat}${exportQuery}`));
  expect(res.status, String(res.body)).toBe(200);
  const out = path.join(dir, `${network}.out.${exportFormat}`);
  await writeFile(out, res.body as string);
  return {
    before: networkx<NetworkxGraph>('read', path.join(dir, file), format),
    after: networkx<NetworkxGraph>('read', out, format),
  };
}

/** Same nodes, same ties (either order when undirected), same direction; every attribute the file had, with its value. */
function expectSameNetwork(before: NetworkxGraph, after: NetworkxGraph) {
  expect(after.directed).toBe(before.directed);
  expect(Object.keys(after.nodes).sort()).toEqual(Object.keys(before.nodes).sort());
  for (const [id, attrs] of Object.entries(before.nodes)) expect(after.nodes[id], id).toMatchObject(attrs);
  const key = ([u, v]: [string, string, unknown]) => (before.directed || u < v ? `${u}\u0000${v}` : `${v}\u0000${u}`);
  const edges = new Map(after.edges.map((e) => [key(e), e[2]]));
  expect(edges.size).toBe(before.edges.length);
  for (const e of before.edges) expect(edges.get(key(e)), key(e)).toMatchObject(e[2]);
}

describe('networkx file -> Stakeholder Atlas -> networkx', () => {
  it('GraphML, undirected and weighted (Les Misérables), with PageRank and communities as node attributes', async () => {
    const { before, after } = await roundTrip(
      'lesmis.graphml',
      'graphml',
      'rt-lesmis',
      '&measures=pagerank,betweenness&weight=weight&communities=true',
    );
    expectSameNetwork(before, after);
    const reference = networkx<Record<string, Record<string, number>>>('measures', path.join(dir, 'lesmis.graphml'));
    for (const [id, attrs] of Object.entries(after.nodes)) {
      expect(attrs.pagerank, id).toBeCloseTo(reference.pagerank_weighted?.[id] as number, 9);
      expect(attrs.betweenness, id).toBeCloseTo(reference.betweenness_weighted?.[id] as number, 9);
      expect(typeof attrs.community).toBe('number');
    }
  });

  it('GraphML, directed and weighted, ids with unicode, spaces and slashes', async () => {
    const { before, after } = await roundTrip('wdir.graphml', 'graphml', 'rt-wdir');
    expectSameNetwork(before, after);
    expect(Object.keys(after.nodes)).toContain('Zoë');
  });

  it('GEXF, undirected (Davis southern women, names with spaces)', async () => {
    const { before, after } = await roundTrip('davis.gexf', 'gexf', 'rt-davis', '&measures=degree');
    expectSameNetwork(before, after);
    expect(after.nodes['Evelyn Jefferson']?.degree).toBeCloseTo(8 / 31, 12);
  });

  it('GEXF, directed and weighted', async () => {
    const { before, after } = await roundTrip('wdir.gexf', 'gexf', 'rt-wdir-gexf');
    expectSameNetwork(before, after);
  });

  it('an edge-list CSV, back as the edge table', async () => {
    const { before, after } = await roundTrip('karate.csv', 'edgelist', 'rt-karate');
    expectSameNetwork(before, after);
  });
});
