// npm run bench:import -- [--actors 20k] [--seed 1] [--raw-batch 10000] [--skip-raw] [--raw-modes merge,create:2]
//                         [--all-clear] [--uri bolt://127.0.0.1:7687 --neo4j-data DIR] [--heap 2g] [--pagecache 1g]
//                         [--cpu-prof DIR] [--heap-snapshot-at SECONDS --snapshot-dir DIR]
//
// The import against its reference, in one run on the same machine and the same Neo4j: a
// synthetic graph (seed/src/synthetic; 20k actors is about 29k nodes + 98k relationships) is
//  1. written by the raw driver, `UNWIND $rows … MERGE … SET` 10k rows per transaction
//     (test/bench/load.ts in 'merge' mode), into an empty database;
//  2. written as the project's JSON file and sent to `POST /api/import` of the real API (its own
//     Node process, apiServer.ts), into an empty database again;
// and prints rows/s of both, their ratio, the API process's memory (peak RSS, peak heap used, peak
// live heap after a major GC, each also per row: memorySampler.ts), CPU seconds of the API process
// and of Neo4j's JVM, and the load average.
// --cpu-prof DIR: the API process writes a V8 CPU profile (.cpuprofile, open in Chrome DevTools) to DIR.
// Without --uri it starts its own throw-away Neo4j (never the user's).

import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { createReadStream, createWriteStream, readFileSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import http, { type IncomingMessage } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkPrerequisites, ensureNeo4jInstalled, type LocalNeo4j, startLocalNeo4j } from '@atlas/neo4j-local';
import { generateSyntheticGraph, parseActorCount } from '../../seed/src/synthetic/generate.js';
import { Database } from '../../server/src/db/database.js';
import { applySchema } from '../../server/src/db/schema.js';
import { cpuSeconds, neo4jPid } from './apiProcess.js';
import { loadSyntheticGraph } from './load.js';
import { loadAverage, option } from './report.js';

const log = (line: string) => console.log(`[bench:import] ${line}`);

const actors = parseActorCount(option('actors', '20k'));
const seed = Number(option('seed', '1'));
const rawBatch = Number(option('raw-batch', '10000'));
const skipRaw = process.argv.includes('--skip-raw');
// --raw-modes merge,create:2 — the raw references, each into an empty database in the same run:
// `merge` (UNWIND … MERGE, the reference of the target) and `create` (UNWIND … CREATE, ends matched
// by their label's id index), `:N` for N transactions at once (default 1).
const rawModes = option('raw-modes', 'merge')
  .split(',')
  .map((spec) => {
    const [mode, writers] = spec.split(':');
    if (mode !== 'merge' && mode !== 'create') throw new Error(`--raw-modes: '${spec}' is not merge[:N] or create[:N]`);
    return { mode, writers: Number(writers ?? 1) } as const;
  });
// Every element CLEAR in the file (the raw driver still writes the rows at their own levels). The
// synthetic graph's texts are consistent at every level now, so this only skips the import's
// text-consistency pass (it runs when some fact is above CLEAR), to measure the import without it.
const allClear = process.argv.includes('--all-clear');
const levelled = (properties: Record<string, unknown>) => (allClear ? { ...properties, sensitivity: 'CLEAR' } : properties);

const load = () => loadAverage(' ');
const rate = (rows: number, seconds: number) => Math.round(rows / seconds).toLocaleString('en');

/** The synthetic graph as the project's JSON import format, streamed; returns its row counts. */
async function writeImportFile(file: string): Promise<{ nodes: number; relationships: number }> {
  const out = createWriteStream(file);
  const put = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  let nodes = 0;
  let relationships = 0;
  await put('{"format":"stakeholder-atlas","version":1,\n"nodes":[\n');
  let section: 'nodes' | 'relationships' = 'nodes';
  for (const batch of generateSyntheticGraph({ actors, seed })) {
    if (batch.kind === 'relationships' && section === 'nodes') {
      await put('\n],\n"relationships":[\n');
      section = 'relationships';
    }
    if (batch.kind === 'nodes') {
      for (const n of batch.rows)
        await put(`${nodes++ ? ',\n' : ''}${JSON.stringify({ label: n.label, id: n.id, properties: levelled(n.properties) })}`);
    } else {
      for (const r of batch.rows) {
        const { id, ...properties } = r.properties;
        await put(
          `${relationships++ ? ',\n' : ''}${JSON.stringify({ type: r.type, id, from: r.from, to: r.to, properties: levelled(properties) })}`,
        );
      }
    }
  }
  await put('\n]}\n');
  out.end();
  await once(out, 'finish');
  return { nodes, relationships };
}

async function emptyDatabase(db: Database): Promise<void> {
  // Relationships first: DETACH DELETE of 10,000 nodes with a dense node among them (a threat with
  // tens of thousands of ties at 205k actors) passed Neo4j's transaction memory pool.
  await db.runAutoCommit('MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS');
  await db.runAutoCommit('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS');
  await applySchema(db);
}

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat. */
const jvmCpu = (pid: number | null, before: number | null): string => {
  const now = cpuSeconds(pid ?? undefined);
  return now === null || before === null ? 'not measured' : `${(now - before).toFixed(1)} s`;
};

/** The API process's memory peaks, as memorySampler.ts wrote them. */
function readMemory(): { rssMib: number; heapUsedMib: number; liveHeapMib: number; externalMib: number; majorGcs: number } | null {
  try {
    return JSON.parse(readFileSync(memoryFile, 'utf8'));
  } catch {
    return null;
  }
}

/** Peak resident memory (VmHWM) of a process, in MiB. */
function peakRssMib(pid: number | undefined): number | null {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Math.round(Number(kb) / 1024) : null;
  } catch {
    return null;
  }
}

const cpuProfileDir = option('cpu-prof', '');
// --heap-snapshot-at SECONDS: the API process writes a V8 heap snapshot that many seconds into the import (to --snapshot-dir, default cwd).
const heapSnapshotAt = Number(option('heap-snapshot-at', '0'));
const snapshotDir = path.resolve(option('snapshot-dir', '.'));
const memoryFile = path.join(os.tmpdir(), `atlas-bench-import-memory-${process.pid}.json`);

async function startApi(uri: string): Promise<{ child: ChildProcess; base: string }> {
  const child = fork(fileURLToPath(new URL('./apiServer.ts', import.meta.url)), [], {
    execArgv: [
      '--import',
      'tsx',
      '--import',
      fileURLToPath(new URL('./memorySampler.ts', import.meta.url)),
      ...(cpuProfileDir ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(cpuProfileDir)] : []),
      ...(heapSnapshotAt > 0 ? ['--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${snapshotDir}`] : []),
    ],
    env: { ...process.env, BENCH_NEO4J_URI: uri, BENCH_QUERY_TIMEOUT_MS: '3600000', BENCH_MEMORY_FILE: memoryFile },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m: { port: number }) => resolve(m.port));
    child.once('exit', (code) => reject(new Error(`the API process exited (${code}) before it listened`)));
  });
  return { child, base: `http://127.0.0.1:${port}` };
}

/** Stops the API process; a profiled one is closed gently, as V8 writes the profile only on a normal exit. */
async function stopApi(child: ChildProcess): Promise<void> {
  if (cpuProfileDir && child.exitCode === null) {
    const exited = once(child, 'exit');
    child.send('close');
    child.once('message', () => child.disconnect());
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 60_000))]);
    if (child.exitCode !== null) return log(`CPU profile of the API process written to ${path.resolve(cpuProfileDir)}`);
  }
  child.kill('SIGKILL');
}

/** POSTs the file to /api/import as a stream (node:http: no client time-out on a long import); returns the report. */
async function postImport(base: string, file: string): Promise<Record<string, unknown>> {
  const res = await new Promise<IncomingMessage>((resolve, reject) => {
    const req = http.request(
      `${base}/api/import?format=json`,
      { method: 'POST', headers: { 'content-type': 'application/octet-stream' } },
      resolve,
    );
    req.on('error', reject);
    createReadStream(file).pipe(req);
  });
  let text = '';
  res.setEncoding('utf8');
  for await (const chunk of res) text += chunk;
  if (res.statusCode !== 200) throw new Error(`POST /api/import answered ${res.statusCode}: ${text.slice(0, 2000)}`);
  return JSON.parse(text) as Record<string, unknown>;
}

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'atlas-bench-import-'));
  let neo4j: LocalNeo4j | undefined;
  const uri = option('uri', '');
  try {
    if (!uri) {
      await checkPrerequisites();
      await ensureNeo4jInstalled({ log: (l) => console.log(`[neo4j-local] ${l}`) });
      neo4j = await startLocalNeo4j({
        boltPort: 0,
        dataDir: path.join(dir, 'neo4j'),
        heap: option('heap', '2g'),
        pageCache: option('pagecache', '1g'),
        startTimeoutMs: 300_000,
      });
    }
    const boltUri = uri || (neo4j as LocalNeo4j).uri;
    // The JVM's CPU seconds per phase (with --uri: --neo4j-data names its data folder, else not measured).
    const jvm = neo4jPid(uri ? option('neo4j-data', '') || '\u0000' : path.join(dir, 'neo4j'));
    const db = new Database({ uri: boltUri, queryTimeoutMs: 3_600_000 });

    const file = path.join(dir, 'bench.json');
    let started = performance.now();
    const counts = await writeImportFile(file);
    const rows = counts.nodes + counts.relationships;
    const size = (await stat(file)).size;
    log(
      `synthetic graph, ${actors.toLocaleString('en')} actors, seed ${seed}: ${counts.nodes.toLocaleString('en')} nodes + ${counts.relationships.toLocaleString('en')} relationships = ${rows.toLocaleString('en')} rows, ${(size / 1e6).toFixed(0)} MB of JSON (written in ${((performance.now() - started) / 1000).toFixed(1)} s)`,
    );

    const rawTimes: { name: string; seconds: number }[] = [];
    for (const { mode, writers } of skipRaw ? [] : rawModes) {
      await emptyDatabase(db);
      const name = `raw driver, UNWIND … ${mode.toUpperCase()}${writers > 1 ? `, ${writers} transactions at once` : ''}`;
      log(`${name}, ${rawBatch.toLocaleString('en')} rows per transaction (load ${load()})`);
      let told = 0;
      const jvmBefore = cpuSeconds(jvm ?? undefined);
      const raw = await loadSyntheticGraph(db, generateSyntheticGraph({ actors, seed, batchSize: rawBatch }), {
        mode,
        writers,
        onProgress: (p) => {
          if (p.seconds - told < 30) return;
          told = p.seconds;
          log(`${name}: ${p.rows.toLocaleString('en')} of ${rows.toLocaleString('en')} rows, ${p.seconds.toFixed(0)} s (load ${load()})`);
        },
      });
      rawTimes.push({ name, seconds: raw.seconds });
      log(
        `${name}: ${raw.seconds.toFixed(1)} s, ${rate(raw.rows, raw.seconds)} rows/s; Neo4j CPU ${jvmCpu(jvm, jvmBefore)} (load ${load()})`,
      );
    }

    await emptyDatabase(db);
    const api = await startApi(boltUri);
    try {
      log(`POST /api/import (load ${load()})`);
      started = performance.now();
      const snapshot =
        heapSnapshotAt > 0
          ? setTimeout(() => {
              log(`heap snapshot of the API process requested (${heapSnapshotAt} s in), written to ${snapshotDir}`);
              api.child.kill('SIGUSR2');
            }, heapSnapshotAt * 1000)
          : undefined;
      const cpuBefore = cpuSeconds(api.child.pid);
      const jvmBefore = cpuSeconds(jvm ?? undefined);
      const report = await postImport(api.base, file);
      const seconds = (performance.now() - started) / 1000;
      clearTimeout(snapshot);
      const cpu = (cpuSeconds(api.child.pid) ?? 0) - (cpuBefore ?? 0);
      log(`report: ${JSON.stringify(report)}`);
      log(
        `POST /api/import: ${seconds.toFixed(1)} s, ${rate(rows, seconds)} rows/s; API CPU ${cpu.toFixed(1)} s, Neo4j CPU ${jvmCpu(jvm, jvmBefore)} (load ${load()})`,
      );
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      const memory = readMemory();
      const perRow = (mib: number) => Math.round((mib * 1024 ** 2) / rows);
      log(
        `API memory for ${rows.toLocaleString('en')} rows: peak RSS ${peakRssMib(api.child.pid)} MiB (${perRow(peakRssMib(api.child.pid) ?? 0)} B/row)` +
          (memory
            ? `, peak heap used ${memory.heapUsedMib} MiB (${perRow(memory.heapUsedMib)} B/row), peak live heap after a major GC ${memory.liveHeapMib} MiB (${perRow(memory.liveHeapMib)} B/row, ${memory.majorGcs} major GCs), external ${memory.externalMib} MiB`
            : ', heap not sampled'),
      );
      for (const raw of rawTimes) log(`ratio: API ${(raw.seconds / seconds).toFixed(2)}× the rows/s of the ${raw.name}`);
    } finally {
      await stopApi(api.child);
    }
    log(`machine: ${os.availableParallelism()} cores, load average ${load()}`);
    await db.close();
  } finally {
    await neo4j?.stop();
    await rm(dir, { recursive: true, force: true });
    await rm(memoryFile, { force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
