// npx tsx test/bench/overhead.ts [--size 10k] [--seconds 10] [--pairs 200] [--connections 10] [--skip-centrality]
//                                 [--skip-actor] [--skip-paths] [--skip-floor] [--path-warmup 50]
//                                 [--skip-path-repeats]
//                                 (--skip-floor also leaves out the path floor: the API's path statement behind node:http)
//                                 [--uri bolt://… (a Neo4j already holding the graph; nothing is loaded or dropped)]
//                                 [--path-bodies FILE (the bare API's path bodies for the measured pairs, one a line, to diff)]
//
// The API's own overhead, side by side with the raw neo4j-driver running the same Cypher in the
// same run (issue 13): actor neighbourhood req/s at N connections, shortest-path latency over
// random pairs, and PageRank end to end against python-igraph's whole process (read, build,
// compute; installed on first use into .cache/bench-venv, networkx when that fails). Starts its own throw-away Neo4j and API process.
// The API is measured twice: bare (no accounts, silent log, as the other benchmarks run it) and
// configured as index.ts configures it ("signed in": a session cookie checked per request, the
// request log at info, the heavy-query budget kept in Neo4j). The API runs compiled to JavaScript
// as `npm start` runs it (BENCH_API_TSX=1: through tsx, as before issue 13). Beside req/s, each
// side's CPU milliseconds per request (the API process's, this process's for the raw driver),
// which the machine's load inflates much less than wall-clock rates.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkPrerequisites, ensureNeo4jInstalled, startLocalNeo4j } from '@atlas/neo4j-local';
import { SENSITIVITY } from '@atlas/seed';
import neo4j from 'neo4j-driver';
import { generateSyntheticGraph, parseActorCount, syntheticActorId, syntheticPlan } from '../../seed/src/synthetic/generate.js';
import { Random } from '../../seed/src/synthetic/random.js';
import { repoRoot } from '../../server/src/config.js';
import { Database } from '../../server/src/db/database.js';
import { applySchema } from '../../server/src/db/schema.js';
import { int } from '../../server/src/db/values.js';
import { actorQueries } from '../../server/src/features/actors/repository.js';
import { endpointsAndPathsQuery, pathQuery } from '../../server/src/features/paths/repository.js';
import { PathsQuery } from '../../server/src/features/paths/schema.js';
import { Api, dropGdsGraphs } from './apiProcess.js';
import { BENCH_USER, ensureBenchUser } from './benchUser.js';
import { loadSyntheticGraph } from './load.js';
import { loadAverage, option, percentile } from './report.js';

const log = (line: string) => console.log(`[overhead] ${line}`);
// tsx maps every stack trace through source maps, and neo4j-driver captures one per query: the
// raw driver's side must not pay for that when the compiled API does not.
process.setSourceMapsEnabled(false);
const allowed = [...SENSITIVITY];

const load = () => loadAverage('/');

interface Throughput {
  /** Completed calls per second. */
  rate: number;
  /** CPU milliseconds per call of the process that served them (the API process, or this one for the raw driver). */
  cpuMs: number | null;
}

/** This process's CPU seconds so far (user + system). */
const ownCpuSeconds = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

/**
 * Runs `work` from `connections` concurrent loops for `seconds`; returns completed calls per
 * second, and the CPU per call of the process that `cpu` reads (a load-independent figure).
 */
async function throughput(
  connections: number,
  seconds: number,
  work: (i: number) => Promise<void>,
  cpu: () => number | null = ownCpuSeconds,
): Promise<Throughput> {
  const until = performance.now() + seconds * 1000;
  let done = 0;
  let next = 0;
  const loop = async () => {
    while (performance.now() < until) {
      await work(next++);
      done += 1;
    }
  };
  const cpuBefore = cpu();
  const started = performance.now();
  await Promise.all(Array.from({ length: connections }, loop));
  const cpuAfter = cpu();
  const rate = done / ((performance.now() - started) / 1000);
  return { rate, cpuMs: cpuBefore === null || cpuAfter === null || done === 0 ? null : ((cpuAfter - cpuBefore) * 1000) / done };
}

const cpuText = (t: Throughput) => (t.cpuMs === null ? '' : `, ${t.cpuMs.toFixed(2)} ms CPU/req`);

async function latencies(count: number, work: (i: number) => Promise<void>): Promise<{ p50: number; p95: number }> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await work(i);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50) ?? 0, p95: percentile(times, 95) ?? 0 };
}

function randomActors(count: number, actors: number, plan: ReturnType<typeof syntheticPlan>, seed: number): string[] {
  const random = new Random(seed);
  return Array.from({ length: count }, () => syntheticActorId(random.int(actors), plan));
}

async function okJson(api: Api, url: string): Promise<unknown> {
  const r = await api.get(url, 120_000);
  if (r === 'timeout' || 'failed' in r || r.status !== 200) throw new Error(`${url}: ${JSON.stringify(r).slice(0, 300)}`);
  return r.body;
}

interface NamedApi {
  name: string;
  api: Api;
}

/**
 * The raw driver's side runs the endpoint's one statement as the API does (an auto-commit read,
 * Database.read) straight on neo4j-driver, so the reference is the driver's best for the same data.
 */
/**
 * The floor (issue 13): what HTTP costs on this machine before any of our work, served to the same
 * load generator, each in its own process like the API (floorServer.ts): node:http and a bare
 * Express app answering the API's own bodies (captured from the bare API), and the raw driver
 * behind node:http. The load generator shares the 2 cores with them and Neo4j, so the raw
 * driver's rate (no HTTP at all) may be out of any HTTP server's reach.
 */
async function floorServers(boltUri: string, api: Api, ids: string[], dir: string): Promise<NamedApi[]> {
  const bodies: Record<string, string> = {};
  for (const id of new Set(ids)) bodies[id] = JSON.stringify(await okJson(api, `/api/actors/${id}`));
  const file = path.join(dir, 'bodies.json');
  await writeFile(file, JSON.stringify(bodies));
  const source = fileURLToPath(new URL('./floorServer.ts', import.meta.url));
  const [query] = actorQueries() as [string];
  const floors: NamedApi[] = [
    {
      name: 'floor: node:http, same body',
      api: new Api(boltUri, 600_000, false, { source, env: { FLOOR_MODE: 'http', FLOOR_BODIES: file } }),
    },
    {
      name: 'floor: bare Express 5, same body',
      api: new Api(boltUri, 600_000, false, { source, env: { FLOOR_MODE: 'express', FLOOR_BODIES: file } }),
    },
    {
      name: 'floor: raw driver behind node:http',
      api: new Api(boltUri, 600_000, false, { source, env: { FLOOR_MODE: 'driver', FLOOR_QUERY: query } }),
    },
  ];
  for (const { api: floor } of floors) await floor.start();
  return floors;
}

/**
 * The path request's floor (issue 13): node:http running the API's own path statement
 * (endpointsAndPaths around shortest.cypher, the request's default options) on the raw driver,
 * auto-commit, and writing its one record as JSON, in its own process like the API.
 */
async function pathFloor(boltUri: string): Promise<NamedApi> {
  const options = PathsQuery.parse({ from: 'a', to: 'b', mode: 'shortest' });
  const query = endpointsAndPathsQuery(pathQuery('shortest', options.limit + 1, options.direction, options.maxHops));
  const params = { allowed, types: options.types, asOf: null, avoid: [], avoidKinds: [], limit: options.limit + 1 };
  const source = fileURLToPath(new URL('./floorServer.ts', import.meta.url));
  const env = { FLOOR_MODE: 'driver-paths', FLOOR_QUERY: query, FLOOR_PARAMS: JSON.stringify(params) };
  const api = new Api(boltUri, 600_000, false, { source, env });
  await api.start();
  return { name: 'floor: raw driver behind node:http', api };
}

async function actorRows(db: Database, apis: NamedApi[], ids: string[], connections: number, seconds: number): Promise<string[]> {
  const [query] = actorQueries() as [string];
  const raw = async (i: number) => {
    const session = db.driver.session({ defaultAccessMode: neo4j.session.READ });
    try {
      await session.run(query, { id: ids[i % ids.length], allowed, asOf: null, limit: int(500) });
    } finally {
      await session.close();
    }
  };
  const viaApi = (api: Api) => async (i: number) => {
    await okJson(api, `/api/actors/${ids[i % ids.length]}`);
  };
  // Warm-up of each, not counted: long enough for the JIT on a loaded machine (2 s left the
  // first API measured still compiling).
  await throughput(connections, 5, raw);
  for (const { api } of apis) await throughput(connections, 5, viaApi(api));
  const before = load();
  // Raw, then each API, then raw again: the reference is their mean, so a load that drifts during
  // the run weighs on both sides alike.
  const rawFirst = await throughput(connections, seconds, raw);
  const measured: Throughput[] = [];
  for (const { api } of apis) measured.push(await throughput(connections, seconds, viaApi(api), () => api.cpuSeconds()));
  const rawLast = await throughput(connections, seconds, raw);
  const rawRate = (rawFirst.rate + rawLast.rate) / 2;
  const rawCpu: Throughput = {
    rate: rawRate,
    cpuMs: rawFirst.cpuMs === null || rawLast.cpuMs === null ? null : (rawFirst.cpuMs + rawLast.cpuMs) / 2,
  };
  return apis.map(({ name }, i) => {
    const api = measured[i] as Throughput;
    return `| GET /api/actors/:id, ${connections} connections, ${name} | ${api.rate.toFixed(0)} req/s${cpuText(api)} | raw driver, same Cypher: ${rawRate.toFixed(0)} req/s${cpuText(rawCpu)} | ${(api.rate / rawRate).toFixed(2)}× raw | load ${before} → ${load()} |`;
  });
}

async function pathRows(db: Database, { name, api }: NamedApi, pairs: [string, string][], warmup: [string, string][]): Promise<string[]> {
  const options = PathsQuery.parse({ from: 'a', to: 'b', mode: 'shortest' });
  const query = pathQuery('shortest', options.limit + 1, options.direction, options.maxHops);
  const params = (i: number) => ({
    from: at(i)[0],
    to: at(i)[1],
    allowed,
    types: options.types,
    asOf: null,
    avoid: [],
    avoidKinds: [],
    limit: int(options.limit + 1),
  });
  // The driver's fastest form of one statement (an auto-commit read), as for the actor.
  const raw = async (i: number) => {
    const session = db.driver.session({ defaultAccessMode: neo4j.session.READ });
    try {
      await session.run(query, params(i));
    } finally {
      await session.close();
    }
  };
  const viaApi = async (i: number) => {
    const [from, to] = at(i);
    await okJson(api, `/api/paths?from=${from}&to=${to}&mode=shortest`);
  };
  // Warm-up on other pairs (--path-warmup, 50 by default; 5 before issue 13's fourth round), so
  // the API's path code is compiled by the JIT like the driver's is, without warming Neo4j's
  // caches for the measured pairs.
  const warm = async (work: (i: number) => Promise<void>) => {
    for (let i = 0; i < warmup.length; i++) await work(pairs.length + i);
  };
  const allPairs = [...pairs, ...warmup];
  const at = (i: number) => allPairs[i] as [string, string];
  await warm(raw);
  await warm(viaApi);
  const before = load();
  // CPU per request beside the latencies: the raw driver's in this process, the API process's.
  const cpuPerRequest = (cpu: () => number | null, started: number | null) => {
    const now = cpu();
    return now === null || started === null ? '' : `, ${(((now - started) * 1000) / pairs.length).toFixed(2)} ms CPU/req`;
  };
  const rawCpu = ownCpuSeconds();
  const r = await latencies(pairs.length, raw);
  const rawCpuText = cpuPerRequest(ownCpuSeconds, rawCpu);
  const apiCpu = api.cpuSeconds();
  const a = await latencies(pairs.length, viaApi);
  const apiCpuText = cpuPerRequest(() => api.cpuSeconds(), apiCpu);
  // After the measurement, so writing them costs the measured requests nothing.
  const bodiesFile = option('path-bodies', '');
  if (bodiesFile && name === 'bare') {
    const bodies: string[] = [];
    for (const [from, to] of pairs) bodies.push(JSON.stringify(await okJson(api, `/api/paths?from=${from}&to=${to}&mode=shortest`)));
    await writeFile(bodiesFile, `${bodies.join('\n')}\n`);
  }
  const rows = [
    `| shortest path, ${pairs.length} pairs, warm, p50 / p95, ${name} | ${a.p50.toFixed(1)} / ${a.p95.toFixed(1)} ms${apiCpuText} | raw driver, same Cypher: ${r.p50.toFixed(1)} / ${r.p95.toFixed(1)} ms${rawCpuText} | ${(a.p95 / r.p95).toFixed(2)}× raw (p95) | load ${before} → ${load()} |`,
  ];
  // The rows above are first questions (no pair repeats: random pairs of 10k+ actors, the
  // warm-up's apart). The API keeps the answers of questions asked more than once (paths/router.ts):
  // the same pairs asked once more (kept then; --path-bodies asks them too), then measured (sent as kept), against the raw
  // driver's first-time figures of this run. --skip-path-repeats leaves it out.
  if (!name.startsWith('floor') && !process.argv.includes('--skip-path-repeats')) {
    for (let i = 0; i < pairs.length; i++) await viaApi(i);
    const repeatedBefore = load();
    const cpu = api.cpuSeconds();
    const again = await latencies(pairs.length, viaApi);
    const againCpu = cpuPerRequest(() => api.cpuSeconds(), cpu);
    rows.push(
      `| shortest path, the same ${pairs.length} pairs asked again (kept answers), p50 / p95, ${name} | ${again.p50.toFixed(1)} / ${again.p95.toFixed(1)} ms${againCpu} | raw driver, same Cypher (first time): ${r.p50.toFixed(1)} / ${r.p95.toFixed(1)} ms${rawCpuText} | ${(again.p95 / r.p95).toFixed(2)}× raw (p95) | load ${repeatedBefore} → ${load()} |`,
    );
  }
  return rows;
}

const PYTHON_PAGERANK = `
import sys, time
t = time.time()
edges = [tuple(l.split('\\t')) for l in open(sys.argv[1]).read().splitlines()]
try:
    import igraph
    g = igraph.Graph.TupleList(edges, directed=True)
    g.simplify()
    pr = g.pagerank(damping=0.85)
    lib = 'igraph'
except ImportError:
    import networkx as nx
    g = nx.DiGraph(edges)
    pr = nx.pagerank(g, alpha=0.85, tol=1e-7)
    lib = 'networkx'
print(lib, round(time.time() - t, 3))
`;

const VENV = path.join(repoRoot, '.cache', 'bench-venv');
const VENV_PYTHON = path.join(VENV, 'bin', 'python');

const imports = (python: string, module: string) => spawnSync(python, ['-c', `import ${module}`]).status === 0;

/**
 * The python that runs the reference: the project-local venv (.cache/bench-venv, gitignored)
 * with python-igraph and networkx, made and filled here on first use (pip shows its progress);
 * if that fails, the system python3 with networkx, said so.
 */
function referencePython(): string {
  if (imports(VENV_PYTHON, 'igraph')) return VENV_PYTHON;
  log(`installing the reference (python-igraph, networkx) into ${path.relative(repoRoot, VENV)} ...`);
  const made = existsSync(VENV_PYTHON) || spawnSync('python3', ['-m', 'venv', VENV], { stdio: 'inherit' }).status === 0;
  const installed =
    made &&
    spawnSync(VENV_PYTHON, ['-m', 'pip', 'install', '--progress-bar', 'on', 'igraph', 'networkx'], { stdio: 'inherit' }).status === 0;
  if (installed && imports(VENV_PYTHON, 'igraph')) return VENV_PYTHON;
  log(
    `could not install python-igraph (${made ? 'pip install igraph failed' : 'python3 -m venv failed'}): the reference falls back to networkx of the system python3${imports('python3', 'networkx') ? '' : ', which is missing too (pip install networkx)'}`,
  );
  return 'python3';
}

/** The reference's whole process (start, read the edge file, build, PageRank), timed from outside. */
async function referencePageRank(db: Database): Promise<{ text: string; lib: string; seconds: number | null }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'atlas-pagerank-'));
  try {
    const result = await db.read<{ s: string; t: string }>(
      'MATCH (s)-[r]->(t) WHERE NOT s:Source AND NOT t:Source AND s <> t RETURN s.id AS s, t.id AS t',
    );
    const file = path.join(dir, 'edges.tsv');
    await writeFile(file, result.records.map((r) => `${r.get('s')}\t${r.get('t')}`).join('\n'));
    await writeFile(path.join(dir, 'pagerank.py'), PYTHON_PAGERANK);
    const python = referencePython();
    const started = performance.now();
    const run = spawnSync(python, [path.join(dir, 'pagerank.py'), file], { encoding: 'utf8' });
    const seconds = (performance.now() - started) / 1000;
    if (run.status !== 0) return { text: `python reference failed: ${run.stderr.slice(0, 200)}`, lib: 'python', seconds: null };
    const [lib = 'python', inside] = run.stdout.trim().split(' ');
    return { text: `${lib} whole process ${seconds.toFixed(2)} s (read+build+compute ${inside} s)`, lib, seconds };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function centralityRows(db: Database, api: Api): Promise<string[]> {
  const reference = await referencePageRank(db);
  const rows: string[] = [];
  for (const engine of ['in-process', 'gds']) {
    const url = `/api/centrality?measure=pagerank&engine=${engine}&top=10`;
    const before = load();
    const cold = await latencies(1, async () => void (await okJson(api, url)));
    const warm = await latencies(3, async () => void (await okJson(api, url)));
    const ratio = reference.seconds ? `${(warm.p50 / 1000 / reference.seconds).toFixed(2)}× ${reference.lib} (warm)` : '';
    rows.push(
      `| PageRank, ${engine}, cold / warm (median of 3) | ${(cold.p50 / 1000).toFixed(2)} / ${(warm.p50 / 1000).toFixed(2)} s | ${reference.text} | ${ratio} | load ${before} → ${load()} |`,
    );
  }
  return rows;
}

async function loadGraph(db: Database, actors: number): Promise<{ nodes: number; relationships: number }> {
  await applySchema(db);
  const loaded = await loadSyntheticGraph(db, generateSyntheticGraph({ actors, seed: 1, batchSize: 10_000 }));
  await db.runAutoCommit('CALL db.awaitIndexes(600)');
  log(`loaded in ${loaded.seconds.toFixed(1)} s`);
  return loaded;
}

async function graphSize(db: Database): Promise<{ nodes: number; relationships: number }> {
  const r = await db.read(
    'CALL () { MATCH (n) RETURN count(n) AS nodes } CALL () { MATCH ()-[r]->() RETURN count(r) AS rels } RETURN nodes, rels',
  );
  return { nodes: Number(r.records[0]?.get('nodes')), relationships: Number(r.records[0]?.get('rels')) };
}

async function main(): Promise<void> {
  const size = option('size', '10k');
  const seconds = Number(option('seconds', '10'));
  const connections = Number(option('connections', '10'));
  const pairCount = Number(option('pairs', '200'));
  const actors = parseActorCount(size);
  await checkPrerequisites({ maven: false });
  await ensureNeo4jInstalled({ log });
  const uri = option('uri', '');
  const dataDir = uri ? '' : await mkdtemp(path.join(os.tmpdir(), 'atlas-overhead-neo4j-'));
  const neo4j = uri
    ? undefined
    : await startLocalNeo4j({ boltPort: 0, dataDir, heap: option('heap', '3g'), pageCache: option('pagecache', '2g') });
  const boltUri = uri || (neo4j?.uri as string);
  const db = new Database({ uri: boltUri, queryTimeoutMs: 600_000 });
  const api = new Api(boltUri, 600_000);
  const signedIn = new Api(boltUri, 600_000, true);
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'atlas-overhead-'));
  try {
    const loaded = uri ? await graphSize(db) : await loadGraph(db, actors);
    log(`${size}: ${loaded.nodes} nodes, ${loaded.relationships} relationships`);
    await ensureBenchUser(db);
    await api.start();
    await signedIn.start();
    await signedIn.signIn(BENCH_USER.username, BENCH_USER.password);
    const apis = [
      { name: 'bare', api },
      { name: 'signed in', api: signedIn },
    ];
    const plan = syntheticPlan(actors);
    const ids = randomActors(1000, actors, plan, 7);
    const ends = randomActors(pairCount * 2, actors, plan, 11);
    const pairs = Array.from({ length: pairCount }, (_, i): [string, string] => [ends[2 * i] as string, ends[2 * i + 1] as string]).filter(
      ([a, b]) => a !== b,
    );
    const rows: string[] = [];
    const keep = (measured: string[]) => {
      for (const row of measured) log(row); // shown at once, so a later failure loses nothing
      rows.push(...measured);
    };
    if (!process.argv.includes('--skip-actor')) {
      const floors = process.argv.includes('--skip-floor') ? [] : await floorServers(boltUri, api, ids, scratch);
      try {
        keep(await actorRows(db, [...apis, ...floors], ids, connections, seconds));
      } finally {
        for (const { api: floor } of floors) await floor.stop();
      }
    }
    const warmEnds = randomActors(Number(option('path-warmup', '50')) * 2, actors, plan, 13);
    const warmPairs = Array.from({ length: warmEnds.length / 2 }, (_, i): [string, string] => [
      warmEnds[2 * i] as string,
      warmEnds[2 * i + 1] as string,
    ]).filter(([a, b]) => a !== b);
    if (!process.argv.includes('--skip-paths')) {
      const floor = process.argv.includes('--skip-floor') ? [] : [await pathFloor(boltUri)];
      try {
        for (const named of [...apis, ...floor]) keep(await pathRows(db, named, pairs, warmPairs));
      } finally {
        for (const { api: server } of floor) await server.stop();
      }
    }
    if (!process.argv.includes('--skip-centrality')) keep(await centralityRows(db, api));
    console.log(`\n${size} actors (${loaded.nodes} nodes, ${loaded.relationships} relationships), ${os.cpus().length} CPUs`);
    console.log('| measure | API | reference, same run | ratio | load average (1/5/15 min) |\n| --- | --- | --- | --- | --- |');
    for (const row of rows) console.log(row);
  } finally {
    await api.stop();
    await signedIn.stop();
    if (neo4j) await dropGdsGraphs(db).catch(() => {});
    await db.close();
    await neo4j?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    await rm(scratch, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`[overhead] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
