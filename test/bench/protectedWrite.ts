// flock /work/wt/_bench.lock npx tsx test/bench/protectedWrite.ts [--writes 50] [--heap 1g] [--pagecache 512m]
//
// What the import holds cost one editing write (issue: imports stay consistent with levels while
// others write): on the seed graph in a throw-away Neo4j, with no import in flight, the API app
// (in this process, supertest, no HTTP server) times `--writes` of each write the holds check:
//  - PATCH /api/entities/Actor/:id (a description: lock, importHolds, the text checks, the write);
//  - POST /api/relationships at AMBER between two actors (since the holds: the ends' locks and
//    importHolds too), each deleted again untimed;
//  - PATCH /api/relationships/:id raising a CLEAR relationship to GREEN and back (the raise asks the
//    holds), both timed.
// Prints each one's median and p95 (ms), this process's CPU seconds (the app and the driver; Neo4j's
// JVM apart) and the load average before and after. Run it on two checkouts, alternating, to compare.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { checkPrerequisites, ensureNeo4jInstalled, startLocalNeo4j } from '@atlas/neo4j-local';
import { readSeed } from '@atlas/seed';
import request from 'supertest';
import { createApp } from '../../server/src/app.js';
import { Database } from '../../server/src/db/database.js';
import { applySchema } from '../../server/src/db/schema.js';
import { loadSeedGraph } from '../../server/src/db/seedLoader.js';
import { cpuSeconds, neo4jPid } from './apiProcess.js';
import { loadAverage, option } from './report.js';

const log = (line: string) => console.log(`[bench:protected-write] ${line}`);
const writes = Number(option('writes', '50'));

const quantile = (ms: number[], q: number) => {
  const sorted = [...ms].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
};

async function timed(ms: number[], send: () => Promise<request.Response>, status: number): Promise<request.Response> {
  const t0 = performance.now();
  const res = await send();
  ms.push(performance.now() - t0);
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res;
}

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'atlas-bench-protected-'));
  await checkPrerequisites();
  await ensureNeo4jInstalled({ log: (l) => console.log(`[neo4j-local] ${l}`) });
  const neo4j = await startLocalNeo4j({
    boltPort: 0,
    dataDir: path.join(dir, 'neo4j'),
    heap: option('heap', '1g'),
    pageCache: option('pagecache', '512m'),
    startTimeoutMs: 300_000,
  });
  const db = new Database({ uri: neo4j.uri, queryTimeoutMs: 600_000 });
  try {
    await applySchema(db);
    await loadSeedGraph(db, await readSeed());
    const app = createApp({ db, clearance: 'RED' });
    for (const id of ['actor-bench-a', 'actor-bench-b'])
      await request(app)
        .post('/api/entities/Actor')
        .send({ id, name: `Bench ${id}`, kind: 'civil-society', level: 'local', description: 'd' })
        .expect(201);
    const plain = await request(app)
      .post('/api/relationships')
      .send({ type: 'DIALOGUE_WITH', from: 'actor-bench-a', to: 'actor-bench-b', properties: {} })
      .expect(201);
    const jvm = neo4jPid(path.join(dir, 'neo4j'));
    // Warm-up (plans cached, connections open), not timed.
    for (let i = 0; i < 5; i++) {
      const v = (await request(app).get('/api/entities/Actor/actor-bench-a').expect(200)).body.version;
      await request(app)
        .patch('/api/entities/Actor/actor-bench-a')
        .send({ version: v, properties: { description: `warm ${i}` } })
        .expect(200);
    }
    log(`seed graph + 2 actors; ${writes} writes of each kind; load before ${loadAverage(' ')}`);
    const cpu0 = process.cpuUsage();
    const jvm0 = cpuSeconds(jvm);
    const patch: number[] = [];
    const create: number[] = [];
    const raise: number[] = [];
    let nodeVersion = (await request(app).get('/api/entities/Actor/actor-bench-a').expect(200)).body.version as number;
    let relVersion = plain.body.version as number;
    const relPath = `/api/relationships/${encodeURIComponent(plain.body.id)}`;
    for (let i = 0; i < writes; i++) {
      const patched = await timed(
        patch,
        () =>
          request(app)
            .patch('/api/entities/Actor/actor-bench-a')
            .send({ version: nodeVersion, properties: { description: `edit ${i}` } }),
        200,
      );
      nodeVersion = patched.body.version;
      const created = await timed(
        create,
        () =>
          request(app)
            .post('/api/relationships')
            .send({ type: 'SUPPORTS', from: 'actor-bench-a', to: 'actor-bench-b', properties: { sensitivity: 'AMBER' } }),
        201,
      );
      await request(app)
        .delete(`/api/relationships/${encodeURIComponent(created.body.id)}`)
        .send({ version: created.body.version })
        .expect(204);
      for (const sensitivity of ['GREEN', 'CLEAR']) {
        const raised = await timed(
          raise,
          () => request(app).patch(relPath).send({ version: relVersion, properties: { sensitivity } }),
          200,
        );
        relVersion = raised.body.version;
      }
    }
    const cpu = process.cpuUsage(cpu0);
    const jvmUsed = jvm0 === null ? null : (cpuSeconds(jvm) ?? 0) - jvm0;
    for (const [name, ms] of [
      ['PATCH node (description)', patch],
      ['POST relationship (AMBER)', create],
      ['PATCH relationship (level)', raise],
    ] as const) {
      log(`${name}: median ${quantile(ms, 0.5).toFixed(1)} ms, p95 ${quantile(ms, 0.95).toFixed(1)} ms (${ms.length} writes)`);
    }
    log(
      `CPU: this process ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s, Neo4j ${jvmUsed === null ? 'unmeasured' : `${jvmUsed.toFixed(2)} s`}; load after ${loadAverage(' ')}`,
    );
  } finally {
    await db.close();
    await neo4j.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
