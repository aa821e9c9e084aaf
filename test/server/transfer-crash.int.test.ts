// Crash-safe imports (issue 12): an import is wholly visible or not at all, even when the API
// process is killed (SIGKILL) while it writes, and start-up recovery finishes what a dead
// process left: rolled back before the commit point, published to the end after it.
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/src/db/database.js';
import { importGraph, recoverImports } from '../../server/src/features/transfer/importer.js';
import { freshSeededDatabase, testDatabase } from '../support/neo4j.js';

let db: Database;
let tmp: string;
const RED = { clearance: 'RED', allowed: ['CLEAR', 'GREEN', 'AMBER', 'RED'], userId: 'crash-test', role: 'admin' } as never;

beforeAll(async () => {
  db = testDatabase();
  await freshSeededDatabase(db);
  tmp = await mkdtemp(path.join(os.tmpdir(), 'atlas-crash-test-'));
}, 600_000);

afterAll(async () => {
  await db?.close();
  await rm(tmp, { recursive: true, force: true });
});

/**
 * Every visible element as `id@version` (sorted), and how many elements are stored at all. A
 * relationship is visible at the highest level of itself and its two ends: an import writes one
 * with a new end at its real level, hidden by that end's staging (importer.ts).
 */
async function snapshot(): Promise<{ visible: string[]; stored: number }> {
  const r = await db.read(`
    CALL () { MATCH (n) WHERE n.sensitivity IN ['CLEAR', 'GREEN', 'AMBER', 'RED']
              RETURN collect(labels(n)[0] + ':' + n.id + '@' + toString(n.version) + ':' + n.name) AS nodes }
    CALL () { MATCH (a)-[r]->(b) WHERE all(x IN [r, a, b] WHERE x.sensitivity IN ['CLEAR', 'GREEN', 'AMBER', 'RED'])
              RETURN collect(type(r) + ':' + r.id + '@' + toString(r.version)) AS rels }
    CALL () { MATCH (n) RETURN count(n) AS nodeCount }
    CALL () { MATCH ()-[r]->() RETURN count(r) AS relCount }
    RETURN nodes, rels, nodeCount + relCount AS stored`);
  const row = r.records[0];
  const list = (key: string) => (row?.get(key) as string[] | undefined) ?? [];
  return { visible: [...list('nodes'), ...list('rels')].sort(), stored: row?.get('stored') as number };
}

/** Elements of an import in flight: staged ones, and relationships written at their level with a staged end. */
const staged = async () =>
  (
    await db.read(
      "CALL () { MATCH (n) WHERE n.sensitivity = 'STAGED' RETURN count(n) AS n } CALL () { MATCH (a)-[r]->(b) WHERE 'STAGED' IN [r.sensitivity, a.sensitivity, b.sensitivity] RETURN count(r) AS r } RETURN n + r AS staged",
    )
  ).records[0]?.get('staged') as number;

const runs = async () => (await db.read('MATCH (i:ImportRun) RETURN collect(i.state) AS states')).records[0]?.get('states') as string[];

/** Actors and DIALOGUE_WITH ties among them, plus a rename of a seed actor (an update). */
async function bigImportFile(name: string, actors: number, ties: number): Promise<string> {
  const nodes = Array.from({ length: actors }, (_, i) => ({
    label: 'Actor',
    id: `actor-crash-${name}-${i}`,
    properties: { name: `Crash ${i}`, kind: 'civil-society', level: 'local', description: 'd' },
  }));
  nodes.push({
    label: 'Actor',
    id: 'actor-wanep',
    properties: { name: `WANEP renamed by ${name}`, kind: 'civil-society', level: 'regional', description: 'd' },
  });
  const relationships = Array.from({ length: ties }, (_, i) => ({
    type: 'DIALOGUE_WITH',
    id: `rel-crash-${name}-${i}`,
    from: `actor-crash-${name}-${i % actors}`,
    to: `actor-crash-${name}-${(i * 7 + 1) % actors}`,
    properties: {},
  }));
  const file = path.join(tmp, `${name}.json`);
  await writeFile(file, JSON.stringify({ format: 'stakeholder-atlas', version: 1, nodes, relationships }));
  return file;
}

/** The API in its own Node process (test/bench/apiServer.ts), so the test can SIGKILL it. */
async function startApi(): Promise<{ child: ChildProcess; base: string }> {
  const child = fork(fileURLToPath(new URL('../bench/apiServer.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, BENCH_NEO4J_URI: process.env.ATLAS_TEST_NEO4J_URI, BENCH_QUERY_TIMEOUT_MS: '600000' },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m: { port: number }) => resolve(m.port));
    child.once('exit', (code) => reject(new Error(`the API process exited (${code}) before it listened`)));
  });
  return { child, base: `http://127.0.0.1:${port}` };
}

/** Sends the import with streamed progress; resolves at the first staged batch, with the request. */
function importUntilFirstBatch(base: string, body: Buffer): Promise<http.ClientRequest> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${base}/api/import?format=json`,
      { method: 'POST', headers: { 'content-type': 'application/octet-stream', accept: 'application/x-ndjson' } },
      (res) => {
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (/"phase":"staging"/.test(chunk)) resolve(req);
          else if (/"phase":"done"/.test(chunk)) reject(new Error('the import finished before the kill'));
        });
      },
    );
    req.on('error', () => {});
    req.end(body);
  });
}

describe('an import killed mid-way', () => {
  it('leaves nothing visible after a SIGKILL and a restart; recovery drops what it staged', async () => {
    const file = await bigImportFile('kill', 4_000, 60_000);
    const before = await snapshot();
    const api = await startApi();
    const exited = new Promise((resolve) => api.child.once('exit', resolve));
    try {
      await importUntilFirstBatch(api.base, await readFile(file));
    } finally {
      api.child.kill('SIGKILL');
      await exited;
    }
    // It was killed while staging: some of it is stored, none of it visible.
    expect(await runs()).toEqual(['staging']);
    expect(await staged()).toBeGreaterThan(0);
    const restarted = await startApi();
    try {
      const res = await fetch(`${restarted.base}/api/entities/Actor/actor-crash-kill-0`);
      expect(res.status).toBe(404);
      const wanep = (await (await fetch(`${restarted.base}/api/entities/Actor/actor-wanep`)).json()) as { properties: { name: string } };
      expect(wanep.properties.name).not.toMatch(/renamed/);
      const graph = await (await fetch(`${restarted.base}/api/graph`)).text();
      expect(graph).not.toContain('actor-crash-kill');
      expect((await snapshot()).visible).toEqual(before.visible);
    } finally {
      restarted.child.kill('SIGKILL');
    }
    // Recovery (run at start-up once the dead run's heartbeat is stale; here at once).
    expect(await recoverImports(db, 0)).toEqual({ published: 0, rolledBack: 1 });
    expect(await staged()).toBe(0);
    expect(await runs()).toEqual([]);
    expect(await snapshot()).toEqual(before);
  }, 300_000);

  it('is published to the end by recovery when it died after its commit point', async () => {
    const file = await bigImportFile('commit', 300, 900);
    const before = await snapshot();
    let published = 0;
    const dying = importGraph(
      db,
      { format: 'json', files: [{ name: 'commit.json', path: file }] },
      {
        caller: RED,
        by: 'crash-test',
        batchSize: 200,
        publishLimit: 200,
        onProgress: (p) => {
          // After the first publishing transaction (200 of the 301 staged nodes; the 900 ties are
          // written once and appear with their ends), so part of it is still staged.
          if (p.phase === 'publishing' && ++published === 1) throw new Error('killed while publishing');
        },
      },
    );
    await expect(dying).rejects.toThrow('killed while publishing');
    expect(await runs()).toEqual(['committed']);
    expect(await staged()).toBeGreaterThan(0);
    expect(await recoverImports(db, 0)).toEqual({ published: 1, rolledBack: 0 });
    expect(await staged()).toBe(0);
    expect(await runs()).toEqual(['done']);
    const after = await snapshot();
    expect(after.visible.length).toBe(before.visible.length + 300 + 900);
    expect(after.visible).toContain('Actor:actor-wanep@2:WANEP renamed by commit');
  }, 120_000);
});
